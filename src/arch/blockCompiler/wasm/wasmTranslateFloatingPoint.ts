// WebAssembly translations of scalar floating point on S and D registers: FADD, FSUB, FMUL,
// FDIV, FNMUL, FSQRT, FMOV (register and immediate), FABS, FNEG, and - through a call of
// the interpreter's own settled fused multiply-add - FMADD/FMSUB/FNMADD/FNMSUB on D
// registers. Only the JavaScript blocks' settled path is translated (translateFloatingPoint.ts):
// with FPSR.IXC already set, round-to-nearest and FZ clear, a normal finite host result is
// the answer and raises nothing new. In any other state, or for any other result (NaN
// operands, infinities, tiny results), the block leaves before the instruction and the
// interpreter runs it.

import { bit, bits } from '../../decoder';
import { MAX_DOUBLE, MAX_SINGLE, MIN_NORMAL_DOUBLE, MIN_NORMAL_SINGLE } from '../../encodings/simdFp/floatBits';
import { expandFpImmediate } from '../../encodings/simdFp/floatingPointImmediate';
import type { WasmBlockWriter } from './wasmBlockWriter';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { Code, ValType, call, f32, f64, i32, i64 } from './wasmCode';

/** The imported settled fused multiply-add: (d, a, n, m, negations) -> 1 when it wrote Vd. */
export const FUSED_MULTIPLY_ADD = 0;
export const FUSED_MULTIPLY_ADD_TYPE = { params: [ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32], results: [ValType.I32] };

/** A scalar precision: its operations, value type and normal range. */
interface Precision {
  readonly ops: typeof f64 | typeof f32;
  readonly type: ValType;
  readonly minNormal: number;
  readonly max: number;
  readonly constant: (value: number) => Code;
}

const DOUBLE: Precision = { ops: f64, type: ValType.F64, minNormal: MIN_NORMAL_DOUBLE, max: MAX_DOUBLE, constant: f64.const };
const SINGLE: Precision = { ops: f32, type: ValType.F32, minNormal: MIN_NORMAL_SINGLE, max: MAX_SINGLE, constant: f32.const };

function precisionOf(type: number): Precision | undefined {
  return type === 0 ? SINGLE : type === 1 ? DOUBLE : undefined;
}

function read(w: WasmBlockWriter, p: Precision, reg: number): Code {
  const [base, offset] = w.vector(reg);
  return p.ops.load(base, offset);
}

/** Writes the scalar to Vd and zeroes the rest of the register. */
function write(w: WasmBlockWriter, p: Precision, reg: number, value: Code): void {
  const [base, offset] = w.vector(reg);
  w.emit(p.ops.store(base, value, offset));
  if (p === SINGLE) w.emit(i32.store(base, i32.const(0), offset + 4));
  w.emit(i64.store(base, i64.const(0), offset + 8));
}

/** A settled result: computed into a local; the block leaves unless it is normal and finite. */
function settled(w: WasmBlockWriter, p: Precision, hostResult: Code): Code {
  w.leaveUnlessSettled();
  const r = w.let(p.type, hostResult);
  const magnitude = p.ops.abs(r);
  w.slowPathIf(i32.eqz(i32.and(p.ops.gt(magnitude, p.constant(p.minNormal)), p.ops.le(magnitude, p.constant(p.max)))));
  return r;
}

/** FMUL, FDIV, FADD, FSUB, FNMUL (FMAX/FMIN and the NM forms are left to JavaScript blocks). */
const dataProcessing2Source: WasmTranslator = (w, word) => {
  const p = precisionOf(bits(word, 22, 2));
  const opcode = bits(word, 12, 4);
  if (p === undefined || (opcode > 3 && opcode !== 8)) return false;
  w.checkFpAccess();
  const ops = p.ops;
  const operation = [ops.mul, ops.div, ops.add, ops.sub][opcode === 8 ? 0 : opcode];
  const r = settled(w, p, operation(read(w, p, bits(word, 5, 5)), read(w, p, bits(word, 16, 5))));
  // FNMUL negates the product (FPNeg of a non-NaN value is exact).
  write(w, p, bits(word, 0, 5), opcode === 8 ? ops.neg(r) : r);
  return true;
};

/** FMADD, FMSUB, FNMADD, FNMSUB on D registers, through the interpreter's settled fused multiply-add. */
const dataProcessing3Source: WasmTranslator = (w, word) => {
  if (bits(word, 22, 2) !== 1) return false;
  const o1 = bit(word, 21);
  const o0 = bit(word, 15);
  // FMSUB and FNMADD negate the product, FNMADD and FNMSUB the addend.
  const negations = (o1 === 1 ? 1 : 0) | (o0 !== o1 ? 2 : 0);
  w.checkFpAccess();
  w.leaveUnlessSettled();
  w.usesFusedMultiplyAdd = true;
  const operands = [bits(word, 0, 5), bits(word, 10, 5), bits(word, 5, 5), bits(word, 16, 5), negations].flatMap((v) => i32.const(v));
  w.slowPathIf(i32.eqz(call(FUSED_MULTIPLY_ADD, operands)));
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
    write(w, p, d, settled(w, p, p.ops.sqrt(read(w, p, n))));
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

export const WASM_FLOATING_POINT_TRANSLATORS: Record<string, WasmTranslator> = {
  FP_2SRC: dataProcessing2Source,
  FP_3SRC: dataProcessing3Source,
  FP_1SRC: dataProcessing1Source,
  FP_IMM: moveImmediate,
};
