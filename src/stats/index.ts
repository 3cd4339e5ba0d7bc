// stats: pure numerics on typed arrays, no clinical words. See src/stats/README.md.
export * from "./cox/index.ts";
export {
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareUpperTail,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  normalUpperTail,
  regularizedGamma,
} from "./distributions.ts";
