// Patients: one row per patient holding the validated model document (JSON text) plus
// denormalised columns for cohort queries. The columns are computed by the caller (app layer:
// classification + outcomes) and written in the same statement as the document, so they can
// never disagree with it.
import { PostgresAdapter, type SelectQueryBuilder, sql } from "kysely";
import { runCompiled } from "./compiled-query.ts";
import type { Database, PatientsTable } from "./database-types.ts";
import type { Db } from "./open-store.ts";

/** Columns derived from the document; recomputed on every write. */
export type PatientDerived = {
  readonly name: string | null;
  readonly searchText: string;
  readonly birthYear: number | null;
  readonly sex: string | null;
  readonly primarySite: string;
  readonly indexDate: string | null;
  readonly stateCode: string;
  readonly stateLabel: string;
  readonly firstOmdDate: string | null;
  readonly firstOmdCode: string | null;
  /** classification output as JSON text */
  readonly classification: string;
  readonly classifiedAt: string;
  readonly derivedVersion: string;
  readonly osDays: number | null;
  readonly osEvent: boolean;
  readonly pfsDays: number | null;
  readonly pfsEvent: boolean;
  readonly localTherapy: string;
  readonly hasSbrt: boolean;
  readonly hasSurgery: boolean;
  readonly hasAblation: boolean;
  readonly hasSystemic: boolean;
};

export type PatientRecord = {
  readonly id: string;
  readonly siteId: string;
  /** patient model JSON text */
  readonly document: string;
  readonly documentHash: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly derived: PatientDerived;
};

export const TREATMENT_FILTERS = ["sbrt", "surgery", "ablation", "systemic", "no_local"] as const;
export type TreatmentFilter = (typeof TREATMENT_FILTERS)[number];

export type PatientFilter = {
  /** only these sites; undefined = every site */
  readonly siteIds?: readonly string[];
  /** case-insensitive substring of id, name or MRN */
  readonly q?: string;
  readonly primarySites?: readonly string[];
  readonly stateCodes?: readonly string[];
  /** every listed treatment must be present (no_local = none of SBRT/SRS, surgery, ablation) */
  readonly treatments?: readonly TreatmentFilter[];
  /** index date on or after (YYYY-MM-DD) */
  readonly from?: string;
  /** index date on or before (YYYY-MM-DD) */
  readonly to?: string;
};

function derivedColumns(d: PatientDerived) {
  return {
    name: d.name,
    search_text: d.searchText,
    birth_year: d.birthYear,
    sex: d.sex,
    primary_site: d.primarySite,
    index_date: d.indexDate,
    state_code: d.stateCode,
    state_label: d.stateLabel,
    first_omd_date: d.firstOmdDate,
    first_omd_code: d.firstOmdCode,
    classification: d.classification,
    classified_at: d.classifiedAt,
    derived_version: d.derivedVersion,
    os_days: d.osDays,
    os_event: d.osEvent ? 1 : 0,
    pfs_days: d.pfsDays,
    pfs_event: d.pfsEvent ? 1 : 0,
    local_therapy: d.localTherapy,
    has_sbrt: d.hasSbrt ? 1 : 0,
    has_surgery: d.hasSurgery ? 1 : 0,
    has_ablation: d.hasAblation ? 1 : 0,
    has_systemic: d.hasSystemic ? 1 : 0,
  };
}

function toRecord(r: PatientsTable): PatientRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    document: r.document,
    documentHash: r.document_hash,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    derived: {
      name: r.name,
      searchText: r.search_text,
      birthYear: r.birth_year === null ? null : Number(r.birth_year),
      sex: r.sex,
      primarySite: r.primary_site,
      indexDate: r.index_date,
      stateCode: r.state_code,
      stateLabel: r.state_label,
      firstOmdDate: r.first_omd_date,
      firstOmdCode: r.first_omd_code,
      classification: r.classification,
      classifiedAt: r.classified_at,
      derivedVersion: r.derived_version,
      osDays: r.os_days === null ? null : Number(r.os_days),
      osEvent: Number(r.os_event) === 1,
      pfsDays: r.pfs_days === null ? null : Number(r.pfs_days),
      pfsEvent: Number(r.pfs_event) === 1,
      localTherapy: r.local_therapy,
      hasSbrt: Number(r.has_sbrt) === 1,
      hasSurgery: Number(r.has_surgery) === 1,
      hasAblation: Number(r.has_ablation) === 1,
      hasSystemic: Number(r.has_systemic) === 1,
    },
  };
}

