// Inline translation of "Advanced SIMD scalar pairwise" (Arm ARM C4.1.95) ADDP (scalar):
// Dd = the 64-bit sum of Vn's two doublewords. The floating-point forms return false.
// Reference: encodings/simdFp/advancedSimdScalarPairwise.ts.

import { bit, bits } from '../decoder';
import { emitLanes, halves, sum64, word } from './advancedSimdLanes';
import type { Translator } from './translateArithmetic';

const scalarPairwise: Translator = (w, insn) => {
  if (bit(insn, 29) !== 0 || bits(insn, 12, 5) !== 0b11011 || bits(insn, 22, 2) !== 3) return false;
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  emitLanes(w, [`{ const ${sum64(halves(n, 0), halves(n, 1))}; ${word(d, 0)} = l; ${word(d, 1)} = h; ${word(d, 2)} = 0; ${word(d, 3)} = 0; }`]);
  return true;
};

export const SCALAR_PAIRWISE_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_SCALAR_PAIRWISE: scalarPairwise,
};
