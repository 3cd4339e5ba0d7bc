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

/** The bare inputs of the tree (no reasons): enough to find the code cheaply, e.g. for a timeline. */
export type TreeInputs = {
  readonly state: StateKind;
  readonly historyOfPolymetastaticDisease: boolean;
  readonly historyOfOmd: boolean;
  /** null when the interval cannot be determined (missing primary diagnosis date, unknown primary) */
  readonly synchronous: boolean | null;
  readonly systemicTherapyActive: boolean;
  readonly progression: boolean;
};

/** The questions asked on the way to a code, in order ("r5": Q5 skipped by rule R5). */
export type TreeStep = "gate" | "q1" | "q2" | "q3" | "q4" | "q5" | "r5";

export type TreeDecision = { readonly code: EstroEortcCode; readonly steps: readonly TreeStep[] };

const GATE: readonly TreeStep[] = ["gate"];
const Q123: readonly TreeStep[] = ["gate", "q1", "q2", "q3"];
const Q1234: readonly TreeStep[] = ["gate", "q1", "q2", "q3", "q4"];
const R5: readonly TreeStep[] = ["gate", "q1", "q2", "q3", "q4", "r5"];
const REPEAT4: readonly TreeStep[] = ["gate", "q1", "q2", "q4"];
const REPEAT5: readonly TreeStep[] = ["gate", "q1", "q2", "q4", "q5"];
const INDUCED4: readonly TreeStep[] = ["gate", "q1", "q4"];
const INDUCED5: readonly TreeStep[] = ["gate", "q1", "q4", "q5"];

/** Walks the tree on booleans only; allocates nothing. */
export function decideEstroEortc(i: TreeInputs): TreeDecision {
  switch (i.state) {
    case "diffuse":
      return { code: "NOT_OMD_DIFFUSE_DISEASE", steps: GATE };
    case "no_distant":
      return { code: "NOT_OMD_NO_DISTANT_METASTASES", steps: GATE };
    case "polymetastatic":
      return { code: "NOT_OMD_POLYMETASTATIC", steps: GATE };
    case "oligometastatic":
      break;
  }
  if (i.historyOfPolymetastaticDisease) {
    if (!i.systemicTherapyActive) return { code: "INDUCED_OLIGORECURRENCE", steps: INDUCED4 };
    return i.progression
      ? { code: "INDUCED_OLIGOPROGRESSION", steps: INDUCED5 }
      : { code: "INDUCED_OLIGOPERSISTENCE", steps: INDUCED5 };
  }
  if (i.historyOfOmd) {
    if (!i.systemicTherapyActive) return { code: "REPEAT_OLIGORECURRENCE", steps: REPEAT4 };
    return i.progression
      ? { code: "REPEAT_OLIGOPROGRESSION", steps: REPEAT5 }
      : { code: "REPEAT_OLIGOPERSISTENCE", steps: REPEAT5 };
  }
  if (i.synchronous === null) return { code: "INSUFFICIENT_DATA", steps: Q123 };
  // A10: synchronous is terminal, even during (adjuvant) systemic therapy
  if (i.synchronous) return { code: "DE_NOVO_SYNCHRONOUS", steps: Q123 };
  if (!i.systemicTherapyActive) return { code: "DE_NOVO_METACHRONOUS_OLIGORECURRENCE", steps: Q1234 };
  // R5: de-novo metachronous on therapy is oligoprogression; Q5 is not asked
  return { code: "DE_NOVO_METACHRONOUS_OLIGOPROGRESSION", steps: R5 };
}

const yn = (b: boolean): string => (b ? "yes" : "no");

/** Walks the tree and writes the path of reasons: one line per question asked, with its fact. */
export function estroEortcTree(f: TreeFacts): TreeOutcome {
  const q3 = f.interval;
  const decision = decideEstroEortc({
    state: f.state,
    historyOfPolymetastaticDisease: f.historyOfPolymetastaticDisease.value,
    historyOfOmd: f.historyOfOmd.value,
    synchronous: "missing" in q3 ? null : q3.value,
    systemicTherapyActive: f.systemicTherapyActive.value,
    progression: f.progression.value,
  });
  const code = decision.code;
  const path: string[] = [];
  for (const step of decision.steps) {
    switch (step) {
      case "gate":
        path.push(f.gateLine);
        break;
      case "q1": {
        const q = f.historyOfPolymetastaticDisease;
        path.push(
          `Q1 history of polymetastatic disease: ${yn(q.value)} (${q.reason}): ${q.value ? "induced" : "genuine"} OMD`,
        );
        break;
      }
      case "q2": {
        const q = f.historyOfOmd;
        path.push(`Q2 history of OMD: ${yn(q.value)} (${q.reason}): ${q.value ? "repeat" : "de-novo"} OMD`);
        break;
      }
      case "q3":
        if ("missing" in q3)
          path.push(`Q3 interval primary diagnosis to OMD diagnosis: unknown (${q3.reason})`);
        else
          path.push(
            `Q3 interval primary diagnosis to OMD diagnosis ≤ 6 months: ${yn(q3.value)} (${q3.reason}): ${q3.value ? "synchronous" : "metachronous"} OMD`,
          );
        break;
      case "q4": {
        const q = f.systemicTherapyActive;
        path.push(
          `Q4 OMD diagnosed during active systemic therapy: ${yn(q.value)} (${q.reason})${q.value ? "" : ": oligorecurrence"}`,
        );
        break;
      }
      case "q5": {
        const q = f.progression;
        path.push(
          `Q5 progression of any metastatic lesion on current imaging: ${yn(q.value)} (${q.reason}): ${q.value ? "oligoprogression" : "oligopersistence"}`,
        );
        break;
      }
      case "r5":
        path.push(
          "Q5 not asked: rule R5, de-novo metachronous lesions are newly detected and new lesions count as progression: oligoprogression",
        );
        break;
    }
  }
  return code === "INSUFFICIENT_DATA" && "missing" in q3
    ? { code, path, missing: q3.missing }
    : { code, path };
}
