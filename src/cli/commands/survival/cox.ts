// `oligoscope survival cox --csv FILE --time COL --event COL --covariates a,b,c [...]`
// Cox proportional hazards model on a CSV file (docs/cli/survival-cox.md). The `survival` group
// (src/cli/commands/survival.ts) mounts this subcommand with `register(group, io)`.
import type { Command } from "commander";
import { type CoxAnalysisReport, type CoxAnalysisRequest, coxAnalysis } from "../../../app/index.ts";
import { type CliIo, InputError, UsageError } from "../../io.ts";
import {
  ciLabel,
  fmt,
  fmtP,
  list,
  numberOption,
  parseConfType,
  parseDelimiter,
  readCsvText,
  reportJson,
  table,
} from "./options.ts";

type CoxCliOptions = {
  csv?: string;
  delimiter?: string;
  time?: string;
  event?: string;
  eventValue?: string[];
  covariates?: string;
  categorical?: string;
  reference?: string[];
  levels?: string[];
  strata?: string;
  cluster?: string;
  weights?: string;
  ties?: string;
  robust?: boolean;
  confLevel?: string;
  maxIter?: string;
  eps?: string;
  allowInfinite?: boolean;
  zph?: boolean;
  predict?: string;
  times?: string;
  confType?: string;
  json?: boolean;
};

