// stats: pure numerics on typed arrays, no clinical words. See src/stats/README.md.
export {};
export * from "./cox/index.ts";
