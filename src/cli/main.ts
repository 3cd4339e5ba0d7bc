// CLI composition root (commander). Maps errors to exit codes in exactly one place.
import { Command, CommanderError } from "commander";
import { type CommandEntry, commands } from "./commands/index.ts";
import {
  type CliIo,
  EXIT_INVALID_INPUT,
  EXIT_OK,
  EXIT_USAGE,
  InputError,
  processIo,
  UsageError,
} from "./io.ts";

/** The command word of a process.argv-style list: the first argument after the script that is
 * not an option (undefined for `oligoscope`, `oligoscope --help`, `oligoscope --version`). */
function commandWord(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith("-"));
}

/** The commands `argv` needs: the named command when it is a known one, none for `--version`
 * alone, else all of them (top-level help, an unknown command and its suggestions). */
function neededCommands(argv: readonly string[]): readonly CommandEntry[] {
  const word = commandWord(argv);
  if (word === undefined && argv.slice(2).some((a) => a === "-V" || a === "--version")) return [];
  const named = commands.filter((c) => c.name === word);
  return named.length > 0 ? named : commands;
}

/** The program with the commands `argv` needs; command modules (and what they import) load
 * lazily, so a calculator does not load the server, the database or the plotting libraries. */
export async function buildProgram(io: CliIo, argv: readonly string[] = []): Promise<Command> {
  const modules = await Promise.all(neededCommands(argv).map((c) => c.load()));
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
  for (const { register } of modules) register(program, io);
  // subcommands inherit exitOverride and output settings
  for (const c of program.commands) {
    c.exitOverride().showHelpAfterError();
  }
  return program;
}

/** Runs the CLI with the given argv (process.argv form) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let program: Command;
  try {
    program = await buildProgram(io, argv);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`oligoscope: error: cannot load the command: ${message}\n`);
    return EXIT_INVALID_INPUT;
  }
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
