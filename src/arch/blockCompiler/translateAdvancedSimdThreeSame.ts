// Inline translations of "Advanced SIMD three same" (Arm ARM C4.1.95) integer forms: the
// bitwise group (AND, BIC, ORR/MOV, ORN, EOR, BSL, BIT, BIF), ADD/SUB, MUL/MLA/MLS, the
// register compares (CMEQ, CMTST, CMGT, CMGE, CMHI, CMHS), SMAX/SMIN/UMAX/UMIN,
// SABD/UABD/SABA/UABA and the pairwise ADDP/SMAXP/SMINP/UMAXP/UMINP. Saturating,
// halving and shift-by-register forms and the floating-point half of the group return
// false (executor). Reference: encodings/simdFp/advancedSimdThreeSame.ts.

import { bit, bits } from '../decoder';
import {
  compare64, difference64, emitElementwise, emitElementwise64, emitGathered, emitLanes, halves, lane, laneAs,
  laneCount, mask, operands64, sum64, word, zeroUpperHalf,
} from './advancedSimdLanes';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';

interface Fields {
  q: number;
  u: number;
  size: number;
  m: number;
  n: number;
  d: number;
}

/** Writes `value(i)` to each 32-bit word of Vd (2 with Q = 0, then the upper half is zeroed). */
function wordwise(w: BlockWriter, q: number, d: number, value: (i: number) => string): void {
  const statements: string[] = [];
  for (let i = 0; i < 2 << q; i++) statements.push(`${word(d, i)} = ${value(i)};`);
  if (q === 0) statements.push(zeroUpperHalf(d));
  emitLanes(w, statements);
}

/** AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF by U:size (opcode 00011): word by word. */
function bitwise(w: BlockWriter, f: Fields): boolean {
  const N = (i: number) => word(f.n, i);
  const M = (i: number) => word(f.m, i);
  const D = (i: number) => word(f.d, i);
  const operation = [
    (i: number) => `${N(i)} & ${M(i)}`,
    (i: number) => `${N(i)} & ~${M(i)}`,
    (i: number) => `${N(i)} | ${M(i)}`,
    (i: number) => `${N(i)} | ~${M(i)}`,
    (i: number) => `${N(i)} ^ ${M(i)}`,
    (i: number) => `(${D(i)} & ${N(i)}) | (~${D(i)} & ${M(i)})`, // BSL: Vd selects
    (i: number) => `(${D(i)} & ~${M(i)}) | (${N(i)} & ${M(i)})`, // BIT: insert where Vm is set
    (i: number) => `(${D(i)} & ${M(i)}) | (${N(i)} & ~${M(i)})`, // BIF: insert where Vm is clear
  ][(f.u << 2) | f.size];
  wordwise(w, f.q, f.d, operation);
  return true;
}

/**
 * ADD/SUB: 8- and 16-bit lanes a word at a time (the top bit of each lane is added apart,
 * so no carry or borrow crosses a lane), 32-bit lanes directly, 64-bit lanes on halves.
 */
function addOrSubtract(w: BlockWriter, f: Fields, subtract: boolean): boolean {
  const { q, size, m, n, d } = f;
  if (size === 3) {
    emitElementwise64(w, d, (e) => (subtract ? difference64 : sum64)(halves(n, e), halves(m, e)));
    return true;
  }
  if (size === 2) {
    wordwise(w, q, d, (i) => `${word(n, i)} ${subtract ? '-' : '+'} ${word(m, i)}`);
    return true;
  }
  const top = size === 0 ? '0x80808080' : '0x80008000';
  const rest = size === 0 ? '0x7f7f7f7f' : '0x7fff7fff';
  const value = subtract ? `((a | ${top}) - (b & ${rest})) ^ ((a ^ ~b) & ${top})` : `((a & ${rest}) + (b & ${rest})) ^ ((a ^ b) & ${top})`;
  const statements: string[] = [];
  for (let i = 0; i < 2 << q; i++) statements.push(`{ const a = ${word(n, i)}, b = ${word(m, i)}; ${word(d, i)} = ${value}; }`);
  if (q === 0) statements.push(zeroUpperHalf(d));
  emitLanes(w, statements);
  return true;
}

/** Element ops of 8-, 16- and 32-bit lanes by U:opcode: (a, b, accumulator) => result expression. */
type LaneExpression = (a: string, b: string, acc: string) => string;

const LANE_FORMS: Record<number, { signed: boolean; value: LaneExpression }> = {
  0b0_10011: { signed: false, value: (a, b) => `Math.imul(${a}, ${b})` },
  0b0_10010: { signed: false, value: (a, b, acc) => `${acc} + Math.imul(${a}, ${b})` },
  0b1_10010: { signed: false, value: (a, b, acc) => `${acc} - Math.imul(${a}, ${b})` },
  0b0_01100: { signed: true, value: (a, b) => `Math.max(${a}, ${b})` },
  0b1_01100: { signed: false, value: (a, b) => `Math.max(${a}, ${b})` },
  0b0_01101: { signed: true, value: (a, b) => `Math.min(${a}, ${b})` },
  0b1_01101: { signed: false, value: (a, b) => `Math.min(${a}, ${b})` },
  0b0_01110: { signed: true, value: (a, b) => `Math.abs(${a} - ${b})` },
  0b1_01110: { signed: false, value: (a, b) => `Math.abs(${a} - ${b})` },
  0b0_01111: { signed: true, value: (a, b, acc) => `${acc} + Math.abs(${a} - ${b})` },
  0b1_01111: { signed: false, value: (a, b, acc) => `${acc} + Math.abs(${a} - ${b})` },
};

