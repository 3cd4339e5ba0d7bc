// Indexes for a large registry (100 000 patients, bench/api.bench.ts):
// - patients_cohort covers the columns the survival and summary queries read. The rows also hold
//   the patient documents (~14 kB each), so a table scan reads the documents' pages too (1.5 GB at
//   100 000 patients); scanning this index does not. Site first: clinicians are held to their site.
// - patients_list_order / patients_site_list_order give the patient list its order (most recently
//   updated first, ties by id) without sorting the table.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("patients_cohort")
    .on("patients")
    .columns([
      "site_id",
      "primary_site",
      "state_code",
      "state_label",
      "local_therapy",
      "index_date",
      "os_days",
      "os_event",
      "pfs_days",
      "pfs_event",
      "has_sbrt",
      "has_surgery",
      "has_ablation",
      "has_systemic",
    ])
    .execute();
  // mixed directions: same SQL on SQLite and PostgreSQL
  await sql`create index patients_list_order on patients (updated_at desc, id asc)`.execute(db);
  await sql`create index patients_site_list_order on patients (site_id, updated_at desc, id asc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("patients_site_list_order").execute();
  await db.schema.dropIndex("patients_list_order").execute();
  await db.schema.dropIndex("patients_cohort").execute();
}
