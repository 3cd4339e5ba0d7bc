// Versioned migrations, applied in name order at start (Kysely Migrator). To add one: write
// NNNN-what.ts with `up` (and `down`) and add it to this list; never edit an applied migration.
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-initial.ts";
import * as m0002 from "./0002-cohort-and-list-indexes.ts";
import * as m0003 from "./0003-login-rate-limit.ts";

export const migrations: Readonly<Record<string, Migration>> = {
  "0001-initial": m0001,
  "0002-cohort-and-list-indexes": m0002,
  "0003-login-rate-limit": m0003,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
