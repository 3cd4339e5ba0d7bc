/**
 * Pointwise confidence intervals of a survival curve from the standard error of −log S, as R's
 * survfit (conf.type "plain", "log", "log-log"):
 *   plain:   S ± z·S·se, clipped to [0, 1]
 *   log:     exp(log S ± z·se), upper capped at 1
 *   log-log: exp(−exp(log(−log S) ± z·se/log S))   (lower uses +, since log S < 0)
 * Undefined (NaN) where S = 0 (every type) and, for log-log, where S = 1; plain and log give 1/1 at
 * S = 1 (survival package 3.5-3, survfit_confint).
 */
import { normalQuantile } from "./distributions.ts";
import type { ConfType } from "./survival-types.ts";

export type ConfidenceBand = { readonly lower: Float64Array; readonly upper: Float64Array };

/** z for a two-sided interval of the given level (0.95 → 1.959963984540054). */
export function zForLevel(confLevel: number): number {
  return normalQuantile(1 - (1 - confLevel) / 2);
}

/** Pointwise band of S from se(−log S). */
export function survivalBand(
  surv: Float64Array,
  stdErrLogSurv: Float64Array,
  confType: ConfType,
  confLevel = 0.95,
): ConfidenceBand {
  const z = zForLevel(confLevel);
  const n = surv.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = surv[i]!;
    const se = stdErrLogSurv[i]!;
    let lo = Number.NaN;
    let hi = Number.NaN;
    if (s > 0 && Number.isFinite(se)) {
      if (confType === "plain") {
        lo = Math.max(0, s - z * s * se);
        hi = Math.min(1, s + z * s * se);
      } else if (confType === "log") {
        lo = Math.exp(Math.log(s) - z * se);
        hi = Math.min(1, Math.exp(Math.log(s) + z * se));
      } else if (s < 1) {
        const logS = Math.log(s);
        const ll = Math.log(-logS);
        lo = Math.exp(-Math.exp(ll - (z * se) / logS));
        hi = Math.exp(-Math.exp(ll + (z * se) / logS));
      }
    }
    lower[i] = lo;
    upper[i] = hi;
  }
  return { lower, upper };
}
