// Inline translations of "Advanced SIMD across lanes" (Arm ARM C4.1.95) integer forms:
// ADDV, SADDLV, UADDLV, SMAXV, SMINV, UMAXV, UMINV. The reduction is one expression over
// the elements (sums of up to four 32-bit elements stay exact in a double), read before
// Vd is cleared. The floating-point forms return false. Reference:
// encodings/simdFp/advancedSimdAcrossLanes.ts.

import { bit, bits } from '../decoder';
import { emitLanes, laneAs, laneCount, word } from './advancedSimdLanes';
import type { Translator } from './translateArithmetic';

/** By U:opcode: signed elements, the reduction, and whether the result is twice as wide. */
const FORMS: Record<number, [boolean, 'add' | 'max' | 'min', boolean]> = {
  0b0_00011: [true, 'add', true],
  0b1_00011: [false, 'add', true],
  0b0_01010: [true, 'max', false],
  0b1_01010: [false, 'max', false],
  0b0_11010: [true, 'min', false],
  0b1_11010: [false, 'min', false],
  0b0_11011: [false, 'add', false],
};

const acrossLanes: Translator = (w, insn) => {
  const q = bit(insn, 30);
  const size = bits(insn, 22, 2);
  const form = FORMS[(bit(insn, 29) << 5) | bits(insn, 12, 5)];
  if (form === undefined || size === 3 || (size === 2 && q === 0)) return false;
  const [signed, how, long] = form;
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const elements: string[] = [];
  for (let e = 0; e < laneCount(size, q); e++) elements.push(laneAs(signed, n, size, e));
  const reduced = how === 'add' ? elements.join(' + ') : `Math.${how}(${elements.join(', ')})`;
  const resultSize = long ? size + 1 : size;
  // The scalar result's low word, and its high word for a 64-bit sum.
  const low = ['s & 255', 's & 65535', 's', 's'][resultSize];
  const high = resultSize === 3 ? 'Math.floor(s / 4294967296)' : '0';
  emitLanes(w, [`{ const s = ${reduced}; ${word(d, 0)} = ${low}; ${word(d, 1)} = ${high}; ${word(d, 2)} = 0; ${word(d, 3)} = 0; }`]);
  return true;
};

export const ACROSS_LANES_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_ACROSS_LANES: acrossLanes,
};
