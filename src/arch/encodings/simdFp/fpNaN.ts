// NaN handling on encodings (the payload must survive bit for bit, which JavaScript
// numbers do not promise): FPProcessNaN, FPProcessNaNs, FPProcessNaNs3 and the default
// NaN. Single-precision operands are 32-bit words; double-precision ones are (hi, lo)
// word pairs and the result is written to a word array at a double-element index.

import { FPCR_DN, FPSR_IOC, FpEnvironment } from './fpControl';

export const DEFAULT_NAN32 = 0x7fc00000;
export const DEFAULT_NAN64_HI = 0x7ff80000;
const QUIET_BIT32 = 0x00400000;
const QUIET_BIT64_HI = 0x00080000;

export function isNaN32(bits: number): boolean {
  return (bits & 0x7fffffff) > 0x7f800000;
}

export function isSignallingNaN32(bits: number): boolean {
  return isNaN32(bits) && (bits & QUIET_BIT32) === 0;
}

export function isNaN64(hi: number, lo: number): boolean {
  const magnitude = hi & 0x7fffffff;
  return magnitude > 0x7ff00000 || (magnitude === 0x7ff00000 && lo !== 0);
}

export function isSignallingNaN64(hi: number, lo: number): boolean {
  return isNaN64(hi, lo) && (hi & QUIET_BIT64_HI) === 0;
}

/** FPProcessNaN for a single-precision NaN: quieten it (Invalid if it was signalling). */
export function processNaN32(env: FpEnvironment, bits: number): number {
  if ((bits & QUIET_BIT32) === 0) env.fpsr |= FPSR_IOC;
  if ((env.fpcr & FPCR_DN) !== 0) return DEFAULT_NAN32;
  return (bits | QUIET_BIT32) >>> 0;
}

/** FPProcessNaNs: signalling NaNs first (in operand order), then quiet ones. */
export function propagateNaN32(env: FpEnvironment, first: number, second: number): number {
  if (isSignallingNaN32(first)) return processNaN32(env, first);
  if (isSignallingNaN32(second)) return processNaN32(env, second);
  return processNaN32(env, isNaN32(first) ? first : second);
}

/** FPProcessNaNs3 (FPMulAdd passes the addend first). */
export function propagateNaN32x3(env: FpEnvironment, first: number, second: number, third: number): number {
  if (isSignallingNaN32(first)) return processNaN32(env, first);
  if (isSignallingNaN32(second)) return processNaN32(env, second);
  if (isSignallingNaN32(third)) return processNaN32(env, third);
  return processNaN32(env, isNaN32(first) ? first : isNaN32(second) ? second : third);
}

/** FPProcessNaN for a double-precision NaN, written to out at double element `o`. */
export function processNaN64(env: FpEnvironment, hi: number, lo: number, out: Uint32Array, o: number): void {
  if ((hi & QUIET_BIT64_HI) === 0) env.fpsr |= FPSR_IOC;
  if ((env.fpcr & FPCR_DN) !== 0) {
    writeDefaultNaN64(out, o);
    return;
  }
  out[2 * o] = lo;
  out[2 * o + 1] = (hi | QUIET_BIT64_HI) >>> 0;
}

export function writeDefaultNaN64(out: Uint32Array, o: number): void {
  out[2 * o] = 0;
  out[2 * o + 1] = DEFAULT_NAN64_HI;
}

export function propagateNaN64(env: FpEnvironment, h1: number, l1: number, h2: number, l2: number,
  out: Uint32Array, o: number): void {
  if (isSignallingNaN64(h1, l1)) processNaN64(env, h1, l1, out, o);
  else if (isSignallingNaN64(h2, l2)) processNaN64(env, h2, l2, out, o);
  else if (isNaN64(h1, l1)) processNaN64(env, h1, l1, out, o);
  else processNaN64(env, h2, l2, out, o);
}

export function propagateNaN64x3(env: FpEnvironment, h1: number, l1: number, h2: number, l2: number,
  h3: number, l3: number, out: Uint32Array, o: number): void {
  if (isSignallingNaN64(h1, l1)) processNaN64(env, h1, l1, out, o);
  else if (isSignallingNaN64(h2, l2)) processNaN64(env, h2, l2, out, o);
  else if (isSignallingNaN64(h3, l3)) processNaN64(env, h3, l3, out, o);
  else if (isNaN64(h1, l1)) processNaN64(env, h1, l1, out, o);
  else if (isNaN64(h2, l2)) processNaN64(env, h2, l2, out, o);
  else processNaN64(env, h3, l3, out, o);
}
