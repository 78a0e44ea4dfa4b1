// Inline translations of "Advanced SIMD modified immediate" (Arm ARM C4.1.95) integer
// forms: MOVI, MVNI, ORR (vector, immediate) and BIC (vector, immediate), with the
// immediate expanded at translation time (AdvSIMDExpandImm, shared with the executor).
// FMOV (vector, immediate) returns false. Reference:
// encodings/simdFp/advancedSimdModifiedImmediate.ts.

import { bit, bits } from '../decoder';
import { expandSimdImmediate } from '../encodings/simdFp/advancedSimdModifiedImmediate';
import { emitLanes, word, zeroUpperHalf } from './advancedSimdLanes';
import { int32Literal } from './split64';
import type { Translator } from './translateArithmetic';

const modifiedImmediate: Translator = (w, insn) => {
  const q = bit(insn, 30);
  const op = bit(insn, 29);
  const cmode = bits(insn, 12, 4);
  const imm8 = (bits(insn, 16, 3) << 5) | bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (bit(insn, 11) === 1 || cmode === 0b1111) return false;
  const pattern = expandSimdImmediate(op, cmode, imm8);
  // The ORR/BIC forms are cmode 0xx1 and 10x1; MVNI is op = 1 in the other cmodes except 1110.
  const orrOrBic = (cmode & 1) === 1 && cmode < 0b1100;
  const inverted = op === 1 && !orrOrBic && cmode !== 0b1110;
  const halves = [Number(pattern & 0xffffffffn), Number(pattern >> 32n)].map((x) => (inverted ? ~x : x));
  const statements: string[] = [];
  for (let i = 0; i < 2 << q; i++) {
    const imm = halves[i & 1];
    if (!orrOrBic) statements.push(`${word(d, i)} = ${int32Literal(imm)};`);
    else statements.push(`${word(d, i)} ${op === 1 ? '&=' : '|='} ${int32Literal(op === 1 ? ~imm : imm)};`);
  }
  if (q === 0) statements.push(zeroUpperHalf(d));
  emitLanes(w, statements);
  return true;
};

export const MODIFIED_IMMEDIATE_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_MODIFIED_IMM: modifiedImmediate,
};
