// Floating-point move (immediate) (Arm ARM C4.1.96): FMOV Sd/Dd, #imm with the 8-bit
// VFPExpandImm encoding (±(16..31)/16 × 2^(-3..4)).

import { bits } from '../../decoder';
import { fpKindOf } from './fpKinds';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { fpImmediate, insnText, scalarReg } from './simdText';
import { commitScalar, result } from './vectorViews';

/** VFPExpandImm's value of imm8. */
export function expandFpImmediate(imm8: number): number {
  const b = (imm8 >>> 6) & 1;
  const cd = (imm8 >>> 4) & 3;
  const exponent = b === 1 ? cd - 3 : cd + 1;
  const magnitude = (16 + (imm8 & 15)) / 16 * 2 ** exponent;
  return (imm8 & 0x80) !== 0 ? -magnitude : magnitude;
}

function analyse(insn: number): Decoded | undefined {
  const kind = fpKindOf(bits(insn, 22, 2));
  if (kind === undefined) return undefined;
  const value = expandFpImmediate(bits(insn, 13, 8));
  const d = bits(insn, 0, 5);
  const bytes = 1 << kind.size;
  const double = kind.size === 3;
  return {
    text: insnText('fmov', scalarReg(d, kind.size), fpImmediate(value)),
    exec: (cpu) => {
      if (double) result.VF64[0] = value;
      else result.VF32[0] = value;
      commitScalar(cpu, d, bytes);
    },
  };
}

export const FLOATING_POINT_IMMEDIATE = [
  simdFpEncoding('FP_IMM', '0001_1110_tt1i_iiii_iii1_0000_000d_dddd', analyse),
];
