// Advanced SIMD shift by immediate (Arm ARM C4.1.95): SSHR, USHR, SSRA, USRA, SRSHR,
// URSHR, SRSRA, URSRA, SHL, SLI, SRI, SQSHL, UQSHL, SQSHLU, SHRN, RSHRN and the saturating
// narrowing shifts, SSHLL/USHLL, and the fixed-point SCVTF/UCVTF/FCVTZS/FCVTZU.

import { bit, bits } from '../../decoder';
import { analyseShift, immhSize } from './shiftByImmediate';
import { Decoded, simdFpEncoding } from './simdFpEncoding';

function analyse(insn: number): Decoded | undefined {
  const immh = bits(insn, 19, 4);
  const size = immhSize(immh);
  if (size < 0) return undefined;
  return analyseShift({
    u: bit(insn, 29),
    opcode: bits(insn, 11, 5),
    size,
    immediate: bits(insn, 16, 7),
    n: bits(insn, 5, 5),
    d: bits(insn, 0, 5),
  }, bit(insn, 30));
}

export const ADVANCED_SIMD_SHIFT_BY_IMMEDIATE = [
  // immh = 0000 is the modified-immediate group; analyse() rejects it.
  simdFpEncoding('ASIMD_SHIFT_IMM', '0qu0_1111_0hhh_hbbb_oooo_o1nn_nnnd_dddd', analyse),
];
