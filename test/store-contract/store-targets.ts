// The databases the store contract suite runs on: in-memory SQLite, a temp-file SQLite (WAL),
// and PostgreSQL when OLIGOSCOPE_TEST_DATABASE_URL is set (each open gets a fresh schema that is
// dropped on close). In CI (CI=true) a missing PostgreSQL URL is a failure, not a skip.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openStore, type Store } from "../../src/store/index.ts";

export type StoreTarget = {
  readonly name: string;
  /** node:test option: a skip reason, or false */
  readonly skip: string | false;
  /** a fresh, migrated, empty store */
  readonly open: () => Promise<Store>;
};

const pgUrl = process.env["OLIGOSCOPE_TEST_DATABASE_URL"];
const inCi = process.env["CI"] === "true" || process.env["CI"] === "1";

let noticePrinted = false;

export function storeTargets(): StoreTarget[] {
  const targets: StoreTarget[] = [
    { name: "sqlite :memory:", skip: false, open: () => openStore({ kind: "sqlite", file: ":memory:" }) },
    {
      name: "sqlite file (WAL)",
      skip: false,
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), "oligoscope-store-"));
        const store = await openStore({ kind: "sqlite", file: join(dir, "test.sqlite") });
        return {
          ...store,
          close: async () => {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  if (pgUrl) {
    targets.push({
      name: "postgres",
      skip: false,
      open: async () => {
        const schema = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
        const store = await openStore({ kind: "postgres", url: pgUrl, schema, maxConnections: 5 });
        return {
          ...store,
          close: async () => {
            await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
            await store.close();
          },
        };
      },
    });
  } else if (inCi) {
    targets.push({
      name: "postgres",
      skip: false,
      open: () =>
        Promise.reject(
          new Error("CI=true but OLIGOSCOPE_TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL"),
        ),
    });
  } else {
    const msg =
      "OLIGOSCOPE_TEST_DATABASE_URL not set: PostgreSQL store contract skipped (see docs/operations.md)";
    if (!noticePrinted) {
      process.stderr.write(`NOTICE: ${msg}\n`);
      noticePrinted = true;
    }
    targets.push({ name: "postgres", skip: msg, open: () => Promise.reject(new Error(msg)) });
  }
  return targets;
}
