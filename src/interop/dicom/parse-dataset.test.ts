import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { syntheticRtStruct } from "../../../test/support/dicom-writer.ts";
import { parseDicomBytes } from "./parse-dataset.ts";

const rois = [{ number: 1, name: "A", contours: [] }];
const codes = (r: ReturnType<typeof parseDicomBytes>) =>
  (r.ok ? r.value.warnings : r.issues).map((i) => i.code);

describe("parseDicomBytes: file layouts (PS3.10 7.1)", () => {
  test("Part-10 file: no warnings, transfer syntax from the meta information", () => {
    const r = parseDicomBytes(syntheticRtStruct({ rois, transferSyntax: "explicit-be" }));
    assert.ok(r.ok);
    assert.equal(r.value.hasPart10Header, true);
    assert.equal(r.value.transferSyntax.uid, "1.2.840.10008.1.2.2");
    assert.equal(r.value.transferSyntax.littleEndian, false);
    assert.deepEqual(codes(r), []);
  });

  test("meta information without the preamble and DICM prefix is read with a warning", () => {
    const full = syntheticRtStruct({ rois });
    const r = parseDicomBytes(full.subarray(132));
    assert.ok(r.ok);
    assert.deepEqual(codes(r), ["dicom_no_preamble"]);
    assert.equal(r.value.transferSyntax.uid, "1.2.840.10008.1.2.1");
  });

  for (const transferSyntax of ["implicit-le", "explicit-le"] as const) {
    test(`raw ${transferSyntax} data set without any header: encoding detected, warning`, () => {
      const r = parseDicomBytes(syntheticRtStruct({ rois, transferSyntax, part10: false }));
      assert.ok(r.ok);
      assert.equal(r.value.hasPart10Header, false);
      assert.equal(r.value.transferSyntax.explicitVr, transferSyntax === "explicit-le");
      assert.deepEqual(codes(r), ["dicom_no_part10_header"]);
    });
  }

  test("a raw big-endian data set cannot be read without meta information", () => {
    const r = parseDicomBytes(syntheticRtStruct({ rois, transferSyntax: "explicit-be", part10: false }));
    assert.deepEqual(codes(r), ["dicom_not_dicom"]);
  });

  test("missing or unknown transfer syntax in the meta information", () => {
    const unknown = parseDicomBytes(syntheticRtStruct({ rois, transferSyntaxUid: "1.2.3.4" }));
    assert.deepEqual(codes(unknown), ["dicom_transfer_syntax_unsupported"]);
    assert.ok(!unknown.ok && /1\.2\.3\.4/.test(unknown.issues[0]?.message ?? ""));
  });

  test("ISO 2022 code extensions and unknown character sets are decoded with a warning", () => {
    const iso2022 = parseDicomBytes(syntheticRtStruct({ rois, specificCharacterSet: "\\ISO 2022 IR 87" }));
    assert.deepEqual(codes(iso2022), ["dicom_character_set"]);
    const unknown = parseDicomBytes(syntheticRtStruct({ rois, specificCharacterSet: "ISO_IR 999" }));
    assert.deepEqual(codes(unknown), ["dicom_character_set"]);
    const utf8 = parseDicomBytes(syntheticRtStruct({ rois, specificCharacterSet: "ISO_IR 192" }));
    assert.deepEqual(codes(utf8), []);
  });

  test("truncation inside an element is reported as truncation", () => {
    const full = syntheticRtStruct({
      rois: [{ number: 1, name: "A", contours: [{ points: [0, 0, 0, 1, 0, 0, 1, 1, 0] }] }],
    });
    const r = parseDicomBytes(full.subarray(0, full.length - 5));
    assert.deepEqual(codes(r), ["dicom_truncated"]);
  });
});