/** "name=value" pairs; the value may itself contain commas (for --levels). */
function pairs(option: string, items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq <= 0 || eq === item.length - 1)
      throw new UsageError(`${option} expects COLUMN=VALUE (got "${item}")`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

/** "age=60,sex=2" → record (values without commas). */
function profilePairs(text: string): Record<string, string> {
  return pairs("--predict", list(text));
}

export function formatCoxReport(r: CoxAnalysisReport): string {
  const f = r.fit;
  const out: string[] = [];
  out.push(`Cox proportional hazards model${r.source ? ` — ${r.source}` : ""}`);
  const dropped =
    r.nDropped > 0
      ? ` (${r.nDropped} row${r.nDropped === 1 ? "" : "s"} dropped for missing values${r.droppedLines.length > 0 ? `, CSV line${r.droppedLines.length === 1 ? "" : "s"} ${r.droppedLines.join(", ")}${r.nDropped > r.droppedLines.length ? ", …" : ""}` : ""})`
      : "";
  out.push(`  n = ${r.n}, events = ${f.nEvents}${dropped}`);
  out.push(`  event: ${r.eventCoding}`);
  const variance = f.robust
    ? `robust sandwich${r.cluster ? ` (${r.cluster.count} clusters of '${r.cluster.column}')` : " (each row its own cluster)"}`
    : "model-based (inverse information)";
  out.push(
    `  ties: ${f.ties === "efron" ? "Efron" : "Breslow"}; variance: ${variance}${r.weights ? `; weights: '${r.weights}'` : ""}`,
  );
  if (r.strata)
    out.push(`  strata: '${r.strata.column}' (${r.strata.labels.length}: ${r.strata.labels.join(", ")})`);
  out.push("");
  const ci = ciLabel(f.confLevel);
  const header = [
    "term",
    "HR",
    ci,
    "coef",
    f.robust ? "robust se" : "se(coef)",
    ...(f.robust ? ["se(coef)"] : []),
    "z",
    "p",
    "meaning",
  ];
  const rows = r.coefficients.map((c) => [
    c.term,
    fmt(c.hr),
    `${fmt(c.hrLower)} – ${fmt(c.hrUpper)}`,
    fmt(c.coef),
    fmt(c.se),
    ...(f.robust ? [fmt(c.naiveSe ?? Number.NaN)] : []),
    fmt(c.z, 3),
    fmtP(c.p),
    c.meaning,
  ]);
  out.push(
    table(header, rows, [false, true, true, true, true, ...(f.robust ? [true] : []), true, true, false]),
  );
  out.push("");
  if (f.concordance) out.push(`  Concordance: ${fmt(f.concordance.c, 3)} (se ${fmt(f.concordance.se, 3)})`);
  const test = (name: string, t: { stat: number; df: number; p: number }): string =>
    `  ${name.padEnd(24)}${fmt(t.stat).padStart(8)} on ${t.df} df, p = ${fmtP(t.p)}`;
  out.push(test("Likelihood ratio test:", f.lrTest));
  out.push(test(`Wald test${f.robust ? " (robust)" : ""}:`, f.waldTest));
  out.push(test("Score (log-rank) test:", f.scoreTest));
  if (f.robustScoreTest) out.push(test("Robust score test:", f.robustScoreTest));
  out.push(
    `  Log-likelihood: ${fmt(f.loglik, 6)} (null model ${fmt(f.loglikNull, 6)}); ${f.iterations} Newton–Raphson iteration${f.iterations === 1 ? "" : "s"}`,
  );
  for (const w of f.warnings) out.push(`  WARNING: ${w.path ? `${w.path}: ` : ""}${w.message}`);

  if (r.zph) {
    out.push("");
    out.push("Proportional hazards test (cox.zph, transform = KM)");
    out.push(
      table(
        ["term", "chisq", "df", "p"],
        r.zph.rows.map((name, k) => [name, fmt(r.zph!.chisq[k]!), String(r.zph!.df[k]!), fmtP(r.zph!.p[k]!)]),
        [false, true, true, true],
      ),
    );
  }
  if (r.prediction) {
    const pr = r.prediction;
    out.push("");
    const profile = Object.entries(pr.profile)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ");
    out.push(
      `Predicted survival for ${profile} (relative risk ${fmt(pr.risk)} vs the centring values; ${pr.confType} CI)`,
    );
    for (const c of pr.curves) {
      if (c.stratum !== undefined) out.push(`  stratum ${r.strata?.column}=${c.stratum}`);
      out.push(
        table(
          ["time", "n.risk", "survival", "std.err", ci],
          c.atTimes.map((a) => [
            fmt(a.time, 6),
            fmt(a.nRisk, 6),
            fmt(a.surv),
            fmt(a.stdErr),
            `${fmt(a.lower)} – ${fmt(a.upper)}`,
          ]),
          [true, true, true, true, true],
        ),
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/** The report as JSON (reportJson's conventions), without the per-row linear predictors. */
export function coxReportJson(r: CoxAnalysisReport): string {
  const { linearPredictors: _lp, ...fit } = r.fit;
  return reportJson({ ...r, fit });
}

export function register(survival: Command, io: CliIo): void {
  survival
    .command("cox")
    .description(
      "Cox proportional hazards model: hazard ratios with CIs, tests, concordance; optional PH test and predicted survival",
    )
    .requiredOption("--csv <file>", "CSV file with a header row (RFC 4180 quoting)")
    .option(
      "--delimiter <char>",
      "field separator: ',' (default), ';' (European Excel), 'tab' or '\\t', or another single character; decimal commas are not converted",
    )
    .requiredOption("--time <column>", "follow-up time column (event or censoring time, ≥ 0)")
    .requiredOption("--event <column>", "status column")
    .option(
      "--event-value <value...>",
      "status value(s) meaning event; default: R's coding (0/1, 1/2 with 2 = event, TRUE/FALSE)",
    )
    .requiredOption("--covariates <list>", "comma-separated covariate columns, e.g. age,sex,ecog")
    .option(
      "--categorical <list>",
      "covariates holding categories (one indicator per level against the reference)",
    )
    .option(
      "--reference <column=level...>",
      "reference level of a categorical covariate (default: first in R's order)",
    )
    .option("--levels <column=a,b,c...>", "full level order of a categorical covariate, first = reference")
    .option("--strata <column>", "stratify: a separate baseline hazard per value of this column")
    .option(
      "--cluster <column>",
      "cluster column (e.g. centre or patient id): robust sandwich variance over clusters",
    )
    .option(
      "--weights <column>",
      "case-weight column (> 0); fractional weights switch the robust variance on, as R",
    )
    .option("--ties <method>", "efron (default, as R) | breslow")
    .option("--robust", "robust sandwich variance even without --cluster (each row its own cluster)")
    .option(
      "--conf-level <level>",
      "confidence level of the hazard-ratio and survival intervals (default 0.95)",
    )
    .option("--max-iter <n>", "Newton–Raphson iteration limit (default 20, as R)")
    .option("--eps <eps>", "convergence: relative change of the log-likelihood (default 1e-9, as R)")
    .option(
      "--allow-infinite",
      "report a fit with an infinite coefficient (monotone likelihood) with a warning instead of an error",
    )
    .option("--zph", "test proportional hazards (R's cox.zph, Kaplan–Meier time transform)")
    .option(
      "--predict <profile>",
      "predicted survival for covariate values, e.g. age=60,sex=2,celltype=adeno (a strata value picks one curve)",
    )
    .option(
      "--times <list>",
      "times for the predicted survival table, e.g. 365,730,1095 (default: a grid to the last event)",
    )
    .option("--conf-type <type>", "predicted survival CI: log (default, as R) | log-log | plain")
    .option(
      "--json",
      "print the full report as JSON (coefficients, variance matrix, tests, concordance, curves)",
    )
    .addHelpText(
      "after",
      `
Rows missing a value in any used column are dropped (as R's na.omit) and counted. Column names are
R's: a categorical covariate celltype with reference squamous gives celltypesmallcell, … The model,
its defaults and the tests match R survival's coxph (see docs/survival.md, "Cox model").
Examples:
  oligoscope survival cox --csv lung.csv --time time --event status --covariates age,sex,ph.ecog
  oligoscope survival cox --csv veteran.csv --time time --event status --covariates trt,karno,celltype \\
      --categorical celltype --reference celltype=squamous --zph
  oligoscope survival cox --csv lung.csv --time time --event status --event-value 2 \\
      --covariates age,sex --strata ph.ecog --cluster inst --predict age=60,sex=2 --times 180,365,730
Exit codes: 0 fitted, 1 invalid input or a model that cannot be estimated (named), 2 wrong usage.`,
    )
    .action((opts: CoxCliOptions) => {
      const ties = opts.ties ?? "efron";
      if (ties !== "efron" && ties !== "breslow")
        throw new UsageError(`--ties must be efron or breslow (got "${ties}")`);
      const confType = parseConfType(opts.confType);
      if ((opts.times !== undefined || opts.confType !== undefined) && opts.predict === undefined) {
        throw new UsageError("--times and --conf-type apply to --predict: give the profile with --predict");
      }
      const confLevel = numberOption(
        "--conf-level",
        opts.confLevel,
        (v) => v > 0 && v < 1,
        "a number between 0 and 1, e.g. 0.95",
      );
      const maxIterations = numberOption(
        "--max-iter",
        opts.maxIter,
        (v) => Number.isInteger(v) && v >= 1,
        "an integer ≥ 1",
      );
      const eps = numberOption(
        "--eps",
        opts.eps,
        (v) => v > 0 && v < 1,
        "a number between 0 and 1, e.g. 1e-9",
      );
      const times = list(opts.times).map((t) => {
        const v = Number(t);
        if (!Number.isFinite(v) || v < 0) throw new InputError(`--times: "${t}" is not a time ≥ 0`);
        return v;
      });
      const levels: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(pairs("--levels", opts.levels ?? []))) levels[k] = list(v);
      const text = readCsvText(opts.csv!);
      const progress = (iteration: number, loglik: number): void => {
        const line = `cox: iteration ${iteration}, log-likelihood ${fmt(loglik, 8)}`;
        io.stderr.write(io.interactive ? `\r${line}` : `${line}\n`);
      };
      const large = text.length > 5_000_000;
      const delimiter = parseDelimiter(opts.delimiter);
      const request: CoxAnalysisRequest = {
        csvText: text,
        source: opts.csv!,
        ...(delimiter !== undefined ? { delimiter } : {}),
        time: opts.time!,
        event: opts.event!,
        ...(opts.eventValue ? { eventValues: opts.eventValue } : {}),
        covariates: list(opts.covariates),
        categorical: list(opts.categorical),
        reference: pairs("--reference", opts.reference ?? []),
        levels,
        ...(opts.strata ? { strata: opts.strata } : {}),
        ...(opts.cluster ? { cluster: opts.cluster } : {}),
        ...(opts.weights ? { weights: opts.weights } : {}),
        ties,
        ...(opts.robust ? { robust: true } : {}),
        ...(confLevel !== undefined ? { confLevel } : {}),
        ...(maxIterations !== undefined ? { maxIterations } : {}),
        ...(eps !== undefined ? { eps } : {}),
        ...(opts.allowInfinite ? { allowInfinite: true } : {}),
        ...(opts.zph ? { zph: true } : {}),
        ...(opts.predict !== undefined ? { profile: profilePairs(opts.predict) } : {}),
        ...(times.length > 0 ? { times } : {}),
        ...(confType !== undefined ? { confType } : {}),
        ...(large
          ? { onIteration: (p: { iteration: number; loglik: number }) => progress(p.iteration, p.loglik) }
          : {}),
      };
      const result = coxAnalysis(request);
      if (large && io.interactive) io.stderr.write("\n");
      if (!result.ok) throw new InputError(`Cox model on ${opts.csv}:`, result.issues);
      io.stdout.write(opts.json ? coxReportJson(result.value) : formatCoxReport(result.value));
    });
}
