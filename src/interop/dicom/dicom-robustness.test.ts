// Robustness of the DICOM readers against malformed input: every reader must return a Result (ok, or an
// error with coded, explained issues) for ANY bytes, never throw, and finish promptly. Real files from
// ../shared/data/dicom-rt (when present) and generated files are mutated: truncated, bytes flipped,
// 16/32-bit words overwritten (hits element and item lengths), chunks deleted or duplicated.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { syntheticRtDose, syntheticRtPlan, syntheticRtStruct } from "../../../test/support/dicom-writer.ts";
import { repoRoot, sharedDataPath } from "../../../test/support/shared-data.ts";
import type { Issue, Result } from "../../core/index.ts";
import { identifyDicom } from "./identify-dicom.ts";
import { readRtDose } from "./read-rt-dose.ts";
import { readRtPlan } from "./read-rt-plan.ts";
import { readRtStruct } from "./read-rt-struct.ts";

type Source = { readonly name: string; readonly bytes: Uint8Array };

const square = (z: number) => [0, 0, z, 10, 0, z, 10, 10, z, 0, 10, z];
const generated: Source[] = [
  {
    name: "generated RTDOSE with DVH",
    bytes: syntheticRtDose({
      rows: 4,
      columns: 5,
      frames: 3,
      doseGy: (c, r, f) => c + r + f,
      dvhs: [{ roiNumber: 1, widths: [1, 1], volumes: [2, 1] }],
    }),
  },
  {
    name: "generated RLE RTDOSE",
    bytes: syntheticRtDose({
      rows: 4,
      columns: 4,
      frames: 2,
      bitsAllocated: 32,
      transferSyntax: "rle",
      doseGy: (c) => c,
    }),
  },
  {
    name: "generated big-endian RTDOSE",
    bytes: syntheticRtDose({
      rows: 3,
      columns: 3,
      frames: 2,
      transferSyntax: "explicit-be",
      doseGy: (c) => c,
    }),
  },
  {
    name: "generated RTSTRUCT (undefined-length sequences)",
    bytes: syntheticRtStruct({
      undefinedLengthSequences: true,
      rois: [
        { number: 1, name: "PTV", contours: [{ points: square(0) }, { points: square(2) }] },
        { number: 2, name: "Iso", contours: [{ geometry: "POINT", points: [1, 2, 3] }] },
      ],
    }),
  },
  {
    name: "generated raw implicit RTSTRUCT",
    bytes: syntheticRtStruct({
      transferSyntax: "implicit-le",
      part10: false,
      rois: [{ number: 1, name: "A", contours: [{ points: square(0) }] }],
    }),
  },
  {
    name: "generated RTPLAN",
    bytes: syntheticRtPlan({ fractions: [5], targets: [{ doseGy: 40, roiNumber: 1 }] }),
  },
];

// Small real files only, so that many mutations stay within a few seconds.
const realFiles = [
  ["gammaplan-tiny-pps", "RTDOSE0000000000.dcm"],
  ["gammaplan-tiny-pps", "RTPLAN.dcm"],
  ["pydicom-testfiles", "rtdose.dcm"],
  ["pydicom-testfiles", "rtdose_expb.dcm"],
  ["pydicom-testfiles", "rtdose_rle.dcm"],
  ["pydicom-testfiles", "rtstruct.dcm"],
  ["pydicom-testfiles", "rtplan.dcm"],
  ["eclipse-prostate-slicerrt", "RP.1.2.246.352.71.5.2088656855.377401.20110920153647.dcm"],
  ["nelms-analytical-pps", "dose-grids", "Linear_AntPost_3mm_Aligned.dcm"],
];
const real: Source[] = realFiles.flatMap((p) => {
  const path = sharedDataPath("dicom-rt", ...p);
  return path ? [{ name: p.join("/"), bytes: new Uint8Array(readFileSync(path)) }] : [];
});
if (real.length === 0) {
  process.stderr.write(
    "NOTICE: shared data ../shared/data/dicom-rt not found: fuzzing generated files only\n",
  );
}
const sources = [...generated, ...real];

type Mutation =
  | { readonly kind: "truncate"; readonly at: number }
  | { readonly kind: "flip"; readonly edits: readonly (readonly [number, number])[] }
  | { readonly kind: "word"; readonly at: number; readonly value: number; readonly size: 2 | 4 }
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "duplicate"; readonly at: number; readonly length: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  position.map((at) => ({ kind: "truncate" as const, at })),
  fc
    .array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
    .map((edits) => ({ kind: "flip" as const, edits })),
  fc.record({
    kind: fc.constant("word" as const),
    at: position,
    value: fc.oneof(fc.constantFrom(0, 1, 3, 0xffff, 0xfffe, 0x7fffffff, 0xffffffff, 0xfffffffe), fc.nat()),
    size: fc.constantFrom(2 as const, 4 as const),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: position,
    length: fc.integer({ min: 1, max: 64 }),
  }),
);

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.length;
  const index = (p: number) => Math.min(n - 1, Math.floor(p * n));
  switch (m.kind) {
    case "truncate":
      return bytes.slice(0, Math.floor(m.at * n));
    case "flip": {
      const out = bytes.slice();
      for (const [p, v] of m.edits) out[index(p)] = v;
      return out;
    }
    case "word": {
      const out = bytes.slice();
      const at = Math.max(0, Math.min(n - m.size, index(m.at)));
      const dv = new DataView(out.buffer);
      if (m.size === 2) dv.setUint16(at, m.value & 0xffff, true);
      else dv.setUint32(at, m.value >>> 0, true);
      return out;
    }
    case "delete": {
      const at = index(m.at);
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
    }
    case "duplicate": {
      const at = index(m.at);
      return Uint8Array.from([...bytes.subarray(0, at + m.length), ...bytes.subarray(at)]);
    }
  }
}

