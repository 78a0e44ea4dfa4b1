// The machinery the Advanced SIMD floating-point translations share: lane formats (S
// lanes in VS, D lanes in VD), where results go, and the scalar translations' three paths
// (translateFloatingPoint.ts) decided for a whole instruction:
// - settled (`st`): every lane's host result is a normal value of the precision, which is
//   then the answer and raises nothing new;
// - general: FPCR.FZ clear and no lane has a NaN operand: the executors' arithmetic per
//   lane, which sets the sticky flags; a NaN value means Invalid Operation;
// - executor: otherwise the interpreter's executor runs the whole instruction, before any
//   lane is written. Flags the general path already set for other lanes are flags the
//   executor sets again (the same functions on the same operands), so FPSR ends up as the
//   interpreter leaves it.
// Every lane is computed into the locals q0..q3 before any is written: a destination may
// be a source, and a by-element or pairwise operand may lie in another lane of it.

import { FPCR_FZ, FPCR_RMODE_SHIFT } from '../encodings/simdFp/fpControl';
import { fusedNearest64, mulAdd64 } from '../encodings/simdFp/fpArithmetic';
import type { Cpu } from '../cpu';
import type { BlockWriter } from './blockWriter';
import { DOUBLE, NO_FLUSH, Precision, SETTLED_STATE, SINGLE } from './translateFloatingPoint';

/** The generated code's locals for lane results (and the fused single-precision path's sum and error). */
export const LANE_TEMPORARIES = 'q0 = 0.5, q1 = 0.5, q2 = 0.5, q3 = 0.5, qs = 0.5, qd = 0.5';

export interface LaneFormat {
  readonly precision: Precision;
  /** Lanes in a whole 128-bit register. */
  readonly perRegister: number;
  /** The value of lane e of register r. */
  element(r: number, e: number): string;
}

export const SINGLE_LANES: LaneFormat = { precision: SINGLE, perRegister: 4, element: (r, e) => `VS[${4 * r + e}]` };
export const DOUBLE_LANES: LaneFormat = { precision: DOUBLE, perRegister: 2, element: (r, e) => `VD[${2 * r + e}]` };

/** The format for `sz` (0 single, 1 double), or undefined for the reserved .1d arrangement (Q = 0). */
export function laneFormat(sz: number, q: number): LaneFormat | undefined {
  return sz === 0 ? SINGLE_LANES : q === 1 ? DOUBLE_LANES : undefined;
}

/** Lanes in a vector of Q's width. */
export function laneCount(f: LaneFormat, q: number): number {
  return q === 1 ? f.perRegister : f.perRegister >>> 1;
}

/** Statements writing the lane results (named in order) to Vd. */
export type Destination = (results: string[]) => string;

/** A vector Vd: its low lanes (Q = 0 zeroes bits 127:64). */
export function vectorDestination(f: LaneFormat, q: number, d: number): Destination {
  return (results) => results.map((r, e) => `${f.element(d, e)} = ${r};`).join(' ') + (q === 0 ? ` VD[${2 * d + 1}] = 0;` : '');
}

/** A scalar Vd: the lowest lane, the rest of the register zeroed. */
export function scalarDestination(f: LaneFormat, d: number): Destination {
  return (results) => f.precision.write(d, results[0]);
}

/** Compare results: all ones or all zeros per lane (the results are -1 or 0). */
export function maskDestination(f: LaneFormat, q: number, d: number): Destination {
  const words = f === DOUBLE_LANES ? 2 : 1;
  return (results) => results.map((r, e) => Array.from({ length: words }, (_, k) => `VW[${4 * d + words * e + k}] = ${r};`).join(' ')).join(' ')
    + (q === 0 ? ` VD[${2 * d + 1}] = 0;` : '');
}

/** Lane operands of element-wise forms: lane e of Vn and Vm. */
export function elementwiseOperands(f: LaneFormat, count: number, n: number, m: number): string[][] {
  return Array.from({ length: count }, (_, e) => [f.element(n, e), f.element(m, e)]);
}

/** Lane operands of pairwise forms: adjacent pairs of the concatenation Vm:Vn (Vn's pairs first). */
export function pairwiseOperands(f: LaneFormat, count: number, n: number, m: number): string[][] {
  const half = count >>> 1;
  return Array.from({ length: count }, (_, e) => {
    const [r, i] = e < half ? [n, 2 * e] : [m, 2 * (e - half)];
    return [f.element(r, i), f.element(r, i + 1)];
  });
}

