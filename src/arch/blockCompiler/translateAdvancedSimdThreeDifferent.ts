// Inline translations of "Advanced SIMD three different" (Arm ARM C4.1.95) lengthening
// forms: S/UADDL, S/UADDW, S/USUBL, S/USUBW, S/UMULL, S/UMLAL, S/UMLSL, each with its "2"
// form on the upper halves. 64-bit results work on halves: sums carry between them, and
// a 32 x 32-bit product's high word comes from two exact partial products in doubles.
// The absolute-difference, saturating-doubling, polynomial and narrowing-high forms return
// false (executor). Reference: encodings/simdFp/advancedSimdThreeDifferent.ts.

import { bit, bits } from '../decoder';
import type { BlockWriter } from './blockWriter';
import { emitWidened, halves, lane, laneAs, word } from './advancedSimdLanes';
import type { Halves } from './split64';
import type { Translator } from './translateArithmetic';

export type LongForm = 'add' | 'subtract' | 'multiply' | 'multiplyAdd' | 'multiplySubtract';

/** By opcode: the operation and whether Vn holds wide elements (the W forms). */
const FORMS: Record<number, [LongForm, boolean]> = {
  0b0000: ['add', false],
  0b0001: ['add', true],
  0b0010: ['subtract', false],
  0b0011: ['subtract', true],
  0b1000: ['multiplyAdd', false],
  0b1010: ['multiplySubtract', false],
  0b1100: ['multiply', false],
};

/** A 16- or 32-bit result from narrow operands a, b and the accumulator (Vd's wide element). */
function narrowResult(form: LongForm, a: string, b: string, acc: string): string {
  switch (form) {
    case 'add': return `${a} + ${b}`;
    case 'subtract': return `${a} - ${b}`;
    case 'multiply': return `Math.imul(${a}, ${b})`;
    case 'multiplyAdd': return `${acc} + Math.imul(${a}, ${b})`;
    default: return `${acc} - Math.imul(${a}, ${b})`;
  }
}

/**
 * Declarations of `l`/`h` for a 64-bit result from 32-bit operands a, b (int32 when
 * signed, else unsigned), Vn's wide element aLo/aHi instead of a for the W forms, and the
 * accumulator's words.
 */
function wideResult(form: LongForm, signed: boolean, acc: Halves, wideFirst: boolean): string {
  const low = (x: string) => (signed ? `(${x} >>> 0)` : x);
  // The high words of sign-extended operands: `(x >> 31)`, absent when zero-extended.
  const plusHigh = (x: string) => (signed ? ` + (${x} >> 31)` : '');
  const minusHigh = (x: string) => (signed ? ` - (${x} >> 31)` : '');
  const carry = '(l > 4294967295 ? 1 : 0)';
  const borrow = '(l < 0 ? 1 : 0)';
  const aLo = wideFirst ? 'aLo' : low('a');
  const aHi = wideFirst ? 'aHi' : signed ? '(a >> 31)' : '0';
  switch (form) {
    case 'add': return `l = ${aLo} + ${low('b')}, h = ${aHi}${plusHigh('b')} + ${carry}`;
    case 'subtract': return `l = ${aLo} - ${low('b')}, h = ${aHi}${minusHigh('b')} - ${borrow}`;
  }
  // b = 65536 bh + bl, so a*b = 65536 a*bh + a*bl with both partial products exact in a double.
  const productHigh = `Math.floor((a * (b ${signed ? '>>' : '>>>'} 16) + Math.floor(a * (b & 65535) / 65536)) / 65536)`;
  const product = `pl = Math.imul(a, b) >>> 0, ph = ${productHigh}`;
  if (form === 'multiply') return `${product}, l = pl, h = ph`;
  if (form === 'multiplyAdd') return `${product}, l = ${acc.lo} + pl, h = ${acc.hi} + ph + ${carry}`;
  return `${product}, l = ${acc.lo} - pl, h = ${acc.hi} - ph - ${borrow}`;
}

/**
 * A lengthening form on one half of Vn (size 0..2, Q selecting the half); `second(source)`
 * is the other operand for the source element index (sign- or zero-extended like
 * Vn's elements), `shared` declarations the constants it may use (read before any store).
 */
export function emitLong(w: BlockWriter, form: LongForm, signed: boolean, size: number, q: number, n: number, d: number,
  second: (source: number) => string, wideFirst = false, shared = ''): void {
  emitWidened(w, size, q, d, (e, source) => {
    if (size < 2) {
      const a = wideFirst ? laneAs(signed, n, size + 1, e) : laneAs(signed, n, size, source);
      return narrowResult(form, a, second(source), lane(d, size + 1, e));
    }
    const a = wideFirst ? `aLo = ${word(n, 2 * e)}, aHi = ${word(n, 2 * e + 1)}` : `a = ${laneAs(signed, n, 2, source)}`;
    return `${a}, b = ${second(source)}, ${wideResult(form, signed, halves(d, e), wideFirst)}`;
  }, shared);
}

const threeDifferent: Translator = (w, insn) => {
  const q = bit(insn, 30);
  const signed = bit(insn, 29) === 0;
  const size = bits(insn, 22, 2);
  const entry = FORMS[bits(insn, 12, 4)];
  if (entry === undefined || size === 3) return false;
  const [form, wideFirst] = entry;
  const m = bits(insn, 16, 5);
  emitLong(w, form, signed, size, q, bits(insn, 5, 5), bits(insn, 0, 5), (source) => laneAs(signed, m, size, source), wideFirst);
  return true;
};

export const THREE_DIFFERENT_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_THREE_DIFFERENT: threeDifferent,
};
