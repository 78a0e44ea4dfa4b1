// Single and double precision behind one interface, so an instruction that exists for both
// (selected by `ftype` or `sz`) is written once. Lane indices are element indices in the
// kind's views: lane e of register r is `r * lanesPerRegister + e`.

import type { FpEnvironment } from './fpControl';
import { add32, add64, div32, div64, mul32, mul64, mulExtended32, mulExtended64, sqrt32, sqrt64 } from './fpArithmetic';
import { FpBinaryOp, FpUnaryOp, binaryLane32, binaryLane64, mulAddLane32, mulAddLane64, operand32, operand64, unaryLane32, unaryLane64 } from './fpLanes';
import { CompareKind, compareFlags32, compareFlags64, compareLane32, compareLane64 } from './fpCompare';
import { MinMaxKind, minMaxLane32, minMaxLane64 } from './fpMinMax';
import { isNaN32, isNaN64 } from './fpNaN';
import type { VectorViews } from './vectorViews';

export interface FpKind {
  /** log2 of the element size in bytes: 2 (single) or 3 (double). */
  readonly size: 2 | 3;
  readonly lanesPerRegister: number;
  readonly add: FpBinaryOp;
  readonly sub: FpBinaryOp;
  readonly mul: FpBinaryOp;
  readonly mulExtended: FpBinaryOp;
  readonly div: FpBinaryOp;
  readonly sqrt: FpUnaryOp;
  unary(env: FpEnvironment, src: VectorViews, op: FpUnaryOp, n: number, out: VectorViews, d: number): void;
  binary(env: FpEnvironment, src: VectorViews, op: FpBinaryOp, n: number, m: number, out: VectorViews, d: number, negateFirst?: boolean): void;
  mulAdd(env: FpEnvironment, src: VectorViews, negateAddend: boolean, negateProduct: boolean,
    addend: number, n: number, m: number, out: VectorViews, d: number): void;
  minMax(env: FpEnvironment, src: VectorViews, kind: MinMaxKind, n: number, m: number, out: VectorViews, d: number): void;
  compareFlags(env: FpEnvironment, src: VectorViews, n: number, m: number, signalling: boolean): number;
  compareLane(env: FpEnvironment, src: VectorViews, kind: CompareKind, n: number, m: number, absolute: boolean): boolean;
  /** Whether lane i holds a NaN. */
  isNaN(src: VectorViews, i: number): boolean;
  /** The (flushed) value of a lane known not to be NaN. */
  operand(env: FpEnvironment, src: VectorViews, i: number): number;
  /** Copies lane n to out lane d with the sign bit cleared / flipped / kept (FABS, FNEG, FMOV). */
  copySign(src: VectorViews, n: number, out: VectorViews, d: number, how: SignOp): void;
  /** Sets out lane d to all ones or all zeros (compare results). */
  writeMask(out: VectorViews, d: number, on: boolean): void;
}

export const enum SignOp {
  Keep,
  Clear,
  Flip,
}

function signWord(how: SignOp, word: number): number {
  switch (how) {
    case SignOp.Clear: return (word & 0x7fffffff) >>> 0;
    case SignOp.Flip: return (word ^ 0x80000000) >>> 0;
    default: return word;
  }
}

export const SINGLE_KIND: FpKind = {
  size: 2,
  lanesPerRegister: 4,
  add: add32,
  sub: (env, a, b) => add32(env, a, -b),
  mul: mul32,
  mulExtended: mulExtended32,
  div: div32,
  sqrt: sqrt32,
  unary: unaryLane32,
  binary: binaryLane32,
  mulAdd: mulAddLane32,
  minMax: minMaxLane32,
  compareFlags: compareFlags32,
  compareLane: compareLane32,
  isNaN: (src, i) => isNaN32(src.V32[i]),
  operand: operand32,
  copySign: (src, n, out, d, how) => { out.V32[d] = signWord(how, src.V32[n]); },
  writeMask: (out, d, on) => { out.V32[d] = on ? 0xffffffff : 0; },
};

export const DOUBLE_KIND: FpKind = {
  size: 3,
  lanesPerRegister: 2,
  add: add64,
  sub: (env, a, b) => add64(env, a, -b),
  mul: mul64,
  mulExtended: mulExtended64,
  div: div64,
  sqrt: sqrt64,
  unary: unaryLane64,
  binary: binaryLane64,
  mulAdd: mulAddLane64,
  minMax: minMaxLane64,
  compareFlags: compareFlags64,
  compareLane: compareLane64,
  isNaN: (src, i) => isNaN64(src.V32[2 * i + 1], src.V32[2 * i]),
  operand: operand64,
  copySign: (src, n, out, d, how) => {
    out.V32[2 * d] = src.V32[2 * n];
    out.V32[2 * d + 1] = signWord(how, src.V32[2 * n + 1]);
  },
  writeMask: (out, d, on) => {
    const word = on ? 0xffffffff : 0;
    out.V32[2 * d] = word;
    out.V32[2 * d + 1] = word;
  },
};

/** The kind for `ftype` (0 single, 1 double) or `sz`; undefined for other values. */
export function fpKindOf(type: number): FpKind | undefined {
  return type === 0 ? SINGLE_KIND : type === 1 ? DOUBLE_KIND : undefined;
}
