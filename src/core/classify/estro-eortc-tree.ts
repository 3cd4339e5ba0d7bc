// The ESTRO/EORTC 2020 decision tree (clinical-reference 1.3) as a pure function of derived facts.
// Order: gate (1.4.6), Q1 induced?, Q2 repeat?, Q3 (de-novo) ≤6 months?, Q4 on systemic therapy?,
// Q5 progression?; rule R5 for de-novo metachronous on therapy; A10 synchronous is terminal.
// Source: Guckenberger M, et al. Lancet Oncol 2020;21:e18–e28 (tree [K], codes [D]).
import type { EstroEortcCode } from "./codes.ts";
import type { StateKind } from "./time-points.ts";

export type Fact<T> = { readonly value: T; readonly reason: string };

export type TreeFacts = {
  /** metastatic state at the index time point under the gate */
  readonly state: StateKind;
  /** the gate line of the path, e.g. "Gate (≤5 lesions, no diffuse disease): 3 distant metastases … : OMD" */
  readonly gateLine: string;
  readonly historyOfPolymetastaticDisease: Fact<boolean>;
  readonly historyOfOmd: Fact<boolean>;
  /** Q3: synchronous when the index date ≤ primary diagnosis + 6 calendar months; missing fields otherwise */
  readonly interval: Fact<boolean> | { readonly missing: readonly string[]; readonly reason: string };
  readonly systemicTherapyActive: Fact<boolean>;
  readonly progression: Fact<boolean>;
};

export type TreeOutcome = {
  readonly code: EstroEortcCode;
  readonly path: readonly string[];
  readonly missing?: readonly string[];
};

const yn = (b: boolean): string => (b ? "yes" : "no");

/** Walks the tree; asks only the questions on the way (the path of reasons). */
export function estroEortcTree(f: TreeFacts): TreeOutcome {
  const path: string[] = [f.gateLine];
  switch (f.state) {
    case "diffuse":
      return { code: "NOT_OMD_DIFFUSE_DISEASE", path };
    case "no_distant":
      return { code: "NOT_OMD_NO_DISTANT_METASTASES", path };
    case "polymetastatic":
      return { code: "NOT_OMD_POLYMETASTATIC", path };
    case "oligometastatic":
      break;
  }

  const q1 = f.historyOfPolymetastaticDisease;
  path.push(
    `Q1 history of polymetastatic disease: ${yn(q1.value)} (${q1.reason})${q1.value ? ": induced OMD" : ": genuine OMD"}`,
  );
  let stem: "INDUCED" | "REPEAT";
  if (q1.value) {
    stem = "INDUCED";
  } else {
    const q2 = f.historyOfOmd;
    path.push(
      `Q2 history of OMD: ${yn(q2.value)} (${q2.reason})${q2.value ? ": repeat OMD" : ": de-novo OMD"}`,
    );
    if (q2.value) {
      stem = "REPEAT";
    } else {
      const q3 = f.interval;
      if ("missing" in q3) {
        path.push(`Q3 interval primary diagnosis to OMD diagnosis: unknown (${q3.reason})`);
        return { code: "INSUFFICIENT_DATA", path, missing: q3.missing };
      }
      if (q3.value) {
        // A10: synchronous is terminal, even during (adjuvant) systemic therapy
        path.push(
          `Q3 interval primary diagnosis to OMD diagnosis ≤ 6 months: yes (${q3.reason}): synchronous OMD`,
        );
        return { code: "DE_NOVO_SYNCHRONOUS", path };
      }
      path.push(
        `Q3 interval primary diagnosis to OMD diagnosis ≤ 6 months: no (${q3.reason}): metachronous OMD`,
      );
      const q4 = f.systemicTherapyActive;
      if (!q4.value) {
        path.push(`Q4 OMD diagnosed during active systemic therapy: no (${q4.reason}): oligorecurrence`);
        return { code: "DE_NOVO_METACHRONOUS_OLIGORECURRENCE", path };
      }
      path.push(`Q4 OMD diagnosed during active systemic therapy: yes (${q4.reason})`);
      path.push(
        "Q5 not asked: rule R5, de-novo metachronous lesions are newly detected and new lesions count as progression: oligoprogression",
      );
      return { code: "DE_NOVO_METACHRONOUS_OLIGOPROGRESSION", path };
    }
  }

  const q4 = f.systemicTherapyActive;
  if (!q4.value) {
    path.push(`Q4 OMD diagnosed during active systemic therapy: no (${q4.reason}): oligorecurrence`);
    return { code: stem === "INDUCED" ? "INDUCED_OLIGORECURRENCE" : "REPEAT_OLIGORECURRENCE", path };
  }
  path.push(`Q4 OMD diagnosed during active systemic therapy: yes (${q4.reason})`);
  const q5 = f.progression;
  if (q5.value) {
    path.push(
      `Q5 progression of any metastatic lesion on current imaging: yes (${q5.reason}): oligoprogression`,
    );
    return { code: stem === "INDUCED" ? "INDUCED_OLIGOPROGRESSION" : "REPEAT_OLIGOPROGRESSION", path };
  }
  path.push(
    `Q5 progression of any metastatic lesion on current imaging: no (${q5.reason}): oligopersistence`,
  );
  return { code: stem === "INDUCED" ? "INDUCED_OLIGOPERSISTENCE" : "REPEAT_OLIGOPERSISTENCE", path };
}
