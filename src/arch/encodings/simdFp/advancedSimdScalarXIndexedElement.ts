// Advanced SIMD scalar x indexed element (Arm ARM C4.1.95): SQDMULL, SQDMLAL, SQDMLSL,
// SQDMULH, SQRDMULH, FMUL, FMULX, FMLA, FMLS with a scalar first operand.

import { analyseByElement, byElementFields } from './byElement';
import { Decoded, simdFpEncoding } from './simdFpEncoding';

function analyse(insn: number): Decoded | undefined {
  return analyseByElement(byElementFields(insn), undefined);
}

export const ADVANCED_SIMD_SCALAR_X_INDEXED_ELEMENT = [
  simdFpEncoding('ASIMD_SCALAR_BY_ELEMENT', '01u1_1111_sslm_rrrr_oooo_h0nn_nnnd_dddd', analyse),
];
