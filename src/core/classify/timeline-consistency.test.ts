// Two paths must agree: the timeline decides every time point on booleans only
// (assessTimePoints -> decideEstroEortc, with the 6-month limit computed once per patient), while
// the result at an index date walks the tree with the facts and writes the path of reasons
// (explainAssessment -> estroEortcTree, with intervalFact). Classifying at each time point's date
// must give the code the timeline shows there, and the first-OMD result must match the timeline.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { generateDemoCohort } from "../demo/demo-cohort.ts";
import { parsePatient } from "../model/parse-patient.ts";
import { classifyPatient, prepareClassifyOptions } from "./classify-patient.ts";
import { isOmdCategory } from "./codes.ts";
import type { ClassifyOptions } from "./options.ts";

const AS_OF = "2026-11-23";
// 150 demo patients (every scenario of the demo mix, 1–6 time points each), two gates
const PATIENTS = [...generateDemoCohort({ seed: 20201, asOf: AS_OF, count: 150 })].map((raw) => {
  const r = parsePatient(raw);
  if (!r.ok)
    throw new Error(`demo patient invalid: ${r.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
  return r.value;
});

function prepared(o: ClassifyOptions) {
  const r = prepareClassifyOptions(o);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.value;
}

describe("timeline codes agree with the explained result at each time point", () => {
  for (const gate of ["le5", "le3"] as const) {
    test(`gate ${gate}: every time point of ${PATIENTS.length} demo patients`, () => {
      let checked = 0;
      for (const p of PATIENTS) {
        const whole = classifyPatient(p, prepared({ asOf: AS_OF, gate }));
        for (const entry of whole.timeline) {
          const at = classifyPatient(p, prepared({ asOf: AS_OF, gate, indexDate: entry.date }));
          assert.equal(at.estroEortc.indexDate, entry.date, `${p.id} ${entry.date}`);
          assert.equal(
            at.estroEortc.code,
            entry.code,
            `${p.id} at ${entry.date}: ${at.estroEortc.path.join(" | ")}`,
          );
          assert.equal(at.estroEortc.label, entry.label);
          assert.equal(at.estroEortc.inputsUsed.lesionCount, entry.lesionCount);
          checked++;
        }
        // the first OMD result is the explained result at the first oligometastatic time point
        const firstOmdEntry = whole.timeline.find((e) => e.state === "oligometastatic");
        if (firstOmdEntry === undefined) assert.equal(whole.firstOmd, null, p.id);
        else if (isOmdCategory(firstOmdEntry.code) || firstOmdEntry.code === "INSUFFICIENT_DATA") {
          assert.equal(whole.firstOmd?.indexDate, firstOmdEntry.date, p.id);
          assert.equal(whole.firstOmd?.code, firstOmdEntry.code, p.id);
        }
      }
      assert.ok(checked > PATIENTS.length, `only ${checked} time points checked`);
    });
  }
});
