import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { rleFrame } from "../../../test/support/dicom-writer.ts";
import { decodeRleFrame } from "./rle-decoder.ts";

/** Wraps PackBits segments in an RLE header (PS3.5 G.5: segment count, then offsets, 64 bytes). */
function fragment(...segments: number[][]): Uint8Array {
  const header = new Uint8Array(64);
  const dv = new DataView(header.buffer);
  dv.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((s, i) => {
    dv.setUint32(4 + 4 * i, offset, true);
    offset += s.length;
  });
  return Uint8Array.from([...header, ...segments.flat()]);
}

describe("RLE Lossless (PS3.5 Annex G)", () => {
  test("PackBits example of Apple Technical Note TN1023 decodes to the published output", () => {
    // TN1023 "Understanding PackBits": packed FE AA 02 80 00 2A FD AA 03 80 00 2A 22 F7 AA
    const packed = [0xfe, 0xaa, 0x02, 0x80, 0x00, 0x2a, 0xfd, 0xaa, 0x03, 0x80, 0x00, 0x2a, 0x22, 0xf7, 0xaa];
    const unpacked = [
      0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0xaa, 0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0x22, 0xaa, 0xaa, 0xaa,
      0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    ];
    const plane = new Uint8Array(unpacked.length);
    assert.deepEqual(decodeRleFrame(fragment(packed), unpacked.length, [plane]), { ok: true });
    assert.deepEqual(Array.from(plane), unpacked);
  });

  test("-128 is a no-op and segments are most significant byte first", () => {
    const hi = new Uint8Array(2);
    const lo = new Uint8Array(2);
    const r = decodeRleFrame(fragment([0x80, 0x01, 0x12, 0x34], [0xff, 0x56]), 2, [hi, lo]);
    assert.ok(r.ok);
    assert.deepEqual([...hi, ...lo], [0x12, 0x34, 0x56, 0x56]);
  });

  const broken: [string, Uint8Array, number, number][] = [
    ["shorter than the header", new Uint8Array(10), 4, 1],
    ["zero segments", fragment(), 4, 1],
    ["segment count differs from BitsAllocated", fragment([0x03, 1, 2, 3, 4]), 4, 2],
    ["segment decodes too few bytes", fragment([0x01, 1, 2]), 4, 1],
    ["literal run past the end", fragment([0x05, 1, 2]), 6, 1],
  ];
  for (const [name, bytes, pixels, planes] of broken) {
    test(`refuses a frame: ${name}`, () => {
      const r = decodeRleFrame(
        bytes,
        pixels,
        Array.from({ length: planes }, () => new Uint8Array(pixels)),
      );
      assert.equal(r.ok, false);
    });
  }

  test("segment offsets outside the fragment are refused", () => {
    const f = fragment([0x00, 7]);
    new DataView(f.buffer).setUint32(4, 10_000, true);
    assert.equal(decodeRleFrame(f, 1, [new Uint8Array(1)]).ok, false);
  });

  test("decoding inverts the test writer's encoder for any 16/32-bit frame (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2 as const, 4 as const),
        fc.array(fc.oneof(fc.constant(0), fc.constant(7), fc.nat({ max: 0xffffffff })), {
          minLength: 1,
          maxLength: 400,
        }),
        (bytesPerValue, raw) => {
          const values = raw.map((v) => (bytesPerValue === 2 ? v & 0xffff : v >>> 0));
          const planes = Array.from({ length: bytesPerValue }, () => new Uint8Array(values.length));
          assert.ok(decodeRleFrame(rleFrame(values, bytesPerValue), values.length, planes).ok);
          const decoded = values.map((_, i) => planes.reduce((acc, p) => acc * 256 + (p[i] as number), 0));
          assert.deepEqual(decoded, values);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
