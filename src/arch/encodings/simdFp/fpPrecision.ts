// FPConvert between half, single and double precision (FCVT, FCVTL, FCVTN, FCVTXN).
// Widening is exact; narrowing rounds once in FPCR's mode (or to odd for FCVTXN). NaNs
// keep their sign and the top of their payload and come out quiet (FPConvertNaN), or are
// the default NaN when FPCR.DN is set. FPCR.AHP (alternative half precision) is not
// modelled. FZ applies to single/double inputs and outputs, never to half precision.

import { FPCR_DN, FPSR_IOC, FpEnvironment, Rounding, fpcrRounding } from './fpControl';
import { highWord64 } from './floatBits';
import { finishSingle } from './fpArithmetic';
import { HALF, SINGLE, exactOfDouble, roundExact } from './exactRounding';
import { DEFAULT_NAN32, DEFAULT_NAN64_HI } from './fpNaN';

const DEFAULT_NAN16 = 0x7e00;

function noteSignalling(env: FpEnvironment, quietBitClear: boolean): void {
  if (quietBitClear) env.fpsr |= FPSR_IOC;
}

const defaultNaN = (env: FpEnvironment) => (env.fpcr & FPCR_DN) !== 0;

// ---- NaN conversions: returns the new encoding ----------------------------------------

export function convertNaN32To64(env: FpEnvironment, bits: number): [hi: number, lo: number] {
  noteSignalling(env, (bits & 0x00400000) === 0);
  if (defaultNaN(env)) return [DEFAULT_NAN64_HI, 0];
  const payload = bits & 0x3fffff;
  return [((bits & 0x80000000) | 0x7ff80000 | (payload >>> 3)) >>> 0, ((payload & 7) << 29) >>> 0];
}

export function convertNaN64To32(env: FpEnvironment, hi: number, lo: number): number {
  noteSignalling(env, (hi & 0x00080000) === 0);
  if (defaultNaN(env)) return DEFAULT_NAN32;
  return ((hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29)) >>> 0;
}

export function convertNaN16To32(env: FpEnvironment, bits: number): number {
  noteSignalling(env, (bits & 0x0200) === 0);
  if (defaultNaN(env)) return DEFAULT_NAN32;
  return (((bits & 0x8000) << 16) | 0x7fc00000 | ((bits & 0x1ff) << 13)) >>> 0;
}

export function convertNaN32To16(env: FpEnvironment, bits: number): number {
  noteSignalling(env, (bits & 0x00400000) === 0);
  if (defaultNaN(env)) return DEFAULT_NAN16;
  return ((bits >>> 16) & 0x8000) | 0x7e00 | ((bits >>> 13) & 0x1ff);
}

export function convertNaN16To64(env: FpEnvironment, bits: number): [hi: number, lo: number] {
  noteSignalling(env, (bits & 0x0200) === 0);
  if (defaultNaN(env)) return [DEFAULT_NAN64_HI, 0];
  return [(((bits & 0x8000) << 16) | 0x7ff80000 | ((bits & 0x1ff) << 10)) >>> 0, 0];
}

export function convertNaN64To16(env: FpEnvironment, hi: number): number {
  noteSignalling(env, (hi & 0x00080000) === 0);
  if (defaultNaN(env)) return DEFAULT_NAN16;
  return ((hi >>> 16) & 0x8000) | 0x7e00 | ((hi >>> 10) & 0x1ff);
}

// ---- Half-precision encodings ------------------------------------------------------------

export function isNaN16(bits: number): boolean {
  return (bits & 0x7fff) > 0x7c00;
}

/** The value of a half-precision encoding that is not a NaN. */
export function valueOfHalf(bits: number): number {
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  const magnitude = exponent === 0x1f ? Infinity
    : exponent === 0 ? fraction * 2 ** -24
      : (1024 + fraction) * 2 ** (exponent - 25);
  return (bits & 0x8000) !== 0 ? -magnitude : magnitude;
}

/** The encoding of a value representable in half precision (or an infinity). */
export function halfBitsOf(x: number): number {
  const signBit = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(x);
  if (magnitude === Infinity) return signBit | 0x7c00;
  if (magnitude < 2 ** -14) return signBit | (magnitude * 2 ** 24);
  const exponent = ((highWord64(magnitude) >>> 20) & 0x7ff) - 1023;
  return signBit | ((exponent + 15) << 10) | (magnitude * 2 ** (10 - exponent) - 1024);
}

// ---- Value conversions (operands are not NaN; inputs already flushed where FZ applies) ----

/** Double or single value to single precision in FPCR's rounding mode. */
export function toSingle(env: FpEnvironment, x: number): number {
  if (x === Infinity || x === -Infinity || x === 0) return x;
  return finishSingle(env, x, 0);
}

/** Double value to single precision, rounding to odd (FCVTXN). */
export function toSingleRoundOdd(env: FpEnvironment, x: number): number {
  if (x === Infinity || x === -Infinity || x === 0) return x;
  return roundExact(env, SINGLE, exactOfDouble(x), Rounding.Odd);
}

/** Single or double value to a half-precision encoding in FPCR's rounding mode. */
export function toHalfBits(env: FpEnvironment, x: number): number {
  if (x === Infinity || x === -Infinity || x === 0) return halfBitsOf(x);
  return halfBitsOf(roundExact(env, HALF, exactOfDouble(x), fpcrRounding(env)));
}
