// ESTRO/EORTC 2020 states offered as filter choices: the nine categories and the four
// non-classifiable outcomes with their stable codes (clinical-reference 1.3, tables "Resulting
// categories" and "Non-classifiable outcomes"; Guckenberger et al., Lancet Oncol 2020;21:e18).
export const ESTRO_STATE_OPTIONS: readonly { readonly code: string; readonly label: string }[] = [
  { code: "DE_NOVO_SYNCHRONOUS", label: "De-novo synchronous OMD" },
  { code: "DE_NOVO_METACHRONOUS_OLIGORECURRENCE", label: "De-novo metachronous oligorecurrence" },
  { code: "DE_NOVO_METACHRONOUS_OLIGOPROGRESSION", label: "De-novo metachronous oligoprogression" },
  { code: "REPEAT_OLIGORECURRENCE", label: "Repeat oligorecurrence" },
  { code: "REPEAT_OLIGOPROGRESSION", label: "Repeat oligoprogression" },
  { code: "REPEAT_OLIGOPERSISTENCE", label: "Repeat oligopersistence" },
  { code: "INDUCED_OLIGORECURRENCE", label: "Induced oligorecurrence" },
  { code: "INDUCED_OLIGOPROGRESSION", label: "Induced oligoprogression" },
  { code: "INDUCED_OLIGOPERSISTENCE", label: "Induced oligopersistence" },
  { code: "NOT_OMD_POLYMETASTATIC", label: "Not OMD: polymetastatic" },
  { code: "NOT_OMD_DIFFUSE_DISEASE", label: "Not OMD: diffuse disease" },
  { code: "NOT_OMD_NO_DISTANT_METASTASES", label: "Not OMD: no distant metastases" },
  { code: "INSUFFICIENT_DATA", label: "Insufficient data" },
];
