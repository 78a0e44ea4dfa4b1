// FPRound() on an exact value: sign * mantissa * 2^exponent with a BigInt mantissa,
// rounded once to binary16/32/64 as the Arm ARM's FPRound does it (tininess is detected
// before rounding; FZ flushes tiny results without raising Inexact). This is the slow,
// always-right path: the fast paths in fpArithmetic.ts fall back to it at the edges of
// the exponent range, and the tests use it as the reference.

import { FPCR_FZ, FPSR_IXC, FPSR_OFC, FPSR_UFC, FpEnvironment, Rounding } from './fpControl';
import { highWord64, lowWord64 } from './floatBits';

export interface FloatFormat {
  /** Significand bits including the implicit leading one. */
  readonly precision: number;
  /** Exponent of the smallest normal number. */
  readonly emin: number;
  /** Exponent of the largest finite number. */
  readonly emax: number;
  /** Whether FPCR.FZ applies to results of this format (not to half precision). */
  readonly honoursFz: boolean;
}

export const DOUBLE: FloatFormat = { precision: 53, emin: -1022, emax: 1023, honoursFz: true };
export const SINGLE: FloatFormat = { precision: 24, emin: -126, emax: 127, honoursFz: true };
export const HALF: FloatFormat = { precision: 11, emin: -14, emax: 15, honoursFz: false };

/** An exact binary value: (-1)^negative * mantissa * 2^exponent. */
export interface ExactValue {
  negative: boolean;
  mantissa: bigint;
  exponent: number;
}

/** The exact value of a finite double. */
export function exactOfDouble(x: number): ExactValue {
  const hi = highWord64(x);
  const lo = lowWord64(x);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) mantissa |= 1n << 52n;
  return { negative: hi >>> 31 === 1, mantissa, exponent: Math.max(biased, 1) - 1075 };
}

/** Number of significant bits of m (m > 0). */
export function bitLength(m: bigint): number {
  const hex = m.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** The largest finite value of a format. */
export function maxFinite(fmt: FloatFormat): number {
  return (2 - 2 ** (1 - fmt.precision)) * 2 ** fmt.emax;
}

/** Result of an overflow in `rounding` (FPRound: infinity or the largest finite value). */
export function overflowResult(env: FpEnvironment, fmt: FloatFormat, negative: boolean, rounding: Rounding): number {
  env.fpsr |= FPSR_OFC | FPSR_IXC;
  const towardInfinity = rounding === Rounding.TieEven || rounding === Rounding.TieAway ||
    (rounding === Rounding.PosInf && !negative) || (rounding === Rounding.NegInf && negative);
  const magnitude = towardInfinity ? Infinity : maxFinite(fmt);
  return negative ? -magnitude : magnitude;
}

/**
 * Rounds an exact nonzero value to `fmt` and returns it as a number (±Infinity on
 * overflow), raising Inexact/Underflow/Overflow. An exact zero mantissa returns a zero of
 * the value's sign (callers decide the sign of exact zero results).
 */
export function roundExact(env: FpEnvironment, fmt: FloatFormat, value: ExactValue, rounding: Rounding): number {
  const { negative, mantissa } = value;
  if (mantissa === 0n) return negative ? -0 : 0;
  const length = bitLength(mantissa);
  // The value lies in [2^e, 2^(e+1)).
  const e = value.exponent + length - 1;
  const tiny = e < fmt.emin;
  if (tiny && fmt.honoursFz && (env.fpcr & FPCR_FZ) !== 0) {
    env.fpsr |= FPSR_UFC;
    return negative ? -0 : 0;
  }
  // The exponent of the result's last significand bit.
  const quantum = Math.max(e, fmt.emin) - (fmt.precision - 1);
  const drop = quantum - value.exponent;
  let kept: bigint;
  let inexact = false;
  if (drop <= 0) {
    kept = mantissa << BigInt(-drop);
  } else {
    const shift = BigInt(drop);
    kept = mantissa >> shift;
    const remainder = mantissa - (kept << shift);
    if (remainder !== 0n) {
      inexact = true;
      if (roundsUp(kept, remainder, 1n << (shift - 1n), negative, rounding)) kept += 1n;
      else if (rounding === Rounding.Odd) kept |= 1n;
    }
  }
  if (tiny && inexact) env.fpsr |= FPSR_UFC;
  // Carry out of the top bit moves the value up one binade; the overflow check sees it.
  const resultLength = kept === 0n ? 0 : bitLength(kept);
  if (resultLength > 0 && quantum + resultLength - 1 > fmt.emax) {
    return overflowResult(env, fmt, negative, rounding);
  }
  if (inexact) env.fpsr |= FPSR_IXC;
  const magnitude = Number(kept) * 2 ** quantum;
  return negative ? -magnitude : magnitude;
}

function roundsUp(kept: bigint, remainder: bigint, half: bigint, negative: boolean, rounding: Rounding): boolean {
  switch (rounding) {
    case Rounding.TieEven: return remainder > half || (remainder === half && (kept & 1n) === 1n);
    case Rounding.TieAway: return remainder >= half;
    case Rounding.PosInf: return !negative;
    case Rounding.NegInf: return negative;
    default: return false;
  }
}
