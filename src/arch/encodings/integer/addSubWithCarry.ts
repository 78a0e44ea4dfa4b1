// Data processing (register): Add/subtract (with carry) - ADC, ADCS, SBC, SBCS
// (Arm ARM C4.1.87). Aliases: NGC, NGCS.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { addWithCarry32, addWithCarry64 } from './addWithCarry';
import { destinationSlot, sourceSlot } from '../../registerSlots';

function registers(insn: number) {
  return { sf: bit(insn, 31), d: destinationSlot(bits(insn, 0, 5)), n: sourceSlot(bits(insn, 5, 5)), m: sourceSlot(bits(insn, 16, 5)) };
}

function decodeAdc(insn: number): Exec {
  const { sf, d, n, m } = registers(insn);
  if (sf === 1) return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] + X[m] + (cpu.c === 1 ? 1n : 0n); };
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] + W[2 * m] + cpu.c; W[2 * d + 1] = 0; };
}

// SBC: x + NOT(y) + C = x - y - NOT(C).
function decodeSbc(insn: number): Exec {
  const { sf, d, n, m } = registers(insn);
  if (sf === 1) return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] - X[m] - (cpu.c === 1 ? 0n : 1n); };
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] - W[2 * m] - (1 - cpu.c); W[2 * d + 1] = 0; };
}

function decodeAdcs(insn: number): Exec {
  const { sf, d, n, m } = registers(insn);
  if (sf === 1) {
    return (cpu: Cpu) => { const W = cpu.W; addWithCarry64(cpu, d, W[2 * n], W[2 * n + 1], W[2 * m], W[2 * m + 1], cpu.c); };
  }
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = addWithCarry32(cpu, W[2 * n], W[2 * m], cpu.c); W[2 * d + 1] = 0; };
}

function decodeSbcs(insn: number): Exec {
  const { sf, d, n, m } = registers(insn);
  if (sf === 1) {
    return (cpu: Cpu) => {
      const W = cpu.W;
      addWithCarry64(cpu, d, W[2 * n], W[2 * n + 1], ~W[2 * m] >>> 0, ~W[2 * m + 1] >>> 0, cpu.c);
    };
  }
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = addWithCarry32(cpu, W[2 * n], ~W[2 * m] >>> 0, cpu.c); W[2 * d + 1] = 0; };
}

function disasm(mnemonic: string, negateAlias?: string) {
  return (insn: number): string => {
    const sf = bit(insn, 31);
    const Rd = bits(insn, 0, 5);
    const Rn = bits(insn, 5, 5);
    const Rm = bits(insn, 16, 5);
    if (negateAlias !== undefined && Rn === 31) return `${negateAlias}\t${regName(Rd, sf)}, ${regName(Rm, sf)}`;
    return `${mnemonic}\t${regName(Rd, sf)}, ${regName(Rn, sf)}, ${regName(Rm, sf)}`;
  };
}

export const ADD_SUB_WITH_CARRY: readonly Encoding[] = [
  { name: 'ADC', pattern: 'f0011010000mmmmm000000nnnnnddddd', decode: decodeAdc, disasm: disasm('adc') },
  { name: 'ADCS', pattern: 'f0111010000mmmmm000000nnnnnddddd', decode: decodeAdcs, disasm: disasm('adcs') },
  { name: 'SBC', pattern: 'f1011010000mmmmm000000nnnnnddddd', decode: decodeSbc, disasm: disasm('sbc', 'ngc') },
  { name: 'SBCS', pattern: 'f1111010000mmmmm000000nnnnnddddd', decode: decodeSbcs, disasm: disasm('sbcs', 'ngcs') },
];
