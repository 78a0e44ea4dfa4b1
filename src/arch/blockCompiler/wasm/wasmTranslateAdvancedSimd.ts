// WebAssembly translations of Advanced SIMD instructions (Arm ARM C4.1.95) besides the
// floating-point arithmetic (wasmTranslateAdvancedSimdFloatingPoint.ts):
// - modified immediate: MOVI, MVNI, ORR and BIC (vector, immediate) and FMOV (vector,
//   immediate), the immediate expanded at translation time (shared with the executor);
// - three same: the bitwise group (AND, BIC, ORR/MOV, ORN, EOR, BSL, BIT, BIF), ADD, SUB,
//   MUL, MLA, MLS, the register compares, SMAX/SMIN/UMAX/UMIN, URHADD, ADDP, with
//   WebAssembly's 128-bit operations;
// - copy: DUP (element, general), INS (element, general), UMOV, SMOV; scalar copy: DUP
//   (element) into a B/H/S/D register.
// Shifts, widening and permutes: wasmTranslateAdvancedSimdWidening.ts; the one-source
// groups: wasmTranslateAdvancedSimdSingleSource.ts.
// References: encodings/simdFp/advancedSimd{ModifiedImmediate,ThreeSame,Copy,ScalarCopy}.ts.

import { bit, bits } from '../../decoder';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { expandSimdImmediate } from '../../encodings/simdFp/advancedSimdModifiedImmediate';
import { expandFpImmediate } from '../../encodings/simdFp/floatingPointImmediate';
import { bits32, highWord64, lowWord64 } from '../../encodings/simdFp/floatBits';
import type { WasmBlockWriter } from './wasmBlockWriter';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { Code, IntegerLaneOps, i32, i64, integerLanes, v128 } from './wasmCode';
import { ZERO_VECTOR, elementShuffle, loadElement, readVector, storeElement, writeVector } from './wasmVectorRegisters';
import { acrossLanes, scalarPairwise, twoRegisterMiscInteger } from './wasmTranslateAdvancedSimdSingleSource';
import { WASM_ADVANCED_SIMD_WIDENING_TRANSLATORS } from './wasmTranslateAdvancedSimdWidening';
import { scalarByElementFloatingPoint, threeSameFloatingPoint, twoRegisterMiscFloatingPoint, vectorByElementFloatingPoint } from './wasmTranslateAdvancedSimdFloatingPoint';

/** The single-precision FMOV immediate replicated to both words of a doubleword. */
function replicatedSingle(imm8: number): bigint {
  const word = BigInt(bits32(expandFpImmediate(imm8)));
  return (word << 32n) | word;
}

/** The double-precision FMOV immediate's bits. */
function doubleBits(imm8: number): bigint {
  const value = expandFpImmediate(imm8);
  return (BigInt(highWord64(value)) << 32n) | BigInt(lowWord64(value));
}

const modifiedImmediate: WasmTranslator = (w, word) => {
  const q = bit(word, 30);
  const op = bit(word, 29);
  const cmode = bits(word, 12, 4);
  if (bit(word, 11) === 1 || (cmode === 0b1111 && op === 1 && q === 0)) return false;
  const imm8 = (bits(word, 16, 3) << 5) | bits(word, 5, 5);
  // FMOV (vector, immediate) is cmode 1111: singles, or with op = 1 a double per lane.
  const fmov = cmode === 0b1111;
  const pattern = fmov ? (op === 1 ? doubleBits(imm8) : replicatedSingle(imm8)) : expandSimdImmediate(op, cmode, imm8);
  // The ORR/BIC forms are cmode 0xx1 and 10x1; MVNI is op = 1 in the other cmodes except 1110.
  const orrOrBic = (cmode & 1) === 1 && cmode < 0b1100;
  const inverted = op === 1 && !orrOrBic && cmode !== 0b1110 && !fmov;
  w.checkFpAccess();
  const [v, at] = w.vector(bits(word, 0, 5));
  for (let half = 0; half < 2; half++) {
    const offset = at + 8 * half;
    if (half === 1 && q === 0) {
      w.emit(i64.store(v, i64.const(0), offset));
    } else if (!orrOrBic) {
      w.emit(i64.store(v, i64.const(inverted ? ~pattern : pattern), offset));
    } else {
      const element = i64.load(v, offset);
      w.emit(i64.store(v, op === 1 ? i64.and(element, i64.const(~pattern)) : i64.or(element, i64.const(pattern)), offset));
    }
  }
  return true;
};

// ---- Three same (integer) --------------------------------------------------------------------

/** AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF by U:size (opcode 00011). */
const BITWISE: ((n: Code, m: Code, d: () => Code) => Code)[] = [
  (n, m) => v128.and(n, m),
  (n, m) => v128.andnot(n, m),
  (n, m) => v128.or(n, m),
  (n, m) => v128.or(n, v128.not(m)),
  (n, m) => v128.xor(n, m),
  (n, m, d) => v128.bitselect(n, m, d()), // BSL: Vd selects
  (n, m, d) => v128.bitselect(n, d(), m), // BIT: Vn where Vm is set
  (n, m, d) => v128.bitselect(d(), n, m), // BIF: Vn where Vm is clear
];

/** Integer three-same forms with a lane operation, by U:opcode; `undefined` where WebAssembly has none for the size. */
const LANEWISE: Record<number, (ops: IntegerLaneOps) => ((n: Code, m: Code) => Code) | undefined> = {
  0b1_00010: (ops) => ops.avgr_u, // URHADD
  0b0_00110: (ops) => ops.gt_s, // CMGT
  0b1_00110: (ops) => ops.gt_u, // CMHI
  0b0_00111: (ops) => ops.ge_s, // CMGE
  0b1_00111: (ops) => ops.ge_u, // CMHS
  0b0_01100: (ops) => ops.max_s, // SMAX
  0b1_01100: (ops) => ops.max_u, // UMAX
  0b0_01101: (ops) => ops.min_s, // SMIN
  0b1_01101: (ops) => ops.min_u, // UMIN
  0b0_10000: (ops) => ops.add,
  0b1_10000: (ops) => ops.sub,
  0b0_10001: (ops) => (n, m) => v128.not(ops.eq(v128.and(n, m), ZERO_VECTOR)), // CMTST
  0b1_10001: (ops) => ops.eq, // CMEQ
  0b0_10011: (ops) => ops.mul, // MUL
};

/**
 * The integer three-same forms WebAssembly's 128-bit operations cover: the bitwise group,
 * ADD/SUB, MUL/MLA/MLS, the register compares, SMAX/SMIN/UMAX/UMIN, URHADD and ADDP (for
 * the element sizes that have the operation); the rest are the JavaScript blocks'.
 */
function threeSameInteger(w: WasmBlockWriter, word: number): boolean {
  const q = bit(word, 30);
  const u = bit(word, 29);
  const size = bits(word, 22, 2);
  const opcode = bits(word, 11, 5);
  const ops = integerLanes[size];
  const n = readVector(w, bits(word, 5, 5));
  const m = readVector(w, bits(word, 16, 5));
  const d = bits(word, 0, 5);
  let result: Code | undefined;
  if (opcode === 0b00011) {
    result = BITWISE[(u << 2) | size](n, m, () => readVector(w, d));
  } else if (size === 3 && q === 0) {
    return false; // .1d: reserved
  } else if (opcode === 0b10010) {
    // MLA, MLS: Vd +/- Vn * Vm.
    const product = ops.mul?.(n, m);
    if (product !== undefined && size < 3) result = (u === 1 ? ops.sub : ops.add)(readVector(w, d), product);
  } else if (opcode === 0b10111 && u === 0) {
    // ADDP: the pairs of Vn:Vm (Vn's first), each summed.
    const elements = (8 << q) >> size;
    const concatenated = (e: number) => (e < elements ? e : 16 / (1 << size) + e - elements);
    const firsts = Array.from({ length: elements }, (_, e) => concatenated(2 * e));
    const seconds = Array.from({ length: elements }, (_, e) => concatenated(2 * e + 1));
    result = ops.add(v128.shuffle(n, m, elementShuffle(size, firsts)), v128.shuffle(n, m, elementShuffle(size, seconds)));
  } else {
    result = LANEWISE[(u << 5) | opcode]?.(ops)?.(n, m);
  }
  if (result === undefined) return false;
  w.checkFpAccess();
  writeVector(w, q, d, result);
  return true;
}

const threeSame: WasmTranslator = (w, word, pc) =>
  bits(word, 11, 5) >= 0b11000 ? threeSameFloatingPoint(w, word, pc) : threeSameInteger(w, word);

// ---- Copy ------------------------------------------------------------------------------------

/** Element `index` of V[reg] of 2^size bytes (an i64 for size 3, else an i32, zero-extended). */
function element(w: WasmBlockWriter, reg: number, size: number, index: number): Code {
  const [base, at] = w.vector(reg);
  return loadElement(size, base, at + (index << size));
}

