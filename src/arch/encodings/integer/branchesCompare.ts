// Compare and branch (immediate) - CBZ, CBNZ (Arm ARM C4.1.85).

import type { Cpu } from '../../cpu';
import type { DisasmContext, Encoding, Exec } from '../../decoder';
import { bit, bits, sbits } from '../../decoder';
import { formatTarget, regName } from '../../disasmText';
import { sourceSlot } from '../../registerSlots';

function target(insn: number, pc: number): number {
  return pc + sbits(insn, 5, 19) * 4;
}

function decodeCompareBranch(branchIfZero: boolean) {
  return (insn: number, pc: number): Exec => {
    const t = sourceSlot(bits(insn, 0, 5));
    const address = target(insn, pc);
    if (bit(insn, 31) === 1) {
      return branchIfZero
        ? (cpu: Cpu) => { const W = cpu.W; if ((W[2 * t] | W[2 * t + 1]) === 0) cpu.nextPc = address; }
        : (cpu: Cpu) => { const W = cpu.W; if ((W[2 * t] | W[2 * t + 1]) !== 0) cpu.nextPc = address; };
    }
    return branchIfZero
      ? (cpu: Cpu) => { if (cpu.W[2 * t] === 0) cpu.nextPc = address; }
      : (cpu: Cpu) => { if (cpu.W[2 * t] !== 0) cpu.nextPc = address; };
  };
}

function disasm(mnemonic: string) {
  return (insn: number, pc: number, ctx: DisasmContext): string =>
    `${mnemonic}\t${regName(bits(insn, 0, 5), bit(insn, 31))}, ${formatTarget(target(insn, pc), ctx)}`;
}

export const BRANCHES_COMPARE: readonly Encoding[] = [
  { name: 'CBZ', pattern: 'f0110100iiiiiiiiiiiiiiiiiiittttt', decode: decodeCompareBranch(true), disasm: disasm('cbz') },
  { name: 'CBNZ', pattern: 'f0110101iiiiiiiiiiiiiiiiiiittttt', decode: decodeCompareBranch(false), disasm: disasm('cbnz') },
];
