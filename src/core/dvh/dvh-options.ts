// Settings of the DVH engine, their defaults (documented in docs/dvh.md) and their validation.
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { END_CAPS, type EndCap, SLICE_INTEGRATIONS, type SliceIntegration } from "./slice-weights.ts";

export type DvhOptions = {
  /** extension of a structure beyond its first and last contour plane (default "half": half a slice, as Nelms et al. 2015) */
  readonly endCap: EndCap;
  /** integration between contour planes (default "cubic": exact for spheres, cones and cylinders; "slab": stacked slabs) */
  readonly sliceIntegration: SliceIntegration;
  /** wanted samples across an ROI's characteristic half-width 2·area/perimeter (default 8) */
  readonly samplesAcross: number;
  /** pieces along the plane normal are thin enough that the dose changes by at most this much across one (Gy, default 0.5) */
  readonly maxDoseStepGy: number;
  /** largest sub-voxel factor per in-plane axis (default 16) */
  readonly maxSupersampling: number;
  /** sample budget per ROI; supersampling is reduced to stay within it (default 4 000 000) */
  readonly maxSamplesPerRoi: number;
  /** histogram bin width (Gy); default: 1, 2 or 5 × 10^k giving ~10 000 bins up to the grid's max dose, at most 0.01 Gy */
  readonly binWidthGy?: number;
};

export const DEFAULT_DVH_OPTIONS: DvhOptions = {
  endCap: "half",
  sliceIntegration: "cubic",
  samplesAcross: 8,
  maxDoseStepGy: 0.5,
  maxSupersampling: 16,
  maxSamplesPerRoi: 4_000_000,
};

/** Fills defaults and checks every field; returns every problem found. */
export function resolveDvhOptions(input: Partial<DvhOptions> = {}): Result<DvhOptions> {
  const o = { ...DEFAULT_DVH_OPTIONS, ...dropUndefined(input) };
  const issues: Issue[] = [];
  if (!END_CAPS.includes(o.endCap)) {
    issues.push(
      issue(
        "dvh_option_invalid",
        "endCap",
        `endCap must be one of ${END_CAPS.join(", ")}, got "${o.endCap}"`,
      ),
    );
  }
  if (!SLICE_INTEGRATIONS.includes(o.sliceIntegration)) {
    issues.push(
      issue(
        "dvh_option_invalid",
        "sliceIntegration",
        `sliceIntegration must be one of ${SLICE_INTEGRATIONS.join(", ")}, got "${o.sliceIntegration}"`,
      ),
    );
  }
  if (!(o.samplesAcross >= 1 && o.samplesAcross <= 1000)) {
    issues.push(
      issue("dvh_option_invalid", "samplesAcross", `samplesAcross must be 1…1000, got ${o.samplesAcross}`),
    );
  }
  if (!(o.maxDoseStepGy > 0 && o.maxDoseStepGy <= 100)) {
    issues.push(
      issue(
        "dvh_option_invalid",
        "maxDoseStepGy",
        `maxDoseStepGy must be > 0 and ≤ 100 Gy, got ${o.maxDoseStepGy}`,
      ),
    );
  }
  if (!Number.isInteger(o.maxSupersampling) || o.maxSupersampling < 1 || o.maxSupersampling > 64) {
    issues.push(
      issue(
        "dvh_option_invalid",
        "maxSupersampling",
        `maxSupersampling must be a whole number 1…64, got ${o.maxSupersampling}`,
      ),
    );
  }
  if (!(o.maxSamplesPerRoi >= 1000)) {
    issues.push(
      issue(
        "dvh_option_invalid",
        "maxSamplesPerRoi",
        `maxSamplesPerRoi must be at least 1000, got ${o.maxSamplesPerRoi}`,
      ),
    );
  }
  if (o.binWidthGy !== undefined && !(o.binWidthGy >= 1e-5 && o.binWidthGy <= 1)) {
    issues.push(
      issue(
        "dvh_option_invalid",
        "binWidthGy",
        `binWidthGy must be between 0.00001 and 1 Gy, got ${o.binWidthGy}`,
      ),
    );
  }
  return issues.length > 0 ? fail(issues) : ok(o);
}

function dropUndefined<T extends object>(x: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(x)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
