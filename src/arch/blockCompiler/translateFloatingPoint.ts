// Inline translations of the scalar floating-point groups: data-processing (1, 2 and 3
// source), move immediate, compare, conditional select, and the conversions between
// floating-point and general registers. The reference semantics are the executors in
// encodings/simdFp; the differential tests compare the two.
//
// Three paths per arithmetic instruction:
// - settled: FPSR.IXC already set, round-to-nearest, FZ clear (the local `st`, true in
//   most FP code after its first inexact result). Then a normal, finite host result is
//   the answer and raises nothing new (see fpArithmetic.ts), so + - * / sqrt are one host
//   operation and a range check.
// - general: operands that are not NaN, FZ clear: the arithmetic functions the executors
//   use give the result and set the sticky FPSR flags.
// - executor: NaN operands, FZ, and Invalid Operation results (which want the default
//   NaN's bits) run the interpreter's executor in place. The data-processing groups read
//   and write only the SIMD&FP registers, FPCR and FPSR, and the executor recomputes the
//   same result and ORs in the same flags.
// Compare and the conversions touch general registers or NZCV, so their slow path leaves
// the block instead.

import { bit, bits } from '../decoder';
import { destinationSlot, sourceSlot } from '../registerSlots';
import { FPCR_FZ, FPCR_RMODE_SHIFT, FPSR_IXC } from '../encodings/simdFp/fpControl';
import {
  add32, add64, div32, div64, fusedNearest64, mul32, mul64, mulAdd32, mulAdd64, normalOrNaN32, normalOrNaN64, sqrt32, sqrt64,
} from '../encodings/simdFp/fpArithmetic';
import { expandFpImmediate } from '../encodings/simdFp/floatingPointImmediate';
import { DOUBLE_KIND, SINGLE_KIND } from '../encodings/simdFp/fpKinds';
import { toSingle } from '../encodings/simdFp/fpPrecision';
import { fromInteger32 } from '../encodings/simdFp/integerToFp';
import type { Cpu } from '../cpu';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';

/** The functions generated FP code calls, by the names it calls them. */
export const FLOATING_POINT_RUNTIME = {
  fadd32: add32, fadd64: add64,
  fsub32: SINGLE_KIND.sub, fsub64: DOUBLE_KIND.sub,
  fmul32: mul32, fmul64: mul64,
  fdiv32: div32, fdiv64: div64,
  fsqrt32: sqrt32, fsqrt64: sqrt64,
  fmuladd32: mulAdd32, fmuladd64: mulAdd64,
  toSingle, fromInteger32,
  normalOrNaN32, normalOrNaN64, settledFusedMulAdd64,
};

/**
 * The settled path of FMADD/FMSUB/FNMADD/FNMSUB on D registers: writes Vd and returns
 * true, or returns false (no flags touched) when the general path must decide. It takes
 * register numbers rather than values because blocks call it without inlining it, and
 * doubles passed or returned through such a call are boxed on the heap.
 */
function settledFusedMulAdd64(cpu: Cpu, d: number, a: number, n: number, m: number, negateAddend: boolean, negateProduct: boolean): boolean {
  const V = cpu.VF64;
  const addend = V[2 * a];
  const multiplicand = V[2 * n];
  const r = fusedNearest64(cpu, negateAddend ? -addend : addend, negateProduct ? -multiplicand : multiplicand, V[2 * m]);
  if (r !== r) return false;
  V[2 * d] = r;
  V[2 * d + 1] = 0;
  return true;
}

/** The value of the generated code's local `st`: the settled state (see the top of this file). */
export const SETTLED_STATE = `(cpu.fpsr & ${FPSR_IXC}) !== 0 && (cpu.fpcr & ${FPCR_FZ | (3 << FPCR_RMODE_SHIFT)}) === 0`;

const SIGN_BIT = 0x80000000;
/** The fast path's FPCR condition. */
export const NO_FLUSH = `(cpu.fpcr & ${FPCR_FZ}) === 0`;

/** An S (type 0) or D (type 1) scalar; other types (half precision) are not translated. */
export interface Precision {
  readonly suffix: '32' | '64';
  value(reg: number): string;
  /** Statements writing a non-NaN value to the register and zeroing the rest of it. */
  write(reg: number, value: string): string;
}

export const SINGLE: Precision = {
  suffix: '32',
  value: (reg) => `VS[${4 * reg}]`,
  write: (reg, value) => `VS[${4 * reg}] = ${value}; VW[${4 * reg + 1}] = 0; VD[${2 * reg + 1}] = 0;`,
};

