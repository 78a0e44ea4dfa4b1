// WebAssembly translations of scalar floating point on S and D registers: FADD, FSUB, FMUL,
// FDIV, FNMUL, FSQRT, FMADD/FMSUB/FNMADD/FNMSUB, FMOV (register, immediate, to and from
// W/X), FABS, FNEG, FCMP/FCMPE, FCSEL, and SCVTF/UCVTF and FCVTZS/FCVTZU (also fixed-point).
// Arithmetic is on the settled path only (wasmFloatingPointValues.ts). Conversions and
// compares are inline whenever they raise nothing (exact values, ordered operands) or only
// Inexact once it is already set. Anything else (NaN operands, infinities, tiny or
// out-of-range results, FZ) leaves the block before the instruction, and the interpreter
// runs it.

import { bit, bits } from '../../decoder';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { expandFpImmediate } from '../../encodings/simdFp/floatingPointImmediate';
import type { WasmBlockWriter } from './wasmBlockWriter';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { Code, ValType, f32, f64, i32, i64, select } from './wasmCode';
import { DOUBLE, Precision, SINGLE, fromInteger, fusedDouble, fusedSingle, precisionOf, readElement, settled, SettledOperation, settledResults, widened } from './wasmFloatingPointValues';

function read(w: WasmBlockWriter, p: Precision, reg: number): Code {
  return readElement(w, p, reg);
}

/** Writes the scalar to Vd and zeroes the rest of the register. */
function write(w: WasmBlockWriter, p: Precision, reg: number, value: Code): void {
  const [base, offset] = w.vector(reg);
  w.emit(p.ops.store(base, value, offset));
  if (p === SINGLE) w.emit(i32.store(base, i32.const(0), offset + 4));
  w.emit(i64.store(base, i64.const(0), offset + 8));
}

/** FP data-processing (2 source) by opcode 0..3. */
const OPERATIONS: SettledOperation[] = ['mul', 'div', 'add', 'sub'];

/** FMUL, FDIV, FADD, FSUB, FNMUL (FMAX/FMIN and the NM forms are left to JavaScript blocks). */
const dataProcessing2Source: WasmTranslator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  const opcode = bits(word, 12, 4);
  if (p === undefined || (opcode > 3 && opcode !== 8)) return false;
  w.checkFpAccess();
  const operation = OPERATIONS[opcode === 8 ? 0 : opcode];
  const [r] = settledResults(w, [settled(w, p, operation, read(w, p, bits(word, 5, 5)), read(w, p, bits(word, 16, 5)))]);
  // FNMUL negates the product (FPNeg of a non-NaN value is exact).
  write(w, p, bits(word, 0, 5), opcode === 8 ? p.ops.neg(r) : r);
  return true;
};

/** FMADD, FMSUB, FNMADD, FNMSUB on S and D registers in the settled state (fusedSingle, fusedDouble). */
const dataProcessing3Source: WasmTranslator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  if (p === undefined) return false;
  const o1 = bit(word, 21);
  const o0 = bit(word, 15);
  // FMSUB and FNMADD negate the product, FNMADD and FNMSUB the addend (FPNeg is exact).
  const signed = (value: Code, negate: boolean) => (negate ? p.ops.neg(value) : value);
  w.checkFpAccess();
  const addend = signed(read(w, p, bits(word, 10, 5)), o1 === 1);
  const a = signed(read(w, p, bits(word, 5, 5)), o0 !== o1);
  const b = read(w, p, bits(word, 16, 5));
  const [r] = settledResults(w, [p === DOUBLE ? fusedDouble(w, addend, a, b) : fusedSingle(w, addend, a, b)]);
  write(w, p, bits(word, 0, 5), r);
  return true;
};

