// Floating-point conditional compare (Arm ARM C4.1.96): FCCMP, FCCMPE. If the condition
// holds, NZCV comes from the comparison; otherwise from the #nzcv immediate.

import { bit, bits } from '../../decoder';
import { CONDITION_NAMES } from '../../disasmText';
import { conditionHolds } from '../integer/conditions';
import { fpKindOf } from './fpKinds';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';

function analyse(insn: number): Decoded | undefined {
  const kind = fpKindOf(bits(insn, 22, 2));
  if (kind === undefined) return undefined;
  const m = bits(insn, 16, 5);
  const cond = bits(insn, 12, 4);
  const n = bits(insn, 5, 5);
  const signalling = bit(insn, 4) === 1;
  const nzcv = bits(insn, 0, 4);
  const lanes = kind.lanesPerRegister;
  return {
    text: insnText(signalling ? 'fccmpe' : 'fccmp', scalarReg(n, kind.size), scalarReg(m, kind.size), `#${nzcv}`, CONDITION_NAMES[cond]),
    exec: (cpu) => {
      const flags = conditionHolds(cpu, cond) ? kind.compareFlags(cpu, cpu, n * lanes, m * lanes, signalling) : nzcv;
      cpu.nzcv = flags << 28;
    },
  };
}

export const FLOATING_POINT_CONDITIONAL_COMPARE = [
  simdFpEncoding('FP_CCOMPARE', '0001_1110_tt1m_mmmm_cccc_01nn_nnnx_ffff', analyse),
];