export async function insertPatient(db: Db, p: PatientRecord): Promise<void> {
  await db
    .insertInto("patients")
    .values({
      id: p.id,
      site_id: p.siteId,
      document: p.document,
      document_hash: p.documentHash,
      version: p.version,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      ...derivedColumns(p.derived),
    })
    .execute();
}

/** Inserts many patients in one statement per chunk (caller wraps in a transaction). */
export async function insertPatients(db: Db, ps: readonly PatientRecord[], chunkSize = 200): Promise<void> {
  for (let i = 0; i < ps.length; i += chunkSize) {
    const chunk = ps.slice(i, i + chunkSize);
    await db
      .insertInto("patients")
      .values(
        chunk.map((p) => ({
          id: p.id,
          site_id: p.siteId,
          document: p.document,
          document_hash: p.documentHash,
          version: p.version,
          created_at: p.createdAt,
          updated_at: p.updatedAt,
          ...derivedColumns(p.derived),
        })),
      )
      .execute();
  }
}

/**
 * Replaces the document and derived columns when the stored version is `expectedVersion`;
 * returns false when the row is missing or was changed meanwhile (optimistic concurrency).
 */
export async function updatePatient(db: Db, p: PatientRecord, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable("patients")
    .set({
      site_id: p.siteId,
      document: p.document,
      document_hash: p.documentHash,
      version: p.version,
      updated_at: p.updatedAt,
      ...derivedColumns(p.derived),
    })
    .where("id", "=", p.id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Rewrites only the derived columns (reindex after the derivation code changed). */
export async function updatePatientDerived(
  db: Db,
  id: string,
  version: number,
  d: PatientDerived,
): Promise<boolean> {
  const r = await db
    .updateTable("patients")
    .set(derivedColumns(d))
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function getPatient(db: Db, id: string): Promise<PatientRecord | undefined> {
  // the patient page's read: compiled once (compiled-query.ts)
  const [r] = await runCompiled(db, "getPatient", [id], (qb) =>
    qb.selectFrom("patients").selectAll().where("id", "=", id),
  );
  return r ? toRecord(r) : undefined;
}

/** What the patient page sends: the stored JSON texts as their UTF-8 bytes, with site and version. */
export type PatientPageRow = {
  readonly id: string;
  readonly siteId: string;
  readonly version: number;
  readonly updatedAt: string;
  /** UTF-8 bytes of the stored document (exactly the text column's content) */
  readonly document: Uint8Array;
  /** UTF-8 bytes of the stored classification JSON */
  readonly classification: Uint8Array;
};

/**
 * The patient page's read: only the columns the page sends, and the two JSON texts as bytes
 * (SQLite `cast(... as blob)`, PostgreSQL `convert_to(..., 'UTF8')`: the column's UTF-8 bytes
 * unchanged), so the server neither decodes ~13 kB of UTF-8 into a string nor encodes it back per
 * request. Compiled once per dialect (compiled-query.ts).
 */
export async function getPatientPage(db: Db, id: string): Promise<PatientPageRow | undefined> {
  const [r] = await runCompiled(db, "getPatientPage", [id], (qb) => {
    const pg = qb.getExecutor().adapter instanceof PostgresAdapter;
    const bytes = (column: "document" | "classification") =>
      (pg
        ? sql<Uint8Array>`convert_to(${sql.ref(column)}, 'UTF8')`
        : sql<Uint8Array>`cast(${sql.ref(column)} as blob)`
      ).as(column);
    return qb
      .selectFrom("patients")
      .select(["id", "site_id", "version", "updated_at", bytes("document"), bytes("classification")])
      .where("id", "=", id);
  });
  return r
    ? {
        id: r.id,
        siteId: r.site_id,
        version: Number(r.version),
        updatedAt: r.updated_at,
        document: r.document,
        classification: r.classification,
      }
    : undefined;
}

/** The site of a patient (for authorisation before any other read), or undefined. */
export async function getPatientSite(
  db: Db,
  id: string,
): Promise<{ siteId: string; version: number } | undefined> {
  const r = await db
    .selectFrom("patients")
    .select(["site_id", "version"])
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? { siteId: r.site_id, version: Number(r.version) } : undefined;
}

export async function deletePatient(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom("patients").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function countPatients(db: Db, filter: PatientFilter = {}): Promise<number> {
  const r = await applyFilter(db.selectFrom("patients"), filter)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Escapes LIKE wildcards; used with `escape '\'`. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function applyFilter<O>(
  qb: SelectQueryBuilder<Database, "patients", O>,
  f: PatientFilter,
): SelectQueryBuilder<Database, "patients", O> {
  let q = qb;
  if (f.siteIds !== undefined) {
    q = f.siteIds.length === 0 ? q.where((eb) => eb.lit(false)) : q.where("site_id", "in", [...f.siteIds]);
  }
  if (f.q !== undefined && f.q.trim() !== "") {
    const pattern = `%${likeEscape(f.q.trim().toLowerCase())}%`;
    // ESCAPE is standard SQL (SQLite and PostgreSQL); search_text is stored lower-case
    q = q.where(sql<boolean>`search_text like ${pattern} escape ${"\\"}`);
  }
  if (f.primarySites && f.primarySites.length > 0) q = q.where("primary_site", "in", [...f.primarySites]);
  if (f.stateCodes && f.stateCodes.length > 0) q = q.where("state_code", "in", [...f.stateCodes]);
  for (const t of f.treatments ?? []) {
    if (t === "sbrt") q = q.where("has_sbrt", "=", 1);
    else if (t === "surgery") q = q.where("has_surgery", "=", 1);
    else if (t === "ablation") q = q.where("has_ablation", "=", 1);
    else if (t === "systemic") q = q.where("has_systemic", "=", 1);
    else q = q.where("has_sbrt", "=", 0).where("has_surgery", "=", 0).where("has_ablation", "=", 0);
  }
  if (f.from !== undefined) q = q.where("index_date", ">=", f.from);
  if (f.to !== undefined) q = q.where("index_date", "<=", f.to);
  return q;
}

export type PatientListItem = {
  readonly id: string;
  readonly siteId: string;
  readonly name: string | null;
  readonly birthYear: number | null;
  readonly sex: string | null;
  readonly primarySite: string;
  readonly indexDate: string | null;
  readonly stateCode: string;
  readonly stateLabel: string;
  readonly updatedAt: string;
};

/** One page, most recently updated first (ties by id). */
export async function listPatients(
  db: Db,
  filter: PatientFilter,
  page: { readonly limit: number; readonly offset: number },
): Promise<{ total: number; items: PatientListItem[] }> {
  const total = await countPatients(db, filter);
  const rows = await applyFilter(db.selectFrom("patients"), filter)
    .select([
      "id",
      "site_id",
      "name",
      "birth_year",
      "sex",
      "primary_site",
      "index_date",
      "state_code",
      "state_label",
      "updated_at",
    ])
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      name: r.name,
      birthYear: r.birth_year === null ? null : Number(r.birth_year),
      sex: r.sex,
      primarySite: r.primary_site,
      indexDate: r.index_date,
      stateCode: r.state_code,
      stateLabel: r.state_label,
      updatedAt: r.updated_at,
    })),
  };
}

/** `label` is the key itself: callers map codes to labels (one label table, in core). */
export type CountBy = { readonly key: string; readonly label: string; readonly count: number };

/** Patient counts per state and per primary site for the filter. */
export async function cohortCounts(
  db: Db,
  filter: PatientFilter,
): Promise<{ total: number; byState: CountBy[]; byPrimary: CountBy[] }> {
  // by code alone: an index then covers the query (no reads of the rows, which hold the
  // documents); labels are the caller's (the classifier's label table)
  const byState = await applyFilter(db.selectFrom("patients"), filter)
    .select((eb) => ["state_code", eb.fn.countAll().as("n")])
    .groupBy("state_code")
    .execute();
  const byPrimary = await applyFilter(db.selectFrom("patients"), filter)
    .select((eb) => ["primary_site", eb.fn.countAll().as("n")])
    .groupBy("primary_site")
    .execute();
  const states = byState.map((r) => ({ key: r.state_code, label: r.state_code, count: Number(r.n) }));
  return {
    total: states.reduce((s, r) => s + r.count, 0),
    byState: states,
    byPrimary: byPrimary.map((r) => ({ key: r.primary_site, label: r.primary_site, count: Number(r.n) })),
  };
}

export type OutcomeRow = {
  readonly stateCode: string;
  readonly stateLabel: string;
  readonly primarySite: string;
  readonly localTherapy: string;
  readonly osDays: number | null;
  readonly osEvent: boolean;
  readonly pfsDays: number | null;
  readonly pfsEvent: boolean;
};

/** Time-to-event columns of every patient matching the filter (for survival analysis). */
export async function selectOutcomes(db: Db, filter: PatientFilter): Promise<OutcomeRow[]> {
  const rows = await applyFilter(db.selectFrom("patients"), filter)
    .select([
      "state_code",
      "state_label",
      "primary_site",
      "local_therapy",
      "os_days",
      "os_event",
      "pfs_days",
      "pfs_event",
    ])
    .execute();
  return rows.map((r) => ({
    stateCode: r.state_code,
    stateLabel: r.state_label,
    primarySite: r.primary_site,
    localTherapy: r.local_therapy,
    osDays: r.os_days === null ? null : Number(r.os_days),
    osEvent: Number(r.os_event) === 1,
    pfsDays: r.pfs_days === null ? null : Number(r.pfs_days),
    pfsEvent: Number(r.pfs_event) === 1,
  }));
}

export type OutcomeGroupColumn = "state_code" | "primary_site" | "local_therapy";

/** One endpoint's follow-up of every matching patient, as columns (row i = one patient). */
export type TimeToEventColumns = {
  readonly days: readonly (number | null)[];
  readonly event: readonly boolean[];
  /** the grouping column's value; "" when no grouping column was asked for */
  readonly group: readonly string[];
};

/**
 * Days and event of one endpoint (OS or PFS) and one grouping column for every patient matching
 * the filter: the narrow read of a cohort survival analysis (3 columns of the covering index).
 */
export async function selectTimeToEvent(
  db: Db,
  filter: PatientFilter,
  endpoint: "os" | "pfs",
  groupColumn: OutcomeGroupColumn | null,
): Promise<TimeToEventColumns> {
  const daysColumn = endpoint === "os" ? "os_days" : "pfs_days";
  const eventColumn = endpoint === "os" ? "os_event" : "pfs_event";
  const rows = await applyFilter(db.selectFrom("patients"), filter)
    .select((eb) => [
      eb.ref(daysColumn).as("d"),
      eb.ref(eventColumn).as("e"),
      (groupColumn === null ? eb.val("") : eb.ref(groupColumn)).as("g"),
    ])
    .execute();
  const n = rows.length;
  const days = new Array<number | null>(n);
  const event = new Array<boolean>(n);
  const group = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    days[i] = r.d === null ? null : Number(r.d);
    event[i] = Number(r.e) === 1;
    group[i] = String(r.g);
  }
  return { days, event, group };
}

