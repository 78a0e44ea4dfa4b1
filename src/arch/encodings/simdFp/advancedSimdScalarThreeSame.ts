// Advanced SIMD scalar three same (Arm ARM C4.1.95): SQADD/UQADD/SQSUB/UQSUB, SQSHL/UQSHL,
// SQRSHL/UQRSHL on any element size; CMGT/CMGE/CMHI/CMHS/CMEQ/CMTST, SSHL/USHL,
// SRSHL/URSHL, ADD, SUB on D; SQDMULH/SQRDMULH on H/S; and the FP forms FMULX, FCMEQ,
// FCMGE, FCMGT, FACGE, FACGT, FABD, FRECPS, FRSQRTS.

import { bit, bits } from '../../decoder';
import { INTEGER_THREE_SAME } from './advancedSimdThreeSame';
import { elementwise, scalarShape } from './integerLanes';
import { fpKindOf } from './fpKinds';
import { FP_THREE_SAME } from './fpThreeSameForms';
import { fpScalarShape } from './fpVectorLoops';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';

/** Integer forms (U:opcode) available as scalars, and the sizes they accept. */
const SCALAR_INTEGER: Record<number, 'any' | 'd' | 'hs'> = {
  0b0_00001: 'any', 0b1_00001: 'any',
  0b0_00101: 'any', 0b1_00101: 'any',
  0b0_01001: 'any', 0b1_01001: 'any',
  0b0_01011: 'any', 0b1_01011: 'any',
  0b0_00110: 'd', 0b1_00110: 'd',
  0b0_00111: 'd', 0b1_00111: 'd',
  0b0_01000: 'd', 0b1_01000: 'd',
  0b0_01010: 'd', 0b1_01010: 'd',
  0b0_10000: 'd', 0b1_10000: 'd',
  0b0_10001: 'd', 0b1_10001: 'd',
  0b0_10110: 'hs', 0b1_10110: 'hs',
};

/** FP forms (U:a:opcode<2:0>) available as scalars. */
const SCALAR_FP = new Set([0b0_0_011, 0b0_0_100, 0b0_0_111, 0b0_1_111, 0b1_1_010, 0b1_0_100, 0b1_1_100, 0b1_0_101, 0b1_1_101]);

function analyse(insn: number): Decoded | undefined {
  const u = bit(insn, 29);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 11, 5);
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (opcode >= 0b11000) {
    const key = (u << 4) | ((size >> 1) << 3) | (opcode & 7);
    const kind = fpKindOf(size & 1);
    if (!SCALAR_FP.has(key) || kind === undefined) return undefined;
    const form = FP_THREE_SAME[key];
    return {
      exec: form.build(kind, fpScalarShape(kind), 0, n, m, d),
      text: insnText(form.mnemonic, scalarReg(d, kind.size), scalarReg(n, kind.size), scalarReg(m, kind.size)),
    };
  }
  const key = (u << 5) | opcode;
  const sizes = SCALAR_INTEGER[key];
  if (sizes === undefined || (sizes === 'd' && size !== 3) || (sizes === 'hs' && size !== 1 && size !== 2)) return undefined;
  const op = INTEGER_THREE_SAME[key].op(size);
  const exec = op && elementwise(scalarShape(size), op, n, m, d);
  if (exec === undefined) return undefined;
  return { exec, text: insnText(INTEGER_THREE_SAME[key].mnemonic, scalarReg(d, size), scalarReg(n, size), scalarReg(m, size)) };
}

export const ADVANCED_SIMD_SCALAR_THREE_SAME = [
  simdFpEncoding('ASIMD_SCALAR_THREE_SAME', '01u1_1110_ss1m_mmmm_oooo_o1nn_nnnd_dddd', analyse),
];
