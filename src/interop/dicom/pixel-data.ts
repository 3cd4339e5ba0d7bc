// Pixel data of an RT Dose to dose values: one pass from the stored integers to a Float32Array with
// Dose Grid Scaling applied (PS3.3 C.8.8.3: dose = stored value x DoseGridScaling). No intermediate copy
// for native little endian data (typed-array view when aligned, DataView otherwise).
import { decodeRleFrame } from "./rle-decoder.ts";

export type PixelLayout = {
  readonly rows: number;
  readonly columns: number;
  readonly frames: number;
  /** 16 or 32 (PS3.3 C.8.8.3.4.1: RT Dose BitsAllocated is 16 or 32) */
  readonly bitsAllocated: 16 | 32;
  readonly bitsStored: number;
  /** true when PixelRepresentation = 1 (two's complement) */
  readonly signed: boolean;
  readonly scaling: number;
};

export type DecodeResult =
  | { readonly ok: true; readonly values: Float32Array }
  | { readonly ok: false; readonly reason: string };

/** Converts a raw stored value with BitsStored < BitsAllocated (mask, then sign-extend when signed). */
function maskedConverter(bitsStored: number, signed: boolean): (v: number) => number {
  const range = 2 ** bitsStored;
  const half = range / 2;
  return (v: number) => {
    const u = (v >>> 0) % range;
    return signed && u >= half ? u - range : u;
  };
}

/**
 * Decodes native (uncompressed) pixel data bytes[offset, offset + count*bytesPerValue) to Float32 dose.
 * The caller checks that the bytes are present.
 */
export function decodeNativePixels(
  bytes: Uint8Array,
  offset: number,
  layout: PixelLayout,
  littleEndian: boolean,
): Float32Array {
  const count = layout.rows * layout.columns * layout.frames;
  const bytesPerValue = layout.bitsAllocated / 8;
  const out = new Float32Array(count);
  const s = layout.scaling;
  const start = bytes.byteOffset + offset;
  const full = layout.bitsStored === layout.bitsAllocated;
  if (littleEndian && full && start % bytesPerValue === 0) {
    const view =
      layout.bitsAllocated === 16
        ? layout.signed
          ? new Int16Array(bytes.buffer, start, count)
          : new Uint16Array(bytes.buffer, start, count)
        : layout.signed
          ? new Int32Array(bytes.buffer, start, count)
          : new Uint32Array(bytes.buffer, start, count);
    for (let i = 0; i < count; i++) out[i] = (view[i] as number) * s;
    return out;
  }
  const dv = new DataView(bytes.buffer, start, count * bytesPerValue);
  const le = littleEndian;
  const convert = full ? undefined : maskedConverter(layout.bitsStored, layout.signed);
  if (layout.bitsAllocated === 16) {
    for (let i = 0; i < count; i++) {
      const raw = layout.signed && full ? dv.getInt16(2 * i, le) : dv.getUint16(2 * i, le);
      out[i] = (convert ? convert(raw) : raw) * s;
    }
  } else {
    for (let i = 0; i < count; i++) {
      const raw = layout.signed && full ? dv.getInt32(4 * i, le) : dv.getUint32(4 * i, le);
      out[i] = (convert ? convert(raw) : raw) * s;
    }
  }
  return out;
}

/** Decodes RLE Lossless frames (one fragment per frame, PS3.5 G.2) to Float32 dose. */
export function decodeRlePixels(fragments: readonly Uint8Array[], layout: PixelLayout): DecodeResult {
  const pixels = layout.rows * layout.columns;
  const bytesPerValue = layout.bitsAllocated / 8;
  if (fragments.length !== layout.frames) {
    return {
      ok: false,
      reason: `RLE pixel data has ${fragments.length} fragment(s) for ${layout.frames} frame(s); RLE Lossless stores one fragment per frame`,
    };
  }
  // PackBits expands at most 64-fold (2 bytes -> 128), so a frame cannot decode from fewer bytes than this;
  // checked before allocating so corrupt Rows/Columns cannot demand gigabytes.
  for (let f = 0; f < fragments.length; f++) {
    const need = Math.ceil((pixels * bytesPerValue) / 64);
    if ((fragments[f]?.length ?? 0) < need) {
      return {
        ok: false,
        reason: `RLE fragment ${f + 1} has ${fragments[f]?.length ?? 0} bytes, too few to hold a ${layout.rows}x${layout.columns} frame`,
      };
    }
  }
  const out = new Float32Array(pixels * layout.frames);
  const planes = Array.from({ length: bytesPerValue }, () => new Uint8Array(pixels));
  const s = layout.scaling;
  const full = layout.bitsStored === layout.bitsAllocated;
  const convert = full ? undefined : maskedConverter(layout.bitsStored, layout.signed);
  for (let f = 0; f < layout.frames; f++) {
    const r = decodeRleFrame(fragments[f] as Uint8Array, pixels, planes);
    if (!r.ok) return { ok: false, reason: `frame ${f + 1}: ${r.reason}` };
    const base = f * pixels;
    if (bytesPerValue === 2) {
      const [hi, lo] = planes as [Uint8Array, Uint8Array];
      for (let i = 0; i < pixels; i++) {
        let v = ((hi[i] as number) << 8) | (lo[i] as number);
        if (convert) v = convert(v);
        else if (layout.signed && v >= 0x8000) v -= 0x10000;
        out[base + i] = v * s;
      }
    } else {
      const [b3, b2, b1, b0] = planes as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      for (let i = 0; i < pixels; i++) {
        const word =
          ((b3[i] as number) << 24) |
          ((b2[i] as number) << 16) |
          ((b1[i] as number) << 8) |
          (b0[i] as number);
        let v = layout.signed ? word | 0 : word >>> 0;
        if (convert) v = convert(word);
        out[base + i] = v * s;
      }
    }
  }
  return { ok: true, values: out };
}