/** Ids and versions in id order, for batch jobs (reindex, export), `limit` at a time after `afterId`. */
export async function listPatientKeys(
  db: Db,
  options: {
    readonly afterId?: string;
    readonly limit: number;
    readonly notDerivedVersion?: string;
    readonly siteIds?: readonly string[];
  },
): Promise<{ id: string; version: number }[]> {
  let q = db.selectFrom("patients").select(["id", "version"]);
  if (options.afterId !== undefined) q = q.where("id", ">", options.afterId);
  if (options.notDerivedVersion !== undefined)
    q = q.where("derived_version", "<>", options.notDerivedVersion);
  if (options.siteIds !== undefined) {
    q =
      options.siteIds.length === 0
        ? q.where((eb) => eb.lit(false))
        : q.where("site_id", "in", [...options.siteIds]);
  }
  const rows = await q.orderBy("id").limit(options.limit).execute();
  return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
}

/** Full records in id order, `limit` at a time after `afterId` (exports). */
export async function listPatientRecords(
  db: Db,
  options: { readonly afterId?: string; readonly limit: number; readonly filter?: PatientFilter },
): Promise<PatientRecord[]> {
  let q = applyFilter(db.selectFrom("patients"), options.filter ?? {}).selectAll();
  if (options.afterId !== undefined) q = q.where("id", ">", options.afterId);
  const rows = await q.orderBy("id").limit(options.limit).execute();
  return rows.map(toRecord);
}
