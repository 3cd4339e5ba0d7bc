// Every CLI command, one file each. To add a command: write src/cli/commands/<name>.ts exporting
// `register(program, io)` and add it to this list.
import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { register as audit } from "./audit.ts";
import { register as bed } from "./bed.ts";
import { register as classify } from "./classify.ts";
import { register as constraints } from "./constraints.ts";
import { register as convert } from "./convert.ts";
import { register as definitions } from "./definitions.ts";
import { register as dvh } from "./dvh.ts";
import { register as eqd2 } from "./eqd2.ts";
import { register as planCheck } from "./plan-check.ts";
import { register as serve } from "./serve.ts";
import { register as survival } from "./survival.ts";
import { register as user } from "./user.ts";

export type RegisterCommand = (program: Command, io: CliIo) => void;

export const commands: readonly RegisterCommand[] = [
  classify,
  definitions,
  serve,
  user,
  audit,
  dvh,
  planCheck,
  bed,
  eqd2,
  convert,
  constraints,
  survival,
];