export const DOUBLE: Precision = {
  suffix: '64',
  value: (reg) => `VD[${2 * reg}]`,
  write: (reg, value) => `VD[${2 * reg}] = ${value}; VD[${2 * reg + 1}] = 0;`,
};

function precisionOf(type: number): Precision | undefined {
  return type === 0 ? SINGLE : type === 1 ? DOUBLE : undefined;
}

/** Copies the low 32 or 64 bits of Vn to Vd (zeroing the rest), with `top` applied to the topmost copied word. */
function copyScalar(p: Precision, d: number, n: number, top: (word: string) => string = (word) => word): string {
  if (p === SINGLE) return `VW[${4 * d}] = ${top(`VW[${4 * n}]`)}; VW[${4 * d + 1}] = 0; VD[${2 * d + 1}] = 0;`;
  return `VW[${4 * d}] = VW[${4 * n}]; VW[${4 * d + 1}] = ${top(`VW[${4 * n + 1}]`)}; VD[${2 * d + 1}] = 0;`;
}

/**
 * An arithmetic instruction's three paths (see the top of this file). `settled` is
 * computed from the operands in qa/qb/qc and is NaN when it is not the answer; `general`
 * needs operands that are not NaN and FZ clear, and is NaN for Invalid Operation.
 */
function computeOrExecute(w: BlockWriter, p: Precision, d: number, operands: string[], settled: string | undefined, general: string): void {
  const names = operands.map((_, i) => `q${'abc'[i]}`);
  w.emit(operands.map((operand, i) => `${names[i]} = ${operand};`).join(' '));
  if (settled !== undefined) w.emit(`qr = st ? ${settled} : NaN; if (qr !== qr) { ${generalPath(w, names, general)} }`);
  else w.emit(generalPath(w, names, general));
  w.emit(`if (qr === qr) { ${p.write(d, 'qr')} }`);
}

/** Statements leaving in qr the general path's result, or NaN after the executor has run. */
function generalPath(w: BlockWriter, names: string[], general: string): string {
  return `qr = ${names.map((q) => `${q} === ${q}`).join(' && ')} && ${NO_FLUSH} ? ${general} : NaN; if (qr !== qr) E[${w.index}](cpu); st = ${SETTLED_STATE};`;
}

/** The settled expression of a host result: a normal value of the precision, or NaN. */
export function settledResult(p: Precision, hostResult: string): string {
  return p === DOUBLE ? `normalOrNaN64(${hostResult})` : `normalOrNaN32(Math.fround(${hostResult}))`;
}

/** Floating-point data-processing (2 source): FMUL, FDIV, FADD, FSUB, FNMUL (FMAX/FMIN... run the executor). */
const dataProcessing2Source: Translator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  const opcode = bits(word, 12, 4);
  const operation = ['fmul', 'fdiv', 'fadd', 'fsub'][opcode === 8 ? 0 : opcode];
  const hostOperator = ['*', '/', '+', '-'][opcode === 8 ? 0 : opcode];
  if (p === undefined || operation === undefined) return false;
  const Rm = bits(word, 16, 5);
  const Rn = bits(word, 5, 5);
  const Rd = bits(word, 0, 5);
  w.checkFpAccess();
  const call = `${operation}${p.suffix}(cpu, qa, qb)`;
  const settled = settledResult(p, `qa ${hostOperator} qb`);
  // FNMUL negates the product (FPNeg of a non-NaN value is exact).
  const negate = opcode === 8 ? '-' : '';
  computeOrExecute(w, p, Rd, [p.value(Rn), p.value(Rm)], `${negate}${settled}`, `${negate}${call}`);
  return true;
};

/** Floating-point data-processing (3 source): FMADD, FMSUB, FNMADD, FNMSUB (fused, one rounding). */
const dataProcessing3Source: Translator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  if (p === undefined) return false;
  const o1 = bit(word, 21);
  const o0 = bit(word, 15);
  const Rm = bits(word, 16, 5);
  const Ra = bits(word, 10, 5);
  const Rn = bits(word, 5, 5);
  const Rd = bits(word, 0, 5);
  // FMSUB and FNMADD negate the product, FNMADD and FNMSUB the addend.
  const negateProduct = o0 !== o1;
  const negateAddend = o1 === 1;
  w.checkFpAccess();
  const general = `fmuladd${p.suffix}(cpu, ${negateAddend ? '-qa' : 'qa'}, ${negateProduct ? '-qb' : 'qb'}, qc)`;
  if (p === SINGLE) {
    // Single precision has no shortcut: its general path is already short.
    computeOrExecute(w, p, Rd, [p.value(Ra), p.value(Rn), p.value(Rm)], undefined, general);
    return true;
  }
  w.emit(`if (!(st && settledFusedMulAdd64(cpu, ${Rd}, ${Ra}, ${Rn}, ${Rm}, ${negateAddend}, ${negateProduct}))) {`);
  computeOrExecute(w, p, Rd, [p.value(Ra), p.value(Rn), p.value(Rm)], undefined, general);
  w.emit('}');
  return true;
};

