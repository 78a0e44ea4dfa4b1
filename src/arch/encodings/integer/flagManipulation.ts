// Flag manipulation - RMIF, SETF8, SETF16 (Data processing (register), Arm ARM C4.1.87;
// FEAT_FlagM) and CFINV, XAFLAG, AXFLAG (PSTATE instructions in the system group;
// FEAT_FlagM and FEAT_FlagM2).

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { ror64, wide } from './halves64';
import { sourceSlot } from '../../registerSlots';

/** RMIF: rotate Xn right by imm6 and copy bits 3:0 into the NZCV flags selected by mask. */
function decodeRmif(insn: number): Exec {
  const n = sourceSlot(bits(insn, 5, 5));
  const rotation = bits(insn, 15, 6);
  const mask = bits(insn, 0, 4);
  return (cpu: Cpu) => {
    const W = cpu.W;
    ror64(W[2 * n], W[2 * n + 1], rotation);
    const bits4 = wide[0];
    if (mask & 8) cpu.n = (bits4 >>> 3) & 1;
    if (mask & 4) cpu.z = (bits4 >>> 2) & 1;
    if (mask & 2) cpu.c = (bits4 >>> 1) & 1;
    if (mask & 1) cpu.v = bits4 & 1;
  };
}

/** SETF8/SETF16: N, Z and V from the low byte/halfword of Wn; C is unchanged. */
function decodeSetFlags(insn: number): Exec {
  const n = sourceSlot(bits(insn, 5, 5));
  const topBit = bit(insn, 14) === 1 ? 15 : 7;
  const fieldMask = bit(insn, 14) === 1 ? 0xffff : 0xff;
  return (cpu: Cpu) => {
    const value = cpu.W[2 * n];
    cpu.n = (value >>> topBit) & 1;
    cpu.z = (value & fieldMask) === 0 ? 1 : 0;
    // V: the bit above the field differs from the field's sign bit.
    cpu.v = ((value >>> (topBit + 1)) ^ (value >>> topBit)) & 1;
  };
}

function cfinv(cpu: Cpu): void {
  cpu.c ^= 1;
}

/** XAFLAG: converts floating-point comparison flags from the external format to Arm's. */
function xaflag(cpu: Cpu): void {
  const { z, c } = cpu;
  cpu.n = (1 - c) & (1 - z);
  cpu.z = z & c;
  cpu.c = c | z;
  cpu.v = (1 - c) & z;
}

/** AXFLAG: converts floating-point comparison flags from Arm's format to the external one. */
function axflag(cpu: Cpu): void {
  const { z, c, v } = cpu;
  cpu.n = 0;
  cpu.z = z | v;
  cpu.c = c & (1 - v);
  cpu.v = 0;
}

export const FLAG_MANIPULATION: readonly Encoding[] = [
  {
    name: 'RMIF', pattern: '10111010000iiiiii00001nnnnn0mmmm', decode: decodeRmif,
    disasm: (insn: number) => `rmif\t${regName(bits(insn, 5, 5), 1)}, #${bits(insn, 15, 6)}, #${bits(insn, 0, 4)}`,
  },
  {
    name: 'SETF', pattern: '00111010000000000s0010nnnnn01101', decode: decodeSetFlags,
    disasm: (insn: number) => `setf${bit(insn, 14) ? 16 : 8}\t${regName(bits(insn, 5, 5), 0)}`,
  },
  { name: 'CFINV', pattern: '11010101000000000100000000011111', decode: () => cfinv, disasm: () => 'cfinv' },
  { name: 'XAFLAG', pattern: '11010101000000000100000000111111', decode: () => xaflag, disasm: () => 'xaflag' },
  { name: 'AXFLAG', pattern: '11010101000000000100000001011111', decode: () => axflag, disasm: () => 'axflag' },
];
