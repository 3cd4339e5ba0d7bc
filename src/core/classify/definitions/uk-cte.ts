// NHS England Commissioning through Evaluation (CtE) SABR eligibility 2015–2019, at the index date
// (clinical-reference 2.3). Sources: Chalkidou A, et al. Lancet Oncol 2021;22:98–106 [C];
// University Hospitals Bristol CtE SABR referral criteria [C].
import { addCalendarMonths } from "../../dates/calendar.ts";
import { Criteria, compact, diffuseText, incompleteWarning, noImaging, plural } from "./common.ts";
import type { DefinitionPreset } from "./types.ts";

const RT_TYPES: ReadonlySet<string> = new Set(["sbrt", "srs", "conventional_rt"]);

export const UK_CTE: DefinitionPreset = {
  id: "uk-cte",
  name: "UK NHS England CtE SABR (2015–2019)",
  version: "2021.1",
  source:
    "Chalkidou A, et al. Lancet Oncol 2021;22:98–106; University Hospitals Bristol CtE SABR referral criteria (clinical-reference 2.3)",
  summary:
    "At the index date: 1–3 extracranial metastases, disease-free interval >6 months (except synchronous colorectal liver metastases), WHO PS ≤2, life expectancy ≥6 months, confirmed primary carcinoma, size ≤6 cm (≤5 cm lung/liver), no prior RT to the lesion",
  evaluatedAt: "index",
  evaluate: (ctx) => {
    const a = ctx.index;
    if (a === undefined) return noImaging(ctx.options.asOf);
    const tp = a.tp;
    const p = ctx.patient;
    const criteria = new Criteria();
    const reasons = criteria.reasons;
    const warnings = compact([incompleteWarning(tp)]);
    criteria.check(
      tp.state.kind !== "diffuse",
      tp.state.kind === "diffuse" ? `diffuse disease (${diffuseText(tp)})` : "no diffuse disease",
    );
    // 1–3 extracranial metastases (UK CtE excludes intracranial disease, clinical-reference 2.4)
    const extracranial = tp.state.countable.filter((t) => t.lesion.organ !== "brain");
    const brain = tp.state.countable.length - extracranial.length;
    criteria.check(
      extracranial.length >= 1 && extracranial.length <= 3,
      `${plural(extracranial.length, "extracranial metastasis", "extracranial metastases")}, 1–3 required`,
    );
    if (brain > 0)
      warnings.push(
        `${plural(brain, "brain metastasis", "brain metastases")} not counted (CtE covered extracranial SABR only); check eligibility`,
      );
    // disease-free interval > 6 months: primary diagnosis to the first distant metastases (not to the
    // index date: a synchronous presentation keeps a short DFI), except synchronous colorectal liver metastases
    const dx = p.primary.diagnosisDate;
    const firstMet = ctx.history.find((h) => h.tp.state.kind !== "no_distant")?.tp ?? tp;
    if (dx === undefined || p.primary.site === "unknown_primary") {
      criteria.check(false, "disease-free interval >6 months: primary.diagnosisDate not recorded");
    } else {
      const limit = addCalendarMonths(dx, 6);
      const firstOrgans = firstMet.state.countable.filter((t) => t.lesion.organ !== "brain");
      const crcLiver =
        p.primary.site === "colorectal" &&
        firstOrgans.length > 0 &&
        firstOrgans.every((t) => t.lesion.organ === "liver");
      const fact = `diagnosis ${dx}, first distant metastases ${firstMet.date}`;
      if (firstMet.date > limit)
        criteria.check(true, `disease-free interval >6 months: ${fact} (after ${limit})`);
      else if (crcLiver)
        criteria.check(
          true,
          `synchronous colorectal liver metastases (exception to the 6-month interval): ${fact}`,
        );
      else criteria.check(false, `disease-free interval >6 months: ${fact} (not after ${limit})`);
    }
    const ecog = p.performanceStatus?.ecog;
    criteria.check(
      ecog !== undefined && ecog <= 2,
      `WHO performance status ≤2: ${ecog === undefined ? "not recorded (performanceStatus.ecog)" : ecog}`,
    );
    const le = a.judgement?.lifeExpectancyAtLeast6Months;
    criteria.check(
      le === true,
      `life expectancy ≥6 months: ${le === undefined ? "not recorded (judgements[].lifeExpectancyAtLeast6Months)" : le ? "yes" : "no"}`,
    );
    // confirmed primary carcinoma
    const site = p.primary.site;
    const notCarcinoma = site === "melanoma" || site === "sarcoma" || site === "unknown_primary";
    const basis = p.primary.diagnosisDateBasis;
    const confirmed =
      basis === "histology" ||
      basis === "cytology" ||
      (basis === undefined && (p.primary.histology !== undefined || p.primary.icdO3Morphology !== undefined));
    criteria.check(
      !notCarcinoma && confirmed,
      `confirmed primary carcinoma: ${notCarcinoma ? `${site} is not a carcinoma` : confirmed ? `${site}, ${basis ?? p.primary.histology ?? p.primary.icdO3Morphology}` : "no histological/cytological confirmation recorded"}`,
    );
    // size ≤6 cm, ≤5 cm for lung or liver
    const tooBig: string[] = [];
    const unsized: string[] = [];
    for (const t of extracranial) {
      const l = t.lesion;
      const max = l.organ === "lung" || l.organ === "liver" ? 50 : 60;
      if (l.sizeMm === undefined) unsized.push(l.id);
      else if (l.sizeMm > max) tooBig.push(`${l.id} ${l.organ ?? ""} ${l.sizeMm} mm > ${max} mm`);
    }
    criteria.check(
      tooBig.length === 0,
      tooBig.length === 0
        ? "every metastasis ≤6 cm (≤5 cm lung/liver)"
        : `size limit exceeded: ${tooBig.join("; ")}`,
    );
    if (unsized.length > 0)
      warnings.push(`size not recorded for ${unsized.join(", ")}: size limit not checked`);
    // no prior radiotherapy to the PTV
    const irradiated = extracranial.filter((t) =>
      p.localTherapies.some(
        (lt) => RT_TYPES.has(lt.type) && lt.start < tp.startDate && lt.targetLesionIds.includes(t.lesion.id),
      ),
    );
    criteria.check(
      irradiated.length === 0,
      irradiated.length === 0
        ? "no prior radiotherapy to a current lesion"
        : `prior radiotherapy to ${irradiated.map((t) => t.lesion.id).join(", ")}`,
    );
    warnings.push(
      "site-specific CtE criteria not checked (liver: Child-Pugh A, >700 cc normal liver, bilirubin, INR, ALT, platelets; lung: peripheral location; adrenal: systemic therapy stopped ≥4 weeks)",
    );
    return { result: criteria.met ? "met" : "not_met", reasons, warnings, at: tp.date };
  },
};
