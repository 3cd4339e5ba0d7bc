// ESTRO/EORTC 2020 category codes and labels (clinical-reference 1.3; codes are platform [D]).
// Source of the categories: Guckenberger M, et al. Lancet Oncol 2020;21:e18–e28.

export const OMD_CATEGORY_CODES = [
  "DE_NOVO_SYNCHRONOUS",
  "DE_NOVO_METACHRONOUS_OLIGORECURRENCE",
  "DE_NOVO_METACHRONOUS_OLIGOPROGRESSION",
  "REPEAT_OLIGORECURRENCE",
  "REPEAT_OLIGOPROGRESSION",
  "REPEAT_OLIGOPERSISTENCE",
  "INDUCED_OLIGORECURRENCE",
  "INDUCED_OLIGOPROGRESSION",
  "INDUCED_OLIGOPERSISTENCE",
] as const;
export type OmdCategoryCode = (typeof OMD_CATEGORY_CODES)[number];

/** Non-classifiable outcomes; never mapped silently to a category (clinical-reference 1.3). */
export const NON_OMD_CODES = [
  "NOT_OMD_POLYMETASTATIC",
  "NOT_OMD_DIFFUSE_DISEASE",
  "NOT_OMD_NO_DISTANT_METASTASES",
  "INSUFFICIENT_DATA",
] as const;
export type NonOmdCode = (typeof NON_OMD_CODES)[number];

export type EstroEortcCode = OmdCategoryCode | NonOmdCode;

export const ESTRO_EORTC_LABELS: Readonly<Record<EstroEortcCode, string>> = {
  DE_NOVO_SYNCHRONOUS: "De-novo synchronous OMD",
  DE_NOVO_METACHRONOUS_OLIGORECURRENCE: "De-novo metachronous oligorecurrence",
  DE_NOVO_METACHRONOUS_OLIGOPROGRESSION: "De-novo metachronous oligoprogression",
  REPEAT_OLIGORECURRENCE: "Repeat oligorecurrence",
  REPEAT_OLIGOPROGRESSION: "Repeat oligoprogression",
  REPEAT_OLIGOPERSISTENCE: "Repeat oligopersistence",
  INDUCED_OLIGORECURRENCE: "Induced oligorecurrence",
  INDUCED_OLIGOPROGRESSION: "Induced oligoprogression",
  INDUCED_OLIGOPERSISTENCE: "Induced oligopersistence",
  NOT_OMD_POLYMETASTATIC: "Not OMD: polymetastatic disease",
  NOT_OMD_DIFFUSE_DISEASE: "Not OMD: diffuse / uncountable metastatic disease",
  NOT_OMD_NO_DISTANT_METASTASES: "Not OMD: no distant metastases",
  INSUFFICIENT_DATA: "Insufficient data",
};

const categorySet: ReadonlySet<string> = new Set(OMD_CATEGORY_CODES);

export function isOmdCategory(code: string): code is OmdCategoryCode {
  return categorySet.has(code);
}
