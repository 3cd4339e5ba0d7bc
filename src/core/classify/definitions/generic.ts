// Generic numeric definitions ≤3 and ≤5 distant metastases, evaluated at the index date
// (clinical-reference 2.3: ≤3 common trial convention, e.g. Gomez 2016/2019 and UK CtE; ≤5 ESTRO-ASTRO 2020, SABR-COMET).
import { compact, diffuseText, incompleteWarning, lesionsText, noImaging } from "./common.ts";
import type { DefinitionPreset } from "./types.ts";

function generic(maxLesions: number, id: string, source: string): DefinitionPreset {
  return {
    id,
    name: `Generic ≤${maxLesions} metastases`,
    version: "2020.1",
    source,
    summary: `1–${maxLesions} countable distant metastases at the index date, no diffuse disease`,
    evaluatedAt: "index",
    evaluate: (ctx) => {
      const a = ctx.index;
      if (a === undefined) return noImaging(ctx.options.asOf);
      const tp = a.tp;
      const n = tp.state.countable.length;
      const warnings = compact([incompleteWarning(tp)]);
      if (tp.state.kind === "diffuse") {
        return {
          result: "not_met",
          reasons: [`diffuse disease on ${tp.date}: ${diffuseText(tp)}`],
          warnings,
          at: tp.date,
        };
      }
      if (n === 0) {
        return {
          result: "not_met",
          reasons: [`no viable distant metastasis on ${tp.date}`],
          warnings,
          at: tp.date,
        };
      }
      if (n > maxLesions) {
        return {
          result: "not_met",
          reasons: [`${lesionsText(n)} > ${maxLesions} on ${tp.date}`],
          warnings,
          at: tp.date,
        };
      }
      return {
        result: "met",
        reasons: [`${lesionsText(n)} ≤ ${maxLesions} on ${tp.date}, no diffuse disease`],
        warnings,
        at: tp.date,
      };
    },
  };
}

export const GENERIC_3 = generic(
  3,
  "generic-3",
  "Common trial convention, e.g. Gomez DR, et al. J Clin Oncol 2019;37:1558–1565; NHS England CtE (clinical-reference 2.3)",
);
export const GENERIC_5 = generic(
  5,
  "generic-5",
  "Lievens Y, et al. Radiother Oncol 2020;148:157–166; Palma DA, et al. Lancet 2019;393:2051–2058 (clinical-reference 2.3)",
);
