// Advanced SIMD scalar shift by immediate (Arm ARM C4.1.95): the D-register forms of
// SSHR/USHR/SSRA/USRA/SRSHR/URSHR/SRSRA/URSRA/SHL/SLI/SRI, SQSHL/UQSHL/SQSHLU on any
// element size, the saturating narrowing shifts, and fixed-point SCVTF/UCVTF/FCVTZS/FCVTZU.

import { bit, bits } from '../../decoder';
import { analyseShift, immhSize } from './shiftByImmediate';
import { Decoded, simdFpEncoding } from './simdFpEncoding';

function analyse(insn: number): Decoded | undefined {
  const size = immhSize(bits(insn, 19, 4));
  if (size < 0) return undefined;
  return analyseShift({
    u: bit(insn, 29),
    opcode: bits(insn, 11, 5),
    size,
    immediate: bits(insn, 16, 7),
    n: bits(insn, 5, 5),
    d: bits(insn, 0, 5),
  }, undefined);
}

export const ADVANCED_SIMD_SCALAR_SHIFT_BY_IMMEDIATE = [
  simdFpEncoding('ASIMD_SCALAR_SHIFT_IMM', '01u1_1111_0hhh_hbbb_oooo_o1nn_nnnd_dddd', analyse),
];
