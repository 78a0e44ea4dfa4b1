// One FP operation on one lane: read the operands from `src` (the register file, or a
// scratch holding intermediate results) by element
// index, deal with NaN operands on their encodings, flush denormal inputs when FPCR.FZ
// is set (FPUnpack), compute, and write the result to `out` (the result scratch) at an
// element index. Double lanes are indices into VF64/V64 (word pairs in V32); single
// lanes into VF32/V32.

import { FPCR_FZ, FPSR_IDC, FPSR_IOC, FpEnvironment } from './fpControl';
import { MIN_NORMAL_DOUBLE, MIN_NORMAL_SINGLE } from './floatBits';
import { DEFAULT_NAN32, isNaN32, isNaN64, propagateNaN32, propagateNaN32x3, propagateNaN64, propagateNaN64x3, processNaN32, processNaN64, writeDefaultNaN64 } from './fpNaN';
import { mulAdd32, mulAdd64 } from './fpArithmetic';
import type { VectorViews } from './vectorViews';

export type FpUnaryOp = (env: FpEnvironment, a: number) => number;
export type FpBinaryOp = (env: FpEnvironment, a: number, b: number) => number;

const SIGN32 = 0x80000000;

/** FPUnpack's flush of a denormal double input when FPCR.FZ is set. */
export function flushInput64(env: FpEnvironment, x: number): number {
  if (x !== 0 && x < MIN_NORMAL_DOUBLE && x > -MIN_NORMAL_DOUBLE) {
    env.fpsr |= FPSR_IDC;
    return x * 0;
  }
  return x;
}

export function flushInput32(env: FpEnvironment, x: number): number {
  if (x !== 0 && x < MIN_NORMAL_SINGLE && x > -MIN_NORMAL_SINGLE) {
    env.fpsr |= FPSR_IDC;
    return x * 0;
  }
  return x;
}

/** FPUnpack raises Input Denormal for a flushed operand even when another one is a NaN. */
function noteDenormals32(env: FpEnvironment, a: number, b: number): void {
  flushInput32(env, a);
  flushInput32(env, b);
}

function noteDenormals64(env: FpEnvironment, a: number, b: number): void {
  flushInput64(env, a);
  flushInput64(env, b);
}

/** The value of single lane i, flushed if FPCR.FZ asks (the lane is known not to be NaN). */
export function operand32(env: FpEnvironment, src: VectorViews, i: number): number {
  const x = src.VF32[i];
  return (env.fpcr & FPCR_FZ) !== 0 ? flushInput32(env, x) : x;
}

export function operand64(env: FpEnvironment, src: VectorViews, i: number): number {
  const x = src.VF64[i];
  return (env.fpcr & FPCR_FZ) !== 0 ? flushInput64(env, x) : x;
}

/** Writes an operation's value; NaN means the default NaN. */
export function writeResult32(out: VectorViews, d: number, r: number): void {
  if (r !== r) out.V32[d] = DEFAULT_NAN32;
  else out.VF32[d] = r;
}

export function writeResult64(out: VectorViews, d: number, r: number): void {
  if (r !== r) writeDefaultNaN64(out.V32, d);
  else out.VF64[d] = r;
}

export function unaryLane32(env: FpEnvironment, src: VectorViews, op: FpUnaryOp, n: number, out: VectorViews, d: number): void {
  const a = src.VF32[n];
  if (a !== a) {
    out.V32[d] = processNaN32(env, src.V32[n]);
    return;
  }
  writeResult32(out, d, op(env, (env.fpcr & FPCR_FZ) !== 0 ? flushInput32(env, a) : a));
}

export function unaryLane64(env: FpEnvironment, src: VectorViews, op: FpUnaryOp, n: number, out: VectorViews, d: number): void {
  const a = src.VF64[n];
  if (a !== a) {
    processNaN64(env, src.V32[2 * n + 1], src.V32[2 * n], out.V32, d);
    return;
  }
  writeResult64(out, d, op(env, (env.fpcr & FPCR_FZ) !== 0 ? flushInput64(env, a) : a));
}

/** `negateFirst`: op1 goes through FPNeg first (FRECPS/FRSQRTS), flipping a NaN's sign too. */
export function binaryLane32(env: FpEnvironment, src: VectorViews, op: FpBinaryOp, n: number, m: number, out: VectorViews, d: number,
  negateFirst = false): void {
  let a = src.VF32[n];
  let b = src.VF32[m];
  if (a !== a || b !== b) {
    if ((env.fpcr & FPCR_FZ) !== 0) noteDenormals32(env, a, b);
    out.V32[d] = propagateNaN32(env, negateFirst ? (src.V32[n] ^ SIGN32) >>> 0 : src.V32[n], src.V32[m]);
    return;
  }
  if (negateFirst) a = -a;
  if ((env.fpcr & FPCR_FZ) !== 0) {
    a = flushInput32(env, a);
    b = flushInput32(env, b);
  }
  writeResult32(out, d, op(env, a, b));
}