const readers: readonly (readonly [string, (b: Uint8Array) => Result<unknown>])[] = [
  ["identifyDicom", identifyDicom],
  ["readRtDose", (b) => readRtDose(b, { acceptRelativeDose: true })],
  ["readRtStruct", readRtStruct],
  ["readRtPlan", readRtPlan],
];

/** Codes seen during fuzzing; checked against docs/errors.md below. */
const seenCodes = new Set<string>();

/** A generous bound: the readers take milliseconds on these files; only a near-hang exceeds it. */
const NEAR_HANG_MS = 2000;

function checkResult(reader: string, source: string, r: Result<unknown>): void {
  assert.equal(typeof r.ok, "boolean", `${reader} on ${source}: not a Result`);
  const issues: readonly Issue[] = r.ok
    ? ((r.value as { warnings?: readonly Issue[] }).warnings ?? [])
    : r.issues;
  if (!r.ok) assert.ok(issues.length > 0, `${reader} on ${source}: error without issues`);
  for (const i of issues) {
    assert.match(i.code, /^dicom_[a-z0-9_]+$/, `${reader} on ${source}: code ${i.code}`);
    assert.equal(typeof i.path, "string");
    assert.ok(i.message.length > 0, `${reader} on ${source}: empty message`);
    seenCodes.add(i.code);
  }
}

describe("DICOM readers on mutated files never throw and never hang", () => {
  test("every reader returns a Result for every mutation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sources.length - 1 }), mutation, (s, m) => {
        const source = sources[s] as Source;
        const bytes = mutate(source.bytes, m);
        for (const [name, read] of readers) {
          const started = performance.now();
          let r: Result<unknown>;
          try {
            r = read(bytes);
          } catch (e) {
            assert.fail(`${name} threw on ${source.name} mutated by ${JSON.stringify(m)}: ${String(e)}`);
          }
          const ms = performance.now() - started;
          assert.ok(
            ms < NEAR_HANG_MS,
            `${name} took ${ms.toFixed(0)} ms on ${source.name} (${JSON.stringify(m)})`,
          );
          checkResult(name, source.name, r);
        }
      }),
      { numRuns: 1000, seed: 20261123 },
    );
  });

  test("every truncation of a small file is handled (exhaustive over cut points)", () => {
    const small = sources.filter((s) => s.bytes.length <= 8000);
    for (const source of small) {
      const step = Math.max(1, Math.floor(source.bytes.length / 300));
      for (let cut = 0; cut < source.bytes.length; cut += step) {
        const bytes = source.bytes.subarray(0, cut);
        for (const [name, read] of readers) checkResult(name, `${source.name}[0,${cut})`, read(bytes));
      }
    }
  });

  test("pure noise and repeated patterns are refused cleanly", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 2048 }), (bytes) => {
        for (const [name, read] of readers) checkResult(name, "noise", read(bytes));
      }),
      { numRuns: 200, seed: 5 },
    );
    const dicm = new Uint8Array(4096);
    dicm.set([0x44, 0x49, 0x43, 0x4d], 128);
    for (const [name, read] of readers) checkResult(name, "zeroed DICM file", read(dicm));
  });

  test("every issue code the readers produced is documented in docs/errors.md", () => {
    const documented = readFileSync(join(repoRoot, "docs", "errors.md"), "utf8");
    const missing = [...seenCodes].filter((c) => !documented.includes(`\`${c}\``));
    assert.deepEqual(missing, [], `undocumented codes: ${missing.join(", ")}`);
  });

  test("every issue code in the reader sources is documented in docs/errors.md", () => {
    const documented = readFileSync(join(repoRoot, "docs", "errors.md"), "utf8");
    const dir = join(repoRoot, "src", "interop", "dicom");
    const codes = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))) {
      for (const m of readFileSync(join(dir, f), "utf8").matchAll(/"(dicom_[a-z0-9_]+)"/g))
        codes.add(m[1] as string);
    }
    assert.ok(codes.size > 30);
    const missing = [...codes].filter((c) => !documented.includes(`\`${c}\``));
    assert.deepEqual(missing, [], `undocumented codes: ${missing.join(", ")}`);
  });
});