/** The register compares by U:opcode: signedness, the comparison of 8/16/32-bit lanes, and of 64-bit lanes (aLo/aHi, bLo/bHi). */
export const COMPARES: Record<number, { signed: boolean; test: (a: string, b: string) => string; test64: string }> = {
  0b0_10001: { signed: false, test: (a, b) => `(${a} & ${b}) !== 0`, test64: '((aLo & bLo) | (aHi & bHi)) !== 0' },
  0b1_10001: { signed: false, test: (a, b) => `${a} === ${b}`, test64: 'aLo === bLo && aHi === bHi' },
  0b0_00110: { signed: true, test: (a, b) => `${a} > ${b}`, test64: compare64(true, false) },
  0b0_00111: { signed: true, test: (a, b) => `${a} >= ${b}`, test64: compare64(true, true) },
  0b1_00110: { signed: false, test: (a, b) => `${a} > ${b}`, test64: compare64(false, false) },
  0b1_00111: { signed: false, test: (a, b) => `${a} >= ${b}`, test64: compare64(false, true) },
};

/** Pairwise forms by U:opcode (ADDP at every size, the min/max up to 32-bit lanes). */
const PAIRWISE: Record<number, { signed: boolean; value: LaneExpression }> = {
  0b0_10111: { signed: false, value: (a, b) => `${a} + ${b}` },
  0b0_10100: { signed: true, value: (a, b) => `Math.max(${a}, ${b})` },
  0b1_10100: { signed: false, value: (a, b) => `Math.max(${a}, ${b})` },
  0b0_10101: { signed: true, value: (a, b) => `Math.min(${a}, ${b})` },
  0b1_10101: { signed: false, value: (a, b) => `Math.min(${a}, ${b})` },
};

/** Pairwise over Vm:Vn: the low half of the result from Vn's adjacent pairs, the high half from Vm's. */
function pairwise(w: BlockWriter, f: Fields, form: { signed: boolean; value: LaneExpression }): boolean {
  const { q, size, m, n, d } = f;
  const aliased = d === n || d === m;
  if (size === 3) {
    const sums = `${sum64(halves(n, 0), halves(n, 1), 'l0', 'h0')}, ${sum64(halves(m, 0), halves(m, 1), 'l1', 'h1')}`;
    emitLanes(w, [`{ const ${sums}; ${word(d, 0)} = l0; ${word(d, 1)} = h0; ${word(d, 2)} = l1; ${word(d, 3)} = h1; }`]);
    return true;
  }
  const lanes = laneCount(size, q);
  const half = lanes >>> 1;
  const values: string[] = [];
  for (let e = 0; e < lanes; e++) {
    const r = e < half ? n : m;
    const pair = 2 * (e < half ? e : e - half);
    values.push(form.value(laneAs(form.signed, r, size, pair), laneAs(form.signed, r, size, pair + 1), ''));
  }
  emitGathered(w, size, d, values, aliased);
  return true;
}

const threeSame: Translator = (w, insn) => {
  const f: Fields = {
    q: bit(insn, 30),
    u: bit(insn, 29),
    size: bits(insn, 22, 2),
    m: bits(insn, 16, 5),
    n: bits(insn, 5, 5),
    d: bits(insn, 0, 5),
  };
  const opcode = bits(insn, 11, 5);
  if (opcode === 0b00011) return bitwise(w, f);
  const { q, size, m, n, d } = f;
  if (opcode >= 0b11000 || (size === 3 && q === 0)) return false;
  const key = (f.u << 5) | opcode;
  if (opcode === 0b10000) return addOrSubtract(w, f, f.u === 1);
  const compare = COMPARES[key];
  if (compare !== undefined) {
    if (size === 3) {
      emitElementwise64(w, d, (e) => `${operands64(n, e, m)}, l = ${mask(2, compare.test64)}, h = l`);
      return true;
    }
    const { signed, test } = compare;
    emitElementwise(w, size, q, d, (e) => mask(size, test(laneAs(signed, n, size, e), laneAs(signed, m, size, e))));
    return true;
  }
  const laneForm = LANE_FORMS[key];
  if (laneForm !== undefined && size < 3) {
    const { signed, value } = laneForm;
    emitElementwise(w, size, q, d, (e) => value(laneAs(signed, n, size, e), laneAs(signed, m, size, e), lane(d, size, e)));
    return true;
  }
  const pairwiseForm = PAIRWISE[key];
  if (pairwiseForm !== undefined && (size < 3 || key === 0b0_10111)) return pairwise(w, f, pairwiseForm);
  return false;
};

export const THREE_SAME_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_THREE_SAME: threeSame,
};
