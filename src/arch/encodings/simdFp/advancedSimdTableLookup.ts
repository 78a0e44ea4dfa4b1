// Advanced SIMD table lookup (Arm ARM C4.1.95): TBL and TBX with one to four table
// registers (numbered modulo 32). Out-of-range indices give 0 (TBL) or keep Vd (TBX).

import { bit, bits } from '../../decoder';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { arrangement, insnText } from './simdText';
import { commitVector, result } from './vectorViews';

function analyse(insn: number): Decoded | undefined {
  const q = bit(insn, 30);
  const m = bits(insn, 16, 5);
  const registers = bits(insn, 13, 2) + 1;
  const extension = bit(insn, 12) === 1;
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const bytes = 8 << q;
  const tableBytes = 16 * registers;
  const table: number[] = [];
  for (let r = 0; r < registers; r++) table.push((n + r) % 32);
  const arr = arrangement(0, q);
  const list = `{ ${table.map((r) => `v${r}.16b`).join(', ')} }`;
  return {
    exec: (cpu) => {
      const V = cpu.V8;
      const out = result.V8;
      for (let i = 0; i < bytes; i++) {
        const index = V[16 * m + i];
        if (index < tableBytes) out[i] = V[16 * table[index >>> 4] + (index & 15)];
        else out[i] = extension ? V[16 * d + i] : 0;
      }
      commitVector(cpu, d, q);
    },
    text: insnText(extension ? 'tbx' : 'tbl', `v${d}.${arr}`, list, `v${m}.${arr}`),
  };
}

export const ADVANCED_SIMD_TABLE_LOOKUP = [
  simdFpEncoding('ASIMD_TABLE_LOOKUP', '0q00_1110_000m_mmmm_0llx_00nn_nnnd_dddd', analyse),
];