/** Floating-point data-processing (1 source): FMOV, FABS, FNEG, FSQRT and FCVT between S and D. */
const dataProcessing1Source: Translator = (w, word) => {
  const type = bits(word, 22, 2);
  const p = precisionOf(type);
  const opcode = bits(word, 15, 6);
  const Rn = bits(word, 5, 5);
  const Rd = bits(word, 0, 5);
  if (p === undefined) return false;
  switch (opcode) {
    case 0: // FMOV (register)
      w.checkFpAccess();
      w.emit(copyScalar(p, Rd, Rn));
      return true;
    case 1: // FABS and FNEG change only the sign bit, NaN or not, and raise nothing.
      w.checkFpAccess();
      w.emit(copyScalar(p, Rd, Rn, (word) => `(${word} & ${~SIGN_BIT})`));
      return true;
    case 2:
      w.checkFpAccess();
      w.emit(copyScalar(p, Rd, Rn, (word) => `(${word} ^ ${SIGN_BIT | 0})`));
      return true;
    case 3:
      w.checkFpAccess();
      computeOrExecute(w, p, Rd, [p.value(Rn)], settledResult(p, 'Math.sqrt(qa)'), `fsqrt${p.suffix}(cpu, qa)`);
      return true;
    case 4: // FCVT Sd, Dn: rounds in FPCR's mode.
      if (p !== DOUBLE) return false;
      w.checkFpAccess();
      computeOrExecute(w, SINGLE, Rd, [DOUBLE.value(Rn)], settledResult(SINGLE, 'qa'), 'toSingle(cpu, qa)');
      return true;
    case 5: // FCVT Dd, Sn: exact.
      if (p !== SINGLE) return false;
      w.checkFpAccess();
      computeOrExecute(w, DOUBLE, Rd, [SINGLE.value(Rn)], undefined, 'qa');
      return true;
    default:
      return false;
  }
};

/** FMOV (scalar, immediate). */
const moveImmediate: Translator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  if (p === undefined) return false;
  w.checkFpAccess();
  w.emit(p.write(bits(word, 0, 5), String(expandFpImmediate(bits(word, 13, 8)))));
  return true;
};

/** FCMP/FCMPE: ordered operands set NZCV directly (less 1000, equal 0110, greater 0010). */
const compare: Translator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  if (p === undefined) return false;
  const withZero = bit(word, 3) === 1;
  w.checkFpAccess();
  const slow = w.slowPath();
  w.emit(`qa = ${p.value(bits(word, 5, 5))}; qb = ${withZero ? '0' : p.value(bits(word, 16, 5))};`);
  w.emit(`if (qa === qa && qb === qb && ${NO_FLUSH}) { cpu.n = qa < qb ? 1 : 0; cpu.z = qa === qb ? 1 : 0; cpu.c = qa >= qb ? 1 : 0; cpu.v = 0; } else {`);
  w.emitAll(slow);
  w.emit('}');
  w.setFlagsInCpu();
  return true;
};

/** FCSEL: a copy of Vn or Vm by ConditionHolds(cond). */
const conditionalSelect: Translator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  if (p === undefined) return false;
  const Rm = bits(word, 16, 5);
  const Rn = bits(word, 5, 5);
  const Rd = bits(word, 0, 5);
  w.checkFpAccess();
  const holds = w.condition(bits(word, 12, 4));
  w.emit(`if (${holds}) { ${copyScalar(p, Rd, Rn)} } else { ${copyScalar(p, Rd, Rm)} }`);
  return true;
};

/**
 * Conversion between floating-point and integer: FMOV between W/X and S/D, SCVTF/UCVTF
 * from W/X, FCVTZS/FCVTZU to W/X. Values a double holds exactly take the fast path;
 * NaN, out-of-range and 64-bit values beyond 2^53 leave the block for the executor.
 */
const integerConversion: Translator = (w, word) => {
  const sf = bit(word, 31);
  const p = precisionOf(bits(word, 22, 2));
  const rmode = bits(word, 19, 2);
  const opcode = bits(word, 16, 3);
  const Rn = bits(word, 5, 5);
  const Rd = bits(word, 0, 5);
  if (p === undefined || bit(word, 29) === 1) return false;
  if (rmode === 0 && (opcode === 6 || opcode === 7)) return moveGeneral(w, sf, p, opcode === 6, Rn, Rd);
  if (rmode === 0 && (opcode === 2 || opcode === 3)) return fromGeneral(w, sf, p, opcode === 3, Rn, Rd);
  if (rmode === 3 && (opcode === 0 || opcode === 1)) return truncateToGeneral(w, sf, p, opcode === 1, Rn, Rd);
  return false;
};

