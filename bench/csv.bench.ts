// Speed of reading a survival CSV (src/interop/csv): parse + typed column extraction, at 10 k, 100 k
// and 1 M rows of the synthetic registry of docs/survival-generator.md (seed 20260101), written as
// a typical registry export: 14 columns (id, site, age with 1 decimal, 0/1 and small-integer
// covariates, biomarker/lab/noise with 2–3 decimals, whole-day times, 0/1 status). At 1 M rows the
// same table with every double written in full (17 significant digits, as JavaScript's String())
// is read too: the worst case for number conversion.
//   parse        parseCsv: the whole text → field offsets
//   km columns   survivalColumns with time, status and a group (what `survival km --group` reads)
//   cox columns  survivalColumns with time, status and the 10 numeric covariates
//   CLI km       `oligoscope survival km --group site` end to end in a child process (1 M only)
// Goal (issue 3 follow-up): parse + extraction of a 1 M-row survival CSV < 1.5 s.
// Median of several runs after warm-up; wall and CPU (the machine is shared: CPU is the steadier).
// When `Rscript` is on the PATH, R's utils::read.csv reads the same file (timed in R with
// system.time; R's read.csv converts every column, there is no lazy mode).
// Run: npm run bench -- csv   (sizes: CSV_BENCH_SIZES=10000,100000; CSV_BENCH_R=0 skips R)

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsv, type SurvivalCsvSpec, survivalColumns } from "../src/interop/index.ts";
import {
  generateSurvivalRegistry,
  SURVIVAL_REGISTRY_COLUMNS,
  SURVIVAL_REGISTRY_COVARIATES,
  SURVIVAL_REGISTRY_SEED,
  type SurvivalRegistry,
} from "../src/stats/index.ts";
import { fmtS, fmtT, note, type Timing, timeRuns } from "./support/timing.ts";

