// Bit-level views of JavaScript numbers as IEEE binary64/binary32 values, and stepping to
// the adjacent representable value. One shared scratch buffer: the helpers are leaf
// functions, never re-entered. (Little-endian hosts: word 0 of a double is bits [31:0].)

const scratch = new ArrayBuffer(8);
const f64 = new Float64Array(scratch);
const f32 = new Float32Array(scratch);
const u32 = new Uint32Array(scratch);

/** Bits [63:32] of x as binary64. Not for NaNs whose payload matters. */
export function highWord64(x: number): number {
  f64[0] = x;
  return u32[1];
}

/** Bits [31:0] of x as binary64. */
export function lowWord64(x: number): number {
  f64[0] = x;
  return u32[0];
}

/** The binary64 value with the given words (a NaN's payload is not preserved). */
export function fromWords64(hi: number, lo: number): number {
  u32[0] = lo;
  u32[1] = hi;
  return f64[0];
}

/** The binary32 encoding of x (x must already be a binary32 value, or is rounded to nearest). */
export function bits32(x: number): number {
  f32[0] = x;
  return u32[0];
}

/** The binary32 value with encoding b (not for NaNs). */
export function fromBits32(b: number): number {
  u32[0] = b;
  return f32[0];
}

/** Whether bit 0 of x's binary64 fraction is set. */
export function lowestBitSet64(x: number): boolean {
  f64[0] = x;
  return (u32[0] & 1) === 1;
}

/** The least binary64 value greater than x (x finite, not NaN). */
export function nextUp64(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  if (x > 0) increment64(); else decrement64();
  return f64[0];
}

/** The greatest binary64 value less than x (x finite, not NaN). */
export function nextDown64(x: number): number {
  return -nextUp64(-x);
}

function increment64(): void {
  u32[0] = (u32[0] + 1) >>> 0;
  if (u32[0] === 0) u32[1] = (u32[1] + 1) >>> 0;
}

function decrement64(): void {
  if (u32[0] === 0) u32[1] = (u32[1] - 1) >>> 0;
  u32[0] = (u32[0] - 1) >>> 0;
}

/** The least binary32 value greater than x (x a finite binary32 value). */
export function nextUp32(x: number): number {
  if (x === 0) return 2 ** -149;
  f32[0] = x;
  u32[0] = x > 0 ? u32[0] + 1 : u32[0] - 1;
  return f32[0];
}

/** The greatest binary32 value less than x (x a finite binary32 value). */
export function nextDown32(x: number): number {
  return -nextUp32(-x);
}

export const MAX_DOUBLE = Number.MAX_VALUE;
export const MIN_NORMAL_DOUBLE = 2 ** -1022;
export const MAX_SINGLE = (2 - 2 ** -23) * 2 ** 127;
export const MIN_NORMAL_SINGLE = 2 ** -126;
