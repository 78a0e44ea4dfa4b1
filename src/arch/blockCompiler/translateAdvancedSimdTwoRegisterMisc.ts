// Inline translations of "Advanced SIMD two-register miscellaneous" (Arm ARM C4.1.95)
// integer forms: REV16/REV32/REV64, NOT (MVN), CNT, ABS, NEG, the compares against zero
// (CMGT, CMGE, CMEQ, CMLE, CMLT), XTN(2) and SHLL(2). Pairwise-long, saturating,
// counting-leading, RBIT and the floating-point forms return false (executor). Reference:
// encodings/simdFp/advancedSimdTwoRegisterMisc.ts and twoRegisterMiscForms.ts.

import { bit, bits } from '../decoder';
import type { BlockWriter } from './blockWriter';
import { emitElementwise, emitElementwise64, emitLanes, emitNarrowed, lane, mask, operands64, signedLane, word, zeroUpperHalf } from './advancedSimdLanes';
import type { Translator } from './translateArithmetic';
import { emitShiftLeftLong } from './translateAdvancedSimdShiftByImmediate';
import { reverseBytes32, swapBytesInHalfwords32, swapHalfwords32 } from './wordRearrangement';

/**
 * Writes `value` of each word x of Vn to the same word of Vd (an operation on whole
 * words), after the declarations `more` (which may use x).
 */
function eachWord(w: BlockWriter, q: number, n: number, d: number, value: string, more = ''): void {
  const statements: string[] = [];
  for (let i = 0; i < 2 << q; i++) statements.push(`{ const x = ${word(n, i)}${more}; ${word(d, i)} = ${value}; }`);
  if (q === 0) statements.push(zeroUpperHalf(d));
  emitLanes(w, statements);
}

/** x with its bytes (size 0) or halfwords (size 1) in reverse order. */
function reversedWord(size: number, x: string): string {
  return size === 1 ? swapHalfwords32(x) : reverseBytes32(x);
}

/**
 * REV16/REV32/REV64: the 2^size-byte elements reversed inside each container of 2, 4 or 8
 * bytes, as word operations (REV64 also swaps the two words of each doubleword).
 */
function reverse(w: BlockWriter, q: number, size: number, container: number, n: number, d: number): void {
  if (container === 2) { eachWord(w, q, n, d, swapBytesInHalfwords32('x')); return; }
  if (container === 4) { eachWord(w, q, n, d, reversedWord(size, 'x')); return; }
  const statements: string[] = [];
  for (let i = 0; i < 2 << q; i += 2) {
    const swap = (x: string) => (size === 2 ? x : reversedWord(size, x));
    statements.push(`{ const x = ${word(n, i)}, y = ${word(n, i + 1)}; ${word(d, i)} = ${swap('y')}; ${word(d, i + 1)} = ${swap('x')}; }`);
  }
  if (q === 0) statements.push(zeroUpperHalf(d));
  emitLanes(w, statements);
}

/** CNT: the bits set in each byte of x, counted in 2-, then 4-, then 8-bit fields. */
const POPULATION_COUNT = [', p = x - ((x >>> 1) & 0x55555555), r = (p & 0x33333333) + ((p >>> 2) & 0x33333333)', '(r + (r >>> 4)) & 0x0f0f0f0f'];

/** Compares against zero by U:opcode: the test of a signed lane, and of a 64-bit lane (aLo/aHi). */
const COMPARE_ZERO: Record<number, [(a: string) => string, string]> = {
  0b0_01000: [(a) => `${a} > 0`, '((aHi | 0) > 0 || (aHi === 0 && aLo !== 0))'],
  0b1_01000: [(a) => `${a} >= 0`, '(aHi | 0) >= 0'],
  0b0_01001: [(a) => `${a} === 0`, '(aLo | aHi) === 0'],
  0b1_01001: [(a) => `${a} <= 0`, '((aHi | 0) < 0 || (aLo | aHi) === 0)'],
  0b0_01010: [(a) => `${a} < 0`, '(aHi | 0) < 0'],
};

/** ABS (`absolute`) or NEG of every lane. */
function negateOrAbsolute(w: BlockWriter, q: number, size: number, n: number, d: number, absolute: boolean): void {
  if (size === 3) {
    // -x = ~x + 1: the high word is ~aHi, plus the carry out of the low word when aLo = 0.
    const negated = 'l = -aLo, h = aLo === 0 ? -aHi : ~aHi';
    emitElementwise64(w, d, (e) => `${operands64(n, e)}, ${absolute ? `s = (aHi | 0) < 0, l = s ? -aLo : aLo, h = s ? (aLo === 0 ? -aHi : ~aHi) : aHi` : negated}`);
    return;
  }
  emitElementwise(w, size, q, d, (e) => (absolute ? `Math.abs(${signedLane(n, size, e)})` : `-${lane(n, size, e)}`));
}

const twoRegisterMisc: Translator = (w, insn) => {
  const q = bit(insn, 30);
  const u = bit(insn, 29);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (size === 3 && q === 0) return false;
  switch ((u << 5) | opcode) {
    case 0b0_00000:
      if (size === 3) return false;
      reverse(w, q, size, 8, n, d);
      return true;
    case 0b1_00000:
      if (size >= 2) return false;
      reverse(w, q, size, 4, n, d);
      return true;
    case 0b0_00001:
      if (size !== 0) return false;
      reverse(w, q, size, 2, n, d);
      return true;
    case 0b1_00101:
      if (size !== 0) return false; // RBIT
      eachWord(w, q, n, d, '~x');
      return true;
    case 0b0_00101:
      if (size !== 0) return false;
      eachWord(w, q, n, d, POPULATION_COUNT[1], POPULATION_COUNT[0]);
      return true;
    case 0b0_01011: negateOrAbsolute(w, q, size, n, d, true); return true;
    case 0b1_01011: negateOrAbsolute(w, q, size, n, d, false); return true;
    case 0b1_10011:
      if (size === 3) return false;
      emitShiftLeftLong(w, size, q, n, d, false, 8 << size);
      return true;
    case 0b0_10010: {
      if (size === 3) return false;
      const values: string[] = [];
      for (let e = 0; e < 8 >> size; e++) values.push(size === 2 ? word(n, 2 * e) : lane(n, size + 1, e));
      emitNarrowed(w, size, q, n, d, values);
      return true;
    }
  }
  const compare = COMPARE_ZERO[(u << 5) | opcode];
  if (compare === undefined) return false;
  const [test, test64] = compare;
  if (size === 3) emitElementwise64(w, d, (e) => `${operands64(n, e)}, l = ${mask(2, test64)}, h = l`);
  else emitElementwise(w, size, q, d, (e) => mask(size, test(signedLane(n, size, e))));
  return true;
};

export const TWO_REGISTER_MISC_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_TWO_REG_MISC: twoRegisterMisc,
};
