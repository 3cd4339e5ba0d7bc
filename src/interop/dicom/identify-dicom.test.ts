import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import {
  syntheticRtDose,
  syntheticRtPlan,
  syntheticRtStruct,
  writeDicom,
} from "../../../test/support/dicom-writer.ts";
import { needsSharedData, sharedDataPath } from "../../../test/support/shared-data.ts";
import { identifyDicom } from "./identify-dicom.ts";

function identify(bytes: Uint8Array) {
  const r = identifyDicom(bytes);
  if (!r.ok) assert.fail(JSON.stringify(r.issues));
  return r.value;
}

describe("identifyDicom", () => {
  test("kinds, UIDs and the links dose -> plan -> structure set of synthetic files", () => {
    const dose = identify(
      syntheticRtDose({
        rows: 1,
        columns: 1,
        frames: 1,
        extra: [
          {
            tag: 0x300c0002,
            vr: "SQ",
            items: [
              [
                { tag: 0x00081150, vr: "UI", value: "1.2.840.10008.5.1.4.1.1.481.5" },
                { tag: 0x00081155, vr: "UI", value: "9.8.7" },
              ],
            ],
          },
        ],
      }),
    );
    assert.equal(dose.kind, "rtdose");
    assert.equal(dose.sopClassName, "RT Dose Storage");
    assert.equal(dose.modality, "RTDOSE");
    assert.deepEqual(dose.referencedRtPlanUids, ["9.8.7"]);
    assert.equal(dose.patientId, "SYNTHETIC");
    assert.equal(dose.transferSyntaxUid, "1.2.840.10008.1.2.1");
    assert.equal(dose.hasPart10Header, true);

    const plan = identify(syntheticRtPlan({ label: "L1", structureSetUid: "5.6.7" }));
    assert.equal(plan.kind, "rtplan");
    assert.equal(plan.label, "L1");
    assert.deepEqual(plan.referencedStructureSetUids, ["5.6.7"]);

    const struct = identify(
      syntheticRtStruct({
        rois: [],
        frameOfReferenceUid: "4.4.4",
        transferSyntax: "implicit-le",
        part10: false,
      }),
    );
    assert.equal(struct.kind, "rtstruct");
    assert.equal(struct.frameOfReferenceUid, "4.4.4");
    assert.equal(struct.hasPart10Header, false);
  });

  test("a CT image and an unknown object are recognised as such, not as errors", () => {
    const ct = identify(
      writeDicom([
        { tag: 0x00080016, vr: "UI", value: "1.2.840.10008.5.1.4.1.1.2" },
        { tag: 0x00080060, vr: "CS", value: "CT" },
      ]),
    );
    assert.equal(ct.kind, "image");
    const other = identify(writeDicom([{ tag: 0x00080016, vr: "UI", value: "1.2.3.4.5" }]));
    assert.equal(other.kind, "other");
    assert.equal(other.sopClassName, undefined);
  });

  test("non-DICOM bytes are an error", () => {
    const r = identifyDicom(new TextEncoder().encode("%PDF-1.7 not a dicom file at all, clearly"));
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.issues[0]?.code, "dicom_not_dicom");
  });
});

describe("identifyDicom on every shared DICOM RT file", needsSharedData("dicom-rt"), () => {
  test("each .dcm file is identified as the kind its name and README say", () => {
    const root = sharedDataPath("dicom-rt") as string;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith(".dcm")) files.push(full);
      }
    };
    walk(root);
    assert.ok(files.length >= 70, `${files.length} files`);
    const counts = { rtdose: 0, rtstruct: 0, rtplan: 0 } as Record<string, number>;
    for (const f of files) {
      const id = identify(new Uint8Array(readFileSync(f)));
      const name = relative(root, f);
      const expected = /RD|rtdose|RTDOSE|dose-grids/.test(name)
        ? "rtdose"
        : /RP|rtplan|RTPLAN/.test(name)
          ? "rtplan"
          : "rtstruct";
      assert.equal(id.kind, expected, name);
      counts[id.kind] = (counts[id.kind] ?? 0) + 1;
    }
    // README: RTDOSE 6 Nelms + 2 RayStation + 1 Eclipse (rebuilt) + 1 GammaPlan + 4 pydicom
    assert.equal(counts["rtdose"], 14);
    assert.equal(counts["rtplan"], 6);
  });

  test("RayStation dose and plan share the structure set's frame of reference", () => {
    const dir = ["raystation-srs-brain-pps", "BrainSRSRaystationIMRT"];
    const read = (f: string) =>
      identify(new Uint8Array(readFileSync(sharedDataPath("dicom-rt", ...dir, f) as string)));
    const rd = read("RD1.2.752.243.1.1.20180405114728128.4000.85245.dcm");
    const rp = read("RP1.2.752.243.1.1.20180405114728127.3000.13138.dcm");
    const rs = read("RS1.2.752.243.1.1.20180405120828292.2900.76357.dcm");
    assert.equal(rd.frameOfReferenceUid, rs.frameOfReferenceUid);
    assert.equal(rp.frameOfReferenceUid, rs.frameOfReferenceUid);
    assert.deepEqual(rd.referencedRtPlanUids, [rp.sopInstanceUid]);
    assert.deepEqual(rp.referencedStructureSetUids, [rs.sopInstanceUid]);
  });

  test("pydicom RLE file: the referenced plan is read from a sequence encoded as UN", () => {
    const id = identify(
      new Uint8Array(
        readFileSync(sharedDataPath("dicom-rt", "pydicom-testfiles", "rtdose_rle.dcm") as string),
      ),
    );
    const le = identify(
      new Uint8Array(readFileSync(sharedDataPath("dicom-rt", "pydicom-testfiles", "rtdose.dcm") as string)),
    );
    assert.equal(id.transferSyntaxUid, "1.2.840.10008.1.2.5");
    assert.equal(le.referencedRtPlanUids.length, 1);
    assert.deepEqual(id.referencedRtPlanUids, le.referencedRtPlanUids);
  });
});
