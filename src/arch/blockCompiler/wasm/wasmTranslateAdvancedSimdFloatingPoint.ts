// WebAssembly translations of the Advanced SIMD floating-point forms vectorised loops use,
// on .2s/.4s/.2d: three same FADD, FSUB, FMUL, FDIV, FMLA, FMLS, FADDP; FMUL, FMLA, FMLS by
// element (also scalar); and the two-register miscellaneous SCVTF/UCVTF (integer), FABS,
// FNEG, FSQRT. Each lane is computed with scalar
// operations into a local on the settled path (wasmFloatingPointValues.ts), and every lane's
// check comes before the first lane is written: a lane that leaves takes the whole
// instruction to the interpreter. Reference: encodings/simdFp (advancedSimdThreeSame,
// advancedSimdTwoRegisterMisc).

import { bit, bits } from '../../decoder';
import type { WasmBlockWriter } from './wasmBlockWriter';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { Code, i32, i64 } from './wasmCode';
import { Checked, DOUBLE, Precision, SINGLE, fromInteger, fusedDouble, fusedSingle, readElement, settled, SettledOperation, settledResults } from './wasmFloatingPointValues';

/** A vector arrangement (.2s, .4s or .2d), or one scalar element (S or D). */
interface Arrangement {
  readonly p: Precision;
  readonly lanes: number;
}

/** The arrangement of sz:Q, or undefined for the reserved .1d. */
function arrangementOf(sz: number, q: number): Arrangement | undefined {
  if (sz === 1 && q === 0) return undefined;
  const p = sz === 1 ? DOUBLE : SINGLE;
  return { p, lanes: (8 << q) / p.bytes };
}

const laneIndices = (a: Arrangement) => Array.from({ length: a.lanes }, (_, e) => e);

/** Writes every lane's result (locals, all checks done) to Vd and zeroes the bytes above them. */
function writeLanes(w: WasmBlockWriter, a: Arrangement, d: number, results: Code[]): void {
  const [base, at] = w.vector(d);
  results.forEach((result, e) => w.emit(a.p.ops.store(base, result, at + e * a.p.bytes)));
  const written = a.lanes * a.p.bytes;
  if (written === 4) w.emit(i32.store(base, i32.const(0), at + 4));
  if (written <= 8) w.emit(i64.store(base, i64.const(0), at + 8));
}

/** Writes the lanes' settled results once every lane has passed (settledResults). */
function writeSettledLanes(w: WasmBlockWriter, a: Arrangement, d: number, results: Checked[]): void {
  writeLanes(w, a, d, settledResults(w, results));
}

// ---- Three same ------------------------------------------------------------------------------

/** FADD, FSUB, FMUL, FDIV by U:a:opcode<2:0> (opcode<4:3> = 11). */
const ELEMENTWISE: Record<number, SettledOperation> = {
  0b0_0_010: 'add',
  0b0_1_010: 'sub',
  0b1_0_011: 'mul',
  0b1_0_111: 'div',
};
const FMLA = 0b0_0_001;
const FMLS = 0b0_1_001;
const FADDP = 0b1_0_010;

/**
 * FPMulAdd(Vd[e], Vn[e], multiplier(e)) per lane, Vn's element negated for FMLS; the
 * multiplier is Vm[e], or one element of Vm for the by-element forms.
 */
function fusedLanes(w: WasmBlockWriter, a: Arrangement, negate: boolean, n: number, multiplier: (e: number) => Code, d: number): Checked[] {
  const { p } = a;
  const fused = p === DOUBLE ? fusedDouble : fusedSingle;
  return laneIndices(a).map((e) => {
    const multiplicand = readElement(w, p, n, e);
    return fused(w, readElement(w, p, d, e), negate ? p.ops.neg(multiplicand) : multiplicand, multiplier(e));
  });
}

/** FADDP: lane e adds elements 2e and 2e + 1 of Vm:Vn (Vn's pairs first). */
function pairwiseSums(w: WasmBlockWriter, a: Arrangement, n: number, m: number): Checked[] {
  const half = a.lanes / 2;
  return laneIndices(a).map((e) => {
    const [source, first] = e < half ? [n, 2 * e] : [m, 2 * (e - half)];
    return settled(w, a.p, 'add', readElement(w, a.p, source, first), readElement(w, a.p, source, first + 1));
  });
}

/** Advanced SIMD three same, floating-point forms (opcode 11xxx). */
export const threeSameFloatingPoint: WasmTranslator = (w, word) => {
  const a = arrangementOf(bit(word, 22), bit(word, 30));
  const form = (bit(word, 29) << 4) | (bit(word, 23) << 3) | bits(word, 11, 3);
  const arithmetic = ELEMENTWISE[form];
  if (bits(word, 11, 5) < 0b11000 || a === undefined) return false;
  if (arithmetic === undefined && form !== FMLA && form !== FMLS && form !== FADDP) return false;
  const n = bits(word, 5, 5);
  const m = bits(word, 16, 5);
  const d = bits(word, 0, 5);
  w.checkFpAccess();
  let results: Checked[];
  if (form === FMLA || form === FMLS) results = fusedLanes(w, a, form === FMLS, n, (e) => readElement(w, a.p, m, e), d);
  else if (form === FADDP) results = pairwiseSums(w, a, n, m);
  else results = laneIndices(a).map((e) => settled(w, a.p, arithmetic, readElement(w, a.p, n, e), readElement(w, a.p, m, e)));
  writeSettledLanes(w, a, d, results);
  return true;
};