/** FMOV (register), FABS, FNEG: bit copies; FSQRT: settled. */
const dataProcessing1Source: WasmTranslator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  const opcode = bits(word, 15, 6);
  if (p === undefined || opcode > 3) return false;
  w.checkFpAccess();
  const n = bits(word, 5, 5);
  const d = bits(word, 0, 5);
  if (opcode === 3) {
    write(w, p, d, settledResults(w, [settled(w, p, 'sqrt', read(w, p, n))])[0]);
    return true;
  }
  // FABS and FNEG change only the sign bit, NaN or not, and raise nothing.
  const [base, offset] = w.vector(n);
  const [dBase, dOffset] = w.vector(d);
  if (p === DOUBLE) {
    const value = i64.load(base, offset);
    const bitsOut = opcode === 0 ? value : opcode === 1 ? i64.and(value, i64.const(0x7fff_ffff_ffff_ffffn)) : i64.xor(value, i64.const(-(1n << 63n)));
    const result = w.let(ValType.I64, bitsOut);
    w.emit(i64.store(dBase, result, dOffset));
  } else {
    const value = i32.load(base, offset);
    const bitsOut = opcode === 0 ? value : opcode === 1 ? i32.and(value, i32.const(0x7fff_ffff)) : i32.xor(value, i32.const(-0x8000_0000));
    const result = w.let(ValType.I32, bitsOut);
    w.emit(i32.store(dBase, result, dOffset));
    w.emit(i32.store(dBase, i32.const(0), dOffset + 4));
  }
  w.emit(i64.store(dBase, i64.const(0), dOffset + 8));
  return true;
};

/** FMOV (scalar, immediate): a constant. */
const moveImmediate: WasmTranslator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  if (p === undefined || bits(word, 5, 5) !== 0) return false;
  w.checkFpAccess();
  write(w, p, bits(word, 0, 5), p.constant(expandFpImmediate(bits(word, 13, 8))));
  return true;
};

/** FCMP/FCMPE: ordered operands set NZCV directly (less 1000, equal 0110, greater 0010). */
const compare: WasmTranslator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  if (p === undefined) return false;
  w.checkFpAccess();
  const a = w.let(ValType.F64, widened(p, read(w, p, bits(word, 5, 5))));
  const b = bit(word, 3) === 1 ? f64.const(0) : w.let(ValType.F64, widened(p, read(w, p, bits(word, 16, 5))));
  // NaNs raise Invalid Operation (FCMPE: any NaN) and FZ flushes denormals: the interpreter decides.
  w.slowPathIf(i32.or(i32.or(f64.ne(a, a), f64.ne(b, b)), i32.eqz(w.fpNoFlush())));
  w.setNzcv(select(i32.const(0b0110), select(i32.const(0b1000), i32.const(0b0010), f64.lt(a, b)), f64.eq(a, b)));
  return true;
};

/** FCSEL: a copy of Vn or Vm by ConditionHolds(cond). */
const conditionalSelect: WasmTranslator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  if (p === undefined) return false;
  w.checkFpAccess();
  const holds = w.let(ValType.I32, w.condition(bits(word, 12, 4)));
  const [n, nAt] = w.vector(bits(word, 5, 5));
  const [m, mAt] = w.vector(bits(word, 16, 5));
  const [d, dAt] = w.vector(bits(word, 0, 5));
  if (p === DOUBLE) {
    w.emit(i64.store(d, select(i64.load(n, nAt), i64.load(m, mAt), holds), dAt));
  } else {
    w.emit(i32.store(d, select(i32.load(n, nAt), i32.load(m, mAt), holds), dAt));
    w.emit(i32.store(d, i32.const(0), dAt + 4));
  }
  w.emit(i64.store(d, i64.const(0), dAt + 8));
  return true;
};

/** FMOV Wd, Sn / Xd, Dn (toGeneral) and FMOV Sd, Wn / Dd, Xn: bits unchanged. */
function moveGeneral(w: WasmBlockWriter, wide: boolean, toGeneral: boolean, Rn: number, Rd: number): boolean {
  w.checkFpAccess();
  if (toGeneral) {
    const [n, at] = w.vector(Rn);
    if (wide) w.setX(destinationSlot(Rd), i64.load(n, at));
    else w.setW(destinationSlot(Rd), i32.load(n, at));
    return true;
  }
  const [d, at] = w.vector(Rd);
  w.emit(i64.store(d, wide ? w.x(sourceSlot(Rn)) : i64.extend_i32_u(w.w(sourceSlot(Rn))), at));
  w.emit(i64.store(d, i64.const(0), at + 8));
  return true;
}

