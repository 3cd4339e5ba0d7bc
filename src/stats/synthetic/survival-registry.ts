/**
 * Synthetic survival registry for benchmarks: the portable generator of docs/survival-generator.md
 * (shared spec; bit-identical to its R and JavaScript reference implementations, checked by SHA-256
 * of the canonical bytes in the test). Per subject i, 16 uniforms u[0..15] of splitmix64 (outputs
 * 16i … 16i + 15), ten covariates, a Weibull proportional-hazards event time (shape 1.5, scale
 * 3000 days), exponential loss to follow-up and uniform administrative censoring, times in whole
 * days (heavily tied, like a registry that stores dates). Pure: the seed is a parameter.
 */
import { pexp, plog } from "./portable-math.ts";
import { SplitMix64 } from "./splitmix64.ts";

/** The columns in canonical order (spec step 6). */
export const SURVIVAL_REGISTRY_COLUMNS = [
  "id",
  "site",
  "age",
  "female",
  "ecog",
  "n_mets",
  "biomarker",
  "lab",
  "sbrt",
  "driver",
  "histology",
  "noise",
  "time",
  "status",
] as const;

export type SurvivalRegistryColumn = (typeof SURVIVAL_REGISTRY_COLUMNS)[number];

/** The ten covariates of the linear predictor, in the order of β. */
export const SURVIVAL_REGISTRY_COVARIATES = [
  "age",
  "female",
  "ecog",
  "n_mets",
  "biomarker",
  "lab",
  "sbrt",
  "driver",
  "histology",
  "noise",
] as const;

/** True log hazard ratios of the covariates (spec step 5), same order as the covariates. */
export const SURVIVAL_REGISTRY_BETA: readonly number[] = [
  0.02, -0.2, 0.35, 0.15, 0.3, -0.1, -0.4, -0.5, 0.1, 0,
];

/** The default seed of the spec's hash table. */
export const SURVIVAL_REGISTRY_SEED = 20260101;

/** n rows as columns (every column a Float64Array, as hashed), plus typed views for the estimators. */
export type SurvivalRegistry = {
  readonly n: number;
  readonly columns: Readonly<Record<SurvivalRegistryColumn, Float64Array>>;
  /** site code 0 … 3 (the Kaplan–Meier group) */
  readonly siteCode: Int32Array;
  /** 1 = event, 0 = censored */
  readonly status: Uint8Array;
  /** the ten covariates, column-major n × 10 in SURVIVAL_REGISTRY_COVARIATES order */
  readonly covariates: Float64Array;
};

/** Generates n subjects from an unsigned 64-bit seed (bigint, or a safe integer ≥ 0). */
export function generateSurvivalRegistry(
  n: number,
  seed: bigint | number = SURVIVAL_REGISTRY_SEED,
): SurvivalRegistry {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
  if (typeof seed === "number" && (!Number.isSafeInteger(seed) || seed < 0))
    throw new RangeError(`seed must be an integer in 0 … 2^53 − 1 (or a bigint), got ${seed}`);
  const col = (): Float64Array => new Float64Array(n);
  const columns = {
    id: col(),
    site: col(),
    age: col(),
    female: col(),
    ecog: col(),
    n_mets: col(),
    biomarker: col(),
    lab: col(),
    sbrt: col(),
    driver: col(),
    histology: col(),
    noise: col(),
    time: col(),
    status: col(),
  };
  const siteCode = new Int32Array(n);
  const status = new Uint8Array(n);
  const covariates = new Float64Array(10 * n);
  const rng = new SplitMix64(seed);
  const u = new Float64Array(16);
  const x = new Float64Array(10);
  const beta = SURVIVAL_REGISTRY_BETA;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 16; k++) u[k] = rng.nextUniform(); // slots 14 and 15 are drawn, not used
    const site = Math.floor(4 * u[10]!);
    x[0] = 30 + 60 * u[0]!; // age
    x[1] = u[1]! < 0.5 ? 1 : 0; // female
    x[2] = Math.floor(4 * u[2]!); // ecog
    x[3] = 1 + Math.floor(5 * u[3]!); // n_mets
    x[4] = 0.5 * plog(u[4]! / (1 - u[4]!)); // biomarker: logistic
    x[5] = -plog(u[5]!); // lab: exponential
    x[6] = u[6]! < 0.4 ? 1 : 0; // sbrt
    x[7] = u[7]! < 0.25 ? 1 : 0; // driver
    x[8] = Math.floor(3 * u[8]!); // histology
    x[9] = u[9]!; // noise
    let lp = 0;
    for (let k = 0; k < 10; k++) lp = lp + beta[k]! * x[k]!;
    const ev = 3000 * pexp((plog(-plog(u[11]!)) - lp) / 1.5); // Weibull PH, shape 1.5, days
    const loss = 10000 * -plog(u[12]!);
    const admin = 730 + 1826 * u[13]!;
    const censor = Math.min(loss, admin);
    const event = ev <= censor ? 1 : 0;
    columns.id[i] = i + 1;
    columns.site[i] = site;
    columns.age[i] = x[0]!;
    columns.female[i] = x[1]!;
    columns.ecog[i] = x[2]!;
    columns.n_mets[i] = x[3]!;
    columns.biomarker[i] = x[4]!;
    columns.lab[i] = x[5]!;
    columns.sbrt[i] = x[6]!;
    columns.driver[i] = x[7]!;
    columns.histology[i] = x[8]!;
    columns.noise[i] = x[9]!;
    columns.time[i] = Math.ceil(event === 1 ? ev : censor);
    columns.status[i] = event;
    siteCode[i] = site;
    status[i] = event;
    for (let k = 0; k < 10; k++) covariates[k * n + i] = x[k]!;
  }
  return { n, columns, siteCode, status, covariates };
}

/** Canonical bytes (spec step 6): the 14 columns in order, each n float64 little-endian values. */
export function survivalRegistryBytes(registry: SurvivalRegistry): Uint8Array {
  const n = registry.n;
  const out = new Float64Array(14 * n);
  SURVIVAL_REGISTRY_COLUMNS.forEach((name, c) => {
    out.set(registry.columns[name], c * n);
  });
  const bytes = new Uint8Array(out.buffer);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes; // host is little-endian
  const view = new DataView(out.buffer);
  for (let k = 0; k < out.length; k++) view.setFloat64(8 * k, out[k]!, true);
  return bytes;
}
