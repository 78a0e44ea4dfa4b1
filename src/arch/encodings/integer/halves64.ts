// 64-bit shifts and rotates on 32-bit halves. V8 compiles BigInt shifts by a non-literal
// amount to a slow runtime call, and every amount here comes from a decoded field, so
// the executors shift the W-view halves instead. Each helper leaves its result in
// `wide` (halves) - which is also readable as one BigInt through `wideValue`, so a
// shifted operand can feed BigInt arithmetic without a conversion.

const buffer = new ArrayBuffer(8);
/** The last result: wide[0] = bits 31:0, wide[1] = bits 63:32. */
export const wide = new Uint32Array(buffer);
/** The same 64 bits as an unsigned BigInt. */
export const wideValue = new BigUint64Array(buffer);

/** LSL of hi:lo by 0..63. */
export function lsl64(lo: number, hi: number, amount: number): void {
  if (amount === 0) {
    wide[0] = lo;
    wide[1] = hi;
  } else if (amount < 32) {
    wide[0] = lo << amount;
    wide[1] = (hi << amount) | (lo >>> (32 - amount));
  } else {
    wide[0] = 0;
    wide[1] = lo << (amount - 32);
  }
}

/** LSR of hi:lo by 0..63. */
export function lsr64(lo: number, hi: number, amount: number): void {
  if (amount === 0) {
    wide[0] = lo;
    wide[1] = hi;
  } else if (amount < 32) {
    wide[0] = (lo >>> amount) | (hi << (32 - amount));
    wide[1] = hi >>> amount;
  } else {
    wide[0] = hi >>> (amount - 32);
    wide[1] = 0;
  }
}

/** ASR of hi:lo by 0..63. */
export function asr64(lo: number, hi: number, amount: number): void {
  if (amount === 0) {
    wide[0] = lo;
    wide[1] = hi;
  } else if (amount < 32) {
    wide[0] = (lo >>> amount) | (hi << (32 - amount));
    wide[1] = hi >> amount;
  } else {
    wide[0] = hi >> (amount - 32);
    wide[1] = hi >> 31;
  }
}

/** ROR of hi:lo by 0..63. */
export function ror64(lo: number, hi: number, amount: number): void {
  if (amount === 0) {
    wide[0] = lo;
    wide[1] = hi;
  } else if (amount < 32) {
    wide[0] = (lo >>> amount) | (hi << (32 - amount));
    wide[1] = (hi >>> amount) | (lo << (32 - amount));
  } else if (amount === 32) {
    wide[0] = hi;
    wide[1] = lo;
  } else {
    const rest = amount - 32;
    wide[0] = (hi >>> rest) | (lo << (32 - rest));
    wide[1] = (lo >>> rest) | (hi << (32 - rest));
  }
}

/** Low half of a 64-bit BigInt constant (decode-time use only). */
export function lowHalf(value: bigint): number {
  return Number(value & 0xffffffffn);
}

/** High half of a 64-bit BigInt constant (decode-time use only). */
export function highHalf(value: bigint): number {
  return Number((value >> 32n) & 0xffffffffn);
}