export function binaryLane64(env: FpEnvironment, src: VectorViews, op: FpBinaryOp, n: number, m: number, out: VectorViews, d: number,
  negateFirst = false): void {
  let a = src.VF64[n];
  let b = src.VF64[m];
  if (a !== a || b !== b) {
    if ((env.fpcr & FPCR_FZ) !== 0) noteDenormals64(env, a, b);
    const W = src.V32;
    const hi = negateFirst ? (W[2 * n + 1] ^ SIGN32) >>> 0 : W[2 * n + 1];
    propagateNaN64(env, hi, W[2 * n], W[2 * m + 1], W[2 * m], out.V32, d);
    return;
  }
  if (negateFirst) a = -a;
  if ((env.fpcr & FPCR_FZ) !== 0) {
    a = flushInput64(env, a);
    b = flushInput64(env, b);
  }
  writeResult64(out, d, op(env, a, b));
}

/** 0 * infinity in either order, after flushing (FPMulAdd's test on a quiet NaN addend). */
function zeroTimesInfinity(a: number, b: number): boolean {
  return (a === 0 && (b === Infinity || b === -Infinity)) || (b === 0 && (a === Infinity || a === -Infinity));
}

/**
 * FPMulAdd(addend, op1, op2) on single lanes, with op1 and/or the addend negated first
 * (FMSUB, FNMADD, FNMSUB, FMLS): the negation flips a NaN's sign bit too.
 */
export function mulAddLane32(env: FpEnvironment, src: VectorViews, negateAddend: boolean, negateProduct: boolean,
  addendIndex: number, n: number, m: number, out: VectorViews, d: number): void {
  const W = src.V32;
  const addendBits = negateAddend ? (W[addendIndex] ^ SIGN32) >>> 0 : W[addendIndex];
  const op1Bits = negateProduct ? (W[n] ^ SIGN32) >>> 0 : W[n];
  const op2Bits = W[m];
  let addend = src.VF32[addendIndex];
  let a = src.VF32[n];
  let b = src.VF32[m];
  const fz = (env.fpcr & FPCR_FZ) !== 0;
  if (addend !== addend || a !== a || b !== b) {
    if (fz) {
      noteDenormals32(env, addend, addend);
      a = flushInput32(env, a);
      b = flushInput32(env, b);
    }
    const quietAddend = isNaN32(addendBits) && (addendBits & 0x00400000) !== 0;
    const nanResult = propagateNaN32x3(env, addendBits, op1Bits, op2Bits);
    if (quietAddend && zeroTimesInfinity(a, b)) {
      env.fpsr |= FPSR_IOC;
      out.V32[d] = DEFAULT_NAN32;
    } else {
      out.V32[d] = nanResult;
    }
    return;
  }
  if (fz) {
    addend = flushInput32(env, addend);
    a = flushInput32(env, a);
    b = flushInput32(env, b);
  }
  if (negateAddend) addend = -addend;
  if (negateProduct) a = -a;
  writeResult32(out, d, mulAdd32(env, addend, a, b));
}

export function mulAddLane64(env: FpEnvironment, src: VectorViews, negateAddend: boolean, negateProduct: boolean,
  addendIndex: number, n: number, m: number, out: VectorViews, d: number): void {
  const W = src.V32;
  let addend = src.VF64[addendIndex];
  let a = src.VF64[n];
  let b = src.VF64[m];
  const fz = (env.fpcr & FPCR_FZ) !== 0;
  if (addend !== addend || a !== a || b !== b) {
    const addendHi = negateAddend ? (W[2 * addendIndex + 1] ^ SIGN32) >>> 0 : W[2 * addendIndex + 1];
    const op1Hi = negateProduct ? (W[2 * n + 1] ^ SIGN32) >>> 0 : W[2 * n + 1];
    const addendLo = W[2 * addendIndex];
    if (fz) {
      noteDenormals64(env, addend, addend);
      a = flushInput64(env, a);
      b = flushInput64(env, b);
    }
    const quietAddend = isNaN64(addendHi, addendLo) && (addendHi & 0x00080000) !== 0;
    propagateNaN64x3(env, addendHi, addendLo, op1Hi, W[2 * n], W[2 * m + 1], W[2 * m], out.V32, d);
    if (quietAddend && zeroTimesInfinity(a, b)) {
      env.fpsr |= FPSR_IOC;
      writeDefaultNaN64(out.V32, d);
    }
    return;
  }
  if (fz) {
    addend = flushInput64(env, addend);
    a = flushInput64(env, a);
    b = flushInput64(env, b);
  }
  if (negateAddend) addend = -addend;
  if (negateProduct) a = -a;
  writeResult64(out, d, mulAdd64(env, addend, a, b));
}
