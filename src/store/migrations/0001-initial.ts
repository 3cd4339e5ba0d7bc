// Initial schema: users, sessions, patients (document + denormalised cohort columns), the
// append-only hash-chained audit log, settings. Portable DDL through Kysely's schema builder;
// the append-only triggers are dialect-specific SQL.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'clinician', 'researcher')`))
    .addColumn("site_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();
  await db.schema.createIndex("sessions_expires_at").on("sessions").column("expires_at").execute();

  await db.schema
    .createTable("patients")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("document_hash", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("birth_year", "integer")
    .addColumn("sex", "text")
    .addColumn("primary_site", "text", (c) => c.notNull())
    .addColumn("index_date", "text")
    .addColumn("state_code", "text", (c) => c.notNull())
    .addColumn("state_label", "text", (c) => c.notNull())
    .addColumn("first_omd_date", "text")
    .addColumn("first_omd_code", "text")
    .addColumn("classification", "text", (c) => c.notNull())
    .addColumn("classified_at", "text", (c) => c.notNull())
    .addColumn("derived_version", "text", (c) => c.notNull())
    .addColumn("os_days", "integer")
    .addColumn("os_event", "integer", (c) => c.notNull())
    .addColumn("pfs_days", "integer")
    .addColumn("pfs_event", "integer", (c) => c.notNull())
    .addColumn("local_therapy", "text", (c) => c.notNull())
    .addColumn("has_sbrt", "integer", (c) => c.notNull())
    .addColumn("has_surgery", "integer", (c) => c.notNull())
    .addColumn("has_ablation", "integer", (c) => c.notNull())
    .addColumn("has_systemic", "integer", (c) => c.notNull())
    .execute();
  for (const cols of [
    ["site_id", "updated_at"],
    ["updated_at"],
    ["primary_site"],
    ["state_code"],
    ["index_date"],
    ["derived_version"],
  ]) {
    await db.schema
      .createIndex(`patients_${cols.join("_")}`)
      .on("patients")
      .columns(cols)
      .execute();
  }

  await db.schema
    .createTable("audit_log")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("role", "text")
    .addColumn("site_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("resource", "text")
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_resource").on("audit_log").column("resource").execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await forbidAuditChanges(db);
}

/** The database itself refuses UPDATE and DELETE on audit_log (defence in depth: no code path does either). */
async function forbidAuditChanges(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function oligoscope_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function oligoscope_audit_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function oligoscope_audit_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["settings", "audit_log", "patients", "sessions", "users"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
