// Advanced SIMD vector x indexed element (Arm ARM C4.1.95): MUL, MLA, MLS, S/UMULL,
// S/UMLAL, S/UMLSL, SQDMULL, SQDMLAL, SQDMLSL, SQDMULH, SQRDMULH, FMUL, FMULX, FMLA, FMLS
// by element. FEAT_FP16, FEAT_DotProd, FEAT_RDM and FEAT_FHM forms are not implemented.

import { bit, bits } from '../../decoder';
import { analyseByElement } from './byElement';
import { Decoded, simdFpEncoding } from './simdFpEncoding';

export function byElementFields(insn: number) {
  return {
    u: bit(insn, 29),
    size: bits(insn, 22, 2),
    l: bit(insn, 21),
    m: bit(insn, 20),
    rm: bits(insn, 16, 4),
    opcode: bits(insn, 12, 4),
    h: bit(insn, 11),
    n: bits(insn, 5, 5),
    d: bits(insn, 0, 5),
  };
}

function analyse(insn: number): Decoded | undefined {
  return analyseByElement(byElementFields(insn), bit(insn, 30));
}

export const ADVANCED_SIMD_VECTOR_X_INDEXED_ELEMENT = [
  simdFpEncoding('ASIMD_BY_ELEMENT', '0qu0_1111_sslm_rrrr_oooo_h0nn_nnnd_dddd', analyse),
];
