// core: the clinical domain, pure (no I/O, no node:*). See src/core/README.md.
export * from "./common/result.ts";
