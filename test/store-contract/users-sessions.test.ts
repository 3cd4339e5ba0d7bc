// Store contract: users, sessions (expiry, disabled users, cascade), settings, migrations.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  countUsers,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findSession,
  findUserByUsername,
  getOrInitSetting,
  getSetting,
  insertSession,
  insertUser,
  listUsers,
  migrateToLatest,
  putSetting,
  type Store,
  sessionIdFromToken,
  setUserDisabled,
  touchSession,
  updateUserPassword,
} from "../../src/store/index.ts";
import { storeTargets } from "./store-targets.ts";

for (const target of storeTargets()) {
  describe(`users, sessions, settings contract: ${target.name}`, { skip: target.skip }, () => {
    let store: Store;
    before(async () => {
      store = await target.open();
    });
    after(async () => store?.close());

    test("migrations are idempotent", async () => {
      await migrateToLatest(store.db);
      await migrateToLatest(store.db);
      assert.equal(await countUsers(store.db), 0);
    });

    test("users: insert, unique username, list, password change, role check", async () => {
      const base = { passwordHash: "$argon2id$x", createdAt: "2026-11-23T10:00:00.000Z", disabled: false };
      await insertUser(store.db, {
        id: "u1",
        username: "alice",
        role: "clinician",
        siteId: "site-a",
        ...base,
      });
      await insertUser(store.db, { id: "u2", username: "root", role: "admin", siteId: null, ...base });
      await assert.rejects(
        insertUser(store.db, { id: "u3", username: "alice", role: "admin", siteId: null, ...base }),
      );
      await assert.rejects(
        insertUser(store.db, {
          id: "u4",
          username: "eve",
          role: "superuser" as "admin",
          siteId: null,
          ...base,
        }),
        "role outside the three roles is refused by a CHECK constraint",
      );
      assert.deepEqual(
        (await listUsers(store.db)).map((u) => [u.username, u.role, u.siteId, u.disabled]),
        [
          ["alice", "clinician", "site-a", false],
          ["root", "admin", null, false],
        ],
      );
      await updateUserPassword(store.db, "u1", "$argon2id$y");
      assert.equal((await findUserByUsername(store.db, "alice"))?.passwordHash, "$argon2id$y");
      assert.equal(await findUserByUsername(store.db, "nobody"), undefined);
    });

    test("sessions: found only while unexpired and the user is enabled", async () => {
      const id = sessionIdFromToken("token-1");
      assert.match(id, /^[0-9a-f]{64}$/);
      await insertSession(store.db, {
        id,
        userId: "u1",
        csrfToken: "csrf-1",
        createdAt: "2026-11-23T10:00:00.000Z",
        lastSeenAt: "2026-11-23T10:00:00.000Z",
        expiresAt: "2026-11-23T12:00:00.000Z",
        ip: "127.0.0.1",
      });
      const s = await findSession(store.db, id, "2026-11-23T11:00:00.000Z");
      assert.equal(s?.username, "alice");
      assert.equal(s?.role, "clinician");
      assert.equal(s?.siteId, "site-a");
      assert.equal(s?.csrfToken, "csrf-1");
      assert.equal(
        await findSession(store.db, id, "2026-11-23T12:00:00.000Z"),
        undefined,
        "expired at the instant",
      );
      await touchSession(store.db, id, "2026-11-23T11:30:00.000Z", "2026-11-23T13:30:00.000Z");
      assert.ok(await findSession(store.db, id, "2026-11-23T12:30:00.000Z"));
      await setUserDisabled(store.db, "u1", true);
      assert.equal(await findSession(store.db, id, "2026-11-23T11:00:00.000Z"), undefined, "disabled user");
      await setUserDisabled(store.db, "u1", false);
      assert.equal(await deleteExpiredSessions(store.db, "2026-11-23T13:00:00.000Z"), 0);
      assert.equal(await deleteExpiredSessions(store.db, "2026-11-24T00:00:00.000Z"), 1);
      assert.equal(await findSession(store.db, id, "2026-11-23T11:00:00.000Z"), undefined);
    });

    test("sessions: logout and logout-everywhere", async () => {
      const mk = (token: string) =>
        insertSession(store.db, {
          id: sessionIdFromToken(token),
          userId: "u2",
          csrfToken: "c",
          createdAt: "2026-11-23T10:00:00.000Z",
          lastSeenAt: "2026-11-23T10:00:00.000Z",
          expiresAt: "2026-11-23T20:00:00.000Z",
          ip: null,
        });
      await mk("a");
      await mk("b");
      await mk("c");
      await deleteSession(store.db, sessionIdFromToken("a"));
      assert.equal(
        await findSession(store.db, sessionIdFromToken("a"), "2026-11-23T11:00:00.000Z"),
        undefined,
      );
      assert.equal(await deleteSessionsOfUser(store.db, "u2"), 2);
    });

    test("settings: first writer wins, put overwrites", async () => {
      assert.equal(await getSetting(store.db, "k"), undefined);
      assert.equal(await getOrInitSetting(store.db, "k", () => "one"), "one");
      assert.equal(await getOrInitSetting(store.db, "k", () => "two"), "one");
      await putSetting(store.db, "k", "three");
      assert.equal(await getSetting(store.db, "k"), "three");
    });
  });
}
