// Inline translations of the Advanced SIMD floating-point forms vectorised loops use, on
// .4s/.2s/.2d arrangements: three same (FADD, FSUB, FMUL, FDIV, FMLA, FMLS, FABD, FADDP,
// FMAX/FMIN/FMAXNM/FMINNM and their pairwise forms, FCMEQ/FCMGE/FCMGT, FACGE/FACGT), FMUL/
// FMLA/FMLS by element (vector and scalar), scalar pairwise FADDP/FMAXP/FMINP/FMAXNMP/
// FMINNMP, FMOV (vector, immediate), and the two-register miscellaneous forms
// (translateAdvancedSimdFloatingPointMisc.ts). The reference semantics are the executors
// in encodings/simdFp; the paths are vectorFpLanes.ts's. Integer forms of the same
// encodings are translateAdvancedSimd*.ts's: these translators decline them.

import { bit, bits } from '../decoder';
import { expandFpImmediate } from '../encodings/simdFp/floatingPointImmediate';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';
import { SINGLE, settledResult } from './translateFloatingPoint';
import { TWO_REGISTER_MISC_FLOATING_POINT } from './translateAdvancedSimdFloatingPointMisc';
import {
  DOUBLE_LANES, Destination, LaneArithmetic, LaneFormat, SINGLE_LANES, comparison, computeLanesOrExecute, elementwiseOperands, laneCount, laneFormat,
  fusedLanes64, maskDestination, pairwiseOperands, scalarDestination, vectorDestination,
} from './vectorFpLanes';

/** The functions generated vector FP code calls besides translateFloatingPoint's. */
export const ADVANCED_SIMD_FLOATING_POINT_RUNTIME = { fusedLanes64 };

// ---- Lane arithmetic -----------------------------------------------------------------------

/** FADD, FSUB, FMUL, FDIV: one host operation on the settled path, the FP kinds' function on the general one. */
function hostArithmetic(f: LaneFormat, name: string, operator: string): LaneArithmetic {
  return {
    settled: ([a, b], r) => `${r} = ${settledResult(f.precision, `${a} ${operator} ${b}`)};`,
    general: ([a, b]) => `${name}${f.precision.suffix}(cpu, ${a}, ${b})`,
  };
}

/** FABD: FPAbs(FPSub(a, b)); a NaN (Invalid Operation) stays NaN. */
function absoluteDifference(f: LaneFormat): LaneArithmetic {
  return {
    settled: ([a, b], r) => `${r} = Math.abs(${settledResult(f.precision, `${a} - ${b}`)});`,
    general: ([a, b]) => `Math.abs(fsub${f.precision.suffix}(cpu, ${a}, ${b}))`,
  };
}

/**
 * FPMulAdd(addend, op1, op2) on S lanes [addend, op1, op2], op1 negated for FMLS. The
 * product of two singles is exact in a double, so s = RN64(exact sum) and RN32(s) is the
 * fused result unless s lies exactly halfway between two singles (then the error of s
 * decides the tie): such lanes, and results that are not normal, take the general path.
 */
function fusedSingle(negateProduct: boolean): LaneArithmetic {
  return {
    settled: ([c, a, b], r) => `qs = ${c} ${negateProduct ? '-' : '+'} ${a} * ${b}; ${r} = ${settledResult(SINGLE, 'qs')}; `
      + `qd = qs - ${r}; if (qd !== 0 && Math.fround(${r} + 2 * qd) - ${r} === 2 * qd) ${r} = NaN;`,
    general: ([c, a, b]) => `fmuladd32(cpu, ${c}, ${negateProduct ? '-' : ''}${a}, ${b})`,
  };
}

/**
 * FMLA/FMLS: S lanes through the lane paths; D lanes (at most two) through one call of
 * `fusedLanes64` with VF64 indices of lane 0 (mStep 0: one element of Vm for all lanes).
 */
function fusedMultiplyAdd(w: BlockWriter, f: LaneFormat, negateProduct: boolean, lanes: string[][], destination: Destination,
  indices: { d: number; n: number; m: number; mStep: number }): void {
  if (f === SINGLE_LANES) {
    computeLanesOrExecute(w, lanes, fusedSingle(negateProduct), destination);
    return;
  }
  w.checkFpAccess();
  const { d, n, m, mStep } = indices;
  w.emit(`if (!fusedLanes64(cpu, ${d}, ${n}, ${m}, ${mStep}, ${lanes.length}, ${negateProduct})) E[${w.index}](cpu);`);
}

