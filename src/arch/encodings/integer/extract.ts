// Data processing (immediate): Extract - EXTR (Arm ARM C4.1.86). Alias: ROR (immediate).

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';

interface ExtractFields {
  sf: number;
  Rm: number;
  /** imms: the lsb of the extracted field within Xn:Xm. */
  lsb: number;
  Rn: number;
  Rd: number;
}

function fields(insn: number): ExtractFields | undefined {
  const sf = bit(insn, 31);
  const lsb = bits(insn, 10, 6);
  if (bit(insn, 22) !== sf) return undefined;
  if (sf === 0 && lsb >= 32) return undefined;
  return { sf, Rm: bits(insn, 16, 5), lsb, Rn: bits(insn, 5, 5), Rd: bits(insn, 0, 5) };
}

function decodeExtr(insn: number): Exec | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const d = destinationSlot(f.Rd);
  const n = sourceSlot(f.Rn);
  const m = sourceSlot(f.Rm);
  const lsb = f.lsb;
  if (f.sf === 0) {
    if (lsb === 0) return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * m]; W[2 * d + 1] = 0; };
    return (cpu: Cpu) => {
      const W = cpu.W;
      W[2 * d] = (W[2 * m] >>> lsb) | (W[2 * n] << (32 - lsb));
      W[2 * d + 1] = 0;
    };
  }
  if (lsb === 0) return (cpu: Cpu) => { const X = cpu.X; X[d] = X[m]; };
  // Xn:Xm as four words (from the bottom) m0 m1 n0 n1; the result starts `lsb` bits in.
  if (lsb < 32) {
    return (cpu: Cpu) => {
      const W = cpu.W;
      const m0 = W[2 * m], m1 = W[2 * m + 1], n0 = W[2 * n];
      W[2 * d] = (m0 >>> lsb) | (m1 << (32 - lsb));
      W[2 * d + 1] = (m1 >>> lsb) | (n0 << (32 - lsb));
    };
  }
  const rest = lsb - 32;
  if (rest === 0) {
    return (cpu: Cpu) => { const W = cpu.W; const m1 = W[2 * m + 1], n0 = W[2 * n]; W[2 * d] = m1; W[2 * d + 1] = n0; };
  }
  return (cpu: Cpu) => {
    const W = cpu.W;
    const m1 = W[2 * m + 1], n0 = W[2 * n], n1 = W[2 * n + 1];
    W[2 * d] = (m1 >>> rest) | (n0 << (32 - rest));
    W[2 * d + 1] = (n0 >>> rest) | (n1 << (32 - rest));
  };
}

function disasmExtr(insn: number): string | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const rd = regName(f.Rd, f.sf);
  const rn = regName(f.Rn, f.sf);
  if (f.Rn === f.Rm) return `ror\t${rd}, ${rn}, #${f.lsb}`;
  return `extr\t${rd}, ${rn}, ${regName(f.Rm, f.sf)}, #${f.lsb}`;
}

export const EXTRACT: readonly Encoding[] = [
  { name: 'EXTR', pattern: 'f00100111N0mmmmmssssssnnnnnddddd', decode: decodeExtr, disasm: disasmExtr },
];
