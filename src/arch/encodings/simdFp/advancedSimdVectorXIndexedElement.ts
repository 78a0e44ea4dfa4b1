// Advanced SIMD vector x indexed element (Arm ARM C4.1.95): MUL, MLA, MLS, S/UMULL,
// S/UMLAL, S/UMLSL, SQDMULL, SQDMLAL, SQDMLSL, SQDMULH, SQRDMULH, FMUL, FMULX, FMLA, FMLS
// by element. FEAT_FP16, FEAT_DotProd, FEAT_RDM and FEAT_FHM forms are not implemented.

import { bit } from '../../decoder';
import { analyseByElement, byElementFields } from './byElement';
import { Decoded, simdFpEncoding } from './simdFpEncoding';

function analyse(insn: number): Decoded | undefined {
  return analyseByElement(byElementFields(insn), bit(insn, 30));
}

export const ADVANCED_SIMD_VECTOR_X_INDEXED_ELEMENT = [
  simdFpEncoding('ASIMD_BY_ELEMENT', '0qu0_1111_sslm_rrrr_oooo_h0nn_nnnd_dddd', analyse),
];
