// RT Plan / RT Ion Plan (RTPLAN) to prescription facts, DICOM PS3.3 A.20/A.49 with the modules C.8.8.9
// (RT General Plan), C.8.8.10 (RT Prescription: Dose Reference Sequence) and C.8.8.13 (RT Fraction Scheme).
// Only what the plan check needs: label, number of fractions, target prescription doses.
import { fail, type Issue, issue, ok, type PlanInfo, type Result } from "../../core/index.ts";
import { readDecimal, readInteger, readItems, readString, rootNode } from "./dataset-reader.ts";
import { T } from "./dicom-tags.ts";
import { guarded } from "./guard.ts";
import { type ParsedDicom, parseDicomBytes } from "./parse-dataset.ts";
import { describeObject, kindOf } from "./sop-classes.ts";

export type RtPlanRead = PlanInfo & {
  /** non-fatal findings (several fraction groups or prescriptions, no prescription): show them */
  readonly warnings: readonly Issue[];
};

type Target = PlanInfo["targets"][number];

/** Reads an RTPLAN file. Never throws: every problem is an issue in the Result. */
export function readRtPlan(bytes: Uint8Array): Result<RtPlanRead> {
  return guarded(() => {
    const parsed = parseDicomBytes(bytes);
    if (!parsed.ok) return parsed;
    return readParsedRtPlan(parsed.value);
  });
}

/** Structure types that describe a target volume rather than a point (PS3.3 C.8.8.10: Dose Reference Structure Type). */
const VOLUME_TYPES = new Set(["VOLUME", "SITE"]);

function readParsedRtPlan(parsed: ParsedDicom): Result<RtPlanRead> {
  const root = rootNode(parsed.dataSet, parsed.text.decoder);
  const errors: Issue[] = [];
  const warnings: Issue[] = [...parsed.warnings];

  const sopClassUid = readString(root, T.SOPClassUID, warnings);
  const modality = readString(root, T.Modality, warnings);
  if (kindOf(sopClassUid, modality) !== "rtplan") {
    return fail([
      issue(
        "dicom_not_rtplan",
        sopClassUid ? T.SOPClassUID.keyword : T.Modality.keyword,
        `expected an RT Plan (RTPLAN) but this file is ${describeObject(sopClassUid, modality)}`,
      ),
    ]);
  }
  const label = readString(root, T.RTPlanLabel, warnings) ?? readString(root, T.RTPlanName, warnings);

  // Fraction scheme (C.8.8.13): Number of Fractions Planned per fraction group.
  const groups = readItems(root, T.FractionGroupSequence, warnings);
  const fractionsPerGroup: (number | undefined)[] = [];
  for (const g of groups) {
    const n = readInteger(g, T.NumberOfFractionsPlanned, errors);
    if (n !== undefined && !(Number.isInteger(n) && n >= 1)) {
      errors.push(
        issue(
          "dicom_invalid_attribute",
          `${g.path}.NumberOfFractionsPlanned`,
          `NumberOfFractionsPlanned (300A,0078) must be a whole number of at least 1, found ${n}`,
        ),
      );
    }
    fractionsPerGroup.push(n);
  }
  const fractions = fractionsPerGroup[0];
  if (groups.length === 0) {
    warnings.push(
      issue(
        "dicom_no_fraction_scheme",
        T.FractionGroupSequence.keyword,
        "the plan has no FractionGroupSequence (300A,0070): number of fractions unknown",
      ),
    );
  } else if (fractions === undefined) {
    warnings.push(
      issue(
        "dicom_missing_attribute",
        `${T.FractionGroupSequence.keyword}[0].NumberOfFractionsPlanned`,
        "NumberOfFractionsPlanned (300A,0078) is empty: number of fractions unknown",
      ),
    );
  }
  if (groups.length > 1) {
    warnings.push(
      issue(
        "dicom_multiple_fraction_groups",
        T.FractionGroupSequence.keyword,
        `the plan has ${groups.length} fraction groups (fractions ${fractionsPerGroup.map((f) => f ?? "?").join(", ")}); fractions holds the first group's number`,
      ),
    );
  }

  // Prescription (C.8.8.10): Dose Reference items of type TARGET with their Target Prescription Dose (Gy).
  const targets: Target[] = [];
  for (const item of readItems(root, T.DoseReferenceSequence, warnings)) {
    const type = readString(item, T.DoseReferenceType, warnings);
    if (type !== "TARGET") continue;
    const dose = readDecimal(item, T.TargetPrescriptionDose, errors);
    if (dose !== undefined && !(dose > 0)) {
      errors.push(
        issue(
          "dicom_invalid_attribute",
          `${item.path}.TargetPrescriptionDose`,
          `TargetPrescriptionDose (300A,0026) must be a positive dose in Gy, found ${dose}`,
        ),
      );
      continue;
    }
    const roiNumber = readInteger(item, T.ReferencedROINumber, warnings);
    const structureType = readString(item, T.DoseReferenceStructureType, warnings);
    const description = readString(item, T.DoseReferenceDescription, warnings);
    targets.push({
      ...(roiNumber !== undefined ? { roiNumber } : {}),
      ...(dose !== undefined ? { prescriptionDoseGy: dose } : {}),
      ...(structureType !== undefined ? { structureType } : {}),
      ...(description !== undefined ? { description } : {}),
    });
  }
  if (errors.length > 0) return fail(errors);

  const prescriptionDoseGy = choosePrescription(targets, warnings);
  return ok({
    kind: "plan",
    ...(label !== undefined ? { label } : {}),
    ...(fractions !== undefined ? { fractions } : {}),
    ...(prescriptionDoseGy !== undefined ? { prescriptionDoseGy } : {}),
    targets,
    warnings,
  });
}

/**
 * The plan's prescription dose: the target prescription of VOLUME/SITE targets (as dicompyler-core does),
 * else of point targets; with several different values the highest, with a warning listing them.
 */
function choosePrescription(targets: readonly Target[], warnings: Issue[]): number | undefined {
  const dosed = targets.filter((t) => t.prescriptionDoseGy !== undefined);
  const volumes = dosed.filter((t) => VOLUME_TYPES.has(t.structureType ?? ""));
  const pool = volumes.length > 0 ? volumes : dosed;
  const doses = [...new Set(pool.map((t) => t.prescriptionDoseGy as number))];
  if (doses.length === 0) {
    warnings.push(
      issue(
        "dicom_no_prescription",
        T.DoseReferenceSequence.keyword,
        "the plan states no TargetPrescriptionDose (300A,0026) for a TARGET dose reference: prescription dose unknown",
      ),
    );
    return undefined;
  }
  const highest = Math.max(...doses);
  if (doses.length > 1) {
    warnings.push(
      issue(
        "dicom_multiple_prescriptions",
        T.DoseReferenceSequence.keyword,
        `the plan has several target prescription doses (${doses.join(", ")} Gy); prescriptionDoseGy holds the highest, ${highest} Gy`,
      ),
    );
  }
  return highest;
}
