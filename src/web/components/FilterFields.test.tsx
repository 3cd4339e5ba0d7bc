// The shared filter fields rendered to static markup and read back with linkedom: each label
// names its control, the "no filter" choice comes first when asked for, then core's values.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import { renderToStaticMarkup } from "react-dom/server";
import { PRIMARY_SITES } from "../../core/index.ts";
import { ESTRO_STATE_OPTIONS } from "../lib/estro-states.ts";
import { ChoiceFilter, EstroStateFilter, IndexDateRangeFilter, PrimarySiteFilter } from "./FilterFields.tsx";

const noop = (): void => {};

function read(markup: string) {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${markup}</body></html>`);
  return document;
}

const optionValues = (doc: Document, id: string): string[] =>
  [...doc.querySelectorAll(`#${id} option`)].map((o) => o.getAttribute("value") ?? "");

test("the primary and state fields offer 'all' first, then every value of core", () => {
  const doc = read(
    renderToStaticMarkup(
      <>
        <PrimarySiteFilter id="p" value="" onChange={noop} />
        <EstroStateFilter id="s" label="ESTRO/EORTC state" value="" onChange={noop} />
      </>,
    ),
  );
  assert.deepEqual(optionValues(doc, "p"), ["", ...PRIMARY_SITES]);
  assert.deepEqual(optionValues(doc, "s"), ["", ...ESTRO_STATE_OPTIONS.map((o) => o.code)]);
  assert.equal(doc.querySelector('label[for="p"]')?.textContent, "Primary");
  assert.equal(doc.querySelector('label[for="s"]')?.textContent, "ESTRO/EORTC state");
});

test("a choice list without anyLabel has no empty choice; the date range has two labelled inputs", () => {
  const choices = [
    { value: "os", label: "Overall survival" },
    { value: "pfs", label: "Progression-free survival" },
  ];
  const doc = read(
    renderToStaticMarkup(
      <>
        <ChoiceFilter id="e" label="Endpoint" value="pfs" onChange={noop} choices={choices} />
        <ChoiceFilter id="t" label="Treatment" value="" onChange={noop} choices={choices} anyLabel="Any" />
        <IndexDateRangeFilter idPrefix="d-" from="2024-01-01" to="" onChange={noop} />
      </>,
    ),
  );
  assert.deepEqual(optionValues(doc, "e"), ["os", "pfs"]);
  assert.deepEqual(optionValues(doc, "t"), ["", "os", "pfs"]);
  assert.equal(doc.querySelector("#t option")?.textContent, "Any");
  assert.equal(doc.querySelector("#d-from")?.getAttribute("value"), "2024-01-01");
  assert.equal(doc.querySelector('label[for="d-to"]')?.textContent, "to");
});
