// FPMax, FPMin, FPMaxNum and FPMinNum on one lane. The "Num" forms treat a single quiet
// NaN operand as missing data (IEEE 754-2008 maxNum/minNum); signalling NaNs still
// propagate. Between zeros, max prefers +0 and min prefers -0.

import { FPCR_FZ, FpEnvironment } from './fpControl';
import { isNaN32, isNaN64, propagateNaN32, propagateNaN64 } from './fpNaN';
import { flushInput32, flushInput64 } from './fpLanes';
import type { VectorViews } from './vectorViews';

export const enum MinMaxKind {
  Max,
  Min,
  MaxNum,
  MinNum,
}

function isQuiet32(bits: number): boolean {
  return isNaN32(bits) && (bits & 0x00400000) !== 0;
}

function isQuiet64(hi: number, lo: number): boolean {
  return isNaN64(hi, lo) && (hi & 0x00080000) !== 0;
}

/** The chosen value of two non-NaN operands. */
export function pickMinMax(kind: MinMaxKind, a: number, b: number): number {
  const wantMax = kind === MinMaxKind.Max || kind === MinMaxKind.MaxNum;
  if (a === b) {
    if (a !== 0) return a;
    const bothNegative = Object.is(a, -0) && Object.is(b, -0);
    const bothPositive = Object.is(a, 0) && Object.is(b, 0);
    return wantMax ? (bothNegative ? -0 : 0) : (bothPositive ? 0 : -0);
  }
  return (a > b) === wantMax ? a : b;
}

const isNum = (kind: MinMaxKind) => kind === MinMaxKind.MaxNum || kind === MinMaxKind.MinNum;

export function minMaxLane32(env: FpEnvironment, src: VectorViews, kind: MinMaxKind, n: number, m: number, out: VectorViews, d: number): void {
  const aBits = src.V32[n];
  const bBits = src.V32[m];
  const aNaN = isNaN32(aBits);
  const bNaN = isNaN32(bBits);
  let a = src.VF32[n];
  let b = src.VF32[m];
  if (aNaN || bNaN) {
    // maxNum(qNaN, x) = x: the quiet NaN stands in as the infinity that loses.
    if (isNum(kind) && aNaN !== bNaN && (aNaN ? isQuiet32(aBits) : isQuiet32(bBits))) {
      const other = aNaN ? b : a;
      out.VF32[d] = (env.fpcr & FPCR_FZ) !== 0 ? flushInput32(env, other) : other;
      return;
    }
    if ((env.fpcr & FPCR_FZ) !== 0) { flushInput32(env, a); flushInput32(env, b); }
    out.V32[d] = propagateNaN32(env, aBits, bBits);
    return;
  }
  if ((env.fpcr & FPCR_FZ) !== 0) {
    a = flushInput32(env, a);
    b = flushInput32(env, b);
  }
  out.VF32[d] = pickMinMax(kind, a, b);
}

export function minMaxLane64(env: FpEnvironment, src: VectorViews, kind: MinMaxKind, n: number, m: number, out: VectorViews, d: number): void {
  const W = src.V32;
  const aHi = W[2 * n + 1];
  const aLo = W[2 * n];
  const bHi = W[2 * m + 1];
  const bLo = W[2 * m];
  const aNaN = isNaN64(aHi, aLo);
  const bNaN = isNaN64(bHi, bLo);
  let a = src.VF64[n];
  let b = src.VF64[m];
  if (aNaN || bNaN) {
    if (isNum(kind) && aNaN !== bNaN && (aNaN ? isQuiet64(aHi, aLo) : isQuiet64(bHi, bLo))) {
      const other = aNaN ? b : a;
      out.VF64[d] = (env.fpcr & FPCR_FZ) !== 0 ? flushInput64(env, other) : other;
      return;
    }
    if ((env.fpcr & FPCR_FZ) !== 0) { flushInput64(env, a); flushInput64(env, b); }
    propagateNaN64(env, aHi, aLo, bHi, bLo, out.V32, d);
    return;
  }
  if ((env.fpcr & FPCR_FZ) !== 0) {
    a = flushInput64(env, a);
    b = flushInput64(env, b);
  }
  out.VF64[d] = pickMinMax(kind, a, b);
}
