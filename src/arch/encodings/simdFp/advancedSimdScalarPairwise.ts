// Advanced SIMD scalar pairwise (Arm ARM C4.1.95): ADDP (D), FADDP, FMAXP, FMINP, FMAXNMP,
// FMINNMP on the two elements of a 2S/2D vector. FEAT_FP16 forms are not implemented.

import { bit, bits } from '../../decoder';
import { fpKindOf } from './fpKinds';
import { MinMaxKind } from './fpMinMax';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg, vreg } from './simdText';
import { commitScalar, result } from './vectorViews';

/** FP forms by a:opcode (U = 1): the mnemonic and min/max kind (undefined = FADDP). */
const FP_FORMS: Record<number, [string, MinMaxKind | undefined]> = {
  0b0_01100: ['fmaxnmp', MinMaxKind.MaxNum],
  0b1_01100: ['fminnmp', MinMaxKind.MinNum],
  0b0_01101: ['faddp', undefined],
  0b0_01111: ['fmaxp', MinMaxKind.Max],
  0b1_01111: ['fminp', MinMaxKind.Min],
};

function analyse(insn: number): Decoded | undefined {
  const u = bit(insn, 29);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (u === 0) {
    if (opcode !== 0b11011 || size !== 3) return undefined;
    return {
      exec: (cpu) => { result.V64[0] = cpu.V64[2 * n] + cpu.V64[2 * n + 1]; commitScalar(cpu, d, 8); },
      text: insnText('addp', scalarReg(d, 3), vreg(n, 3, 1)),
    };
  }
  const form = FP_FORMS[((size >> 1) << 5) | opcode];
  const kind = fpKindOf(size & 1);
  if (form === undefined || kind === undefined) return undefined;
  const [mnemonic, which] = form;
  const first = n * kind.lanesPerRegister;
  const bytes = 1 << kind.size;
  return {
    exec: which === undefined
      ? (cpu) => { kind.binary(cpu, cpu, kind.add, first, first + 1, result, 0); commitScalar(cpu, d, bytes); }
      : (cpu) => { kind.minMax(cpu, cpu, which, first, first + 1, result, 0); commitScalar(cpu, d, bytes); },
    text: insnText(mnemonic, scalarReg(d, kind.size), vreg(n, kind.size, kind.size === 3 ? 1 : 0)),
  };
}

export const ADVANCED_SIMD_SCALAR_PAIRWISE = [
  simdFpEncoding('ASIMD_SCALAR_PAIRWISE', '01u1_1110_ss11_000o_oooo_10nn_nnnd_dddd', analyse),
];
