// Colours and dash patterns for groups. Okabe & Ito's colour-blind-safe palette (Okabe M, Ito K,
// "Color Universal Design", 2008), without yellow (too light on white); each group also gets its
// own dash pattern so curves differ without colour. Group i has colour i mod 7 and dash pattern
// (i + ⌊i / 7⌋) mod 7: the first seven groups as before, and no two of the first 49 groups
// alike (with the same period for both, groups i and i + 7 were identical: a cohort curve of all
// 13 states, or a DVH of 24 ROIs, drew pairs of curves the reader could not tell apart).
export const GROUP_COLOURS = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
] as const;
export const GROUP_DASHES = ["", "7 3", "2 2.5", "9 3 2 3", "4 4", "1 3", "12 4"] as const;

export function groupColour(i: number): string {
  return GROUP_COLOURS[i % GROUP_COLOURS.length]!;
}

export function groupDash(i: number): string {
  return GROUP_DASHES[(i + Math.floor(i / GROUP_COLOURS.length)) % GROUP_DASHES.length]!;
}
