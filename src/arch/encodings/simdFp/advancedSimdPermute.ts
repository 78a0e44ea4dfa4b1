// Advanced SIMD permute (Arm ARM C4.1.95): UZP1/2, TRN1/2, ZIP1/2.

import type { Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, vreg } from './simdText';
import { commitVector, result } from './vectorViews';

const MNEMONICS = [undefined, 'uzp1', 'trn1', 'zip1', undefined, 'uzp2', 'trn2', 'zip2'];

/** For each result element, which element of the concatenation Vm:Vn (Vn first) it takes. */
export function permutation(opcode: number, lanes: number): number[] {
  const part = opcode >>> 2;
  const half = lanes >>> 1;
  const sources: number[] = [];
  for (let e = 0; e < lanes; e++) {
    switch (opcode & 3) {
      case 1: sources.push(2 * e + part); break; // UZP
      case 2: sources.push((e & 1) === 0 ? e + part : lanes + e - 1 + part); break; // TRN
      default: sources.push(((e & 1) === 0 ? 0 : lanes) + part * half + (e >>> 1)); break; // ZIP
    }
  }
  return sources;
}

/** Gathers bytes of Vn:Vm into the result by a per-element source list. */
export function gatherElements(size: number, q: number, n: number, m: number, d: number, sources: number[]): Exec {
  const bytesPerElement = 1 << size;
  const lanes = (8 << q) >> size;
  const byteSource: number[] = [];
  for (let e = 0; e < sources.length; e++) {
    const s = sources[e];
    const register = s < lanes ? n : m;
    const offset = (s < lanes ? s : s - lanes) * bytesPerElement;
    for (let b = 0; b < bytesPerElement; b++) byteSource.push(16 * register + offset + b);
  }
  return (cpu) => {
    const V = cpu.V8;
    const out = result.V8;
    for (let i = 0; i < byteSource.length; i++) out[i] = V[byteSource[i]];
    commitVector(cpu, d, q);
  };
}

function analyse(insn: number): Decoded | undefined {
  const q = bit(insn, 30);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 3);
  const mnemonic = MNEMONICS[opcode];
  if (mnemonic === undefined || (size === 3 && q === 0)) return undefined;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const lanes = (8 << q) >> size;
  return {
    exec: gatherElements(size, q, n, m, d, permutation(opcode, lanes)),
    text: insnText(mnemonic, vreg(d, size, q), vreg(n, size, q), vreg(m, size, q)),
  };
}

export const ADVANCED_SIMD_PERMUTE = [
  simdFpEncoding('ASIMD_PERMUTE', '0q00_1110_ss0m_mmmm_0ooo_10nn_nnnd_dddd', analyse),
];
