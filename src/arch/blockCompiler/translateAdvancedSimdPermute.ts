// Inline translations of "Advanced SIMD permute" (Arm ARM C4.1.95): UZP1/2, TRN1/2,
// ZIP1/2 at every arrangement, as element moves (64-bit elements as word pairs). Every
// result element comes from another position, so with Vd = Vn or Vm the sources are read
// into constants first. Reference: encodings/simdFp/advancedSimdPermute.ts, whose
// `permutation` gives each result element's source in Vn:Vm.

import { bit, bits } from '../decoder';
import { permutation } from '../encodings/simdFp/advancedSimdPermute';
import { emitGathered, lane, laneCount } from './advancedSimdLanes';
import type { Translator } from './translateArithmetic';

const permute: Translator = (w, insn) => {
  const q = bit(insn, 30);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 3);
  if ((opcode & 3) === 0 || (size === 3 && q === 0)) return false;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const lanes = laneCount(size, q);
  const values: string[] = [];
  for (const source of permutation(opcode, lanes)) {
    const r = source < lanes ? n : m;
    const e = source < lanes ? source : source - lanes;
    if (size === 3) values.push(lane(r, 2, 2 * e), lane(r, 2, 2 * e + 1));
    else values.push(lane(r, size, e));
  }
  emitGathered(w, Math.min(size, 2), d, values, d === n || d === m);
  return true;
};

export const PERMUTE_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_PERMUTE: permute,
};
