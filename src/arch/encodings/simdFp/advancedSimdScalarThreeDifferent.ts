// Advanced SIMD scalar three different (Arm ARM C4.1.95): SQDMLAL, SQDMLSL, SQDMULL on an
// H or S scalar, giving an S or D result.

import { bit, bits } from '../../decoder';
import * as ops from './integerOps';
import { lengthen } from './widenNarrow';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';

const FORMS: Record<number, [string, -1 | 0 | 1]> = {
  0b1001: ['sqdmlal', 1],
  0b1011: ['sqdmlsl', -1],
  0b1101: ['sqdmull', 0],
};

function analyse(insn: number): Decoded | undefined {
  const size = bits(insn, 22, 2);
  const form = FORMS[bits(insn, 12, 4)];
  if (bit(insn, 29) === 1 || form === undefined || (size !== 1 && size !== 2)) return undefined;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const [mnemonic, accumulate] = form;
  const exec = lengthen(size, 0, n, m, d, false, ops.saturatingDoublingMultiplyLong(size + 1, accumulate), undefined, true);
  return exec && { exec, text: insnText(mnemonic, scalarReg(d, size + 1), scalarReg(n, size), scalarReg(m, size)) };
}

export const ADVANCED_SIMD_SCALAR_THREE_DIFFERENT = [
  simdFpEncoding('ASIMD_SCALAR_THREE_DIFFERENT', '01u1_1110_ss1m_mmmm_oooo_00nn_nnnd_dddd', analyse),
];
