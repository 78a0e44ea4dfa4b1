// Lane-level FP conversions shared by the scalar and vector instructions: precision changes
// (FCVT, FCVTL, FCVTN, FCVTXN), FP to integer (FCVT<x>S/U, with fbits for the fixed-point
// forms) and integer to FP (SCVTF/UCVTF). Element indices are in the views of the
// respective element sizes.

import type { FpEnvironment, Rounding } from './fpControl';
import { FpKind } from './fpKinds';
import { isNaN32, isNaN64 } from './fpNaN';
import { operand32, operand64, writeResult32, writeResult64 } from './fpLanes';
import { convertNaN16To32, convertNaN16To64, convertNaN32To16, convertNaN32To64, convertNaN64To16, convertNaN64To32, isNaN16, toHalfBits, toSingle, toSingleRoundOdd, valueOfHalf } from './fpPrecision';
import { toInteger32, toInteger64 } from './fpToInteger';
import { fromInteger32, fromInteger64 } from './integerToFp';
import type { VectorViews } from './vectorViews';

export function halfToSingle(env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number): void {
  const half = src.V16[i];
  if (isNaN16(half)) out.V32[o] = convertNaN16To32(env, half);
  else out.VF32[o] = valueOfHalf(half);
}

export function halfToDouble(env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number): void {
  const half = src.V16[i];
  if (isNaN16(half)) [out.V32[2 * o + 1], out.V32[2 * o]] = convertNaN16To64(env, half);
  else out.VF64[o] = valueOfHalf(half);
}

export function singleToDouble(env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number): void {
  const word = src.V32[i];
  if (isNaN32(word)) [out.V32[2 * o + 1], out.V32[2 * o]] = convertNaN32To64(env, word);
  else out.VF64[o] = operand32(env, src, i);
}

export function singleToHalf(env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number): void {
  const word = src.V32[i];
  out.V16[o] = isNaN32(word) ? convertNaN32To16(env, word) : toHalfBits(env, operand32(env, src, i));
}

export function doubleToSingle(env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number): void {
  const hi = src.V32[2 * i + 1];
  const lo = src.V32[2 * i];
  if (isNaN64(hi, lo)) out.V32[o] = convertNaN64To32(env, hi, lo);
  else out.VF32[o] = toSingle(env, operand64(env, src, i));
}

/** FCVTXN: double to single rounding to odd. */
export function doubleToSingleOdd(env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number): void {
  const hi = src.V32[2 * i + 1];
  const lo = src.V32[2 * i];
  if (isNaN64(hi, lo)) out.V32[o] = convertNaN64To32(env, hi, lo);
  else out.VF32[o] = toSingleRoundOdd(env, operand64(env, src, i));
}

export function doubleToHalf(env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number): void {
  const hi = src.V32[2 * i + 1];
  const lo = src.V32[2 * i];
  out.V16[o] = isNaN64(hi, lo) ? convertNaN64To16(env, hi) : toHalfBits(env, operand64(env, src, i));
}

/** FPToFixed of an FP lane into an integer lane of the same size. */
export function fpToIntegerLane(kind: FpKind, env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number,
  fbits: number, unsigned: boolean, rounding: Rounding): void {
  const value = kind.isNaN(src, i) ? NaN : kind.operand(env, src, i);
  if (kind.size === 3) out.V64[o] = toInteger64(env, value, fbits, unsigned, rounding);
  else out.V32[o] = toInteger32(env, value, fbits, unsigned, rounding);
}

/** FixedToFP of an integer lane into an FP lane of the same size. */
export function integerToFpLane(kind: FpKind, env: FpEnvironment, src: VectorViews, i: number, out: VectorViews, o: number,
  fbits: number, unsigned: boolean): void {
  if (kind.size === 3) {
    const word = src.V64[i];
    writeResult64(out, o, fromInteger64(env, unsigned ? word : BigInt.asIntN(64, word), fbits, true));
  } else {
    const word = src.V32[i];
    writeResult32(out, o, fromInteger32(env, unsigned ? word : word | 0, fbits, false));
  }
}
