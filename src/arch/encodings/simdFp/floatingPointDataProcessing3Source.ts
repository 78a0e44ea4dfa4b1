// Floating-point data-processing (3 source) (Arm ARM C4.1.96): FMADD, FMSUB, FNMADD,
// FNMSUB, fused (one rounding) as FPMulAdd with the operand negations of the pseudocode.

import { bit, bits } from '../../decoder';
import { fpKindOf } from './fpKinds';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';
import { commitScalar, result } from './vectorViews';

/** By o1:o0: the mnemonic, whether Ra is negated, whether Rn is negated. */
const FORMS: [string, boolean, boolean][] = [
  ['fmadd', false, false],
  ['fmsub', false, true],
  ['fnmadd', true, true],
  ['fnmsub', true, false],
];

function analyse(insn: number): Decoded | undefined {
  const kind = fpKindOf(bits(insn, 22, 2));
  if (kind === undefined) return undefined;
  const [mnemonic, negateAddend, negateProduct] = FORMS[bit(insn, 21) * 2 + bit(insn, 15)];
  const m = bits(insn, 16, 5);
  const a = bits(insn, 10, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const lanes = kind.lanesPerRegister;
  const bytes = 1 << kind.size;
  const size = kind.size;
  return {
    text: insnText(mnemonic, scalarReg(d, size), scalarReg(n, size), scalarReg(m, size), scalarReg(a, size)),
    exec: (cpu) => {
      kind.mulAdd(cpu, cpu, negateAddend, negateProduct, a * lanes, n * lanes, m * lanes, result, 0);
      commitScalar(cpu, d, bytes);
    },
  };
}

export const FLOATING_POINT_DATA_PROCESSING_3_SOURCE = [
  simdFpEncoding('FP_3SRC', '0001_1111_ttxm_mmmm_yaaa_aann_nnnd_dddd', analyse),
];
