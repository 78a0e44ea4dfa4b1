// The reciprocal estimate family: FRECPE/FRSQRTE (FPRecipEstimate, FPRSqrtEstimate),
// URECPE/URSQRTE (UnsignedRecipEstimate, UnsignedRSqrtEstimate), FRECPX (FPRecpX) and the
// Newton-Raphson steps FRECPS/FRSQRTS (FPRecipStepFused, FPRSqrtStepFused). The estimates
// follow the Arm ARM's 8-bit table algorithms bit for bit; they work on encodings.

import { FPCR_FZ, FPSR_DZC, FPSR_IOC, FPSR_IXC, FPSR_OFC, FPSR_UFC, FpEnvironment, Rounding, fpcrRounding } from './fpControl';
import { DOUBLE, FloatFormat, SINGLE, exactOfDouble, roundExact } from './exactRounding';
import { exactProduct, exactSum } from './exactArithmetic';
import { mulAdd32, mulAdd64 } from './fpArithmetic';
import { bits32, fromBits32, fromWords64, highWord64, lowWord64 } from './floatBits';
import type { FpUnaryOp } from './fpLanes';

/** RecipEstimate: a in [256, 512) is a fixed-point value in [0.5, 1); result in [256, 512). */
export function recipEstimate(a: number): number {
  const b = Math.floor(2 ** 19 / (a * 2 + 1));
  return (b + 1) >>> 1;
}

/** RecipSqrtEstimate: a in [128, 512) is a fixed-point value in [0.25, 1). */
export function recipSqrtEstimate(a: number): number {
  // In units of 1/512 (below 0.5) or 1/256 with the bottom bit discarded, rounded to nearest.
  const scaled = a < 256 ? a * 2 + 1 : (((a >>> 1) << 1) + 1) * 2;
  // The largest b with scaled * (b + 1)^2 < 2^28, searched upward from 512 as the Arm ARM does
  // (starting just below the answer).
  let b = Math.max(512, Math.floor(Math.sqrt(2 ** 28 / scaled)) - 2);
  while (scaled * (b + 1) * (b + 1) < 2 ** 28) b++;
  return (b + 1) >>> 1;
}

/** A sign, biased exponent and 52-bit fraction (as hi/lo words) of a double-format view. */
interface Parts { negative: boolean; exponent: number; fracHi: number; fracLo: number }

function partsOf32(bits: number): Parts {
  return { negative: bits >>> 31 === 1, exponent: (bits >>> 23) & 0xff, fracHi: (bits & 0x7fffff) >>> 3, fracLo: ((bits & 7) << 29) >>> 0 };
}

function partsOf64(hi: number, lo: number): Parts {
  return { negative: hi >>> 31 === 1, exponent: (hi >>> 20) & 0x7ff, fracHi: hi & 0xfffff, fracLo: lo };
}

/** Top 8 bits of the 52-bit fraction (fraction<51:44>). */
const top8 = (p: Parts) => (p.fracHi >>> 12) & 0xff;

/** fraction << 1 within 52 bits. */
function shiftFractionLeft(p: Parts): void {
  p.fracHi = ((p.fracHi << 1) | (p.fracLo >>> 31)) & 0xfffff;
  p.fracLo = (p.fracLo << 1) >>> 0;
}

/** The overflow result of FPRecipEstimate for tiny operands. */
function estimateOverflow(env: FpEnvironment, negative: boolean, fmt: FloatFormat): number {
  const rounding = fpcrRounding(env);
  const toInfinity = rounding === Rounding.TieEven || (rounding === Rounding.PosInf && !negative) ||
    (rounding === Rounding.NegInf && negative);
  env.fpsr |= FPSR_OFC | FPSR_IXC;
  const magnitude = toInfinity ? Infinity : (2 - 2 ** (1 - fmt.precision)) * 2 ** fmt.emax;
  return negative ? -magnitude : magnitude;
}

/**
 * FPRecipEstimate on a non-NaN encoding; returns the result value (exactly representable
 * in the format). `value` is the operand's value after FPUnpack (flushed under FZ).
 */
function recipEstimateValue(env: FpEnvironment, value: number, parts: Parts, fmt: FloatFormat): number {
  const negative = parts.negative;
  if (value === Infinity || value === -Infinity) return negative ? -0 : 0;
  if (value === 0) {
    env.fpsr |= FPSR_DZC;
    return negative ? -Infinity : Infinity;
  }
  const magnitude = Math.abs(value);
  if (magnitude < 2 ** -(fmt.emax + 1)) return estimateOverflow(env, negative, fmt);
  if ((env.fpcr & FPCR_FZ) !== 0 && magnitude >= 2 ** (fmt.emax - 1)) {
    env.fpsr |= FPSR_UFC;
    return negative ? -0 : 0;
  }
  let exponent = parts.exponent;
  if (exponent === 0) {
    if (((parts.fracHi >>> 19) & 1) === 0) {
      exponent = -1;
      shiftFractionLeft(parts);
    }
    shiftFractionLeft(parts);
  }
  const estimate = recipEstimate(256 | top8(parts));
  // Result exponent (biased); the significand is 1.estimate<7:0>, denormalised if needed.
  const resultExponent = 2 * (fmt.emax) - 1 - exponent;
  const significand = 1 + (estimate & 0xff) / 256;
  const unbiased = resultExponent - fmt.emax;
  let magnitudeOut: number;
  if (resultExponent >= 1) magnitudeOut = significand * 2 ** unbiased;
  else if (resultExponent === 0) magnitudeOut = significand / 2 * 2 ** (1 - fmt.emax);
  else magnitudeOut = significand / 4 * 2 ** (1 - fmt.emax);
  return negative ? -magnitudeOut : magnitudeOut;
}

