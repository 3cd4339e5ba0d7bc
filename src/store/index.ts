// store layer: see src/store/README.md
export {};
