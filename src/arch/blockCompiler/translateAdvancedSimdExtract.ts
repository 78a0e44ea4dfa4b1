// Inline translation of "Advanced SIMD extract" (Arm ARM C4.1.95): EXT, the bytes from
// position imm4 of the concatenation Vm:Vn, built word by word (each result word joins
// two neighbouring source words). Reference: encodings/simdFp/advancedSimdExtract.ts.

import { bit, bits } from '../decoder';
import { emitGathered, word } from './advancedSimdLanes';
import type { Translator } from './translateArithmetic';

const extract: Translator = (w, insn) => {
  const q = bit(insn, 30);
  const position = bits(insn, 11, 4);
  if (q === 0 && position >= 8) return false;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const words = 2 << q;
  // Word i of Vm:Vn (Vn's words first).
  const joined = (i: number) => (i < words ? word(n, i) : word(m, i - words));
  const first = position >>> 2;
  const bitShift = 8 * (position & 3);
  const values: string[] = [];
  for (let i = 0; i < words; i++) {
    const low = joined(first + i);
    values.push(bitShift === 0 ? low : `(${low} >>> ${bitShift}) | (${joined(first + i + 1)} << ${32 - bitShift})`);
  }
  emitGathered(w, 2, d, values, d === n || d === m);
  return true;
};

export const EXTRACT_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_EXTRACT: extract,
};
