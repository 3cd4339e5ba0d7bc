import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SystemicTherapy } from "../model/patient-schema.ts";
import { systemicActivityAt, systemicReason } from "./systemic-activity.ts";

function t(extra: Partial<SystemicTherapy>): SystemicTherapy {
  return { id: "T", agent: "drug", class: "chemotherapy", start: "2024-01-01", ...extra } as SystemicTherapy;
}

// Index work-up 2024-06-01 (single study). Expected values by day counting from the stop date.
const INDEX = "2024-06-01";

describe("systemic therapy active at the index date (clinical-reference 1.4.5, A4, A5)", () => {
  const cases: { name: string; therapy: Partial<SystemicTherapy>; window?: number; active: boolean }[] = [
    { name: "ongoing (no stop)", therapy: {}, active: true },
    {
      name: "stopped after the index date = ongoing at the index",
      therapy: { stop: "2024-07-01" },
      active: true,
    },
    {
      name: "last administration 28 days before (2024-05-04): inside the 28-day window",
      therapy: { stop: "2024-05-04" },
      active: true,
    },
    {
      name: "last administration 29 days before (2024-05-03): outside",
      therapy: { stop: "2024-05-03" },
      active: false,
    },
    {
      name: "window configurable: 29 days inside a 42-day window",
      therapy: { stop: "2024-05-03" },
      window: 42,
      active: true,
    },
    {
      name: "depot LHRH (84-day interval) given 80 days before: active",
      therapy: { class: "adt", stop: "2024-03-13", depotIntervalDays: 84 },
      active: true,
    },
    {
      name: "depot LHRH given 85 days before: not active",
      therapy: { class: "adt", stop: "2024-03-08", depotIntervalDays: 84 },
      active: false,
    },
    { name: "adjuvant letrozole counts (A5)", therapy: { class: "endocrine", adjuvant: true }, active: true },
    { name: "maintenance counts", therapy: { class: "immunotherapy", maintenance: true }, active: true },
    {
      name: "denosumab (bone-protective) does not count",
      therapy: { class: "bone_protective" },
      active: false,
    },
    { name: "dexamethasone (supportive) does not count", therapy: { class: "supportive" }, active: false },
    {
      name: "supportive agent explicitly marked anticancer counts",
      therapy: { class: "supportive", countAsAnticancer: true },
      active: true,
    },
    { name: "started on the index date: not during therapy", therapy: { start: INDEX }, active: false },
    { name: "started after the index date: ignored", therapy: { start: "2024-06-10" }, active: false },
  ];
  for (const c of cases) {
    test(`${c.name} -> ${c.active ? "active" : "not active"}`, () => {
      const a = systemicActivityAt([t(c.therapy)], INDEX, INDEX, c.window ?? 28);
      assert.equal(a.active, c.active, systemicReason(a));
    });
  }
  test("therapy started within the work-up (after the first study) is not active, with a warning", () => {
    const a = systemicActivityAt(
      [t({ agent: "osimertinib", class: "targeted", start: "2024-05-20" })],
      "2024-05-15",
      INDEX,
      28,
    );
    assert.equal(a.active, false);
    assert.match(a.warnings[0] ?? "", /osimertinib .*started 2024-05-20, during the work-up/);
  });
  test("reasons name the agent and the fact", () => {
    assert.match(
      systemicReason(systemicActivityAt([t({ agent: "osimertinib", class: "targeted" })], INDEX, INDEX, 28)),
      /osimertinib \[targeted\] ongoing since 2024-01-01/,
    );
    const stopped = systemicActivityAt(
      [t({ agent: "carboplatin + pemetrexed", stop: "2023-06-01" })],
      INDEX,
      INDEX,
      28,
    );
    assert.match(
      systemicReason(stopped),
      /carboplatin \+ pemetrexed \[chemotherapy\] stopped 2023-06-01, 366 days before the index date \(> 28-day window\)/,
    );
    assert.equal(stopped.daysSinceLastAnticancer, 366);
    const none = systemicActivityAt(
      [t({ agent: "zoledronate", class: "bone_protective" })],
      INDEX,
      INDEX,
      28,
    );
    assert.match(
      systemicReason(none),
      /no anticancer systemic therapy started before 2024-06-01; not counted \(1.4.5\): zoledronate/,
    );
  });
});