/** FMOV Wd, Sn / Xd, Dn (toGeneral) and FMOV Sd, Wn / Dd, Xn: bits unchanged. */
function moveGeneral(w: BlockWriter, sf: number, p: Precision, toGeneral: boolean, Rn: number, Rd: number): boolean {
  if ((sf === 1) !== (p === DOUBLE)) return false;
  w.checkFpAccess();
  if (toGeneral) {
    w.setReg(destinationSlot(Rd), { lo: `(VW[${4 * Rn}] | 0)`, hi: sf === 1 ? `(VW[${4 * Rn + 1}] | 0)` : '0' });
    return true;
  }
  const n = w.reg(sourceSlot(Rn));
  w.emit(`VW[${4 * Rd}] = ${n.lo}; VW[${4 * Rd + 1}] = ${sf === 1 ? n.hi : '0'}; VD[${2 * Rd + 1}] = 0;`);
  return true;
}

/** SCVTF/UCVTF: integers of up to 53 bits are exact doubles, rounded once to single when needed. */
function fromGeneral(w: BlockWriter, sf: number, p: Precision, unsigned: boolean, Rn: number, Rd: number): boolean {
  const n = w.reg(sourceSlot(Rn));
  w.checkFpAccess();
  const write = (value: string) => (p === DOUBLE ? p.write(Rd, value) : p.write(Rd, `fromInteger32(cpu, ${value}, 0, false)`));
  if (sf === 0) {
    w.emit(write(unsigned ? `(${n.lo} >>> 0)` : n.lo));
    return true;
  }
  const slow = w.slowPath();
  const high = unsigned ? `(${n.hi} >>> 0)` : n.hi;
  // |value| < 2^53 when the high word is within +-2^21.
  const exact = unsigned ? `${high} < 2097152` : `${n.hi} >= -2097152 && ${n.hi} < 2097152`;
  w.emit(`if (${exact}) { ${write(`(${high} * 4294967296 + (${n.lo} >>> 0))`)} } else {`);
  w.emitAll(slow);
  w.emit('}');
  return true;
}

/** FCVTZS/FCVTZU: truncation of a value within the destination's range (Inexact when it had a fraction). */
function truncateToGeneral(w: BlockWriter, sf: number, p: Precision, unsigned: boolean, Rn: number, Rd: number): boolean {
  w.checkFpAccess();
  const slow = w.slowPath();
  const [low, high] = sf === 0 ? (unsigned ? [0, 4294967295] : [-2147483648, 2147483647]) : [unsigned ? 0 : -(2 ** 53), 2 ** 53];
  w.emit(`qa = ${p.value(Rn)}; qr = Math.trunc(qa);`);
  w.emit(`if (qr >= ${low} && qr <= ${high} && ${NO_FLUSH}) { if (qr !== qa) cpu.fpsr |= ${FPSR_IXC};`);
  w.setReg(destinationSlot(Rd), { lo: '(qr | 0)', hi: sf === 0 ? '0' : '(Math.floor(qr / 4294967296) | 0)' });
  w.emit('} else {');
  w.emitAll(slow);
  w.emit('}');
  return true;
}

export const FLOATING_POINT_TRANSLATORS: Readonly<Record<string, Translator>> = {
  FP_2SRC: dataProcessing2Source,
  FP_3SRC: dataProcessing3Source,
  FP_1SRC: dataProcessing1Source,
  FP_IMM: moveImmediate,
  FP_COMPARE: compare,
  FP_CSELECT: conditionalSelect,
  FP_INT_CONVERT: integerConversion,
};

/**
 * SIMD&FP data-processing encodings that read and write only SIMD&FP registers, FPCR and
 * FPSR: their executors run in place without syncing general registers or NZCV.
 */
export function touchesOnlyVectors(name: string, word: number): boolean {
  if (name === 'ASIMD_COPY') {
    // INS (element) and DUP (element); DUP/INS (general), SMOV and UMOV use a general register.
    return bit(word, 29) === 1 || bits(word, 11, 4) === 0;
  }
  return name.startsWith('ASIMD_') || name === 'FP_2SRC' || name === 'FP_3SRC' || name === 'FP_1SRC' || name === 'FP_IMM';
}
