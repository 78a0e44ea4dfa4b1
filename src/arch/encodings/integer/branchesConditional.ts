// Conditional branch (immediate) - B.cond, and BC.cond (FEAT_HBC: the same branch with a
// hint that it is consistent; executed identically here) (Arm ARM C4.1.85).

import type { Cpu } from '../../cpu';
import type { DisasmContext, Encoding, Exec } from '../../decoder';
import { bits, sbits } from '../../decoder';
import { CONDITION_NAMES, formatTarget } from '../../disasmText';
import { Cond } from './conditions';

function target(insn: number, pc: number): number {
  return pc + sbits(insn, 5, 19) * 4;
}

/** One closure per condition, so the taken test is a couple of compares with no dispatch. */
function branchIf(cond: number, address: number): Exec {
  switch (cond) {
    case Cond.EQ: return (cpu: Cpu) => { if (cpu.z === 1) cpu.nextPc = address; };
    case Cond.NE: return (cpu: Cpu) => { if (cpu.z === 0) cpu.nextPc = address; };
    case Cond.HS: return (cpu: Cpu) => { if (cpu.c === 1) cpu.nextPc = address; };
    case Cond.LO: return (cpu: Cpu) => { if (cpu.c === 0) cpu.nextPc = address; };
    case Cond.MI: return (cpu: Cpu) => { if (cpu.n === 1) cpu.nextPc = address; };
    case Cond.PL: return (cpu: Cpu) => { if (cpu.n === 0) cpu.nextPc = address; };
    case Cond.VS: return (cpu: Cpu) => { if (cpu.v === 1) cpu.nextPc = address; };
    case Cond.VC: return (cpu: Cpu) => { if (cpu.v === 0) cpu.nextPc = address; };
    case Cond.HI: return (cpu: Cpu) => { if (cpu.c === 1 && cpu.z === 0) cpu.nextPc = address; };
    case Cond.LS: return (cpu: Cpu) => { if (cpu.c === 0 || cpu.z === 1) cpu.nextPc = address; };
    case Cond.GE: return (cpu: Cpu) => { if (cpu.n === cpu.v) cpu.nextPc = address; };
    case Cond.LT: return (cpu: Cpu) => { if (cpu.n !== cpu.v) cpu.nextPc = address; };
    case Cond.GT: return (cpu: Cpu) => { if (cpu.z === 0 && cpu.n === cpu.v) cpu.nextPc = address; };
    case Cond.LE: return (cpu: Cpu) => { if (cpu.z === 1 || cpu.n !== cpu.v) cpu.nextPc = address; };
    default: return (cpu: Cpu) => { cpu.nextPc = address; };   // AL, NV
  }
}

function decodeConditionalBranch(insn: number, pc: number): Exec {
  return branchIf(bits(insn, 0, 4), target(insn, pc));
}

function disasm(prefix: string) {
  return (insn: number, pc: number, ctx: DisasmContext): string =>
    `${prefix}.${CONDITION_NAMES[bits(insn, 0, 4)]}\t${formatTarget(target(insn, pc), ctx)}`;
}

export const BRANCHES_CONDITIONAL: readonly Encoding[] = [
  { name: 'B_cond', pattern: '01010100iiiiiiiiiiiiiiiiiii0cccc', decode: decodeConditionalBranch, disasm: disasm('b') },
  { name: 'BC_cond', pattern: '01010100iiiiiiiiiiiiiiiiiii1cccc', decode: decodeConditionalBranch, disasm: disasm('bc') },
];
