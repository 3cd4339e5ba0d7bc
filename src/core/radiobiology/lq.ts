// Linear-quadratic (LQ) formulas, clinical-reference §3.1 [C: standard LQ formalism; Shirata et al.,
// Radiat Oncol 2012;7:182]. Textbook symbols: n fractions of d Gy, total D = n·d, tissue α/β (Gy).
// These functions do NOT validate: callers pass finite doses > 0, n ≥ 1 and α/β > 0 (see
// fractionation.ts and alpha-beta.ts for the checked inputs). Full precision, no rounding.

/** BED = n·d·(1 + d/(α/β)) = D·(1 + d/(α/β)) */
export function bedGy(totalDoseGy: number, fractions: number, alphaBetaGy: number): number {
  const d = totalDoseGy / fractions;
  return totalDoseGy * (1 + d / alphaBetaGy);
}

/**
 * EQDx = D·(d + α/β)/(x + α/β): the total dose in x-Gy fractions with the same BED.
 * EQD2 is EQDx with x = 2 Gy.
 */
export function eqdxGy(
  totalDoseGy: number,
  fractions: number,
  alphaBetaGy: number,
  referenceDosePerFractionGy: number,
): number {
  const d = totalDoseGy / fractions;
  return (totalDoseGy * (d + alphaBetaGy)) / (referenceDosePerFractionGy + alphaBetaGy);
}

/** EQD2 = D·(d + α/β)/(2 + α/β) */
export function eqd2Gy(totalDoseGy: number, fractions: number, alphaBetaGy: number): number {
  return eqdxGy(totalDoseGy, fractions, alphaBetaGy, 2);
}

/** EQDx from a BED: BED/(1 + x/(α/β)) (EQD2 = BED/(1 + 2/(α/β))) */
export function eqdxFromBedGy(bed: number, alphaBetaGy: number, referenceDosePerFractionGy: number): number {
  return bed / (1 + referenceDosePerFractionGy / alphaBetaGy);
}

/**
 * Dose per fraction d_m that gives the target BED in m fractions:
 *   d_m = (α/β)/2 · (−1 + sqrt(1 + 4·BED/(m·α/β)))
 * computed in the algebraically equal form d_m = 2·BED / (m·(1 + sqrt(1 + 4·BED/(m·α/β)))),
 * which avoids cancellation when 4·BED/(m·α/β) is small (multiply the textbook form by (s+1)/(s+1)).
 */
export function isoeffectiveDosePerFractionGy(bed: number, fractions: number, alphaBetaGy: number): number {
  const m = fractions;
  const s = Math.sqrt(1 + (4 * bed) / (m * alphaBetaGy));
  return (2 * bed) / (m * (1 + s));
}

/**
 * Above ~10 Gy per fraction the LQ model may over-estimate the effect; alternatives (LQ-L,
 * universal survival curve) exist, but LQ stays the reference and is never switched silently
 * (clinical-reference §3.1; Chi et al., BioMed Res Int 2013, doi:10.1155/2013/391021).
 */
export const LQ_HIGH_DOSE_PER_FRACTION_GY = 10;

/** The caveat to show beside LQ results when a dose per fraction exceeds 10 Gy, else undefined. */
export function highDosePerFractionCaveat(dosesPerFractionGy: readonly number[]): string | undefined {
  if (!dosesPerFractionGy.some((d) => d > LQ_HIGH_DOSE_PER_FRACTION_GY)) return undefined;
  return "a dose per fraction above 10 Gy: the LQ model may over-estimate the effect at such doses (Chi et al. 2013); results are LQ, without a time factor";
}
