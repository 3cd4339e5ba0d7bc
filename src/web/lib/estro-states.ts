// ESTRO/EORTC 2020 states offered as filter choices: core's nine categories, then the four
// non-classifiable outcomes, with core's labels (clinical-reference 1.3).
import { ESTRO_EORTC_LABELS, NON_OMD_CODES, OMD_CATEGORY_CODES } from "../../core/index.ts";

export const ESTRO_STATE_OPTIONS: readonly { readonly code: string; readonly label: string }[] = [
  ...OMD_CATEGORY_CODES,
  ...NON_OMD_CODES,
].map((code) => ({ code, label: ESTRO_EORTC_LABELS[code] }));
