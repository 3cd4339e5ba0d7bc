// An esbuild plugin for the CLI and worker bundles (decision 0012, amended): an import of a layer's
// index.ts (a "barrel") is rewritten to import each name from the module that defines it.
// Why: esbuild's code splitting gives a module to every entry point that imports a barrel naming
// it, used or not (tree shaking removes unused code inside a chunk, not the chunk's imports), so
// through `app/index.ts` every command chunk loaded every use case and its npm packages (`oligoscope
// definitions` loaded kysely, pg, linkedom, Observable Plot …: 1.1 s instead of 0.4 s).
// The sources keep importing other layers through their index (architecture.md); only the bundle
// sees the direct imports. A name this reading cannot place stays imported from the barrel, which
// is correct, only less lean; a wrongly placed name fails the build ("No matching export").
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

/** `import { … } from "<relative>/index.ts";` or `export { … } from …` (value names; `import type`
 * and `export type` are erased anyway) */
const BARREL_IMPORT = /^(import|export)\s*\{([^}]*)\}\s*from\s*"(\.\.?\/(?:[^"]*\/)?index\.ts)"\s*;/gm;
const DECLARATION =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|class|abstract\s+class|const|let|var|enum|type|interface)\s+([A-Za-z_$][\w$]*)/gm;
const REEXPORT_LIST = /^export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"/gm;
const LOCAL_LIST = /^export\s*(?:type\s+)?\{([^}]*)\}\s*;/gm;
const REEXPORT_ALL = /^export\s+(?:type\s+)?\*\s+from\s*"([^"]+)"/gm;

/** One `{ a, type B, c as d }` list: [imported or local name, exported or local alias, type-only]. */
export function parseSpecifiers(list) {
  const out = [];
  for (const raw of list.split(",")) {
    let s = raw.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "").trim();
    if (s === "") continue;
    const typeOnly = /^type\s+/.test(s);
    if (typeOnly) s = s.replace(/^type\s+/, "");
    const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(s);
    if (m === null) throw new Error(`cannot read the import or export specifier "${raw.trim()}"`);
    out.push({ name: m[1], alias: m[2] ?? m[1], typeOnly });
  }
  return out;
}

/**
 * Where each name a module exports is defined: name -> { file, name } (the defining module and the
 * name it exports it under), following `export { … } from` and `export * from` chains.
 */
export function exportMap(file, cache = new Map(), read = (f) => readFileSync(f, "utf8")) {
  const known = cache.get(file);
  if (known !== undefined) return known;
  const map = new Map();
  cache.set(file, map); // a cycle reads the partial map
  const text = read(file);
  const dir = dirname(file);
  for (const m of text.matchAll(REEXPORT_ALL)) {
    for (const [name, where] of exportMap(resolve(dir, m[1]), cache, read)) {
      if (name !== "default" && !map.has(name)) map.set(name, where);
    }
  }
  for (const m of text.matchAll(DECLARATION)) map.set(m[1], { file, name: m[1] });
  for (const m of text.matchAll(LOCAL_LIST)) {
    for (const s of parseSpecifiers(m[1])) map.set(s.alias, { file, name: s.alias });
  }
  for (const m of text.matchAll(REEXPORT_LIST)) {
    const target = resolve(dir, m[2]);
    const inner = exportMap(target, cache, read);
    for (const s of parseSpecifiers(m[1]))
      map.set(s.alias, inner.get(s.name) ?? { file: target, name: s.name });
  }
  return map;
}

/** A relative import path from `fromDir` to `file` ("./x.ts", "../a/x.ts"). */
function importPath(fromDir, file) {
  const r = relative(fromDir, file).split("\\").join("/");
  return r.startsWith(".") ? r : `./${r}`;
}

/**
 * `source` (a module at `file`) with each barrel import (or re-export) replaced by imports (or
 * re-exports) from the defining modules; type-only specifiers are dropped (TypeScript erases them). Unchanged when it imports no
 * barrel.
 */
export function rewriteBarrelImports(source, file, cache = new Map(), read) {
  const dir = dirname(file);
  return source.replace(BARREL_IMPORT, (_statement, keyword, list, path) => {
    const barrel = resolve(dir, path);
    const map = exportMap(barrel, cache, read);
    const groups = new Map(); // defining file -> specifiers
    for (const s of parseSpecifiers(list)) {
      if (s.typeOnly) continue;
      const where = map.get(s.name) ?? { file: barrel, name: s.name };
      const spec = where.name === s.alias ? s.alias : `${where.name} as ${s.alias}`;
      const g = groups.get(where.file);
      if (g === undefined) groups.set(where.file, [spec]);
      else g.push(spec);
    }
    if (groups.size === 0) return "";
    return [...groups]
      .map(([target, specs]) => `${keyword} { ${specs.join(", ")} } from "${importPath(dir, target)}";`)
      .join("\n");
  });
}

/** The plugin: our TypeScript sources under `srcDir` are loaded with their barrel imports rewritten. */
export function barrelImports(srcDir) {
  return {
    name: "oligoscope-barrel-imports",
    setup(build) {
      const cache = new Map();
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(srcDir)) return undefined;
        const source = readFileSync(args.path, "utf8");
        return {
          contents: rewriteBarrelImports(source, args.path, cache),
          loader: "ts",
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}
