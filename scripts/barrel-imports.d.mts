// Types of scripts/barrel-imports.mjs (plain JavaScript: the CLI bundle is built before tsx loads).
import type { Plugin } from "esbuild";

export type Specifier = { name: string; alias: string; typeOnly: boolean };
export type Definition = { file: string; name: string };
export type ReadSource = (file: string) => string;

export function parseSpecifiers(list: string): Specifier[];
export function exportMap(
  file: string,
  cache?: Map<string, Map<string, Definition>>,
  read?: ReadSource,
): Map<string, Definition>;
export function rewriteBarrelImports(
  source: string,
  file: string,
  cache?: Map<string, Map<string, Definition>>,
  read?: ReadSource,
): string;
export function barrelImports(srcDir: string): Plugin;
