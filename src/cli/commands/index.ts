// Every CLI command, one file each. To add a command: write src/cli/commands/<name>.ts exporting
// `register(program, io)` and add it to this list with its name. Commands are loaded only when
// used, so `oligoscope bed` does not load the server, the database or the plotting libraries
// (decision 0012); the list order is the order of `oligoscope --help`.
import type { Command } from "commander";
import type { CliIo } from "../io.ts";

export type RegisterCommand = (program: Command, io: CliIo) => void;

export type CommandEntry = {
  /** The command word, as registered by the module (`oligoscope <name>`). */
  readonly name: string;
  readonly load: () => Promise<{ readonly register: RegisterCommand }>;
};

export const commands: readonly CommandEntry[] = [
  { name: "classify", load: () => import("./classify.ts") },
  { name: "definitions", load: () => import("./definitions.ts") },
  { name: "serve", load: () => import("./serve.ts") },
  { name: "user", load: () => import("./user.ts") },
  { name: "audit", load: () => import("./audit.ts") },
  { name: "dvh", load: () => import("./dvh.ts") },
  { name: "plan-check", load: () => import("./plan-check.ts") },
  { name: "bed", load: () => import("./bed.ts") },
  { name: "eqd2", load: () => import("./eqd2.ts") },
  { name: "convert", load: () => import("./convert.ts") },
  { name: "constraints", load: () => import("./constraints.ts") },
  { name: "survival", load: () => import("./survival.ts") },
];
