// Store contract: login attempts counted per key in a fixed window, on every target.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { countLoginAttempt, type Store } from "../../src/store/index.ts";
import { storeTargets } from "./store-targets.ts";

const T0 = Date.parse("2026-11-23T14:00:00.000Z");
const WINDOW_MS = 60_000;

for (const target of storeTargets()) {
  describe(`login attempts contract: ${target.name}`, { skip: target.skip }, () => {
    let store: Store;
    before(async () => {
      store = await target.open();
    });
    after(async () => store?.close());

    test("counts per key within the window; a new window after it ends", async () => {
      const a1 = await countLoginAttempt(store, "127.0.0.1|admin", T0, WINDOW_MS);
      assert.deepEqual(a1, { attempts: 1, windowEndsMs: T0 + WINDOW_MS });
      const a2 = await countLoginAttempt(store, "127.0.0.1|admin", T0 + 59_999, WINDOW_MS);
      assert.deepEqual(
        a2,
        { attempts: 2, windowEndsMs: T0 + WINDOW_MS },
        "same window: its end does not move",
      );
      const other = await countLoginAttempt(store, "127.0.0.1|clin-a", T0 + 1, WINDOW_MS);
      assert.equal(other.attempts, 1, "another key has its own count");
      const next = await countLoginAttempt(store, "127.0.0.1|admin", T0 + WINDOW_MS, WINDOW_MS);
      assert.deepEqual(next, { attempts: 1, windowEndsMs: T0 + 2 * WINDOW_MS }, "window ended at T0 + 60 s");
    });

    test("20 concurrent attempts on one key count 20", async () => {
      const r = await Promise.all(
        Array.from({ length: 20 }, () => countLoginAttempt(store, "10.0.0.9|x", T0, WINDOW_MS)),
      );
      assert.deepEqual(
        r.map((c) => c.attempts).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    });
  });
}
