import assert from "node:assert/strict";
import { test } from "node:test";
import { ALPHA_BETA_TABLE, findAlphaBetaEntry, resolveAlphaBeta } from "./alpha-beta.ts";

// Expected values: clinical-reference §3.2 (α/β in Gy, status marks).
const expected: readonly [tissue: string, alphaBetaGy: number | undefined, status: string][] = [
  ["tumour", 10, "C"],
  ["late-normal", 3, "K"],
  ["spinal-cord", 2, "K"],
  ["brainstem", 2, "K"],
  ["optic-apparatus", 2, "K"],
  ["brachial-plexus", 2, "K"],
  ["neural", 2, "K"],
  ["lung", 3, "K"],
  ["heart", 3, "K"],
  ["oesophagus", 3, "K"],
  ["rectum", 3, "K"],
  ["prostate-cancer", 1.5, "K"],
  ["breast-cancer", undefined, "K"],
  ["acute", 10, "K"],
];

test("the table holds every row of §3.2 with its value, status and a source", () => {
  assert.equal(ALPHA_BETA_TABLE.entries.length, expected.length);
  for (const [key, ab, status] of expected) {
    const e = findAlphaBetaEntry(key);
    assert.ok(e, key);
    assert.equal(e.alphaBetaGy, ab, key);
    assert.equal(e.status, status, key);
    assert.ok(e.source.length > 10, key);
  }
  assert.deepEqual(findAlphaBetaEntry("breast-cancer")?.alphaBetaRangeGy, [3.5, 4]);
});

test("lookup is case-insensitive, reads spaces/underscores as hyphens and knows aliases", () => {
  for (const [name, key] of [
    ["Spinal Cord", "spinal-cord"],
    ["SPINAL_CORD", "spinal-cord"],
    ["cord", "spinal-cord"],
    ["Esophagus", "oesophagus"],
    ["tumor", "tumour"],
  ] as const) {
    assert.equal(findAlphaBetaEntry(name)?.key, key, name);
  }
  assert.equal(findAlphaBetaEntry("spleen"), undefined);
});

test("resolveAlphaBeta: user value, table value, and the issues with their paths", () => {
  const user = resolveAlphaBeta({ alphaBetaGy: 4.5 });
  assert.deepEqual(user, { ok: true, value: { alphaBetaGy: 4.5, source: { kind: "user" } } });
  const table = resolveAlphaBeta({ tissue: "lung" });
  assert.ok(table.ok && table.value.alphaBetaGy === 3 && table.value.source.kind === "table");
  const prefixed = resolveAlphaBeta({ alphaBetaGy: 0 }, "override.");
  assert.ok(!prefixed.ok && prefixed.issues[0]?.path === "override.alphaBetaGy");
  const unknown = resolveAlphaBeta({ tissue: "spleen" });
  assert.ok(!unknown.ok && unknown.issues[0]?.code === "unknown_tissue");
  assert.ok(!unknown.ok && /tumour/.test(unknown.issues[0]?.message ?? ""), "lists known tissues");
});
