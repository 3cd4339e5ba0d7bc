// Small hand-made patient records for the store contract suite (the store does not interpret
// documents, so these need not be clinically complete).
import { createHash } from "node:crypto";
import type { PatientDerived, PatientRecord } from "../../src/store/index.ts";

export type RecordSeed = {
  id: string;
  siteId?: string;
  name?: string | null;
  primarySite?: string;
  stateCode?: string;
  indexDate?: string | null;
  osDays?: number | null;
  osEvent?: boolean;
  hasSbrt?: boolean;
  hasSurgery?: boolean;
  hasSystemic?: boolean;
  updatedAt?: string;
  version?: number;
};

export function record(seed: RecordSeed): PatientRecord {
  const document = JSON.stringify({
    id: seed.id,
    name: seed.name ?? null,
    primary: { site: seed.primarySite ?? "nsclc" },
  });
  const derived: PatientDerived = {
    name: seed.name ?? null,
    searchText: `${seed.id} ${seed.name ?? ""}`.toLowerCase(),
    birthYear: 1950,
    sex: "female",
    primarySite: seed.primarySite ?? "nsclc",
    indexDate: seed.indexDate === undefined ? "2024-01-15" : seed.indexDate,
    stateCode: seed.stateCode ?? "DE_NOVO_SYNCHRONOUS",
    stateLabel: (seed.stateCode ?? "DE_NOVO_SYNCHRONOUS").toLowerCase().replaceAll("_", " "),
    firstOmdDate: "2024-01-15",
    firstOmdCode: "DE_NOVO_SYNCHRONOUS",
    classification: JSON.stringify({ id: seed.id }),
    classifiedAt: "2026-11-23T10:00:00.000Z",
    derivedVersion: "test-1",
    osDays: seed.osDays === undefined ? 400 : seed.osDays,
    osEvent: seed.osEvent ?? false,
    pfsDays: 200,
    pfsEvent: true,
    localTherapy: seed.hasSbrt ? "sbrt" : seed.hasSurgery ? "surgery" : "none",
    hasSbrt: seed.hasSbrt ?? false,
    hasSurgery: seed.hasSurgery ?? false,
    hasAblation: false,
    hasSystemic: seed.hasSystemic ?? false,
  };
  return {
    id: seed.id,
    siteId: seed.siteId ?? "site-a",
    document,
    documentHash: createHash("sha256").update(document).digest("hex"),
    version: seed.version ?? 1,
    createdAt: "2026-11-01T08:00:00.000Z",
    updatedAt: seed.updatedAt ?? "2026-11-01T08:00:00.000Z",
    derived,
  };
}
