// RLE Lossless decoding, DICOM PS3.5 Annex G. Each frame is one fragment (G.2). A fragment starts with a
// 64-byte header: the number of segments (uint32 LE) and 15 segment offsets (uint32 LE). Each segment
// holds one byte plane, most significant byte first (G.2: segment 1 = MSB ... for BitsAllocated 16 or 32),
// compressed with a PackBits variant (G.3.1): header byte n in 0..127 copies the next n+1 bytes literally,
// n in -127..-1 repeats the next byte -n+1 times, -128 is a no-op.

export type RleFrameResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const HEADER_BYTES = 64;
const MAX_SEGMENTS = 15;

/** Reads a uint32 little endian at `at` (caller guarantees at + 4 <= bytes.length). */
function u32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) |
      ((bytes[at + 1] ?? 0) << 8) |
      ((bytes[at + 2] ?? 0) << 16) |
      ((bytes[at + 3] ?? 0) << 24)) >>>
    0
  );
}

/** Decodes one PackBits segment bytes[start, end) into out[0, out.length); returns the bytes written. */
function decodeSegment(bytes: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let i = start;
  let o = 0;
  const n = out.length;
  while (i < end && o < n) {
    const h = bytes[i++] as number;
    if (h < 128) {
      const len = h + 1;
      const take = Math.min(len, end - i, n - o);
      out.set(bytes.subarray(i, i + take), o);
      i += len;
      o += take;
    } else if (h > 128) {
      if (i >= end) break;
      const value = bytes[i++] as number;
      const len = Math.min(257 - h, n - o);
      out.fill(value, o, o + len);
      o += len;
    }
    // h === 128: no operation
  }
  return o;
}

/**
 * Decodes one RLE frame into byte planes: planes[s] receives segment s (MSB first), each `pixels` long.
 * Validates the header and that every segment fills its plane; never reads outside `fragment`.
 */
export function decodeRleFrame(
  fragment: Uint8Array,
  pixels: number,
  planes: readonly Uint8Array[],
): RleFrameResult {
  if (fragment.length < HEADER_BYTES) {
    return {
      ok: false,
      reason: `RLE fragment has ${fragment.length} bytes, shorter than the 64-byte RLE header`,
    };
  }
  const segments = u32(fragment, 0);
  if (segments < 1 || segments > MAX_SEGMENTS) {
    return { ok: false, reason: `RLE header declares ${segments} segments (allowed 1 to 15)` };
  }
  if (segments !== planes.length) {
    return {
      ok: false,
      reason: `RLE header declares ${segments} segments but BitsAllocated needs ${planes.length} (one per byte)`,
    };
  }
  const offsets: number[] = [];
  for (let s = 0; s < segments; s++) offsets.push(u32(fragment, 4 + 4 * s));
  for (let s = 0; s < segments; s++) {
    const start = offsets[s] as number;
    const end = s + 1 < segments ? (offsets[s + 1] as number) : fragment.length;
    if (start < HEADER_BYTES || start > fragment.length || end > fragment.length || end < start) {
      return {
        ok: false,
        reason: `RLE segment ${s + 1} offsets ${start}..${end} are outside the fragment (${fragment.length} bytes)`,
      };
    }
    const plane = planes[s] as Uint8Array;
    if (plane.length !== pixels) return { ok: false, reason: "internal: plane size mismatch" };
    const written = decodeSegment(fragment, start, end, plane);
    if (written < pixels) {
      return {
        ok: false,
        reason: `RLE segment ${s + 1} decodes to ${written} bytes, the frame needs ${pixels}`,
      };
    }
  }
  return { ok: true };
}
