// Append-only, hash-chained audit log. Entry n stores hash_n = sha256(hash_{n-1} || canonical(entry_n))
// (hex); entry 1 chains to 64 zeros. There is no UPDATE or DELETE path in the code, and the
// database refuses both (triggers in migration 0001). `verifyAuditLog` recomputes the chain.
import { createHash } from "node:crypto";
import { PostgresAdapter, sql } from "kysely";
import { canonicalJson } from "./canonical-json.ts";
import { runCompiled } from "./compiled-query.ts";
import type { AuditLogTable } from "./database-types.ts";
import type { Db } from "./open-store.ts";

export const GENESIS_HASH = "0".repeat(64);

export type AuditEntryInput = {
  /** ISO instant */
  readonly at: string;
  /** username, or "anonymous" / "system" */
  readonly actor: string;
  readonly role: string | null;
  readonly siteId: string | null;
  /** dotted verb, e.g. "patient.read", "patient.update", "auth.login_failed" */
  readonly action: string;
  /** e.g. "patient:P-001", "user:alice"; null for cohort-wide actions */
  readonly resource: string | null;
  /** small JSON object with the facts of the action (filters, counts, ids) */
  readonly details: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
};

export type AuditEntry = AuditEntryInput & {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
};

/** The exact bytes that are hashed for an entry (besides the previous hash). */
export function canonicalAuditEntry(seq: number, e: AuditEntryInput): string {
  return canonicalJson({
    seq,
    at: e.at,
    actor: e.actor,
    role: e.role,
    siteId: e.siteId,
    action: e.action,
    resource: e.resource,
    details: e.details,
    ip: e.ip,
  });
}

export function chainHash(prevHash: string, canonicalEntry: string): string {
  return createHash("sha256").update(prevHash).update(canonicalEntry).digest("hex");
}

/**
 * Appends one entry. Must run inside a transaction (Store.transaction): on PostgreSQL it takes a
 * transaction-scoped advisory lock so concurrent server processes append one at a time; on SQLite
 * the transaction already holds the write lock (BEGIN IMMEDIATE).
 */
export async function appendAudit(trx: Db, entry: AuditEntryInput): Promise<AuditEntry> {
  const [written] = await appendAuditEntries(trx, [entry]);
  return written as AuditEntry;
}

/**
 * Appends entries in the given order, chained one to the next: the chain head is read ONCE,
 * inside the caller's transaction (another process may have appended since), then each entry is
 * hashed onto the previous one and inserted. Same locking as appendAudit; used by the group
 * commit (audit-group-commit.ts) to write many requests' entries in one transaction.
 */
export async function appendAuditEntries(
  trx: Db,
  entries: readonly AuditEntryInput[],
): Promise<AuditEntry[]> {
  if (entries.length === 0) return [];
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    // 0x4f4c4947 = "OLIG": one lock id for the audit chain
    await sql`select pg_advisory_xact_lock(1330399559)`.execute(trx);
  }
  // read inside the write transaction (another process may have appended since our last entry);
  // both statements run on every audited request: compiled once (compiled-query.ts)
  const [last] = await runCompiled(trx, "auditHead", [1], (qb) =>
    qb.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1),
  );
  let seq = last ? Number(last.seq) : 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const written: AuditEntry[] = [];
  for (const entry of entries) {
    seq += 1;
    const hash = chainHash(prevHash, canonicalAuditEntry(seq, entry));
    const row = {
      seq,
      at: entry.at,
      actor: entry.actor,
      role: entry.role,
      site_id: entry.siteId,
      action: entry.action,
      resource: entry.resource,
      details: canonicalJson(entry.details),
      ip: entry.ip,
      prev_hash: prevHash,
      hash,
    };
    const values = [
      row.seq,
      row.at,
      row.actor,
      row.role,
      row.site_id,
      row.action,
      row.resource,
      row.details,
      row.ip,
      row.prev_hash,
      row.hash,
    ];
    await runCompiled(trx, "auditAppend", values, (qb) => qb.insertInto("audit_log").values(row));
    written.push({ ...entry, seq, prevHash, hash });
    prevHash = hash;
  }
  return written;
}

function rowToEntry(r: AuditLogTable): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    role: r.role,
    siteId: r.site_id,
    action: r.action,
    resource: r.resource,
    details: JSON.parse(r.details) as Record<string, unknown>,
    ip: r.ip,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export type AuditVerification = {
  readonly ok: boolean;
  /** number of entries checked */
  readonly entries: number;
  /** seq of the first entry that breaks the chain, null when intact */
  readonly firstBadEntry: number | null;
  /** why that entry breaks the chain */
  readonly reason: string | null;
  /** hash of the last entry (publish it elsewhere to detect truncation of the tail) */
  readonly headHash: string;
};

const VERIFY_BATCH = 5000;

/** Recomputes the whole chain in seq order; reports the first entry that does not match. */
export async function verifyAuditLog(db: Db): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(VERIFY_BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      const bad = (reason: string): AuditVerification => ({
        ok: false,
        entries,
        firstBadEntry: seq === expectedSeq ? seq : expectedSeq,
        reason,
        headHash: prevHash,
      });
      if (seq !== expectedSeq) return bad(`entry ${expectedSeq} is missing (next entry is ${seq})`);
      if (row.prev_hash !== prevHash)
        return bad(`entry ${seq} does not link to the hash of entry ${seq - 1}`);
      let recomputed: string;
      try {
        recomputed = chainHash(prevHash, canonicalAuditEntry(seq, rowToEntry(row)));
      } catch {
        return bad(`entry ${seq} has unreadable details JSON`);
      }
      if (recomputed !== row.hash)
        return bad(`entry ${seq} was altered (its content does not match its hash)`);
      prevHash = row.hash;
      expectedSeq = seq + 1;
      entries += 1;
    }
  }
  return { ok: true, entries, firstBadEntry: null, reason: null, headHash: prevHash };
}

export type AuditQuery = { readonly resource?: string; readonly limit?: number; readonly beforeSeq?: number };

/** Most recent entries first, optionally for one resource (e.g. "patient:P-001"). */
export async function listAuditEntries(db: Db, q: AuditQuery = {}): Promise<AuditEntry[]> {
  let query = db.selectFrom("audit_log").selectAll();
  if (q.resource !== undefined) query = query.where("resource", "=", q.resource);
  if (q.beforeSeq !== undefined) query = query.where("seq", "<", q.beforeSeq);
  const rows = await query
    .orderBy("seq", "desc")
    .limit(q.limit ?? 100)
    .execute();
  return rows.map(rowToEntry);
}
