// Working memory shared by the ROIs of one computeDvhs call: grow-only typed arrays, handed out
// by name, so that a plan of many ROIs allocates (and the garbage collector frees) its raster
// buffers once instead of once per ROI. Buffers marked "zeroed" must be handed back all zero
// (their users clear what they touch); the others hold stale values and are overwritten.

export class DvhScratch {
  private readonly f64 = new Map<string, Float64Array>();
  private readonly f32 = new Map<string, Float32Array>();
  private readonly i32 = new Map<string, Int32Array>();

  /** A Float64Array of at least `size` values; contents unspecified unless the key is only used zeroed. */
  float64(key: string, size: number): Float64Array {
    let a = this.f64.get(key);
    if (a === undefined || a.length < size) {
      a = new Float64Array(grow(a?.length ?? 0, size));
      this.f64.set(key, a);
    }
    return a;
  }

  float32(key: string, size: number): Float32Array {
    let a = this.f32.get(key);
    if (a === undefined || a.length < size) {
      a = new Float32Array(grow(a?.length ?? 0, size));
      this.f32.set(key, a);
    }
    return a;
  }

  /** Bytes held by every buffer. */
  byteSize(): number {
    let n = 0;
    for (const m of [this.f64, this.f32, this.i32]) for (const a of m.values()) n += a.byteLength;
    return n;
  }

  int32(key: string, size: number): Int32Array {
    let a = this.i32.get(key);
    if (a === undefined || a.length < size) {
      a = new Int32Array(grow(a?.length ?? 0, size));
      this.i32.set(key, a);
    }
    return a;
  }
}

/**
 * Scratch kept between computeDvhs calls (a warm call allocates nothing): taken while a call runs
 * (a call made from inside a progress callback gets a fresh one), given back if it holds at most
 * KEEP_SCRATCH_BYTES, so a huge plan does not pin its buffers.
 */
const KEEP_SCRATCH_BYTES = 64 * 2 ** 20;
let idle: DvhScratch | undefined;

/** The kept scratch (or a fresh one when none is free); give it back with `releaseScratch`. */
export function takeScratch(): DvhScratch {
  const s = idle ?? new DvhScratch();
  idle = undefined;
  return s;
}

export function releaseScratch(s: DvhScratch): void {
  if (s.byteSize() <= KEEP_SCRATCH_BYTES) idle = s;
}

/** New capacity: at least `size`, and at least 1.5× the old one (fewer regrowths). */
function grow(old: number, size: number): number {
  return Math.max(size, Math.ceil(old * 1.5));
}
