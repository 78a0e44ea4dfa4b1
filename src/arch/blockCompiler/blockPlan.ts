// Which guest instructions form a block: from a start address up to and including the
// first instruction that ends one (an unconditional branch, an exception-generating or
// system instruction, an unallocated word), the end of the code page, or a length cap.
// Conditional branches do not end a block: their taken side is an exit from the middle
// (a superblock), and a branch back to the start makes the block a loop.

import type { Cpu } from '../cpu';
import type { Exec } from '../decoder';
import { sbits } from '../decoder';
import { CODE_PAGE_SIZE } from '../memory';
import { SYSTEM_ENCODINGS } from '../encodings/system';

export interface GuestInstruction {
  readonly pc: number;
  readonly word: number;
  /** The encoding's name, or undefined when the word is UNDEFINED. */
  readonly name: string | undefined;
  /** The interpreter's executor: the slow path and the fallback for untranslated instructions. */
  readonly exec: Exec;
}

export interface BlockPlan {
  readonly start: number;
  readonly instructions: readonly GuestInstruction[];
  /** Some branch in the block goes back to `start`: the block runs as a loop. */
  readonly loops: boolean;
}

/** Longest block, in instructions (bounds compile time and the generated function's size). */
export const MAX_BLOCK_INSTRUCTIONS = 96;

/** Hints and barriers change nothing on this one in-order PE, so they do not end a block. */
const NO_EFFECT_SYSTEM_NAMES = new Set(['HINT', 'DSB', 'DMB', 'ISB', 'SB']);
let systemNames: Set<string> | undefined;

/** Names of the system and exception-generating encodings (built on first use: cpu.ts and the tables import each other). */
function isSystemInstruction(name: string): boolean {
  systemNames ??= new Set(SYSTEM_ENCODINGS.map((e) => e.name).filter((n) => !NO_EFFECT_SYSTEM_NAMES.has(n)));
  return systemNames.has(name);
}
const UNCONDITIONAL_BRANCHES = new Set(['B', 'BL', 'BR', 'BLR', 'RET']);
const INDIRECT_BRANCHES = new Set(['BR', 'BLR', 'RET']);

/** Whether execution can leave the block's straight line after this instruction for good. */
export function endsBlock(i: GuestInstruction): boolean {
  if (i.name === undefined || isSystemInstruction(i.name) || UNCONDITIONAL_BRANCHES.has(i.name)) return true;
  // B.AL and B.NV always branch.
  return (i.name === 'B_cond' || i.name === 'BC_cond') && (i.word & 0xe) === 0xe;
}

/** The static target of a direct branch, or undefined for other instructions. */
export function directBranchTarget(i: GuestInstruction): number | undefined {
  switch (i.name) {
    case 'B': case 'BL': return i.pc + sbits(i.word, 0, 26) * 4;
    case 'B_cond': case 'BC_cond': case 'CBZ': case 'CBNZ': return i.pc + sbits(i.word, 5, 19) * 4;
    case 'TBZ': case 'TBNZ': return i.pc + sbits(i.word, 5, 14) * 4;
    default: return undefined;
  }
}

/** Reads the block starting at `start` (a RAM address the interpreter has just fetched). */
export function planBlock(cpu: Cpu, start: number): BlockPlan {
  const instructions: GuestInstruction[] = [];
  const pageEnd = start - ((start - cpu.ramBase) % CODE_PAGE_SIZE) + CODE_PAGE_SIZE;
  let loops = false;
  for (let pc = start; pc < pageEnd && instructions.length < MAX_BLOCK_INSTRUCTIONS; pc += 4) {
    const instruction = readInstruction(cpu, pc);
    instructions.push(instruction);
    // A branch back to the start (a loop, or a recursive call) runs as a JavaScript loop; so
    // may a return or indirect branch, checked at run time (recursion unwinding through
    // one return site, a dispatch loop through BR).
    if (directBranchTarget(instruction) === start || INDIRECT_BRANCHES.has(instruction.name ?? '')) loops = true;
    if (endsBlock(instruction)) break;
  }
  return { start, instructions, loops };
}

function readInstruction(cpu: Cpu, pc: number): GuestInstruction {
  const exec = cpu.fetch(pc);
  const word = cpu.ram.getUint32(pc - cpu.ramBase, true);
  const encoding = cpu.table.lookup(word);
  // A reserved field value makes the word UNDEFINED even though a pattern matched it.
  const allocated = encoding !== undefined && encoding.decode(word, pc) !== undefined;
  return { pc, word, name: allocated ? encoding.name : undefined, exec };
}