/** How an instruction computes a lane on the settled and general paths. */
export interface LaneArithmetic {
  /** Statements leaving the settled value in `result`, NaN when the general path must decide. */
  settled?: (operands: string[], result: string) => string;
  /** The general path's value (NaN: the executor decides). */
  general: (operands: string[]) => string;
  /** Whether the general path may set FPSR flags (then `st` is recomputed after it). */
  setsFlags?: boolean;
}

/** FPCompareEQ/GE/GT of operands that are not NaN, as -1 (all ones) or 0. */
export function comparison(operator: string, absolute = false): LaneArithmetic {
  const value = absolute ? (x: string) => `Math.abs(${x})` : (x: string) => x;
  return { general: ([a, b]) => `(${value(a)} ${operator} ${value(b)} ? -1 : 0)`, setsFlags: false };
}

/**
 * Emits an instruction whose lane e is computed from `lanes[e]` (register-file reads or
 * literals): settled path, general path, executor, as the top of this file says.
 */
export function computeLanesOrExecute(w: BlockWriter, lanes: string[][], arithmetic: LaneArithmetic, destination: Destination): void {
  w.checkFpAccess();
  const results = lanes.map((_, e) => `q${e}`);
  const failed = results.map((r) => `${r} !== ${r}`).join(' || ');
  const reads = [...new Set(lanes.flat())].filter((operand) => operand.startsWith('V'));
  const screen = [NO_FLUSH, ...reads.map((operand) => `${operand} === ${operand}`)].join(' && ');
  const generalValues = lanes.map((operands, e) => `${results[e]} = ${arithmetic.general(operands)};`).join(' ');
  const general = `if (${screen}) { ${generalValues} } else q0 = NaN; if (${failed}) E[${w.index}](cpu);`
    + (arithmetic.setsFlags === false ? '' : ` st = ${SETTLED_STATE};`);
  const write = `if (!(${failed})) { ${destination(results)} }`;
  const settled = arithmetic.settled;
  if (settled !== undefined) {
    w.emit(`if (st) { ${lanes.map((operands, e) => settled(operands, results[e])).join(' ')} } else q0 = NaN;`);
    w.emit(`if (${failed}) { ${general} }`);
  } else {
    w.emit(general);
  }
  w.emit(write);
}

/**
 * FMLA/FMLS on D lanes (vector, by element, or one scalar lane) without the executor:
 * with FPCR.FZ clear and no NaN operand, FPMulAdd of every lane, which sets the sticky
 * flags; Vd is written only when no lane is an Invalid Operation. Returns false, having
 * written nothing, when the executor must run. Taking register indices rather than values
 * keeps doubles unboxed (blocks call it without inlining it). Indices are VF64 element
 * indices of lane 0; `mStep` is 0 when every lane uses one element of Vm.
 */
export function fusedLanes64(cpu: Cpu, d: number, n: number, m: number, mStep: number, lanes: number, negateProduct: boolean): boolean {
  if ((cpu.fpcr & FPCR_FZ) !== 0) return false;
  const V = cpu.VF64;
  const addend = V[d];
  const multiplicand = negateProduct ? -V[n] : V[n];
  const multiplier = V[m];
  if (addend !== addend || multiplicand !== multiplicand || multiplier !== multiplier) return false;
  if (lanes === 1) {
    const only = fusedLane64(cpu, addend, multiplicand, multiplier);
    if (only !== only) return false;
    V[d] = only;
    V[d + 1] = 0;
    return true;
  }
  const addend1 = V[d + 1];
  const multiplicand1 = negateProduct ? -V[n + 1] : V[n + 1];
  const multiplier1 = V[m + mStep];
  if (addend1 !== addend1 || multiplicand1 !== multiplicand1 || multiplier1 !== multiplier1) return false;
  const first = fusedLane64(cpu, addend, multiplicand, multiplier);
  const second = fusedLane64(cpu, addend1, multiplicand1, multiplier1);
  if (first !== first || second !== second) return false;
  V[d] = first;
  V[d + 1] = second;
  return true;
}

/**
 * FPMulAdd of operands that are not NaN. In round-to-nearest, finite nonzero operands
 * away from the exponent limits go straight to the emulation `mulAdd64` would pick (it
 * returns NaN without touching a flag for the others, which then take `mulAdd64`).
 */
function fusedLane64(cpu: Cpu, addend: number, multiplicand: number, multiplier: number): number {
  const nearest = (cpu.fpcr & (3 << FPCR_RMODE_SHIFT)) === 0 ? fusedNearest64(cpu, addend, multiplicand, multiplier) : NaN;
  return nearest === nearest ? nearest : mulAdd64(cpu, addend, multiplicand, multiplier);
}