/** Element `index` of V[reg] of 2^size bytes, sign-extended to an i64 (SMOV). */
function signedElement(w: WasmBlockWriter, reg: number, size: number, index: number): Code {
  const [base, at] = w.vector(reg);
  return [i64.load8_s, i64.load16_s, i64.load32_s][size](base, at + (index << size));
}

/** Writes `value` (an i64 for size 3, else an i32) as element `index` of V[reg]. */
function setElement(w: WasmBlockWriter, reg: number, size: number, index: number, value: Code): void {
  const [base, at] = w.vector(reg);
  w.emit(storeElement(size, base, value, at + (index << size)));
}

/** The low 2^size bytes of general register Rn: W (the store or splat truncates) or, for size 3, X. */
function generalElement(w: WasmBlockWriter, size: number, n: number): Code {
  return size === 3 ? w.x(sourceSlot(n)) : w.w(sourceSlot(n));
}

const copy: WasmTranslator = (w, word) => {
  const q = bit(word, 30);
  const imm5 = bits(word, 16, 5);
  const imm4 = bits(word, 11, 4);
  const n = bits(word, 5, 5);
  const d = bits(word, 0, 5);
  if ((imm5 & 0xf) === 0) return false;
  // The element size is imm5's lowest set bit; the index is above it.
  const size = 31 - Math.clz32(imm5 & -imm5);
  const index = imm5 >>> (size + 1);
  if (bit(word, 29) === 1) {
    if (q === 0) return false;
    w.checkFpAccess();
    setElement(w, d, size, index, element(w, n, size, imm4 >>> size)); // INS (element)
    return true;
  }
  switch (imm4) {
    case 0b0000: // DUP (element)
    case 0b0001: // DUP (general)
      if (size === 3 && q === 0) return false;
      w.checkFpAccess();
      writeVector(w, q, d, integerLanes[size].splat(imm4 === 0 ? element(w, n, size, index) : generalElement(w, size, n)));
      return true;
    case 0b0011: // INS (general)
      if (q === 0) return false;
      w.checkFpAccess();
      setElement(w, d, size, index, generalElement(w, size, n));
      return true;
    case 0b0101: // SMOV: to W (Q = 0) or X
      if (size === 3 || (size === 2 && q === 0)) return false;
      w.checkFpAccess();
      if (q === 1) w.setX(destinationSlot(d), signedElement(w, n, size, index));
      else w.setW(destinationSlot(d), i32.wrap_i64(signedElement(w, n, size, index)));
      return true;
    case 0b0111: // UMOV: to W, or X for doublewords (Q = 1)
      if ((q === 1) !== (size === 3)) return false;
      w.checkFpAccess();
      if (size === 3) w.setX(destinationSlot(d), element(w, n, size, index));
      else w.setW(destinationSlot(d), element(w, n, size, index));
      return true;
  }
  return false;
};

/** DUP (element), scalar: the element into the low bytes of Vd, the rest zeroed. */
const scalarCopy: WasmTranslator = (w, word) => {
  const imm5 = bits(word, 16, 5);
  if ((imm5 & 0xf) === 0 || bits(word, 11, 4) !== 0 || bit(word, 29) === 1) return false;
  const size = 31 - Math.clz32(imm5 & -imm5);
  const value = element(w, bits(word, 5, 5), size, imm5 >>> (size + 1));
  w.checkFpAccess();
  const [base, at] = w.vector(bits(word, 0, 5));
  w.emit(i64.store(base, size === 3 ? value : i64.extend_i32_u(value), at));
  w.emit(i64.store(base, i64.const(0), at + 8));
  return true;
};

export const WASM_ADVANCED_SIMD_TRANSLATORS: Record<string, WasmTranslator> = {
  ASIMD_MODIFIED_IMM: modifiedImmediate,
  ASIMD_THREE_SAME: threeSame,
  ASIMD_TWO_REG_MISC: (w, word, pc) => twoRegisterMiscFloatingPoint(w, word, pc) || twoRegisterMiscInteger(w, word, pc),
  ASIMD_ACROSS_LANES: acrossLanes,
  ASIMD_SCALAR_PAIRWISE: scalarPairwise,
  ...WASM_ADVANCED_SIMD_WIDENING_TRANSLATORS,
  ASIMD_COPY: copy,
  ASIMD_SCALAR_COPY: scalarCopy,
  ASIMD_BY_ELEMENT: vectorByElementFloatingPoint,
  ASIMD_SCALAR_BY_ELEMENT: scalarByElementFloatingPoint,
};
