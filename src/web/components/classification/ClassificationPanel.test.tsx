// The panel rendered from the real classifier's output for a record written for the test: the
// path of reasons appears line for line, in order, with the first-OMD state beside it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { renderToStaticMarkup } from "react-dom/server";
import { classifyPatient, parsePatient } from "../../../core/index.ts";
import { ClassificationPanel } from "./ClassificationPanel.tsx";
import { DefinitionsTable } from "./DefinitionsTable.tsx";
import { FactorsTable } from "./FactorsTable.tsx";
import { StateTimeline } from "./StateTimeline.tsx";

// Synchronous OMD (2 lesions 10 days after diagnosis), then on pembrolizumab restaging with the
// same lesions unchanged: repeat oligopersistence now, de-novo synchronous at the first OMD.
const parsed = parsePatient({
  id: "R1",
  primary: { site: "nsclc", diagnosisDate: "2023-01-10" },
  imagingStudies: [
    {
      id: "S1",
      date: "2023-01-20",
      modality: "fdg_pet_ct",
      lesions: [
        { id: "B1", location: "distant", organ: "bone", sizeMm: 15 },
        { id: "H1", location: "distant", organ: "liver", sizeMm: 12 },
      ],
    },
    {
      id: "S2",
      date: "2023-09-01",
      modality: "ct",
      lesions: [
        { id: "B1", location: "distant", organ: "bone", sizeMm: 14 },
        { id: "H1", location: "distant", organ: "liver", sizeMm: 12 },
      ],
    },
  ],
  systemicTherapies: [{ id: "ST2", agent: "pembrolizumab", class: "immunotherapy", start: "2023-05-22" }],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const classification = classifyPatient(parsed.value, { asOf: "2024-01-01" });

function render(node: React.ReactElement) {
  return parseHTML(`<!doctype html><html><body>${renderToStaticMarkup(node)}</body></html>`).document;
}

test("the path of reasons is shown line for line, in order", () => {
  assert.equal(classification.estroEortc.code, "REPEAT_OLIGOPERSISTENCE");
  const doc = render(<ClassificationPanel classification={classification} />);
  const items = [...doc.querySelectorAll(".state-now ~ .reasons ol.reason-path > li")].map(
    (li) => li.textContent,
  );
  assert.deepEqual(items, [...classification.estroEortc.path]);
  assert.equal(doc.querySelector(".state-now .badge")?.textContent, "Repeat oligopersistence");
});

test("the state at the first OMD diagnosis is shown when it differs", () => {
  const doc = render(<ClassificationPanel classification={classification} />);
  const first = doc.querySelector(".state-first");
  assert.ok(first);
  assert.match(first.querySelector("h3")?.textContent ?? "", /At the first OMD diagnosis \(2023-01-20\)/);
  assert.equal(first.querySelector(".badge")?.textContent, "De-novo synchronous OMD");
});

test("definitions, state timeline and factors render one row each", () => {
  const defs = render(<DefinitionsTable classification={classification} />);
  assert.equal(defs.querySelectorAll("tbody tr").length, Object.keys(classification.definitions).length);
  const timeline = render(<StateTimeline classification={classification} />);
  assert.deepEqual(
    [...timeline.querySelectorAll("tbody tr .badge")].map((b) => b.textContent),
    ["De-novo synchronous OMD", "Repeat oligopersistence"],
  );
  const factors = render(<FactorsTable classification={classification} />);
  assert.equal(factors.querySelectorAll("tbody tr").length, classification.factors.length);
});
