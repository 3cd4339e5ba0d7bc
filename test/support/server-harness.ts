// A real server on an in-memory SQLite store for tests (fastify.inject, no sockets, no mocks):
// four accounts (admin, clinician of site A, clinician of site B, researcher), a settable clock
// and helpers that log in and send authenticated JSON requests.
import { randomBytes } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { type AppContext, addUser, DEFAULT_APP_SETTINGS, systemCaller } from "../../src/app/index.ts";
import { buildServer, type ServerOptions } from "../../src/server/index.ts";
import { openStore, type Store } from "../../src/store/index.ts";

export const PASSWORD = "correct horse battery staple";

export const ACCOUNTS = {
  admin: { username: "admin", role: "admin", siteId: null },
  clinicianA: { username: "clin-a", role: "clinician", siteId: "site-a" },
  clinicianB: { username: "clin-b", role: "clinician", siteId: "site-b" },
  researcher: { username: "research", role: "researcher", siteId: null },
} as const;
export type AccountName = keyof typeof ACCOUNTS;

export type TestClock = { now: () => Date; set: (iso: string) => void; advanceMs: (ms: number) => void };

export function testClock(startIso = "2026-11-23T09:00:00.000Z"): TestClock {
  let t = Date.parse(startIso);
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advanceMs: (ms) => {
      t += ms;
    },
  };
}

export type Session = { cookie: string; csrfToken: string };

export type Harness = {
  app: FastifyInstance;
  store: Store;
  ctx: AppContext;
  clock: TestClock;
  login: (account: AccountName) => Promise<Session>;
  /** JSON request; `as` logs in (cached) and sends cookie + CSRF header unless `csrf: false` */
  request: (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    opts?: { as?: AccountName; body?: unknown; csrf?: boolean; headers?: Record<string, string> },
  ) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

export async function startHarness(options: Partial<Omit<ServerOptions, "ctx">> = {}): Promise<Harness> {
  const store = await openStore({ kind: "sqlite", file: ":memory:" });
  const clock = testClock();
  const ctx: AppContext = {
    store,
    now: clock.now,
    randomBytes: (n) => randomBytes(n),
    settings: DEFAULT_APP_SETTINGS,
  };
  for (const a of Object.values(ACCOUNTS)) {
    await addUser(ctx, systemCaller("test"), { ...a, password: PASSWORD });
  }
  const app = await buildServer({ ctx, logger: false, ...options });
  const sessions = new Map<AccountName, Session>();
  const login = async (account: AccountName): Promise<Session> => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: ACCOUNTS[account].username, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${account}: ${res.statusCode} ${res.body}`);
    const set = res.cookies.find((c) => c.name === "oligoscope_session");
    if (!set) throw new Error("no session cookie");
    return {
      cookie: `oligoscope_session=${set.value}`,
      csrfToken: (res.json() as { csrfToken: string }).csrfToken,
    };
  };
  return {
    app,
    store,
    ctx,
    clock,
    login,
    request: async (method, url, opts = {}) => {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.as) {
        let s = sessions.get(opts.as);
        if (!s) {
          s = await login(opts.as);
          sessions.set(opts.as, s);
        }
        headers["cookie"] = s.cookie;
        if (opts.csrf !== false) headers["x-csrf-token"] = s.csrfToken;
      }
      return app.inject({
        method,
        url,
        headers,
        ...(opts.body !== undefined ? { payload: opts.body as Record<string, unknown> } : {}),
      });
    },
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
