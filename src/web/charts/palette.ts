// Colours and dash patterns for groups. Okabe & Ito's colour-blind-safe palette (Okabe M, Ito K,
// "Color Universal Design", 2008), without yellow (too light on white); each group also gets its
// own dash pattern so curves differ without colour.
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
  return GROUP_DASHES[i % GROUP_DASHES.length]!;
}
