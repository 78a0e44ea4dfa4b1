// Inline translations of the Advanced SIMD operations compilers emit most in vectorised
// integer loops: the bitwise three-same group (AND, BIC, ORR/MOV, ORN, EOR) on any
// arrangement, ADD and SUB on 32-bit lanes, and SHL/USHR/SSHR by immediate on 32-bit
// lanes. They work on the register file's 32-bit view word by word (lane i of the
// result depends only on lane i of the sources, so Vd may be a source). Other forms run
// their executor in place (see compileBlock). References: encodings/simdFp.

import { bit, bits } from '../decoder';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';

/** Writes `lane(i)` to each 32-bit word of Vd (2 with Q = 0, then the upper half is zeroed). */
function wordwise(w: BlockWriter, q: number, d: number, lane: (i: number) => string): void {
  w.checkFpAccess();
  const statements: string[] = [];
  const words = q === 1 ? 4 : 2;
  for (let i = 0; i < words; i++) statements.push(`VW[${4 * d + i}] = ${lane(i)};`);
  if (q === 0) statements.push(`VD[${2 * d + 1}] = 0;`);
  w.emit(statements.join(' '));
}

/** Advanced SIMD three same: bitwise operations, and ADD/SUB of 32-bit lanes. */
const threeSame: Translator = (w, word) => {
  const q = bit(word, 30);
  const u = bit(word, 29);
  const size = bits(word, 22, 2);
  const opcode = bits(word, 11, 5);
  const m = bits(word, 16, 5);
  const n = bits(word, 5, 5);
  const d = bits(word, 0, 5);
  const N = (i: number) => `VW[${4 * n + i}]`;
  const M = (i: number) => `VW[${4 * m + i}]`;
  if (opcode === 0b00011) {
    // U:size selects AND, BIC, ORR, ORN, EOR (BSL/BIT/BIF also read Vd: left to the executor).
    const operation = [
      (i: number) => `(${N(i)} & ${M(i)})`,
      (i: number) => `(${N(i)} & ~${M(i)})`,
      (i: number) => `(${N(i)} | ${M(i)})`,
      (i: number) => `(${N(i)} | ~${M(i)})`,
      (i: number) => `(${N(i)} ^ ${M(i)})`,
    ][(u << 2) | size];
    if (operation === undefined) return false;
    wordwise(w, q, d, operation);
    return true;
  }
  if (opcode === 0b10000 && size === 2) {
    wordwise(w, q, d, (i) => `(${N(i)} ${u === 1 ? '-' : '+'} ${M(i)})`);
    return true;
  }
  return false;
};

/** Advanced SIMD shift by immediate: SHL, USHR, SSHR on 32-bit lanes (immh = 01xx). */
const shiftByImmediate: Translator = (w, word) => {
  const q = bit(word, 30);
  const u = bit(word, 29);
  const immh = bits(word, 19, 4);
  const opcode = bits(word, 11, 5);
  const n = bits(word, 5, 5);
  const d = bits(word, 0, 5);
  if ((immh >>> 2) !== 0b01) return false;
  const immhImmb = bits(word, 16, 7);
  const N = (i: number) => `VW[${4 * n + i}]`;
  if (opcode === 0b01010 && u === 0) {
    wordwise(w, q, d, (i) => `(${N(i)} << ${immhImmb - 32})`);
    return true;
  }
  if (opcode !== 0b00000) return false;
  // Right shifts by 1..32; JavaScript shifts count modulo 32, so 32 is spelled out.
  const amount = 64 - immhImmb;
  if (u === 1) wordwise(w, q, d, (i) => (amount === 32 ? '0' : `(${N(i)} >>> ${amount})`));
  else wordwise(w, q, d, (i) => `(${N(i)} >> ${amount === 32 ? 31 : amount})`);
  return true;
};

export const ADVANCED_SIMD_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_THREE_SAME: threeSame,
  ASIMD_SHIFT_IMM: shiftByImmediate,
};
