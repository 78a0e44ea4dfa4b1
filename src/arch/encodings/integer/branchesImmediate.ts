// Unconditional branch (immediate) - B, BL (Arm ARM C4.1.85). The target is fixed at
// decode time; BL writes the return address (pc + 4) to X30.

import type { Cpu } from '../../cpu';
import type { DisasmContext, Encoding, Exec } from '../../decoder';
import { sbits } from '../../decoder';
import { formatTarget } from '../../disasmText';

const LINK_REGISTER = 30;

function target(insn: number, pc: number): number {
  return pc + sbits(insn, 0, 26) * 4;
}

function decodeB(insn: number, pc: number): Exec {
  const address = target(insn, pc);
  return (cpu: Cpu) => { cpu.nextPc = address; };
}

function decodeBl(insn: number, pc: number): Exec {
  const address = target(insn, pc);
  const returnAddress = BigInt(pc + 4);
  return (cpu: Cpu) => { cpu.X[LINK_REGISTER] = returnAddress; cpu.nextPc = address; };
}

export const BRANCHES_IMMEDIATE: readonly Encoding[] = [
  { name: 'B', pattern: '000101iiiiiiiiiiiiiiiiiiiiiiiiii', decode: decodeB, disasm: (insn: number, pc: number, ctx: DisasmContext) => `b\t${formatTarget(target(insn, pc), ctx)}` },
  { name: 'BL', pattern: '100101iiiiiiiiiiiiiiiiiiiiiiiiii', decode: decodeBl, disasm: (insn: number, pc: number, ctx: DisasmContext) => `bl\t${formatTarget(target(insn, pc), ctx)}` },
];
