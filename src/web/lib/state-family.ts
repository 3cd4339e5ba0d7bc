// Family of an ESTRO/EORTC 2020 state code (clinical-reference 1.3: the code names begin with
// the Q1/Q2 branch: DE_NOVO_, REPEAT_, INDUCED_; non-classifiable outcomes NOT_OMD_ and
// INSUFFICIENT_DATA). Used only for colour and grouping, never for clinical logic.
export type StateFamily = "de-novo" | "repeat" | "induced" | "not-omd" | "insufficient" | "unknown";

export function stateFamily(code: string): StateFamily {
  if (code.startsWith("DE_NOVO_")) return "de-novo";
  if (code.startsWith("REPEAT_")) return "repeat";
  if (code.startsWith("INDUCED_")) return "induced";
  if (code.startsWith("NOT_OMD_")) return "not-omd";
  if (code === "INSUFFICIENT_DATA") return "insufficient";
  return "unknown";
}
