// Inline translation of "Advanced SIMD scalar copy" (Arm ARM C4.1.95): DUP (element) into
// a B/H/S/D register (`mov d0, v1.d[1]`), the rest of Vd zeroed.
// Reference: encodings/simdFp/advancedSimdScalarCopy.ts.

import { bits } from '../decoder';
import { emitLanes, lane, word, zeroUpperHalf } from './advancedSimdLanes';
import type { Translator } from './translateArithmetic';

const scalarCopy: Translator = (w, insn) => {
  const imm5 = bits(insn, 16, 5);
  if ((imm5 & 0xf) === 0) return false;
  // The element size is imm5's lowest set bit; the index is above it.
  const size = 31 - Math.clz32(imm5 & -imm5);
  const index = imm5 >>> (size + 1);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const high = size === 3 ? word(n, 2 * index + 1) : '0';
  const low = size === 3 ? word(n, 2 * index) : lane(n, size, index);
  emitLanes(w, [`{ const l = ${low}, h = ${high}; ${word(d, 0)} = l; ${word(d, 1)} = h; ${zeroUpperHalf(d)} }`]);
  return true;
};

export const SCALAR_COPY_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_SCALAR_COPY: scalarCopy,
};
