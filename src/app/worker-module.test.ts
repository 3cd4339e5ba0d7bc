import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  availableThreads,
  newWorkerPool,
  runningFromSources,
  workerExecArgv,
  workerModuleUrl,
  workerSafeExecArgv,
} from "./worker-module.ts";

test("from the sources a worker module is src/app/<name>.worker.ts, loaded through tsx", () => {
  assert.equal(runningFromSources(), true);
  const url = workerModuleUrl("classify");
  assert.match(fileURLToPath(url), /src[\\/]app[\\/]classify\.worker\.ts$/);
  assert.ok(
    workerExecArgv().some((a) => a.includes("tsx")),
    "worker threads get the tsx loader",
  );
});

test("worker names are kebab-case; a bad name or thread count is refused with the reason", async () => {
  assert.throws(() => workerModuleUrl("../etc/passwd"), /worker name "\.\.\/etc\/passwd" must be kebab-case/);
  await assert.rejects(newWorkerPool("classify", { threads: 0 }), /threads must be an integer ≥ 1, got 0/);
  await assert.rejects(
    newWorkerPool("classify", { threads: 1.5 }),
    /threads must be an integer ≥ 1, got 1.5/,
  );
  assert.ok(availableThreads() >= 1);
});

test("worker threads get this process's loaders, not its V8 or process options", () => {
  assert.deepEqual(
    workerSafeExecArgv([
      "--expose-gc",
      "--import",
      "tsx",
      "--max-old-space-size=4096",
      "--require",
      "/x/preflight.cjs",
      "--import=file:///x/loader.mjs",
      "--cpu-prof",
      "--enable-source-maps",
      "--conditions=development",
      "--inspect",
    ]),
    [
      "--import",
      "tsx",
      "--require",
      "/x/preflight.cjs",
      "--import=file:///x/loader.mjs",
      "--enable-source-maps",
      "--conditions=development",
    ],
  );
});