/**
 * FMAX, FMIN, FMAXNM, FMINNM of operands that are not NaN: Math.max/min, which also
 * prefer +0 / -0 between zeros. NaN operands (where the NUM forms differ) run the executor.
 */
function minMax(max: boolean): LaneArithmetic {
  return { general: ([a, b]) => `Math.${max ? 'max' : 'min'}(${a}, ${b})`, setsFlags: false };
}

// ---- Three same ------------------------------------------------------------------------------

interface ThreeSame {
  readonly w: BlockWriter;
  readonly f: LaneFormat;
  readonly q: number;
  readonly n: number;
  readonly m: number;
  readonly d: number;
  readonly lanes: number;
}

const elementwise = (arithmetic: (f: LaneFormat) => LaneArithmetic) => (v: ThreeSame) =>
  computeLanesOrExecute(v.w, elementwiseOperands(v.f, v.lanes, v.n, v.m), arithmetic(v.f), vectorDestination(v.f, v.q, v.d));

const pairwise = (arithmetic: (f: LaneFormat) => LaneArithmetic) => (v: ThreeSame) =>
  computeLanesOrExecute(v.w, pairwiseOperands(v.f, v.lanes, v.n, v.m), arithmetic(v.f), vectorDestination(v.f, v.q, v.d));

const compare = (operator: string, absolute = false) => (v: ThreeSame) =>
  computeLanesOrExecute(v.w, elementwiseOperands(v.f, v.lanes, v.n, v.m), comparison(operator, absolute), maskDestination(v.f, v.q, v.d));

const fused = (negateProduct: boolean) => (v: ThreeSame) => {
  const operands = elementwiseOperands(v.f, v.lanes, v.n, v.m).map(([a, b], e) => [v.f.element(v.d, e), a, b]);
  fusedMultiplyAdd(v.w, v.f, negateProduct, operands, vectorDestination(v.f, v.q, v.d), { d: 2 * v.d, n: 2 * v.n, m: 2 * v.m, mStep: 1 });
};

/** The translated floating-point three-same forms by U:a:opcode<2:0> (opcode<4:3> = 11). */
const THREE_SAME: Record<number, (v: ThreeSame) => void> = {
  0b0_0_000: elementwise(() => minMax(true)), // FMAXNM
  0b0_1_000: elementwise(() => minMax(false)), // FMINNM
  0b0_0_001: fused(false), // FMLA
  0b0_1_001: fused(true), // FMLS
  0b0_0_010: elementwise((f) => hostArithmetic(f, 'fadd', '+')),
  0b0_1_010: elementwise((f) => hostArithmetic(f, 'fsub', '-')),
  0b0_0_100: compare('==='), // FCMEQ
  0b0_0_110: elementwise(() => minMax(true)), // FMAX
  0b0_1_110: elementwise(() => minMax(false)), // FMIN
  0b1_0_000: pairwise(() => minMax(true)), // FMAXNMP
  0b1_1_000: pairwise(() => minMax(false)), // FMINNMP
  0b1_0_010: pairwise((f) => hostArithmetic(f, 'fadd', '+')), // FADDP
  0b1_1_010: elementwise(absoluteDifference), // FABD
  0b1_0_011: elementwise((f) => hostArithmetic(f, 'fmul', '*')),
  0b1_0_100: compare('>='), // FCMGE
  0b1_1_100: compare('>'), // FCMGT
  0b1_0_101: compare('>=', true), // FACGE
  0b1_1_101: compare('>', true), // FACGT
  0b1_0_110: pairwise(() => minMax(true)), // FMAXP
  0b1_1_110: pairwise(() => minMax(false)), // FMINP
  0b1_0_111: elementwise((f) => hostArithmetic(f, 'fdiv', '/')),
};

/** Advanced SIMD three same, floating-point forms (opcode 11xxx). */
const threeSame: Translator = (w, word) => {
  const opcode = bits(word, 11, 5);
  const q = bit(word, 30);
  const f = laneFormat(bit(word, 22), q);
  const form = THREE_SAME[(bit(word, 29) << 4) | (bit(word, 23) << 3) | (opcode & 7)];
  if (opcode < 0b11000 || f === undefined || form === undefined) return false;
  form({ w, f, q, n: bits(word, 5, 5), m: bits(word, 16, 5), d: bits(word, 0, 5), lanes: laneCount(f, q) });
  return true;
};