/** SCVTF/UCVTF from W or X (fromInteger), with `fbits` fraction bits: scaling by 2^-fbits is exact. */
function fromGeneral(w: WasmBlockWriter, wide: boolean, p: Precision, unsigned: boolean, Rn: number, Rd: number, fbits: number): void {
  w.checkFpAccess();
  const converted = fromInteger(w, p, wide, unsigned, wide ? w.x(sourceSlot(Rn)) : w.w(sourceSlot(Rn)));
  write(w, p, Rd, fbits === 0 ? converted : p.ops.mul(converted, p.constant(2 ** -fbits)));
}

/**
 * FCVTZS/FCVTZU to W or X, with `fbits` fraction bits: a value whose truncation fits the
 * destination, exact or with Inexact already set, FZ clear.
 */
function truncateToGeneral(w: WasmBlockWriter, wide: boolean, p: Precision, unsigned: boolean, Rn: number, Rd: number, fbits: number): void {
  w.checkFpAccess();
  const value = widened(p, read(w, p, Rn));
  const x = w.let(ValType.F64, fbits === 0 ? value : f64.mul(value, f64.const(2 ** fbits)));
  const t = w.let(ValType.F64, f64.trunc(x));
  const width = wide ? 64 : 32;
  const [low, end] = unsigned ? [0, 2 ** width] : [-(2 ** (width - 1)), 2 ** (width - 1)];
  const inRange = i32.and(f64.ge(t, f64.const(low)), f64.lt(t, f64.const(end)));
  const raisesNothingNew = i32.or(f64.eq(t, x), w.fpSettled());
  w.slowPathIf(i32.eqz(i32.and(i32.and(inRange, raisesNothingNew), w.fpNoFlush())));
  if (wide) w.setX(destinationSlot(Rd), unsigned ? i64.trunc_sat_f64_u(t) : i64.trunc_sat_f64_s(t));
  else w.setW(destinationSlot(Rd), unsigned ? i32.trunc_sat_f64_u(t) : i32.trunc_sat_f64_s(t));
}

/** Conversion between floating-point and integer: FMOV, SCVTF/UCVTF, FCVTZS/FCVTZU. */
const integerConversion: WasmTranslator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const p = precisionOf(bits(word, 22, 2));
  const rmode = bits(word, 19, 2);
  const opcode = bits(word, 16, 3);
  const Rn = bits(word, 5, 5);
  const Rd = bits(word, 0, 5);
  if (p === undefined || bit(word, 29) === 1) return false;
  if (rmode === 0 && (opcode === 6 || opcode === 7)) return wide === (p === DOUBLE) && moveGeneral(w, wide, opcode === 6, Rn, Rd);
  if (rmode === 0 && (opcode === 2 || opcode === 3)) { fromGeneral(w, wide, p, opcode === 3, Rn, Rd, 0); return true; }
  if (rmode === 3 && (opcode === 0 || opcode === 1)) { truncateToGeneral(w, wide, p, opcode === 1, Rn, Rd, 0); return true; }
  return false;
};

/** Conversion between floating-point and fixed-point: SCVTF/UCVTF and FCVTZS/FCVTZU with #fbits. */
const fixedConversion: WasmTranslator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const p = precisionOf(bits(word, 22, 2));
  const rmode = bits(word, 19, 2);
  const opcode = bits(word, 16, 3);
  const scale = bits(word, 10, 6);
  if (p === undefined || bit(word, 29) === 1 || (!wide && scale < 32)) return false;
  const fbits = 64 - scale;
  if (rmode === 0 && (opcode === 2 || opcode === 3)) { fromGeneral(w, wide, p, opcode === 3, bits(word, 5, 5), bits(word, 0, 5), fbits); return true; }
  if (rmode === 3 && (opcode === 0 || opcode === 1)) { truncateToGeneral(w, wide, p, opcode === 1, bits(word, 5, 5), bits(word, 0, 5), fbits); return true; }
  return false;
};

export const WASM_FLOATING_POINT_TRANSLATORS: Record<string, WasmTranslator> = {
  FP_2SRC: dataProcessing2Source,
  FP_3SRC: dataProcessing3Source,
  FP_1SRC: dataProcessing1Source,
  FP_IMM: moveImmediate,
  FP_COMPARE: compare,
  FP_CSELECT: conditionalSelect,
  FP_INT_CONVERT: integerConversion,
  FP_FIXED_CONVERT: fixedConversion,
};
