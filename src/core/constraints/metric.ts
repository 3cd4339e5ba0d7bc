// Constraint metrics in the vocabulary of clinical-reference §4.1 (implemented exactly):
//   Dmax         maximum point dose: D0.035cc by default (TG-101 defines a "point" as ≤ 0.035 cc [K]),
//                or the true voxel maximum when the evaluation is configured so (and says so)
//   D{v}cc       minimum dose to the hottest v cc (e.g. D0.5cc, D5cc)          value Gy
//   D{p}%        minimum dose to the hottest p % of the structure (e.g. D10%)  value Gy
//   Dmean        mean dose                                                    value Gy
//   V{x}Gy       volume (cc) receiving ≥ x Gy (also written V{x}Gy[cc])         value cc
//   V{x}Gy%      the same in % of the structure volume (also V{x}Gy[%])        value %
//   CV{C}cc      critical volume (parallel organs): at least C cc must receive less than the
//                limit dose; value = volume below the limit dose (cc), pass if ≥ C
// Names are case-insensitive; canonical names are printed back by metricName().
import { fail, issue, ok, type Result } from "../common/result.ts";

export type ConstraintMetric =
  | { readonly kind: "dose_max" }
  | { readonly kind: "dose_at_volume_cc"; readonly volumeCc: number }
  | { readonly kind: "dose_at_volume_percent"; readonly percent: number }
  | { readonly kind: "dose_mean" }
  | { readonly kind: "volume_cc_at_dose"; readonly doseGy: number }
  | { readonly kind: "volume_percent_at_dose"; readonly doseGy: number }
  | { readonly kind: "critical_volume"; readonly volumeCc: number };

const NUMBER = "(\\d+(?:\\.\\d+)?|\\.\\d+)";
const PATTERNS: readonly [RegExp, (x: number) => ConstraintMetric][] = [
  [new RegExp(`^D${NUMBER}\\s*cc$`, "i"), (x) => ({ kind: "dose_at_volume_cc", volumeCc: x })],
  [new RegExp(`^D${NUMBER}\\s*%$`, "i"), (x) => ({ kind: "dose_at_volume_percent", percent: x })],
  [
    new RegExp(`^V${NUMBER}\\s*Gy\\s*(?:%|\\[%\\])$`, "i"),
    (x) => ({ kind: "volume_percent_at_dose", doseGy: x }),
  ],
  [
    new RegExp(`^V${NUMBER}\\s*Gy\\s*(?:cc|\\[cc\\])?$`, "i"),
    (x) => ({ kind: "volume_cc_at_dose", doseGy: x }),
  ],
  [new RegExp(`^CV${NUMBER}\\s*cc$`, "i"), (x) => ({ kind: "critical_volume", volumeCc: x })],
];

const GRAMMAR =
  "use Dmax, D<v>cc (e.g. D0.5cc), D<p>% (e.g. D10%), Dmean, V<x>Gy (cc), V<x>Gy% (percent) or CV<C>cc (critical volume)";

/** Parses a metric name; `path` names the field in issues. */
export function parseMetric(text: string, path = "metric"): Result<ConstraintMetric> {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === "dmax") return ok({ kind: "dose_max" });
  if (lower === "dmean") return ok({ kind: "dose_mean" });
  for (const [re, make] of PATTERNS) {
    const m = re.exec(t);
    if (m === null) continue;
    const x = Number(m[1]);
    const metric = make(x);
    if (!(x > 0)) return fail([issue("metric_invalid", path, `"${t}": the number must be > 0`)]);
    if (metric.kind === "dose_at_volume_percent" && x > 100) {
      return fail([issue("metric_invalid", path, `"${t}": a volume percentage must be at most 100`)]);
    }
    return ok(metric);
  }
  return fail([issue("metric_invalid", path, `"${t}" is not a constraint metric; ${GRAMMAR}`)]);
}

/** The canonical name of a metric ("D0.5cc", "V20Gy%", "CV1500cc" …). */
export function metricName(m: ConstraintMetric): string {
  switch (m.kind) {
    case "dose_max":
      return "Dmax";
    case "dose_at_volume_cc":
      return `D${m.volumeCc}cc`;
    case "dose_at_volume_percent":
      return `D${m.percent}%`;
    case "dose_mean":
      return "Dmean";
    case "volume_cc_at_dose":
      return `V${m.doseGy}Gy`;
    case "volume_percent_at_dose":
      return `V${m.doseGy}Gy%`;
    case "critical_volume":
      return `CV${m.volumeCc}cc`;
  }
}

/** Unit of the metric's limit: Gy for dose metrics and critical volumes (the dose to stay below), cc or % for volume metrics. */
export function limitUnit(m: ConstraintMetric): "Gy" | "cc" | "%" {
  if (m.kind === "volume_cc_at_dose") return "cc";
  if (m.kind === "volume_percent_at_dose") return "%";
  return "Gy";
}

/** Unit of the evaluated value (and of the margin): Gy, cc or %; a critical volume reports cc. */
export function valueUnit(m: ConstraintMetric): "Gy" | "cc" | "%" {
  if (m.kind === "critical_volume" || m.kind === "volume_cc_at_dose") return "cc";
  if (m.kind === "volume_percent_at_dose") return "%";
  return "Gy";
}
