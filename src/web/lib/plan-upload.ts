// Checks of the plan-check form before uploading (the server checks the DICOM files themselves).

export type FieldErrors = Partial<
  Record<"rtdose" | "rtstruct" | "rtplan" | "fractions" | "constraints" | "map", string>
>;

/** Every problem of the form, by field. */
export function checkUpload(form: {
  readonly rtdose: unknown;
  readonly rtstruct: unknown;
  readonly fractions: string;
  readonly map: string;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (form.rtdose === undefined) errors.rtdose = "Choose the RTDOSE file (DICOM RT Dose).";
  if (form.rtstruct === undefined) errors.rtstruct = "Choose the RTSTRUCT file (DICOM RT Structure Set).";
  const fx = form.fractions.trim();
  // TG-101 tabulates 1, 3 and 5 fractions; SABR schedules go up to 8–15 (clinical-reference 3.5); 60 is the model's limit
  if (fx !== "" && !(Number.isInteger(Number(fx)) && Number(fx) >= 1 && Number(fx) <= 60)) {
    errors.fractions = `must be a whole number from 1 to 60 (got "${fx}")`;
  }
  const bad = form.map
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== "" && !line.startsWith("#") && !/^[^=]+=[^=]+$/.test(line));
  if (bad.length > 0) {
    errors.map = `each line must read ROI=organ; line ${bad.map((b) => b.n).join(", ")} does not`;
  }
  return errors;
}
