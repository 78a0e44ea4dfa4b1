// Floating-point conditional select (Arm ARM C4.1.96): FCSEL Vd = cond ? Vn : Vm (bits
// copied, no FP processing).

import { bits } from '../../decoder';
import { CONDITION_NAMES } from '../../disasmText';
import { conditionHolds } from '../integer/conditions';
import { SignOp, fpKindOf } from './fpKinds';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';
import { commitScalar, result } from './vectorViews';

function analyse(insn: number): Decoded | undefined {
  const kind = fpKindOf(bits(insn, 22, 2));
  if (kind === undefined) return undefined;
  const m = bits(insn, 16, 5);
  const cond = bits(insn, 12, 4);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const lanes = kind.lanesPerRegister;
  const bytes = 1 << kind.size;
  return {
    text: insnText('fcsel', scalarReg(d, kind.size), scalarReg(n, kind.size), scalarReg(m, kind.size), CONDITION_NAMES[cond]),
    exec: (cpu) => {
      kind.copySign(cpu, (conditionHolds(cpu, cond) ? n : m) * lanes, result, 0, SignOp.Keep);
      commitScalar(cpu, d, bytes);
    },
  };
}

export const FLOATING_POINT_CONDITIONAL_SELECT = [
  simdFpEncoding('FP_CSELECT', '0001_1110_tt1m_mmmm_cccc_11nn_nnnd_dddd', analyse),
];
