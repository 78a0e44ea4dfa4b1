// Floating-point compare (Arm ARM C4.1.96): FCMP and FCMPE, against a register or #0.0,
// setting PSTATE.NZCV (unordered = 0011). FCMPE signals Invalid Operation on any NaN.

import { bit, bits } from '../../decoder';
import { fpKindOf } from './fpKinds';
import { ZERO_OPERAND } from './fpCompare';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';

function analyse(insn: number): Decoded | undefined {
  const kind = fpKindOf(bits(insn, 22, 2));
  if (kind === undefined || bits(insn, 0, 3) !== 0) return undefined;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const withZero = bit(insn, 3) === 1;
  const signalling = bit(insn, 4) === 1;
  const lanes = kind.lanesPerRegister;
  const second = withZero ? ZERO_OPERAND : m * lanes;
  return {
    text: insnText(signalling ? 'fcmpe' : 'fcmp', scalarReg(n, kind.size), withZero ? '#0.0' : scalarReg(m, kind.size)),
    exec: (cpu) => { cpu.nzcv = kind.compareFlags(cpu, cpu, n * lanes, second, signalling) << 28; },
  };
}

export const FLOATING_POINT_COMPARE = [
  simdFpEncoding('FP_COMPARE', '0001_1110_tt1m_mmmm_0010_00nn_nnnx_xxxx', analyse),
];
