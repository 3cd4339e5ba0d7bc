// The server's Content Security Policy has no 'unsafe-eval', so the code the web bundle contains
// (src/core, src/stats through their index.ts) must load and run where code generation from
// strings is disallowed: `new Function` or `eval` without a fallback throws an EvalError at import
// and leaves the app blank (this happened once with a compiled fast path). Node's
// --disallow-code-generation-from-strings gives the same restriction without a browser.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

const coreUrl = new URL("../core/index.ts", import.meta.url).href;
const statsUrl = new URL("../stats/index.ts", import.meta.url).href;

// a valid record (parsed and classified) and an invalid one (the full Zod path with messages)
const script = `
const core = await import(${JSON.stringify(coreUrl)});
await import(${JSON.stringify(statsUrl)});
const record = {
  id: "P-1", siteId: "site-a", birthYear: 1960, sex: "male",
  primary: { site: "prostate", diagnosisDate: "2020-01-10" },
  imagingStudies: [{ id: "S1", date: "2021-03-01", modality: "psma_pet", region: "whole_body",
    lesions: [{ id: "L1", location: "distant", organ: "bone", sizeMm: 8 }] }],
  systemicTherapies: [], localTherapies: [],
};
const ok = core.parsePatient(record);
if (!ok.ok) throw new Error("valid record refused: " + JSON.stringify(ok.issues));
const bad = core.parsePatient({ ...record, birthYear: "x" });
if (bad.ok) throw new Error("invalid record accepted");
const cls = core.classifyPatient(ok.value, { asOf: "2021-06-01" });
process.stdout.write(cls.estroEortc.code);
`;

test("core and stats load and run without code generation from strings (CSP without 'unsafe-eval')", () => {
  const r = spawnSync(
    process.execPath,
    ["--disallow-code-generation-from-strings", "--import", "tsx", "--input-type=module", "-e", script],
    { encoding: "utf8", timeout: 60_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  // one bone metastasis 14 months after diagnosis, no earlier imaging: de-novo metachronous
  // oligorecurrence (no systemic therapy at the time; clinical-reference 1.3 decision tree)
  assert.equal(r.stdout, "DE_NOVO_METACHRONOUS_OLIGORECURRENCE");
});