export function recipEstimate32(env: FpEnvironment, bits: number, value: number): number {
  return recipEstimateValue(env, value, partsOf32(bits), SINGLE);
}

export function recipEstimate64(env: FpEnvironment, hi: number, lo: number, value: number): number {
  return recipEstimateValue(env, value, partsOf64(hi, lo), DOUBLE);
}

/** FPRSqrtEstimate on a non-NaN operand; NaN return = default NaN (Invalid). */
function rsqrtEstimateValue(env: FpEnvironment, value: number, parts: Parts, fmt: FloatFormat): number {
  if (value === 0) {
    env.fpsr |= FPSR_DZC;
    return parts.negative ? -Infinity : Infinity;
  }
  if (parts.negative) {
    env.fpsr |= FPSR_IOC;
    return NaN;
  }
  if (value === Infinity) return 0;
  let exponent = parts.exponent;
  if (exponent === 0) {
    while (((parts.fracHi >>> 19) & 1) === 0) {
      shiftFractionLeft(parts);
      exponent--;
    }
    shiftFractionLeft(parts);
  }
  // An even biased exponent scales into [0.5, 1), an odd one into [0.25, 0.5).
  const scaled = (exponent & 1) === 0 ? 256 | top8(parts) : 128 | (top8(parts) >>> 1);
  const bias = fmt.emax;
  const resultExponent = Math.floor((3 * bias - 1 - exponent) / 2);
  const estimate = recipSqrtEstimate(scaled);
  return (1 + (estimate & 0xff) / 256) * 2 ** (resultExponent - bias);
}

export function rsqrtEstimate32(env: FpEnvironment, bits: number, value: number): number {
  return rsqrtEstimateValue(env, value, partsOf32(bits), SINGLE);
}

export function rsqrtEstimate64(env: FpEnvironment, hi: number, lo: number, value: number): number {
  return rsqrtEstimateValue(env, value, partsOf64(hi, lo), DOUBLE);
}

/** UnsignedRecipEstimate (URECPE) of a 32-bit word. */
export function unsignedRecipEstimate(word: number): number {
  if (word >>> 31 === 0) return 0xffffffff;
  return (recipEstimate(word >>> 23) << 23) >>> 0;
}

/** UnsignedRSqrtEstimate (URSQRTE) of a 32-bit word. */
export function unsignedRsqrtEstimate(word: number): number {
  if (word >>> 30 === 0) return 0xffffffff;
  return (recipSqrtEstimate(word >>> 23) << 23) >>> 0;
}

/** FPRecpX on a non-NaN single encoding: the exponent inverted, fraction cleared. */
export function recpX32(bits: number): number {
  const exponent = (bits >>> 23) & 0xff;
  const newExponent = exponent === 0 ? 0xfe : ~exponent & 0xff;
  return ((bits & 0x80000000) | (newExponent << 23)) >>> 0;
}

/** FPRecpX on a non-NaN double encoding: returns the new high word (low word is 0). */
export function recpX64Hi(hi: number): number {
  const exponent = (hi >>> 20) & 0x7ff;
  const newExponent = exponent === 0 ? 0x7fe : ~exponent & 0x7ff;
  return ((hi & 0x80000000) | (newExponent << 20)) >>> 0;
}

const isInfinite = (x: number) => x === Infinity || x === -Infinity;

/**
 * FPRecipStepFused with op1 already negated (a = -op1): 2 + a*b with one rounding;
 * 0 * infinity gives 2. Operands are non-NaN and flushed.
 */
export function recipStep(env: FpEnvironment, a: number, b: number, double: boolean): number {
  if ((isInfinite(a) && b === 0) || (a === 0 && isInfinite(b))) return 2;
  if (isInfinite(a) || isInfinite(b)) return (a < 0) !== (b < 0) ? -Infinity : Infinity;
  return double ? mulAdd64(env, 2, a, b) : mulAdd32(env, 2, a, b);
}

/** FPRSqrtStepFused with op1 already negated: (3 + a*b) / 2 with one rounding; 0 * inf gives 1.5. */
export function rsqrtStep(env: FpEnvironment, a: number, b: number, double: boolean): number {
  if ((isInfinite(a) && b === 0) || (a === 0 && isInfinite(b))) return 1.5;
  if (isInfinite(a) || isInfinite(b)) return (a < 0) !== (b < 0) ? -Infinity : Infinity;
  const fmt = double ? DOUBLE : SINGLE;
  const sum = exactSum(exactOfDouble(3), exactProduct(exactOfDouble(a), exactOfDouble(b)));
  if (sum.mantissa === 0n) return fpcrRounding(env) === Rounding.NegInf ? -0 : 0;
  return roundExact(env, fmt, { ...sum, exponent: sum.exponent - 1 }, fpcrRounding(env));
}

/** FRECPE as a lane operation on a (flushed, non-NaN) value; the encoding follows from it. */
export function reciprocalEstimateOp(double: boolean): FpUnaryOp {
  return double
    ? (env, x) => recipEstimate64(env, highWord64(x), lowWord64(x), x)
    : (env, x) => recipEstimate32(env, bits32(x), x);
}

/** FRSQRTE as a lane operation; NaN return = default NaN (negative operand). */
export function reciprocalSqrtEstimateOp(double: boolean): FpUnaryOp {
  return double
    ? (env, x) => rsqrtEstimate64(env, highWord64(x), lowWord64(x), x)
    : (env, x) => rsqrtEstimate32(env, bits32(x), x);
}

/** FRECPX as a lane operation (the exponent of the flushed operand, inverted). */
export function reciprocalExponentOp(double: boolean): FpUnaryOp {
  return double
    ? (_env, x) => fromWords64(recpX64Hi(highWord64(x)), 0)
    : (_env, x) => fromBits32(recpX32(bits32(x)));
}
