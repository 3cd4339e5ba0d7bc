import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  dvhMetricName,
  dvhMetricUnit,
  evaluateDvhMetric,
  parseDvhMetric,
  parseDvhMetricList,
} from "./metrics.ts";
import type { DvhQuery } from "./types.ts";

describe("DVH metric grammar", () => {
  const good: [string, string, string][] = [
    ["Dmin", "Dmin", "Gy"],
    ["dmax", "Dmax", "Gy"],
    ["DMEAN", "Dmean", "Gy"],
    ["D99%", "D99%", "Gy"],
    ["d0.5%", "D0.5%", "Gy"],
    ["D0.03cc", "D0.03cc", "Gy"],
    ["D2cc", "D2cc", "Gy"],
    ["V20Gy", "V20Gy", "cc"],
    ["v17.5gy", "V17.5Gy", "cc"],
    ["V20Gycc", "V20Gy", "cc"],
    ["V12Gy%", "V12Gy%", "%"],
    [" HI ", "HI", ""],
    ["D.5cc", "D0.5cc", "Gy"],
  ];
  for (const [text, name, unit] of good) {
    it(`"${text}" → ${name} (${unit || "index"})`, () => {
      const r = parseDvhMetric(text);
      assert.ok(r.ok);
      assert.equal(dvhMetricName(r.value), name);
      assert.equal(dvhMetricUnit(r.value), unit);
    });
  }
  for (const bad of ["D101%", "D95", "V20", "Dmedian", "D-1cc", "V20Gy%%", ""]) {
    it(`"${bad}" is refused with the grammar in the message`, () => {
      const r = parseDvhMetric(bad, "metrics[0]");
      assert.ok(!r.ok);
      assert.equal(r.issues[0]!.code, "dvh_metric_invalid");
      assert.equal(r.issues[0]!.path, "metrics[0]");
    });
  }
  it("a list reports every bad entry with its index", () => {
    const r = parseDvhMetricList("D99%, Dfoo, V20Gy, D200%");
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => i.path),
      ["metrics[1]", "metrics[3]"],
    );
  });

  it("evaluates against a DvhQuery; HI = (D2% − D98%)/D50% (ICRU 83)", () => {
    // uniform dose on [40, 50] Gy over 100 cc: D(p%) = 50 − p/10
    const q: DvhQuery = {
      volumeCc: 100,
      volumeOutsideGridCc: 0,
      minGy: 40,
      meanGy: 45,
      maxGy: 50,
      doseAtVolumeCc: (cc) => 50 - cc / 10,
      doseAtVolumePercent: (p) => 50 - p / 10,
      volumeAtDoseCc: (d) => Math.max(0, Math.min(100, (50 - d) * 10)),
      volumeAtDosePercent: (d) => Math.max(0, Math.min(100, (50 - d) * 10)),
    };
    const ev = (t: string) => {
      const r = parseDvhMetric(t);
      assert.ok(r.ok);
      return evaluateDvhMetric(r.value, q);
    };
    assert.equal(ev("D95%"), 40.5);
    assert.equal(ev("V45Gy"), 50);
    assert.equal(ev("Dmean"), 45);
    // (49.8 − 40.2) / 45
    assert.ok(Math.abs(ev("HI") - 9.6 / 45) < 1e-12);
  });
});
