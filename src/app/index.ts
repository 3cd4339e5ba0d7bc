// app layer: see src/app/README.md
export {};
