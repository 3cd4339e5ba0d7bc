// What a DICOM file is and how it links to the others, so that files can be given in any order:
// RTDOSE -> RTPLAN (Referenced RT Plan Sequence, PS3.3 C.8.8.3), RTPLAN -> RTSTRUCT (Referenced Structure
// Set Sequence, C.8.8.9), and the Frame of Reference that dose and structures must share.
import { type Issue, ok, type Result } from "../../core/index.ts";
import { type DicomNode, readItems, readString, rootNode } from "./dataset-reader.ts";
import { T } from "./dicom-tags.ts";
import { guarded } from "./guard.ts";
import { parseDicomBytes } from "./parse-dataset.ts";
import { type DicomKind, kindOf, sopClassName } from "./sop-classes.ts";

export type DicomIdentity = {
  readonly kind: DicomKind;
  readonly sopClassUid?: string;
  /** e.g. "RT Dose Storage" when the SOP class is one the plan check knows */
  readonly sopClassName?: string;
  readonly modality?: string;
  readonly sopInstanceUid?: string;
  readonly studyInstanceUid?: string;
  readonly seriesInstanceUid?: string;
  /** the file's Frame of Reference (for RTSTRUCT: the first of Referenced Frame of Reference Sequence) */
  readonly frameOfReferenceUid?: string;
  readonly patientId?: string;
  /** RTPLAN label or RTSTRUCT label when present */
  readonly label?: string;
  /** RTDOSE: SOP Instance UIDs of the plans it belongs to */
  readonly referencedRtPlanUids: readonly string[];
  /** RTPLAN: SOP Instance UIDs of its structure sets */
  readonly referencedStructureSetUids: readonly string[];
  readonly transferSyntaxUid: string;
  readonly hasPart10Header: boolean;
  readonly warnings: readonly Issue[];
};

function referencedUids(root: DicomNode, sequence: (typeof T)[keyof typeof T], warnings: Issue[]): string[] {
  return readItems(root, sequence, warnings)
    .map((item) => readString(item, T.ReferencedSOPInstanceUID, warnings))
    .filter((u): u is string => u !== undefined);
}

/** Identifies a DICOM file (kind, UIDs, references). Errors only when the bytes are not readable DICOM. */
export function identifyDicom(bytes: Uint8Array): Result<DicomIdentity> {
  return guarded(() => {
    const parsed = parseDicomBytes(bytes);
    if (!parsed.ok) return parsed;
    const { dataSet, text, transferSyntax, hasPart10Header } = parsed.value;
    const warnings: Issue[] = [...parsed.value.warnings];
    const root = rootNode(dataSet, text.decoder);
    const sopClassUid = readString(root, T.SOPClassUID, warnings);
    const modality = readString(root, T.Modality, warnings);
    const kind = kindOf(sopClassUid, modality);
    const name = sopClassName(sopClassUid);
    const frameOfReferenceUid =
      readString(root, T.FrameOfReferenceUID, warnings) ??
      readItems(root, T.ReferencedFrameOfReferenceSequence, warnings)
        .map((item) => readString(item, T.FrameOfReferenceUID, warnings))
        .find((u) => u !== undefined);
    const label =
      kind === "rtplan"
        ? (readString(root, T.RTPlanLabel, warnings) ?? readString(root, T.RTPlanName, warnings))
        : kind === "rtstruct"
          ? readString(root, T.StructureSetLabel, warnings)
          : undefined;
    const optional = {
      sopClassUid,
      sopClassName: name,
      modality,
      sopInstanceUid: readString(root, T.SOPInstanceUID, warnings),
      studyInstanceUid: readString(root, T.StudyInstanceUID, warnings),
      seriesInstanceUid: readString(root, T.SeriesInstanceUID, warnings),
      frameOfReferenceUid,
      patientId: readString(root, T.PatientID, warnings),
      label,
    };
    return ok({
      kind,
      ...definedOnly(optional),
      referencedRtPlanUids:
        kind === "rtdose" ? referencedUids(root, T.ReferencedRTPlanSequence, warnings) : [],
      referencedStructureSetUids:
        kind === "rtplan" ? referencedUids(root, T.ReferencedStructureSetSequence, warnings) : [],
      transferSyntaxUid: transferSyntax.uid,
      hasPart10Header,
      warnings,
    });
  });
}

/** Drops undefined members so that optional properties are absent rather than undefined. */
function definedOnly<O extends object>(o: O): { [K in keyof O]?: Exclude<O[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof O]?: Exclude<O[K], undefined>;
  };
}