// ---- By element ------------------------------------------------------------------------------

const BY_ELEMENT_FMLA = 0b0001;
const BY_ELEMENT_FMLS = 0b0101;
const BY_ELEMENT_FMUL = 0b1001;

/**
 * FMUL, FMLA, FMLS (vector, or scalar into an S/D register) by element: every lane's second
 * operand is Vm[index] (index H:L for singles, H for doubles; Vm is M:Rm). U = 1 (FMULX)
 * and half precision are the JavaScript blocks'.
 */
function byElement(scalar: boolean): WasmTranslator {
  return (w, word) => {
    const opcode = bits(word, 12, 4);
    const size = bits(word, 22, 2);
    const sz = size & 1;
    const l = bit(word, 21);
    const h = bit(word, 11);
    const a = scalar ? { p: sz === 1 ? DOUBLE : SINGLE, lanes: 1 } : arrangementOf(sz, bit(word, 30));
    if (bit(word, 29) === 1 || (size & 2) === 0 || a === undefined || (sz === 1 && l === 1)) return false;
    if (opcode !== BY_ELEMENT_FMLA && opcode !== BY_ELEMENT_FMLS && opcode !== BY_ELEMENT_FMUL) return false;
    const m = bits(word, 16, 5);
    const n = bits(word, 5, 5);
    const d = bits(word, 0, 5);
    const index = sz === 1 ? h : (h << 1) | l;
    const element = () => readElement(w, a.p, m, index);
    w.checkFpAccess();
    const results = opcode === BY_ELEMENT_FMUL
      ? laneIndices(a).map((e) => settled(w, a.p, 'mul', readElement(w, a.p, n, e), element()))
      : fusedLanes(w, a, opcode === BY_ELEMENT_FMLS, n, element, d);
    writeSettledLanes(w, a, d, results);
    return true;
  };
}

export const vectorByElementFloatingPoint = byElement(false);
export const scalarByElementFloatingPoint = byElement(true);

// ---- Two-register miscellaneous -----------------------------------------------------------------

/** The sign bit of every lane of a 64-bit half, for FABS (cleared) and FNEG (flipped). */
const signBits = (p: Precision) => (p === DOUBLE ? -(1n << 63n) : 0x8000_0000_8000_0000n);

/** FABS, FNEG: the sign bits alone change (NaN or not), a 64-bit half at a time; nothing is raised. */
function signOperation(w: WasmBlockWriter, a: Arrangement, negate: boolean, n: number, d: number): void {
  const [source, sourceAt] = w.vector(n);
  const [base, at] = w.vector(d);
  for (let half = 0; half < 2; half++) {
    const value = i64.load(source, sourceAt + 8 * half);
    const result = half === 1 && a.lanes * a.p.bytes === 8 ? i64.const(0) : negate ? i64.xor(value, i64.const(signBits(a.p))) : i64.and(value, i64.const(~signBits(a.p)));
    w.emit(i64.store(base, result, at + 8 * half));
  }
}

/** SCVTF/UCVTF (vector, integer): each lane's integer converted (fromInteger's exactness rule). */
function convertLanes(w: WasmBlockWriter, a: Arrangement, unsigned: boolean, n: number): Code[] {
  const [base, at] = w.vector(n);
  const wide = a.p === DOUBLE;
  return laneIndices(a).map((e) => fromInteger(w, a.p, wide, unsigned, wide ? i64.load(base, at + 8 * e) : i32.load(base, at + 4 * e)));
}

/** Advanced SIMD two-register miscellaneous, floating-point forms: SCVTF/UCVTF, FABS, FNEG, FSQRT. */
export const twoRegisterMiscFloatingPoint: WasmTranslator = (w, word) => {
  const a = arrangementOf(bit(word, 22), bit(word, 30));
  const u = bit(word, 29);
  const form = (bit(word, 23) << 5) | bits(word, 12, 5);
  const n = bits(word, 5, 5);
  const d = bits(word, 0, 5);
  if (a === undefined) return false;
  switch (form) {
    case 0b0_11101: // SCVTF, UCVTF
      w.checkFpAccess();
      writeLanes(w, a, d, convertLanes(w, a, u === 1, n));
      return true;
    case 0b1_01111: // FABS, FNEG
      w.checkFpAccess();
      signOperation(w, a, u === 1, n, d);
      return true;
    case 0b1_11111: // FSQRT
      if (u === 0) return false;
      w.checkFpAccess();
      writeSettledLanes(w, a, d, laneIndices(a).map((e) => settled(w, a.p, 'sqrt', readElement(w, a.p, n, e))));
      return true;
  }
  return false;
};
