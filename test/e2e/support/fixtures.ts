// Records created through the API by the e2e tests (independent of the demo cohort), with the
// classification each must get and why (clinical-reference 1.3–1.4 decision tree).
import type { FetchLike } from "../../../src/web/api/client.ts";
import type { PatientInput } from "../../../src/web/api/types.ts";

/**
 * NSCLC diagnosed 2023-01-10; staging FDG-PET-CT 2023-01-20 shows 2 distant metastases (bone B1,
 * liver H1): synchronous OMD (10 days <= 6 months). Chemotherapy, then pembrolizumab maintenance
 * (ongoing), SBRT to B1. Restaging CT 2023-09-01: B1 14 mm (was 15), H1 12 mm (was 12).
 * At 2023-09-01: Q1 no polymetastatic history; Q2 OMD before (2023-01-20) -> repeat; Q4
 * pembrolizumab ongoing -> on therapy; Q5 no lesion new or grown (>= 20 % and >= 5 mm) ->
 * REPEAT_OLIGOPERSISTENCE. Growing H1 to 20 mm (+67 %, +8 mm) makes Q5 yes ->
 * REPEAT_OLIGOPROGRESSION.
 */
export const PERSISTENCE_PATIENT: PatientInput = {
  id: "E2E-PERSIST-1",
  siteId: "site-a",
  name: "Testpatient Persistence",
  birthYear: 1958,
  sex: "female",
  performanceStatus: { ecog: 1, date: "2023-01-15" },
  primary: {
    site: "nsclc",
    histology: "adenocarcinoma",
    diagnosisDate: "2023-01-10",
    diagnosisDateBasis: "histology",
    status: "treated_controlled",
  },
  imagingStudies: [
    {
      id: "S1",
      date: "2023-01-20",
      modality: "fdg_pet_ct",
      region: "whole_body",
      lesions: [
        { id: "B1", location: "distant", organ: "bone", site: "L3 vertebral body", sizeMm: 15 },
        { id: "H1", location: "distant", organ: "liver", site: "segment VII", sizeMm: 12 },
      ],
    },
    {
      id: "S2",
      date: "2023-09-01",
      modality: "ct",
      region: "thorax_abdomen_pelvis",
      lesions: [
        {
          id: "B1",
          location: "distant",
          organ: "bone",
          site: "L3 vertebral body",
          sizeMm: 14,
          status: "stable",
        },
        { id: "H1", location: "distant", organ: "liver", site: "segment VII", sizeMm: 12, status: "stable" },
      ],
    },
  ],
  systemicTherapies: [
    {
      id: "ST1",
      agent: "carboplatin + pemetrexed",
      class: "chemotherapy",
      start: "2023-02-01",
      stop: "2023-05-01",
      line: 1,
    },
    {
      id: "ST2",
      agent: "pembrolizumab",
      class: "immunotherapy",
      start: "2023-05-22",
      maintenance: true,
      line: 1,
    },
  ],
  localTherapies: [
    {
      id: "LT1",
      type: "sbrt",
      targetLesionIds: ["B1"],
      start: "2023-06-01",
      end: "2023-06-05",
      doseGy: 30,
      fractions: 3,
      intent: "radical",
    },
  ],
  outcomes: { lastFollowUpDate: "2023-10-15" },
};

export const EXPECTED_BEFORE_EDIT = "REPEAT_OLIGOPERSISTENCE";
export const EXPECTED_AFTER_EDIT = "REPEAT_OLIGOPROGRESSION";

/** fetch with a cookie jar, so the browser's API client runs unchanged in Node. */
export function cookieFetch(): FetchLike {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
      if (value === "" || expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}