// ---- By element ---------------------------------------------------------------------------------

/**
 * FMUL, FMLA, FMLS (vector or scalar) by element: every lane's second operand is
 * Vm[index] (index H:L for S lanes, H for D lanes with L = 0; Vm is M:Rm).
 */
function byElement(scalar: boolean): Translator {
  return (w, word) => {
    const opcode = bits(word, 12, 4);
    const size = bits(word, 22, 2);
    const q = scalar ? 1 : bit(word, 30);
    const f = laneFormat(size & 1, q);
    const l = bit(word, 21);
    const h = bit(word, 11);
    if (bit(word, 29) === 1 || (size & 2) === 0 || f === undefined || (f === DOUBLE_LANES && l === 1)) return false;
    if (opcode !== 0b0001 && opcode !== 0b0101 && opcode !== 0b1001) return false;
    const m = bits(word, 16, 5);
    const n = bits(word, 5, 5);
    const d = bits(word, 0, 5);
    const index = f === DOUBLE_LANES ? h : (h << 1) | l;
    const lanes = scalar ? 1 : laneCount(f, q);
    const destination: Destination = scalar ? scalarDestination(f, d) : vectorDestination(f, q, d);
    const element = f.element(m, index);
    const products = Array.from({ length: lanes }, (_, e) => [f.element(n, e), element]);
    if (opcode === 0b1001) {
      computeLanesOrExecute(w, products, hostArithmetic(f, 'fmul', '*'), destination);
      return true;
    }
    const operands = products.map(([a, b], e) => [f.element(d, e), a, b]);
    fusedMultiplyAdd(w, f, opcode === 0b0101, operands, destination, { d: 2 * d, n: 2 * n, m: 2 * m + index, mStep: 0 });
    return true;
  };
}

// ---- Scalar pairwise, modified immediate -----------------------------------------------------------

/** Scalar pairwise forms by a:opcode (U = 1). */
const SCALAR_PAIRWISE: Record<number, (f: LaneFormat) => LaneArithmetic> = {
  0b0_01100: () => minMax(true), // FMAXNMP
  0b1_01100: () => minMax(false), // FMINNMP
  0b0_01101: (f) => hostArithmetic(f, 'fadd', '+'), // FADDP
  0b0_01111: () => minMax(true), // FMAXP
  0b1_01111: () => minMax(false), // FMINP
};

/** Advanced SIMD scalar pairwise: the two lanes of Vn.2s or Vn.2d into a scalar. */
const scalarPairwise: Translator = (w, word) => {
  const size = bits(word, 22, 2);
  const form = SCALAR_PAIRWISE[((size >>> 1) << 5) | bits(word, 12, 5)];
  const f = laneFormat(size & 1, 1);
  if (bit(word, 29) === 0 || form === undefined || f === undefined) return false;
  const n = bits(word, 5, 5);
  computeLanesOrExecute(w, [[f.element(n, 0), f.element(n, 1)]], form(f), scalarDestination(f, bits(word, 0, 5)));
  return true;
};

/** FMOV (vector, immediate): cmode 1111 with o2 = 0; op selects .2d (Q = 1 only). */
const modifiedImmediate: Translator = (w, word) => {
  const q = bit(word, 30);
  const f = laneFormat(bit(word, 29), q);
  if (bits(word, 12, 4) !== 0b1111 || bit(word, 11) === 1 || f === undefined) return false;
  const value = String(expandFpImmediate((bits(word, 16, 3) << 5) | bits(word, 5, 5)));
  w.checkFpAccess();
  w.emit(vectorDestination(f, q, bits(word, 0, 5))(Array.from({ length: laneCount(f, q) }, () => value)));
  return true;
};

export const ADVANCED_SIMD_FLOATING_POINT_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_THREE_SAME: threeSame,
  ASIMD_BY_ELEMENT: byElement(false),
  ASIMD_SCALAR_BY_ELEMENT: byElement(true),
  ASIMD_SCALAR_PAIRWISE: scalarPairwise,
  ASIMD_MODIFIED_IMM: modifiedImmediate,
  ASIMD_TWO_REG_MISC: TWO_REGISTER_MISC_FLOATING_POINT,
};
