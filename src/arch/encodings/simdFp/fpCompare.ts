// FPCompare (FCMP/FCMPE/FCCMP: NZCV) and FPCompareEQ/GE/GT (the Advanced SIMD compares:
// a true/false lane). NaN operands are recognised on their encodings; signalling compares
// raise Invalid Operation for any NaN, quiet ones only for signalling NaNs.

import { FPSR_IOC, FpEnvironment } from './fpControl';
import { isNaN32, isNaN64, isSignallingNaN32, isSignallingNaN64 } from './fpNaN';
import { FPCR_FZ } from './fpControl';
import { flushInput32, flushInput64, operand32, operand64 } from './fpLanes';
import type { VectorViews } from './vectorViews';

/** NZCV nibbles (bits 3..0 = N Z C V) of FPCompare. */
export const NZCV_EQUAL = 0b0110;
export const NZCV_LESS = 0b1000;
export const NZCV_GREATER = 0b0010;
export const NZCV_UNORDERED = 0b0011;

/** An operand index meaning the constant +0.0 (the `#0.0` forms). */
export const ZERO_OPERAND = -1;

export const enum CompareKind {
  Equal,
  GreaterOrEqual,
  Greater,
}

/** FPUnpack still flushes (and reports) a denormal operand when the other one is a NaN. */
function noteDenormals(env: FpEnvironment, src: VectorViews, n: number, m: number, double: boolean): void {
  if ((env.fpcr & FPCR_FZ) === 0) return;
  for (const i of [n, m]) {
    if (i === ZERO_OPERAND) continue;
    if (double) flushInput64(env, src.VF64[i]);
    else flushInput32(env, src.VF32[i]);
  }
}

function ordered(a: number, b: number): number {
  return a === b ? NZCV_EQUAL : a < b ? NZCV_LESS : NZCV_GREATER;
}

/** FPCompare of single lanes n and m (m may be ZERO_OPERAND); `signalling` for FCMPE. */
export function compareFlags32(env: FpEnvironment, src: VectorViews, n: number, m: number, signalling: boolean): number {
  const aBits = src.V32[n];
  const bBits = m === ZERO_OPERAND ? 0 : src.V32[m];
  if (isNaN32(aBits) || isNaN32(bBits)) {
    noteDenormals(env, src, n, m, false);
    if (signalling || isSignallingNaN32(aBits) || isSignallingNaN32(bBits)) env.fpsr |= FPSR_IOC;
    return NZCV_UNORDERED;
  }
  return ordered(operand32(env, src, n), m === ZERO_OPERAND ? 0 : operand32(env, src, m));
}

export function compareFlags64(env: FpEnvironment, src: VectorViews, n: number, m: number, signalling: boolean): number {
  const W = src.V32;
  const aHi = W[2 * n + 1];
  const aLo = W[2 * n];
  const bHi = m === ZERO_OPERAND ? 0 : W[2 * m + 1];
  const bLo = m === ZERO_OPERAND ? 0 : W[2 * m];
  if (isNaN64(aHi, aLo) || isNaN64(bHi, bLo)) {
    noteDenormals(env, src, n, m, true);
    if (signalling || isSignallingNaN64(aHi, aLo) || isSignallingNaN64(bHi, bLo)) env.fpsr |= FPSR_IOC;
    return NZCV_UNORDERED;
  }
  return ordered(operand64(env, src, n), m === ZERO_OPERAND ? 0 : operand64(env, src, m));
}

function test(kind: CompareKind, a: number, b: number): boolean {
  switch (kind) {
    case CompareKind.Equal: return a === b;
    case CompareKind.GreaterOrEqual: return a >= b;
    default: return a > b;
  }
}

/**
 * FPCompareEQ/GE/GT(op1, op2) on single lanes; either index may be ZERO_OPERAND.
 * `absolute` compares magnitudes (FACGE/FACGT).
 */
export function compareLane32(env: FpEnvironment, src: VectorViews, kind: CompareKind, n: number, m: number, absolute: boolean): boolean {
  const aBits = n === ZERO_OPERAND ? 0 : src.V32[n];
  const bBits = m === ZERO_OPERAND ? 0 : src.V32[m];
  if (isNaN32(aBits) || isNaN32(bBits)) {
    noteDenormals(env, src, n, m, false);
    if (kind !== CompareKind.Equal || isSignallingNaN32(aBits) || isSignallingNaN32(bBits)) env.fpsr |= FPSR_IOC;
    return false;
  }
  let a = n === ZERO_OPERAND ? 0 : operand32(env, src, n);
  let b = m === ZERO_OPERAND ? 0 : operand32(env, src, m);
  if (absolute) {
    a = Math.abs(a);
    b = Math.abs(b);
  }
  return test(kind, a, b);
}

export function compareLane64(env: FpEnvironment, src: VectorViews, kind: CompareKind, n: number, m: number, absolute: boolean): boolean {
  const W = src.V32;
  const aHi = n === ZERO_OPERAND ? 0 : W[2 * n + 1];
  const aLo = n === ZERO_OPERAND ? 0 : W[2 * n];
  const bHi = m === ZERO_OPERAND ? 0 : W[2 * m + 1];
  const bLo = m === ZERO_OPERAND ? 0 : W[2 * m];
  if (isNaN64(aHi, aLo) || isNaN64(bHi, bLo)) {
    noteDenormals(env, src, n, m, true);
    if (kind !== CompareKind.Equal || isSignallingNaN64(aHi, aLo) || isSignallingNaN64(bHi, bLo)) env.fpsr |= FPSR_IOC;
    return false;
  }
  let a = n === ZERO_OPERAND ? 0 : operand64(env, src, n);
  let b = m === ZERO_OPERAND ? 0 : operand64(env, src, m);
  if (absolute) {
    a = Math.abs(a);
    b = Math.abs(b);
  }
  return test(kind, a, b);
}
