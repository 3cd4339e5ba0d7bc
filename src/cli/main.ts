// CLI composition root (commander). Maps errors to exit codes in exactly one place.
import { Command, CommanderError } from "commander";
import { commands } from "./commands/index.ts";
import {
  type CliIo,
  EXIT_INVALID_INPUT,
  EXIT_OK,
  EXIT_USAGE,
  InputError,
  processIo,
  UsageError,
} from "./io.ts";

export function buildProgram(io: CliIo): Command {
  const program = new Command("oligoscope")
    .description(
      "Oligoscope: oligometastatic disease registry, ESTRO/EORTC 2020 classification with reasons, " +
        "SABR plan check (DVH, constraints) and survival analytics.",
    )
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  for (const register of commands) register(program, io);
  // subcommands inherit exitOverride and output settings
  for (const c of program.commands) {
    c.exitOverride().showHelpAfterError();
  }
  return program;
}

/** Runs the CLI with the given argv (process.argv form) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`oligoscope: ${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof InputError) {
      io.stderr.write(`oligoscope: invalid input: ${err.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`oligoscope: error: ${message}\n`);
    return EXIT_INVALID_INPUT;
  }
}
