// `oligoscope eqd2`: EQD2 (and BED) of a schedule, optional BED10 ≥ 100 Gy check (clinical reference §3).
import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { registerLqCommand } from "../lq-command.ts";

export function register(program: Command, io: CliIo): void {
  registerLqCommand(program, io, "eqd2");
}