const GOAL_S = 1.5; // parse + extraction of a 1 M-row survival CSV (issue 3 follow-up brief)
const sizes = (process.env.CSV_BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const useR =
  process.env.CSV_BENCH_R !== "0" && spawnSync("Rscript", ["--version"], { encoding: "utf8" }).status === 0;

/** Fixed decimals per column of the typical export (whole numbers for codes and days). */
const DECIMALS: Partial<Record<(typeof SURVIVAL_REGISTRY_COLUMNS)[number], number>> = {
  age: 1,
  biomarker: 3,
  lab: 2,
  noise: 3,
};

function csvText(g: SurvivalRegistry, full: boolean): string {
  const cols = SURVIVAL_REGISTRY_COLUMNS.map((name) => {
    const d = full ? undefined : DECIMALS[name];
    const values = g.columns[name];
    return d === undefined ? (i: number) => String(values[i]) : (i: number) => values[i]!.toFixed(d);
  });
  const parts: string[] = [`${SURVIVAL_REGISTRY_COLUMNS.join(",")}\n`];
  for (let i = 0; i < g.n; i++) parts.push(`${cols.map((f) => f(i)).join(",")}\n`);
  return parts.join("");
}

const KM_SPEC: SurvivalCsvSpec = { time: "time", event: "status", group: "site" };
const COX_SPEC: SurvivalCsvSpec = { time: "time", event: "status", covariates: SURVIVAL_REGISTRY_COVARIATES };

function mustParse(text: string) {
  const t = parseCsv(text);
  if (!t.ok) throw new Error(`parse failed: ${JSON.stringify(t.issues.slice(0, 3))}`);
  return t.value;
}

const R_SCRIPT = `
args <- commandArgs(TRUE)
runs <- as.integer(args[2])
t <- sapply(seq_len(runs), function(i) { gc(); s <- system.time(d <- utils::read.csv(args[1])); c(s[["elapsed"]], s[["user.self"]] + s[["sys.self"]]) })
d <- utils::read.csv(args[1])
cat("version", R.version$major, R.version$minor, "\\n")
cat("time", sprintf("%.6f", median(t[1, ])), sprintf("%.6f", median(t[2, ])), "\\n")
cat("check", nrow(d), ncol(d), sprintf("%.17g", sum(d$time)), sum(d$status), "\\n")
`;

function runR(
  dir: string,
  file: string,
  runs: number,
): { t: Timing; version: string; check: string } | undefined {
  const script = join(dir, "read.R");
  writeFileSync(script, R_SCRIPT);
  const r = spawnSync("Rscript", ["--vanilla", script, file, String(runs)], { encoding: "utf8" });
  if (r.status !== 0) {
    console.log(`R failed (exit ${r.status}): ${r.stderr.trim().split("\n").slice(-2).join(" / ")}`);
    return undefined;
  }
  const line = (k: string) =>
    r.stdout
      .split("\n")
      .find((l) => l.startsWith(`${k} `))
      ?.slice(k.length + 1)
      .trim() ?? "";
  const [wall, cpu] = line("time").split(/\s+/).map(Number);
  return { t: { wall: wall!, cpu: cpu! }, version: line("version").replace(" ", "."), check: line("check") };
}

const dir = mkdtempSync(join(tmpdir(), "oligoscope-csv-bench-"));
try {
  console.log(
    `CSV reading bench — synthetic registry (seed ${SURVIVAL_REGISTRY_SEED}), 14 columns; Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const cases: { n: number; full: boolean }[] = sizes.map((n) => ({ n, full: false }));
  if (sizes.includes(1_000_000)) cases.push({ n: 1_000_000, full: true });
  for (const { n, full } of cases) {
    note(`generating ${n} rows${full ? " (full precision)" : ""}`);
    const g = generateSurvivalRegistry(n, SURVIVAL_REGISTRY_SEED);
    const text = csvText(g, full);
    const file = join(dir, `registry-${n}${full ? "-full" : ""}.csv`);
    writeFileSync(file, text);
    const mb = statSync(file).size / 1e6;
    const runs = n >= 1_000_000 ? 3 : 5;
    const warm = n >= 1_000_000 ? 1 : 3;
    const table = mustParse(text);
    const check = survivalColumns(table, KM_SPEC);
    if (!check.ok || check.value.n !== n) throw new Error("km columns failed");
    const parse = timeRuns(() => mustParse(text), warm, runs);
    const km = timeRuns(() => survivalColumns(table, KM_SPEC), warm, runs);
    const cox = timeRuns(() => survivalColumns(table, COX_SPEC), warm, runs);
    const kmTotal = { wall: parse.wall + km.wall, cpu: parse.cpu + km.cpu };
    const coxTotal = { wall: parse.wall + cox.wall, cpu: parse.cpu + cox.cpu };
    console.log(`\n${n} rows${full ? ", every double in full (17 digits)" : ""}: ${mb.toFixed(1)} MB`);
    console.log(
      `  parse                 ${fmtT(parse)}   ${(mb / parse.cpu).toFixed(0)} MB/s, ${(n / parse.cpu / 1e6).toFixed(2)} M rows/s (CPU)`,
    );
    console.log(`  km columns (3)        ${fmtT(km)}`);
    console.log(`  cox columns (12)      ${fmtT(cox)}`);
    console.log(
      `  parse + km columns    ${fmtT(kmTotal)}   ${(mb / kmTotal.cpu).toFixed(0)} MB/s, ${(n / kmTotal.cpu / 1e6).toFixed(2)} M rows/s (CPU)`,
    );
    console.log(
      `  parse + cox columns   ${fmtT(coxTotal)}   ${(mb / coxTotal.cpu).toFixed(0)} MB/s, ${(n / coxTotal.cpu / 1e6).toFixed(2)} M rows/s (CPU)`,
    );
    if (n === 1_000_000)
      console.log(
        `  goal parse + extraction < ${GOAL_S} s: km ${kmTotal.cpu < GOAL_S ? "met" : "NOT met"} (${fmtS(kmTotal.cpu)} CPU), cox ${coxTotal.cpu < GOAL_S ? "met" : "NOT met"} (${fmtS(coxTotal.cpu)} CPU)`,
      );
    if (n === 1_000_000 && !full) {
      note("CLI survival km end to end");
      const t0 = performance.now();
      const cli = spawnSync(
        process.execPath,
        [
          "bin/oligoscope.js",
          "survival",
          "km",
          "--csv",
          file,
          "--time",
          "time",
          "--event",
          "status",
          "--group",
          "site",
        ],
        { encoding: "utf8", maxBuffer: 1 << 26 },
      );
      const wall = (performance.now() - t0) / 1000;
      console.log(
        `  CLI survival km --group site (whole process: start, read file, parse, KM, report): ${fmtS(wall)} wall, exit ${cli.status}`,
      );
    }
    if (useR) {
      note(`R utils::read.csv on ${n} rows`);
      const r = runR(dir, file, n >= 1_000_000 ? 2 : 3);
      if (r !== undefined) {
        const sumTime = g.columns.time.reduce((a, b) => a + b, 0);
        const events = g.columns.status.reduce((a, b) => a + b, 0);
        console.log(
          `  R ${r.version} utils::read.csv ${fmtT(r.t)}   (R / Oligoscope parse + cox columns: ${(r.t.cpu / coxTotal.cpu).toFixed(1)}× CPU; check: R rows, columns, Σtime, Σstatus = ${r.check}; ours ${n} 14 ${sumTime} ${events})`,
        );
      }
    }
    rmSync(file);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
