// ESTRO-ASTRO consensus 2020, evaluated at the index date (clinical-reference 2.2, computable rule [D]).
// Source: Lievens Y, Guckenberger M, Gomez D, et al. Radiother Oncol 2020;148:157–166.
import {
  brainImagingWarning,
  Criteria,
  compact,
  diffuseText,
  incompleteWarning,
  lesionsText,
  noImaging,
} from "./common.ts";
import type { DefinitionPreset } from "./types.ts";

export const ESTRO_ASTRO_2020: DefinitionPreset = {
  id: "estro-astro-2020",
  name: "ESTRO-ASTRO 2020",
  version: "2020.1",
  source:
    "Lievens Y, et al. Defining oligometastatic disease from a radiation oncology perspective: an ESTRO-ASTRO consensus document. Radiother Oncol 2020;148:157–166 (clinical-reference 2.2)",
  summary:
    "At the index date: 1–5 countable metastases (brain included, no organ limit), no diffuse disease, all sites safely treatable with curative-intent RT; controlled primary optional",
  evaluatedAt: "index",
  evaluate: (ctx) => {
    const a = ctx.index;
    if (a === undefined) return noImaging(ctx.options.asOf);
    const tp = a.tp;
    const criteria = new Criteria();
    const reasons = criteria.reasons;
    // 2.2 item 1: diffuse disease cannot be "lesions" safely treated
    criteria.check(
      tp.state.kind !== "diffuse",
      tp.state.kind === "diffuse" ? `diffuse disease (${diffuseText(tp)})` : "no diffuse disease",
    );
    // 2.2 item 2: 1–5 metastatic lesions, brain counts, no organ limit
    const n = tp.state.countable.length;
    criteria.check(n >= 1 && n <= 5, `${lesionsText(n)} on ${tp.date}, 1–5 required`);
    // 2.2 item 3: all sites safely treatable (clinician field, mandatory)
    const j = a.judgement;
    if (j?.allSitesSafelyTreatable === undefined) {
      criteria.check(
        false,
        "all metastatic sites safely treatable with curative-intent RT: not recorded (judgements[].allSitesSafelyTreatable is mandatory)",
      );
    } else {
      criteria.check(
        j.allSitesSafelyTreatable,
        `all metastatic sites safely treatable (judgement of ${j.date}): ${j.allSitesSafelyTreatable ? "yes" : "no"}`,
      );
    }
    // 2.2 item 4: primary control recorded, not required
    reasons.push(
      `controlled primary optional: primary status ${ctx.patient.primary.status ?? "not recorded"}`,
    );
    const warnings = compact([brainImagingWarning(ctx.patient, tp), incompleteWarning(tp)]);
    return { result: criteria.met ? "met" : "not_met", reasons, warnings, at: tp.date };
  },
};
