// interop layer: see src/interop/README.md
export {};
