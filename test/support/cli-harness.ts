// Runs the CLI in-process with captured streams, for tests of commands.
import { PassThrough, Readable } from "node:stream";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

export type CliRun = { code: number; stdout: string; stderr: string };

export async function runCli(args: readonly string[], stdinText = ""): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunksOut: Buffer[] = [];
  const chunksErr: Buffer[] = [];
  out.on("data", (c: Buffer) => chunksOut.push(c));
  err.on("data", (c: Buffer) => chunksErr.push(c));
  const io: CliIo = { stdout: out, stderr: err, stdin: Readable.from([stdinText]), interactive: false };
  const code = await main(["node", "oligoscope", ...args], io);
  out.end();
  err.end();
  return {
    code,
    stdout: Buffer.concat(chunksOut).toString("utf8"),
    stderr: Buffer.concat(chunksErr).toString("utf8"),
  };
}
