// Group commit of audit entries. Requests that only READ patient data still need their audit
// entry committed before they are answered; one BEGIN IMMEDIATE ... COMMIT per request cost more
// than the read itself. Here entries that arrive while the event loop is busy are queued and
// appended together in ONE transaction (appendAuditEntries: chain head read inside it, hashes
// chained in arrival order); each caller's promise settles only after that transaction has
// committed, and when it fails every caller in it gets the error (no answer without its entry).
// The batch is taken at the next setImmediate, i.e. after the current I/O phase has queued every
// request it read; while a transaction runs, newer entries wait for the next one.
import { type AuditEntry, type AuditEntryInput, appendAuditEntries } from "./audit-log.ts";
import type { Store } from "./open-store.ts";

/** Upper bound of entries per transaction: keeps the write lock short for other processes. */
export const AUDIT_GROUP_MAX_ENTRIES = 256;

type Waiting = {
  readonly entry: AuditEntryInput;
  readonly resolve: (written: AuditEntry) => void;
  readonly reject: (err: unknown) => void;
};

class AuditGroupCommit {
  readonly #store: Pick<Store, "transaction">;
  #queue: Waiting[] = [];
  #scheduled = false;

  constructor(store: Pick<Store, "transaction">) {
    this.#store = store;
  }

  append(entry: AuditEntryInput): Promise<AuditEntry> {
    return new Promise<AuditEntry>((resolve, reject) => {
      this.#queue.push({ entry, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch =
        this.#queue.length <= AUDIT_GROUP_MAX_ENTRIES
          ? this.#queue
          : this.#queue.slice(0, AUDIT_GROUP_MAX_ENTRIES);
      this.#queue = batch === this.#queue ? [] : this.#queue.slice(AUDIT_GROUP_MAX_ENTRIES);
      let written: AuditEntry[];
      try {
        written = await this.#store.transaction((trx) =>
          appendAuditEntries(
            trx,
            batch.map((w) => w.entry),
          ),
        );
      } catch (err) {
        for (const w of batch) w.reject(err);
        continue;
      }
      for (let i = 0; i < batch.length; i++) batch[i]?.resolve(written[i] as AuditEntry);
    }
    this.#scheduled = false;
  }
}

const groups = new WeakMap<object, AuditGroupCommit>();

/**
 * Appends an entry through the store's group commit and resolves once the transaction holding it
 * has COMMITTED (rejects if that transaction failed). For audit entries that accompany no other
 * write (reads); an entry that must commit with a data change goes through appendAudit inside the
 * change's own transaction instead.
 */
export function appendAuditCommitted(
  store: Pick<Store, "transaction">,
  entry: AuditEntryInput,
): Promise<AuditEntry> {
  let group = groups.get(store);
  if (group === undefined) {
    group = new AuditGroupCommit(store);
    groups.set(store, group);
  }
  return group.append(entry);
}
