// EORTC Lung Cancer Group consensus 2019: synchronous oligometastatic NSCLC, evaluated on the
// staging at presentation (clinical-reference 2.1, computable rule items 1–8 [D]).
// Source: Dingemans A-MC, Hendriks LEL, Berghmans T, et al. J Thorac Oncol 2019;14:2109–2119.
import { addCalendarMonths } from "../../dates/calendar.ts";
import {
  brainImaging,
  Criteria,
  diffuseText,
  hasModality,
  lesionsText,
  noImaging,
  plural,
} from "./common.ts";
import type { DefinitionPreset } from "./types.ts";

export const EORTC_LCG_2019: DefinitionPreset = {
  id: "eortc-lcg-2019",
  name: "EORTC Lung Cancer Group 2019 (synchronous oligometastatic NSCLC)",
  version: "2019.1",
  source:
    "Dingemans A-MC, et al. Definition of synchronous oligometastatic non-small cell lung cancer — a consensus report. J Thorac Oncol 2019;14(12):2109–2119 (clinical-reference 2.1)",
  summary:
    "NSCLC with distant metastases at presentation (≤6 months from diagnosis): ≤5 metastases in ≤3 organs, no diffuse serosal/bone-marrow disease, FDG-PET-CT and brain imaging done, radical treatment of all sites feasible",
  evaluatedAt: "presentation",
  evaluate: (ctx) => {
    const p = ctx.patient;
    // item 1: NSCLC only
    if (p.primary.site !== "nsclc") {
      return {
        result: "not_applicable",
        reasons: [`primary is ${p.primary.site}, not NSCLC`],
        warnings: [],
        at: null,
      };
    }
    if (ctx.index === undefined) return noImaging(ctx.options.asOf);
    const first = ctx.history.find((a) => a.tp.state.kind !== "no_distant");
    if (first === undefined) {
      return {
        result: "not_applicable",
        reasons: ["no distant metastases documented"],
        warnings: [],
        at: null,
      };
    }
    const dx = p.primary.diagnosisDate;
    if (dx === undefined) {
      return {
        result: "not_applicable",
        reasons: [
          "primary.diagnosisDate is missing: presentation (≤6 months from diagnosis) cannot be determined",
        ],
        warnings: ["record primary.diagnosisDate to evaluate the EORTC-LCG definition"],
        at: null,
      };
    }
    const limit = addCalendarMonths(dx, 6); // 1.4.3 applied to "at presentation"
    const tp = first.tp;
    if (tp.date > limit) {
      return {
        result: "not_applicable",
        reasons: [
          `first distant metastases on ${tp.date}, after ${limit} (> 6 months from diagnosis ${dx}): metachronous, not at presentation`,
        ],
        warnings: [],
        at: tp.date,
      };
    }
    const criteria = new Criteria();
    const reasons = criteria.reasons;
    reasons.push(`presentation: first metastatic staging ${tp.date} ≤ 6 months from diagnosis ${dx}`);
    const warnings: string[] = [];
    // item 2: diffuse serosal disease or diffuse bone-marrow involvement
    criteria.check(
      tp.state.kind !== "diffuse",
      tp.state.kind === "diffuse"
        ? `diffuse disease (${diffuseText(tp)})`
        : "no diffuse serosal or bone-marrow disease",
    );
    // items 3–4: ≤5 metastases, ≤3 organs; mediastinal (regional) nodes not counted
    const n = tp.state.countable.length;
    criteria.check(n <= 5, `${lesionsText(n)} ≤ 5 (mediastinal/regional nodes not counted)`);
    const organs = tp.state.organs;
    criteria.check(
      organs.length <= 3,
      `${plural(organs.length, "organ", "organs")}${organs.length > 0 ? ` (${organs.join(", ")})` : ""} ≤ 3`,
    );
    // item 5: FDG-PET-CT and brain imaging mandatory
    criteria.check(
      hasModality(tp, "fdg_pet_ct"),
      `FDG-PET-CT in the staging work-up: ${hasModality(tp, "fdg_pet_ct") ? "yes" : "no"}`,
    );
    const brain = brainImaging(tp);
    if (brain === "mri") criteria.check(true, "brain MRI in the staging work-up: yes");
    else if (brain === "ct_contrast") {
      criteria.check(true, "brain imaging in the staging work-up: contrast CT");
      warnings.push("brain imaging was contrast CT; MRI preferred (EORTC-LCG 2019)");
    } else
      criteria.check(
        false,
        `brain imaging (MRI, or contrast CT) in the staging work-up: ${brain === "ct" ? "CT without contrast only" : "no"}`,
      );
    // item 6: radical treatment of all sites feasible (clinician field)
    const j = first.judgement;
    if (j?.radicalTreatmentFeasible === undefined) {
      criteria.check(
        false,
        "radical treatment of all sites feasible: not recorded (judgements[].radicalTreatmentFeasible)",
      );
    } else {
      criteria.check(
        j.radicalTreatmentFeasible,
        `radical treatment of all sites feasible (judgement of ${j.date}): ${j.radicalTreatmentFeasible ? "yes" : "no"}`,
      );
    }
    // item 7: warnings only
    if (n === 1) {
      const only = tp.state.countable[0];
      const l = only?.lesion;
      if (l !== undefined) {
        if (l.biopsy !== "malignant" && j?.biopsyWaiverByMdt !== true) {
          warnings.push(
            `solitary metastasis ${l.id} (${l.organ ?? ""}) without pathological confirmation and without a documented MDT waiver`,
          );
        }
        if (l.organ === "liver" && !tp.studies.some((s) => s.modality === "mri" && s.region === "liver")) {
          warnings.push(`solitary liver metastasis ${l.id} without dedicated liver MRI`);
        }
        if (l.organ === "pleura" && j?.thoracoscopyPerformed !== true) {
          warnings.push(`solitary pleural lesion ${l.id} without thoracoscopy`);
        }
      }
    }
    if (ctx.index.tp !== tp && first.tp.state.kind === "polymetastatic") {
      warnings.push(
        "polymetastatic at presentation: stays not met even if systemic therapy later induces an oligometastatic state",
      );
    }
    return { result: criteria.met ? "met" : "not_met", reasons, warnings, at: tp.date };
  },
};
