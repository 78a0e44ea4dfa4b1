// Advanced SIMD extract (Arm ARM C4.1.95): EXT, bytes imm4.. of the concatenation Vm:Vn.

import { bit, bits } from '../../decoder';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, vreg } from './simdText';
import { commitVector, result } from './vectorViews';

function analyse(insn: number): Decoded | undefined {
  const q = bit(insn, 30);
  const position = bits(insn, 11, 4);
  if (q === 0 && position >= 8) return undefined;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const bytes = 8 << q;
  return {
    exec: (cpu) => {
      const V = cpu.V8;
      const out = result.V8;
      for (let i = 0; i < bytes; i++) {
        const at = position + i;
        out[i] = at < bytes ? V[16 * n + at] : V[16 * m + at - bytes];
      }
      commitVector(cpu, d, q);
    },
    text: insnText('ext', vreg(d, 0, q), vreg(n, 0, q), vreg(m, 0, q), `#${position}`),
  };
}

export const ADVANCED_SIMD_EXTRACT = [
  simdFpEncoding('ASIMD_EXTRACT', '0q10_1110_000m_mmmm_0iii_i0nn_nnnd_dddd', analyse),
];
