// Inline translations of "Advanced SIMD vector x indexed element" (Arm ARM C4.1.95)
// integer forms: MUL, MLA, MLS and S/UMULL(2), S/UMLAL(2), S/UMLSL(2) by element, on 16-
// and 32-bit elements. The element Vm[index] is read once, before any store, so Vd may
// be Vm. Saturating-doubling and floating-point forms return false. Reference:
// encodings/simdFp/byElement.ts.

import { bit, bits } from '../decoder';
import { emitElementwise, lane, laneAs } from './advancedSimdLanes';
import { LongForm, emitLong } from './translateAdvancedSimdThreeDifferent';
import type { Translator } from './translateArithmetic';

/** By U:opcode: the same-size forms as lane expressions of (element, Vm[index], accumulator). */
const SAME_SIZE: Record<number, (a: string, k: string, acc: string) => string> = {
  0b0_1000: (a, k) => `Math.imul(${a}, ${k})`,
  0b1_0000: (a, k, acc) => `${acc} + Math.imul(${a}, ${k})`,
  0b1_0100: (a, k, acc) => `${acc} - Math.imul(${a}, ${k})`,
};

/** By opcode (U selects signedness): the lengthening forms. */
const LONG: Record<number, LongForm> = {
  0b1010: 'multiply',
  0b0010: 'multiplyAdd',
  0b0110: 'multiplySubtract',
};

const vectorByElement: Translator = (w, insn) => {
  const q = bit(insn, 30);
  const u = bit(insn, 29);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 4);
  const sameSize = SAME_SIZE[(u << 4) | opcode];
  const long = LONG[opcode];
  if ((size !== 1 && size !== 2) || (sameSize === undefined && long === undefined)) return false;
  // H:L:M index 16-bit elements of V0-V15; H:L index 32-bit elements of any register.
  const h = bit(insn, 11);
  const l = bit(insn, 21);
  const index = size === 1 ? (h << 2) | (l << 1) | bit(insn, 20) : (h << 1) | l;
  const m = size === 1 ? bits(insn, 16, 4) : bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (sameSize !== undefined) {
    emitElementwise(w, size, q, d, (e) => sameSize(lane(n, size, e), 'k', lane(d, size, e)), `k = ${lane(m, size, index)}`);
  } else {
    const signed = u === 0;
    emitLong(w, long, signed, size, q, n, d, () => 'k', false, `k = ${laneAs(signed, m, size, index)}`);
  }
  return true;
};

export const VECTOR_BY_ELEMENT_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_BY_ELEMENT: vectorByElement,
};
