// FPToFixed: an FP value (already flushed by FPUnpack) scaled by 2^fbits, rounded to an
// integer and saturated. NaN gives 0 and Invalid Operation; out-of-range values saturate
// with Invalid Operation; otherwise a rounded-away fraction raises Inexact.

import { FPSR_IOC, FPSR_IXC, FpEnvironment, Rounding } from './fpControl';
import { roundToIntegral } from './fpRoundIntegral';

const TWO_31 = 2 ** 31;
const TWO_32 = 2 ** 32;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

function scaled(x: number, fbits: number): number {
  return fbits === 0 ? x : x * 2 ** fbits;
}

/** The 32-bit result as an unsigned word (two's complement for signed results). */
export function toInteger32(env: FpEnvironment, x: number, fbits: number, unsigned: boolean, rounding: Rounding): number {
  if (x !== x) {
    env.fpsr |= FPSR_IOC;
    return 0;
  }
  const value = scaled(x, fbits);
  const r = roundToIntegral(value, rounding);
  const low = unsigned ? 0 : -TWO_31;
  const high = unsigned ? TWO_32 - 1 : TWO_31 - 1;
  if (r < low || r > high) {
    env.fpsr |= FPSR_IOC;
    return (r < low ? low : high) >>> 0;
  }
  if (r !== value) env.fpsr |= FPSR_IXC;
  return r >>> 0;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The 64-bit result (as a bigint to store in a BigUint64Array, which wraps negatives). */
export function toInteger64(env: FpEnvironment, x: number, fbits: number, unsigned: boolean, rounding: Rounding): bigint {
  if (x !== x) {
    env.fpsr |= FPSR_IOC;
    return 0n;
  }
  const value = scaled(x, fbits);
  const r = roundToIntegral(value, rounding);
  if (unsigned ? (r < 0 || r >= TWO_64) : (r < -TWO_63 || r >= TWO_63)) {
    env.fpsr |= FPSR_IOC;
    if (unsigned) return r < 0 ? 0n : UINT64_MAX;
    return r < 0 ? INT64_MIN : INT64_MAX;
  }
  if (r !== value) env.fpsr |= FPSR_IXC;
  return BigInt(r);
}
