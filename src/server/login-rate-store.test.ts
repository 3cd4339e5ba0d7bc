// The login rate limit is counted in the database: two servers on one SQLite file (as two
// `serve --workers` processes are) share one count per client IP + username.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { FastifyInstance } from "fastify";
import { PASSWORD, testClock } from "../../test/support/server-harness.ts";
import { type AppContext, addUser, DEFAULT_APP_SETTINGS, systemCaller } from "../app/index.ts";
import { openStore, type Store } from "../store/index.ts";
import { buildServer } from "./build-server.ts";

test("two servers on one database: 3 attempts per window in total, not 3 each", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oligoscope-rate-"));
  const file = join(dir, "oligoscope.sqlite");
  const clock = testClock();
  const servers: { store: Store; app: FastifyInstance }[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const store = await openStore({ kind: "sqlite", file });
      const ctx: AppContext = {
        store,
        now: clock.now,
        randomBytes: (n) => randomBytes(n),
        settings: DEFAULT_APP_SETTINGS,
      };
      if (i === 0)
        await addUser(ctx, systemCaller("test"), { username: "admin", password: PASSWORD, role: "admin" });
      servers.push({
        store,
        app: await buildServer({ ctx, logger: false, loginRateLimit: { max: 3, timeWindowMs: 60_000 } }),
      });
    }
    const attempt = (k: number, password = "wrong password!!") =>
      servers[k % 2]!.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "admin", password },
      });
    assert.deepEqual(
      [(await attempt(0)).statusCode, (await attempt(1)).statusCode, (await attempt(2)).statusCode],
      [401, 401, 401],
    );
    const fourth = await attempt(3);
    assert.equal(fourth.statusCode, 429, "the other server counted the first three");
    assert.equal(fourth.json().error.code, "rate_limited");
    assert.equal((await attempt(4, PASSWORD)).statusCode, 429, "even the right password while limited");
    // a new window (fixed window of 60 s from the first attempt)
    clock.advanceMs(60_001);
    assert.equal((await attempt(5, PASSWORD)).statusCode, 200);
  } finally {
    for (const s of servers) {
      await s.app.close();
      await s.store.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
