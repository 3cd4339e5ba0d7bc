// Small key/value settings (e.g. the research-export secret, the derivation version).
import type { Db } from "./open-store.ts";

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const r = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return r?.value;
}

/** Inserts the value unless the key exists; returns the stored value (first writer wins). */
export async function getOrInitSetting(db: Db, key: string, init: () => string): Promise<string> {
  const existing = await getSetting(db, key);
  if (existing !== undefined) return existing;
  await db
    .insertInto("settings")
    .values({ key, value: init() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const stored = await getSetting(db, key);
  if (stored === undefined) throw new Error(`setting ${key} could not be stored`);
  return stored;
}

export async function putSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}
