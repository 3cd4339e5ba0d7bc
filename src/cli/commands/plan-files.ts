// Shared by the `dvh` and `plan-check` commands: reading the DICOM files named on the command line,
// the DVH engine options, number formatting and progress on stderr.
import { readFileSync } from "node:fs";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import type { Issue } from "../../core/index.ts";
import { type CliIo, InputError, UsageError } from "../io.ts";

export type PlanFileOptions = {
  dose: string;
  struct: string;
  plan?: string;
  endCap?: string;
  sliceIntegration?: string;
  samplesAcross?: string;
  binWidth?: string;
  curveStep?: string;
  threads?: string;
};

/** Adds --dose, --struct, --plan and the engine options to a command. */
export function addPlanFileOptions(cmd: Command): Command {
  return cmd
    .requiredOption("--dose <file>", "RTDOSE file (dose grid)")
    .requiredOption("--struct <file>", "RTSTRUCT file (contours)")
    .option("--plan <file>", "RTPLAN file (prescription and fractions)")
    .option(
      "--end-cap <rule>",
      "how far a structure extends beyond its first and last contour: none | half (default, half a slice) | full | tapered",
    )
    .option(
      "--slice-integration <rule>",
      "volume between contour planes: cubic (default, smooth shapes) | slab (stacked slabs)",
    )
    .option(
      "--samples-across <n>",
      "in-plane samples across an ROI's half-width (default 8; more is finer and slower)",
    )
    .option(
      "--bin-width <Gy>",
      "histogram bin width in Gy (default: ~10 000 bins up to the maximum dose, at most 0.01)",
    )
    .option(
      "--curve-step <Gy>",
      "dose step of the reported cumulative curves (default: ≤ 1000 points per ROI)",
    )
    .option(
      "--threads <n|auto>",
      "threads for the DVHs: 1 (this one), n ≥ 2 (worker threads; same results) or auto (default: this thread unless the plan is very large)",
    );
}

/** --threads: a whole number ≥ 1 or "auto" (absent = auto). */
export function threadsOption(o: PlanFileOptions): number | "auto" {
  if (o.threads === undefined || o.threads.trim().toLowerCase() === "auto") return "auto";
  const n = Number(o.threads);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`--threads must be a whole number ≥ 1 or auto (got "${o.threads}")`);
  }
  return n;
}

/** Reads a file named by an option, naming the option when it cannot be read. */
export function readInputFile(option: string, path: string): Uint8Array {
  try {
    const b = readFileSync(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (err as Error).message;
    throw new InputError(`${option} "${path}": cannot read the file (${why})`);
  }
}

const positive = (option: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (!Number.isFinite(x) || x <= 0) throw new InputError(`${option} must be a number > 0 (got "${text}")`);
  return x;
};

export type EngineCliOptions = {
  endCap?: "none" | "half" | "full" | "tapered";
  sliceIntegration?: "cubic" | "slab";
  samplesAcross?: number;
  binWidthGy?: number;
};

/** The engine options given on the command line (absent = default). */
export function engineOptions(o: PlanFileOptions): EngineCliOptions {
  const out: EngineCliOptions = {};
  if (o.endCap !== undefined) {
    if (!["none", "half", "full", "tapered"].includes(o.endCap)) {
      throw new UsageError(`--end-cap must be none, half, full or tapered (got "${o.endCap}")`);
    }
    out.endCap = o.endCap as EngineCliOptions["endCap"] & string;
  }
  if (o.sliceIntegration !== undefined) {
    if (!["cubic", "slab"].includes(o.sliceIntegration)) {
      throw new UsageError(`--slice-integration must be cubic or slab (got "${o.sliceIntegration}")`);
    }
    out.sliceIntegration = o.sliceIntegration as EngineCliOptions["sliceIntegration"] & string;
  }
  const samples = positive("--samples-across", o.samplesAcross);
  if (samples !== undefined) out.samplesAcross = samples;
  const bw = positive("--bin-width", o.binWidth);
  if (bw !== undefined) out.binWidthGy = bw;
  return out;
}

export const curveStep = (o: PlanFileOptions): number | undefined => positive("--curve-step", o.curveStep);

/**
 * Progress over ROIs on stderr: a bar when stderr is a terminal, otherwise a plain line at most
 * every 2 s (nothing at all for a short run).
 */
export function roiProgress(
  io: CliIo,
  label: string,
): { tick: (done: number, total: number, roi: string) => void; stop: () => void } {
  if (io.interactive) {
    const bar = new cliProgress.SingleBar(
      {
        stream: io.stderr as NodeJS.WriteStream,
        format: `${label} {bar} {value}/{total} ROIs  {roi}`,
        clearOnComplete: true,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      tick: (done, total, roi) => {
        if (!started) {
          bar.start(total, 0, { roi: "" });
          started = true;
        }
        bar.update(done, { roi });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let last = performance.now();
  return {
    tick: (done, total, roi) => {
      const now = performance.now();
      if (now - last >= 2000 && done < total) {
        io.stderr.write(`${label}: ${done}/${total} ROIs (${roi})\n`);
        last = now;
      }
    },
    stop: () => {},
  };
}

/** Warnings on stderr, one a line: "warning: path: message (code)". */
export function writeWarnings(io: CliIo, warnings: readonly Issue[]): void {
  for (const w of warnings)
    io.stderr.write(`warning: ${w.path === "" ? "" : `${w.path}: `}${w.message} (${w.code})\n`);
}

/** Numbers for people: doses 2 decimals; volumes 3 decimals below 1 cc, 2 below 10 cc, else 1; % 1 decimal. */
export function fmtValue(x: number | null | undefined, unit: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  switch (unit) {
    case "Gy":
      return x.toFixed(2);
    case "cc":
      return Math.abs(x) >= 10 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);
    case "%":
      return x.toFixed(1);
    default:
      return x.toFixed(3);
  }
}

/** JSON with numbers rounded to 7 significant digits and NaN/Infinity as null; typed arrays as arrays. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (typeof v === "number") return Number.isFinite(v) ? Number(v.toPrecision(7)) : null;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as Float64Array);
      return v;
    },
    2,
  );
}

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
export function csvField(x: string | number | null): string {
  if (x === null) return "";
  const s = typeof x === "number" ? (Number.isFinite(x) ? String(Number(x.toPrecision(7))) : "") : x;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
