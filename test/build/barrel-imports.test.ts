// The CLI bundle's barrel-import rewrite (scripts/barrel-imports.mjs, decision 0012 amended): names
// imported from a layer's index.ts come from their defining modules, so a command's chunks load only
// the npm packages it uses. Checked on small in-memory sources and on the built bundle itself.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { exportMap, parseSpecifiers, rewriteBarrelImports } from "../../scripts/barrel-imports.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A tiny source tree: /s/core (an `export *` barrel), /s/app (named re-exports), /s/cli/cmd.ts. */
const files: Record<string, string> = {
  "/s/core/index.ts": [
    "// core",
    'export * from "./dates.ts";',
    'export type * from "./types.ts";',
    'export { parse as parsePatient } from "./model.ts";',
  ].join("\n"),
  "/s/core/dates.ts":
    "export function addMonths() {}\nexport const DAY = 1;\nexport type IsoDate = string;\n",
  "/s/core/types.ts": "export interface Patient {}\n",
  "/s/core/model.ts": "export function parse() {}\n",
  "/s/app/index.ts": [
    'export type { Report } from "./report.ts";',
    'export { render, RENDER_LIMIT } from "./report.ts";',
    "export {",
    "  classify,",
    "  classifyAll as classifyMany,",
    '} from "./classify.ts";',
    "const local = 1;",
    "export { local };",
  ].join("\n"),
  "/s/app/report.ts":
    "export type Report = {};\nexport function render() {}\nexport const RENDER_LIMIT = 3;\n",
  "/s/app/classify.ts": "export function classify() {}\nexport function classifyAll() {}\n",
};
const read = (f: string): string => {
  const text = files[f];
  if (text === undefined) throw new Error(`no such file ${f}`);
  return text;
};

describe("barrel imports", () => {
  test("specifier lists: aliases, type-only names, comments and trailing commas", () => {
    assert.deepEqual(parseSpecifiers(" a, type B,\n c as d, // note\n"), [
      { name: "a", alias: "a", typeOnly: false },
      { name: "B", alias: "B", typeOnly: true },
      { name: "c", alias: "d", typeOnly: false },
    ]);
    assert.throws(() => parseSpecifiers("* as ns"), /cannot read the import or export specifier "\* as ns"/);
  });

  test("a barrel's names are traced to their defining modules through `export *` and aliases", () => {
    const core = exportMap("/s/core/index.ts", new Map(), read);
    assert.deepEqual(core.get("addMonths"), { file: "/s/core/dates.ts", name: "addMonths" });
    assert.deepEqual(core.get("Patient"), { file: "/s/core/types.ts", name: "Patient" });
    assert.deepEqual(core.get("parsePatient"), { file: "/s/core/model.ts", name: "parse" });
    const app = exportMap("/s/app/index.ts", new Map(), read);
    assert.deepEqual(app.get("classifyMany"), { file: "/s/app/classify.ts", name: "classifyAll" });
    assert.deepEqual(app.get("local"), { file: "/s/app/index.ts", name: "local" });
  });

  test("imports and re-exports are rewritten per defining module; type-only names dropped; unknown names stay", () => {
    const source = [
      'import { readFile } from "node:fs";',
      "import {",
      "  type Report,",
      "  classifyMany,",
      "  render,",
      "  local,",
      '} from "../app/index.ts";',
      'import type { Patient } from "../core/index.ts";',
      'import { addMonths, DAY, parsePatient as pp } from "../core/index.ts";',
      'import { only } from "./sibling.ts";',
      'export { render as draw } from "../app/index.ts";',
      "",
    ].join("\n");
    assert.equal(
      rewriteBarrelImports(source, "/s/cli/cmd.ts", new Map(), read),
      [
        'import { readFile } from "node:fs";',
        'import { classifyAll as classifyMany } from "../app/classify.ts";',
        'import { render } from "../app/report.ts";',
        'import { local } from "../app/index.ts";',
        'import type { Patient } from "../core/index.ts";',
        'import { addMonths, DAY } from "../core/dates.ts";',
        'import { parse as pp } from "../core/model.ts";',
        'import { only } from "./sibling.ts";',
        'export { render as draw } from "../app/report.ts";',
        "",
      ].join("\n"),
    );
    // only type-only names: the statement goes (TypeScript would erase it)
    assert.equal(
      rewriteBarrelImports(
        'import { type Report } from "../app/index.ts";\nx();\n',
        "/s/cli/cmd.ts",
        new Map(),
        read,
      ),
      "\nx();\n",
    );
  });

  test("the built CLI: light commands load none of the heavy npm packages, and no command the plotting ones", () => {
    // bin/oligoscope.js rebuilds the bundle when a source is newer
    const v = spawnSync(process.execPath, ["bin/oligoscope.js", "--version"], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(v.status, 0, v.stderr);
    const cliDir = join(root, "dist", "cli");
    const entry = readFileSync(join(cliDir, "oligoscope.mjs"), "utf8");
    const staticImports = (text: string): string[] =>
      [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s*(?:[^;"'`]*?\sfrom\s*)?"([^"]+)";/g)].map(
        (m) => m[1] as string,
      );
    /** npm packages a command's chunk loads before it runs (static imports, chunk to chunk). */
    const packagesOf = (command: string): Set<string> => {
      const chunk = new RegExp(`import\\("\\./chunks/(${command}-[A-Z0-9]+\\.mjs)"\\)`).exec(entry)?.[1];
      assert.ok(chunk, `no chunk for ${command} in dist/cli/oligoscope.mjs`);
      const seen = new Set<string>();
      const packages = new Set<string>(staticImports(entry).filter((s) => !s.startsWith(".")));
      const visit = (name: string): void => {
        if (seen.has(name)) return;
        seen.add(name);
        for (const s of staticImports(readFileSync(join(cliDir, "chunks", name), "utf8"))) {
          if (s.startsWith("./")) visit(s.slice(2));
          else if (!s.startsWith("node:")) packages.add(s);
        }
      };
      visit(chunk);
      return packages;
    };
    assert.ok(readdirSync(join(cliDir, "chunks")).length > 0);
    const heavy = [
      "kysely",
      "pg",
      "better-sqlite3",
      "linkedom",
      "@observablehq/plot",
      "fastify",
      "@node-rs/argon2",
      // bundled, only its used part (scripts/cli-bundle.mjs): never loaded from node_modules
      "zod",
      // loaded by the first worker pool (app/worker-module.ts)
      "piscina",
    ];
    for (const command of ["bed", "definitions", "classify", "constraints"]) {
      const loaded = packagesOf(command);
      assert.deepEqual(
        heavy.filter((p) => loaded.has(p)),
        [],
        `${command} loads ${[...loaded].join(", ")}`,
      );
    }
    // the plotting packages load only when an SVG is asked for (app/load-plots.ts)
    for (const command of ["dvh", "plan-check", "survival"]) {
      const loaded = packagesOf(command);
      assert.ok(
        !loaded.has("@observablehq/plot") && !loaded.has("linkedom"),
        `${command} loads ${[...loaded].join(", ")}`,
      );
    }
    // and the command that needs a package still has it
    assert.ok(packagesOf("dvh").has("dicom-parser"));
  });
});
