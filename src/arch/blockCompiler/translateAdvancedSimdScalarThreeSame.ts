// Inline translations of "Advanced SIMD scalar three same" (Arm ARM C4.1.95) ADD, SUB and
// the register compares (CMEQ, CMTST, CMGT, CMGE, CMHI, CMHS) on D registers: element 0
// of the 64-bit lane forms, with bits 127:64 zeroed. Saturating, shift and
// floating-point forms return false. Reference: encodings/simdFp/advancedSimdScalarThreeSame.ts.

import { bit, bits } from '../decoder';
import { difference64, emitLanes, halves, mask, operands64, sum64, word, zeroUpperHalf } from './advancedSimdLanes';
import { COMPARES } from './translateAdvancedSimdThreeSame';
import type { Translator } from './translateArithmetic';

const scalarThreeSame: Translator = (w, insn) => {
  const key = (bit(insn, 29) << 5) | bits(insn, 11, 5);
  if (bits(insn, 22, 2) !== 3) return false;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  let constants: string;
  if (key === 0b0_10000) constants = sum64(halves(n, 0), halves(m, 0));
  else if (key === 0b1_10000) constants = difference64(halves(n, 0), halves(m, 0));
  else if (COMPARES[key] !== undefined) constants = `${operands64(n, 0, m)}, l = ${mask(2, COMPARES[key].test64)}, h = l`;
  else return false;
  emitLanes(w, [`{ const ${constants}; ${word(d, 0)} = l; ${word(d, 1)} = h; ${zeroUpperHalf(d)} }`]);
  return true;
};

export const SCALAR_THREE_SAME_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_SCALAR_THREE_SAME: scalarThreeSame,
};
