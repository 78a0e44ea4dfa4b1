// WebAssembly translations of the Advanced SIMD integer forms with one source register
// (Arm ARM C4.1.95), with WebAssembly's 128-bit operations:
// - two-register miscellaneous: REV64/REV32/REV16, CNT, NOT, ABS, NEG, CMGT/CMEQ/CMLT/CMGE/
//   CMLE against zero, SHLL(2) (the floating-point forms: wasmTranslateAdvancedSimdFloatingPoint.ts);
// - across lanes: ADDV, SADDLV/UADDLV (8- and 16-bit elements);
// - scalar pairwise: ADDP (Dd = the sum of Vn's two doublewords).
// References: encodings/simdFp/advancedSimdTwoRegisterMisc.ts, advancedSimdAcrossLanes.ts,
// advancedSimdScalarPairwise.ts.

import { bit, bits } from '../../decoder';
import type { WasmBlockWriter } from './wasmBlockWriter';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { Code, ValType, i32, i64, integerLanes, pairwiseWideningAdd, v128, wideningLanes } from './wasmCode';
import { ZERO_VECTOR, readVector, writeVector } from './wasmVectorRegisters';

/** Bytes of each `container`-byte unit with its `element`-byte elements in reverse order (REV16/32/64). */
function reversedElements(container: number, element: number): number[] {
  return Array.from({ length: 16 }, (_, b) => {
    const within = b % container;
    const reversed = container / element - 1 - Math.floor(within / element);
    return b - within + reversed * element + (within % element);
  });
}

// ---- Two-register miscellaneous -------------------------------------------------------------------

/** The lane-wise forms by U:opcode: the result from Vn for lanes of 2^size bytes, or undefined (not translated). */
const TWO_REGISTER_MISC: Record<number, (n: Code, size: number, q: number) => Code | undefined> = {
  0b0_00000: (n, size) => (size < 3 ? v128.shuffle(n, n, reversedElements(8, 1 << size)) : undefined), // REV64
  0b1_00000: (n, size) => (size < 2 ? v128.shuffle(n, n, reversedElements(4, 1 << size)) : undefined), // REV32
  0b0_00001: (n, size) => (size === 0 ? v128.shuffle(n, n, reversedElements(2, 1)) : undefined), // REV16
  0b0_00101: (n, size) => (size === 0 ? v128.popcnt8(n) : undefined), // CNT
  0b1_00101: (n, size) => (size === 0 ? v128.not(n) : undefined), // NOT
  0b0_01011: (n, size) => integerLanes[size].abs(n), // ABS
  0b1_01011: (n, size) => integerLanes[size].neg(n), // NEG
  0b0_01000: (n, size) => integerLanes[size].gt_s(n, ZERO_VECTOR), // CMGT #0
  0b0_01001: (n, size) => integerLanes[size].eq(n, ZERO_VECTOR), // CMEQ #0
  0b0_01010: (n, size) => integerLanes[size].gt_s(ZERO_VECTOR, n), // CMLT #0
  0b1_01000: (n, size) => integerLanes[size].ge_s(n, ZERO_VECTOR), // CMGE #0
  0b1_01001: (n, size) => integerLanes[size].ge_s(ZERO_VECTOR, n), // CMLE #0
};

const SHLL = 0b1_10011;

/** Advanced SIMD two-register miscellaneous, integer forms. */
export const twoRegisterMiscInteger: WasmTranslator = (w, word) => {
  const q = bit(word, 30);
  const size = bits(word, 22, 2);
  const form = (bit(word, 29) << 5) | bits(word, 12, 5);
  const n = readVector(w, bits(word, 5, 5));
  const d = bits(word, 0, 5);
  if (form === SHLL) {
    // SHLL(2): Vn's lower (upper) half widened, each shifted left by the element size.
    if (size === 3) return false;
    w.checkFpAccess();
    writeVector(w, 1, d, integerLanes[size + 1].shl(wideningLanes[size].extend[0][q](n), i32.const(8 << size)));
    return true;
  }
  if (size === 3 && q === 0) return false;
  const result = TWO_REGISTER_MISC[form]?.(n, size, q);
  if (result === undefined) return false;
  w.checkFpAccess();
  writeVector(w, q, d, result);
  return true;
};

// ---- Across lanes, scalar pairwise --------------------------------------------------------------

const ADDV = 0b0_11011;
const SADDLV = 0b0_00011;
const UADDLV = 0b1_00011;

/** The lower half of a vector, the upper half zeroed (a 64-bit arrangement's elements). */
const LOWER_HALF_MASK = v128.const([...new Array<number>(8).fill(0xff), ...new Array<number>(8).fill(0)]);

/** The sum of all 8- or 16-bit elements of `value` as an i32 (each element sign- or zero-extended). */
function elementSum(w: WasmBlockWriter, value: Code, size: number, signed: boolean): Code {
  const s = signed ? 1 : 0;
  let words = size === 0 ? pairwiseWideningAdd[1][s](pairwiseWideningAdd[0][s](value)) : pairwiseWideningAdd[1][s](value);
  words = w.let(ValType.V128, words);
  return i32.add(i32.add(v128.extractLane32(words, 0), v128.extractLane32(words, 1)), i32.add(v128.extractLane32(words, 2), v128.extractLane32(words, 3)));
}

/** Writes a scalar result (an i32, `bits` wide) to Vd and zeroes the rest of the register. */
function writeScalar(w: WasmBlockWriter, d: number, value: Code, bitsWide: number): void {
  const [base, at] = w.vector(d);
  w.emit(i64.store(base, i64.extend_i32_u(i32.and(value, i32.const(2 ** bitsWide - 1))), at));
  w.emit(i64.store(base, i64.const(0), at + 8));
}

/** ADDV and SADDLV/UADDLV of 8- and 16-bit elements (.8b/.16b/.4h/.8h). */
export const acrossLanes: WasmTranslator = (w, word) => {
  const q = bit(word, 30);
  const size = bits(word, 22, 2);
  const form = (bit(word, 29) << 5) | bits(word, 12, 5);
  if (size > 1 || (form !== ADDV && form !== SADDLV && form !== UADDLV)) return false;
  const whole = readVector(w, bits(word, 5, 5));
  const n = q === 1 ? whole : v128.and(whole, LOWER_HALF_MASK);
  w.checkFpAccess();
  const esize = 8 << size;
  writeScalar(w, bits(word, 0, 5), elementSum(w, n, size, form === SADDLV), form === ADDV ? esize : 2 * esize);
  return true;
};

/** ADDP (scalar): Dd = Vn.d[0] + Vn.d[1]; the floating-point forms are the JavaScript blocks'. */
export const scalarPairwise: WasmTranslator = (w, word) => {
  if (bit(word, 29) === 1 || bits(word, 22, 2) !== 3 || bits(word, 12, 5) !== 0b11011) return false;
  const [n, nAt] = w.vector(bits(word, 5, 5));
  const [base, at] = w.vector(bits(word, 0, 5));
  w.checkFpAccess();
  w.emit(i64.store(base, i64.add(i64.load(n, nAt), i64.load(n, nAt + 8)), at));
  w.emit(i64.store(base, i64.const(0), at + 8));
  return true;
};
