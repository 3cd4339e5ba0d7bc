// DVH metrics by a small grammar (clinical-reference §4.1 semantics):
//   Dmin | Dmax | Dmean                 dose statistics (Gy) of the part inside the dose grid
//   D<x>%   e.g. D99%, D0.5%            minimum dose to the hottest x % of the structure (Gy)
//   D<x>cc  e.g. D0.03cc, D2cc          minimum dose to the hottest x cc (Gy)
//   V<x>Gy  e.g. V20Gy                  volume receiving ≥ x Gy (cc)
//   V<x>Gy% e.g. V20Gy%                 the same in % of the structure volume
//   HI                                  homogeneity index (D2% − D98%) / D50%, ICRU Report 83 (2010)
// D and V look-ups interpolate linearly on the cumulative curve, never the nearest bin. Names are
// case-insensitive ("d95%", "v20gy") and printed back in the canonical form above.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import type { DvhQuery } from "./types.ts";

export type DvhMetric =
  | { readonly kind: "dmin" }
  | { readonly kind: "dmax" }
  | { readonly kind: "dmean" }
  | { readonly kind: "dose_at_volume_percent"; readonly percent: number }
  | { readonly kind: "dose_at_volume_cc"; readonly volumeCc: number }
  | { readonly kind: "volume_cc_at_dose"; readonly doseGy: number }
  | { readonly kind: "volume_percent_at_dose"; readonly doseGy: number }
  | { readonly kind: "homogeneity_index" };

const NUMBER = "(\\d+(?:\\.\\d+)?|\\.\\d+)";
const PATTERNS: readonly [RegExp, (x: number) => DvhMetric][] = [
  [new RegExp(`^D${NUMBER}%$`, "i"), (x) => ({ kind: "dose_at_volume_percent", percent: x })],
  [new RegExp(`^D${NUMBER}cc$`, "i"), (x) => ({ kind: "dose_at_volume_cc", volumeCc: x })],
  [new RegExp(`^V${NUMBER}Gy%$`, "i"), (x) => ({ kind: "volume_percent_at_dose", doseGy: x })],
  [new RegExp(`^V${NUMBER}Gy(?:cc)?$`, "i"), (x) => ({ kind: "volume_cc_at_dose", doseGy: x })],
];

/** Parses one metric name; `path` names the input in issues. */
export function parseDvhMetric(text: string, path = "metric"): Result<DvhMetric> {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === "dmin") return ok({ kind: "dmin" });
  if (lower === "dmax") return ok({ kind: "dmax" });
  if (lower === "dmean") return ok({ kind: "dmean" });
  if (lower === "hi") return ok({ kind: "homogeneity_index" });
  for (const [re, make] of PATTERNS) {
    const m = re.exec(t);
    if (m === null) continue;
    const x = Number(m[1]);
    const metric = make(x);
    if (metric.kind === "dose_at_volume_percent" && x > 100) {
      return fail([
        issue("dvh_metric_invalid", path, `"${t}": a volume percentage must be between 0 and 100`),
      ]);
    }
    return ok(metric);
  }
  return fail([
    issue(
      "dvh_metric_invalid",
      path,
      `"${t}" is not a DVH metric; use Dmin, Dmax, Dmean, D<x>% (e.g. D95%), D<x>cc (e.g. D0.03cc), V<x>Gy (cc, e.g. V20Gy), V<x>Gy% (percent) or HI`,
    ),
  ]);
}

/** Parses a comma-separated list ("D99%,D95%,D0.03cc,V20Gy"), reporting every bad entry. */
export function parseDvhMetricList(text: string, path = "metrics"): Result<readonly DvhMetric[]> {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) return fail([issue("dvh_metric_invalid", path, "no metric given")]);
  const out: DvhMetric[] = [];
  const issues: Issue[] = [];
  names.forEach((n, i) => {
    const r = parseDvhMetric(n, `${path}[${i}]`);
    if (r.ok) out.push(r.value);
    else issues.push(...r.issues);
  });
  return issues.length > 0 ? fail(issues) : ok(out);
}

/** The canonical name of a metric (the key used in reports). */
export function dvhMetricName(m: DvhMetric): string {
  switch (m.kind) {
    case "dmin":
      return "Dmin";
    case "dmax":
      return "Dmax";
    case "dmean":
      return "Dmean";
    case "dose_at_volume_percent":
      return `D${m.percent}%`;
    case "dose_at_volume_cc":
      return `D${m.volumeCc}cc`;
    case "volume_cc_at_dose":
      return `V${m.doseGy}Gy`;
    case "volume_percent_at_dose":
      return `V${m.doseGy}Gy%`;
    case "homogeneity_index":
      return "HI";
  }
}

/** Unit of a metric's value: "Gy", "cc", "%" or "" (an index). */
export function dvhMetricUnit(m: DvhMetric): "Gy" | "cc" | "%" | "" {
  switch (m.kind) {
    case "volume_cc_at_dose":
      return "cc";
    case "volume_percent_at_dose":
      return "%";
    case "homogeneity_index":
      return "";
    default:
      return "Gy";
  }
}

/** Evaluates a metric; NaN when it cannot be known (e.g. a volume beyond the part inside the grid). */
export function evaluateDvhMetric(m: DvhMetric, q: DvhQuery): number {
  switch (m.kind) {
    case "dmin":
      return q.minGy;
    case "dmax":
      return q.maxGy;
    case "dmean":
      return q.meanGy;
    case "dose_at_volume_percent":
      return q.doseAtVolumePercent(m.percent);
    case "dose_at_volume_cc":
      return q.doseAtVolumeCc(m.volumeCc);
    case "volume_cc_at_dose":
      return q.volumeAtDoseCc(m.doseGy);
    case "volume_percent_at_dose":
      return q.volumeAtDosePercent(m.doseGy);
    case "homogeneity_index":
      return homogeneityIndex(q);
  }
}

/** Homogeneity index (D2% − D98%) / D50%, ICRU Report 83 (2010); 0 for a perfectly uniform dose. */
export function homogeneityIndex(q: DvhQuery): number {
  const d50 = q.doseAtVolumePercent(50);
  if (!(d50 > 0)) return Number.NaN;
  return (q.doseAtVolumePercent(2) - q.doseAtVolumePercent(98)) / d50;
}
