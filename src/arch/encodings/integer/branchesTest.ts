// Test and branch (immediate) - TBZ, TBNZ (Arm ARM C4.1.85). The tested bit is b5:b40;
// b5 = 1 names an X register in the assembly, b5 = 0 a W register.

import type { Cpu } from '../../cpu';
import type { DisasmContext, Encoding, Exec } from '../../decoder';
import { bit, bits, sbits } from '../../decoder';
import { formatTarget, regName } from '../../disasmText';
import { sourceSlot } from '../../registerSlots';

function target(insn: number, pc: number): number {
  return pc + sbits(insn, 5, 14) * 4;
}

function bitPosition(insn: number): number {
  return (bit(insn, 31) << 5) | bits(insn, 19, 5);
}

function decodeTestBranch(branchIfZero: boolean) {
  return (insn: number, pc: number): Exec => {
    const t = sourceSlot(bits(insn, 0, 5));
    const position = bitPosition(insn);
    // The bit lives in W word 2t (bits 31:0) or 2t + 1 (bits 63:32).
    const word = 2 * t + (position >>> 5);
    const mask = (1 << (position & 31)) >>> 0;
    const address = target(insn, pc);
    return branchIfZero
      ? (cpu: Cpu) => { if ((cpu.W[word] & mask) === 0) cpu.nextPc = address; }
      : (cpu: Cpu) => { if ((cpu.W[word] & mask) !== 0) cpu.nextPc = address; };
  };
}

function disasm(mnemonic: string) {
  return (insn: number, pc: number, ctx: DisasmContext): string =>
    `${mnemonic}\t${regName(bits(insn, 0, 5), bit(insn, 31))}, #${bitPosition(insn)}, ${formatTarget(target(insn, pc), ctx)}`;
}

export const BRANCHES_TEST: readonly Encoding[] = [
  { name: 'TBZ', pattern: 'b0110110bbbbbiiiiiiiiiiiiiittttt', decode: decodeTestBranch(true), disasm: disasm('tbz') },
  { name: 'TBNZ', pattern: 'b0110111bbbbbiiiiiiiiiiiiiittttt', decode: decodeTestBranch(false), disasm: disasm('tbnz') },
];
