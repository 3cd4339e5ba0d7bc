import assert from "node:assert/strict";
import { test } from "node:test";
import { NON_OMD_CODES, OMD_CATEGORY_CODES } from "../../core/index.ts";
import { ESTRO_STATE_OPTIONS } from "./estro-states.ts";
import { stateFamily } from "./state-family.ts";

test("every ESTRO/EORTC code of core has a family (no 'unknown')", () => {
  for (const code of [...OMD_CATEGORY_CODES, ...NON_OMD_CODES])
    assert.notEqual(stateFamily(code), "unknown", code);
  assert.equal(stateFamily("DE_NOVO_SYNCHRONOUS"), "de-novo");
  assert.equal(stateFamily("REPEAT_OLIGOPERSISTENCE"), "repeat");
  assert.equal(stateFamily("INDUCED_OLIGOPROGRESSION"), "induced");
  assert.equal(stateFamily("NOT_OMD_DIFFUSE_DISEASE"), "not-omd");
  assert.equal(stateFamily("INSUFFICIENT_DATA"), "insufficient");
  assert.equal(stateFamily("SOMETHING_NEW"), "unknown");
});

test("the state filter offers exactly core's codes, in the tree's order", () => {
  assert.deepEqual(
    ESTRO_STATE_OPTIONS.map((o) => o.code),
    [...OMD_CATEGORY_CODES, ...NON_OMD_CODES],
  );
});
