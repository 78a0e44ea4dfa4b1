// WebAssembly translations of the Advanced SIMD groups that shift lanes or change their
// width (Arm ARM C4.1.95), with WebAssembly's 128-bit operations:
// - shift by immediate: SSHR, USHR, SSRA, USRA, SHL, SSHLL/USHLL(2) (SXTL/UXTL);
// - three different: SADDL/UADDL, SADDW/UADDW, SSUBL/USUBL, SSUBW/USUBW, SMLAL/UMLAL,
//   SMLSL/UMLSL, SMULL/UMULL, each also of the upper halves ("2");
// - permute: UZP1/2, TRN1/2, ZIP1/2.
// Rounding, saturating, narrowing and polynomial forms are the JavaScript blocks'.
// References: encodings/simdFp/shiftByImmediate.ts, advancedSimdThreeDifferent.ts,
// advancedSimdPermute.ts.

import { bit, bits } from '../../decoder';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { Code, i32, integerLanes, v128, wideningLanes } from './wasmCode';
import { elementShuffle, readVector, writeVector } from './wasmVectorRegisters';

// ---- Shift by immediate ------------------------------------------------------------------------

const SSHR_USHR = 0b00000;
const SSRA_USRA = 0b00010;
const SHL = 0b01010;
const SSHLL_USHLL = 0b10100;

/** Lanes of 2^size bytes shifted right by 1..esize (an unsigned shift by esize gives 0; WebAssembly's counts wrap). */
function shiftedRight(value: Code, size: number, signed: boolean, amount: number): Code {
  const esize = 8 << size;
  const ops = integerLanes[size];
  if (signed) return ops.shr_s(value, i32.const(Math.min(amount, esize - 1)));
  return amount === esize ? v128.xor(value, value) : ops.shr_u(value, i32.const(amount));
}

const shiftByImmediate: WasmTranslator = (w, word) => {
  const q = bit(word, 30);
  const signed = bit(word, 29) === 0;
  const immh = bits(word, 19, 4);
  const immediate = bits(word, 16, 7);
  const opcode = bits(word, 11, 5);
  const n = bits(word, 5, 5);
  const d = bits(word, 0, 5);
  if (immh === 0) return false; // modified immediate
  // The element size is immh's highest set bit.
  const size = 31 - Math.clz32(immh);
  const esize = 8 << size;
  let result: Code;
  if (opcode === SSHR_USHR || opcode === SSRA_USRA) {
    if (size === 3 && q === 0) return false;
    const shifted = shiftedRight(readVector(w, n), size, signed, 2 * esize - immediate);
    result = opcode === SSHR_USHR ? shifted : integerLanes[size].add(readVector(w, d), shifted);
  } else if (opcode === SHL && signed) {
    if (size === 3 && q === 0) return false;
    result = integerLanes[size].shl(readVector(w, n), i32.const(immediate - esize));
  } else if (opcode === SSHLL_USHLL && size < 3) {
    // Q selects the upper half of Vn (SSHLL2/USHLL2); the result has lanes twice as wide.
    const widened = wideningLanes[size].extend[signed ? 1 : 0][q](readVector(w, n));
    const shift = immediate - esize;
    result = shift === 0 ? widened : integerLanes[size + 1].shl(widened, i32.const(shift));
    w.checkFpAccess();
    writeVector(w, 1, d, result);
    return true;
  } else {
    return false;
  }
  w.checkFpAccess();
  writeVector(w, q, d, result);
  return true;
};

// ---- Three different ------------------------------------------------------------------------

/**
 * By opcode: what is done with the widened elements of Vn and Vm (`wideN`: the W forms,
 * whose Vn already has wide elements; `accumulate`: added to or subtracted from Vd).
 */
const THREE_DIFFERENT: Record<number, { operation: 'add' | 'sub' | 'mul'; wideN?: boolean; accumulate?: 'add' | 'sub' }> = {
  0b0000: { operation: 'add' }, // SADDL, UADDL
  0b0001: { operation: 'add', wideN: true }, // SADDW, UADDW
  0b0010: { operation: 'sub' }, // SSUBL, USUBL
  0b0011: { operation: 'sub', wideN: true }, // SSUBW, USUBW
  0b1000: { operation: 'mul', accumulate: 'add' }, // SMLAL, UMLAL
  0b1010: { operation: 'mul', accumulate: 'sub' }, // SMLSL, UMLSL
  0b1100: { operation: 'mul' }, // SMULL, UMULL
};

const threeDifferent: WasmTranslator = (w, word) => {
  const high = bit(word, 30);
  const signed = bit(word, 29) === 0 ? 1 : 0;
  const size = bits(word, 22, 2);
  const form = THREE_DIFFERENT[bits(word, 12, 4)];
  if (size === 3 || form === undefined) return false;
  const d = bits(word, 0, 5);
  const wide = integerLanes[size + 1];
  const widening = wideningLanes[size];
  const n = readVector(w, bits(word, 5, 5));
  const m = readVector(w, bits(word, 16, 5));
  const widened = (x: Code) => widening.extend[signed][high](x);
  let result: Code;
  if (form.operation === 'mul') {
    const product = widening.extmul[signed][high](n, m);
    result = form.accumulate === undefined ? product : wide[form.accumulate](readVector(w, d), product);
  } else {
    result = wide[form.operation](form.wideN === true ? n : widened(n), widened(m));
  }
  w.checkFpAccess();
  writeVector(w, 1, d, result);
  return true;
};

// ---- Permute -------------------------------------------------------------------------------------

/** Element sources (of Vn's elements then Vm's, `elements` each) of UZP, TRN, ZIP by opcode<1:0>; part = opcode<2>. */
const PERMUTATIONS: Record<number, (e: number, elements: number, part: number) => [operand: number, index: number]> = {
  0b01: (e, elements, part) => { const i = 2 * e + part; return i < elements ? [0, i] : [1, i - elements]; }, // UZP
  0b10: (e, _elements, part) => [e % 2, (e & ~1) + part], // TRN
  0b11: (e, elements, part) => [e % 2, (e >> 1) + part * (elements / 2)], // ZIP
};

const permute: WasmTranslator = (w, word) => {
  const q = bit(word, 30);
  const size = bits(word, 22, 2);
  const opcode = bits(word, 12, 3);
  const permutation = PERMUTATIONS[opcode & 3];
  if (permutation === undefined || (size === 3 && q === 0)) return false;
  const elements = (8 << q) >> size;
  const perRegister = 16 >> size;
  const sources = Array.from({ length: elements }, (_, e) => {
    const [operand, index] = permutation(e, elements, opcode >> 2);
    return operand * perRegister + index;
  });
  const n = readVector(w, bits(word, 5, 5));
  const m = readVector(w, bits(word, 16, 5));
  w.checkFpAccess();
  writeVector(w, q, bits(word, 0, 5), v128.shuffle(n, m, elementShuffle(size, sources)));
  return true;
};

export const WASM_ADVANCED_SIMD_WIDENING_TRANSLATORS: Record<string, WasmTranslator> = {
  ASIMD_SHIFT_IMM: shiftByImmediate,
  ASIMD_THREE_DIFFERENT: threeDifferent,
  ASIMD_PERMUTE: permute,
};
