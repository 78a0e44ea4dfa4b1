// Which guest instructions form a block: from a start address up to and including the
// first instruction that ends one (an unconditional branch, an exception-generating or
// system instruction, an unallocated word), the end of the code page, or a length cap.
// Conditional branches do not end a block: the side that does not run often is an exit
// from the middle (a superblock), and a branch back to the start makes the block a loop.
// The trace follows the taken side of a conditional branch when that is the side the
// interpreter saw run more, and a direct branch or call to code in the same page; the
// callee's RET then continues at the call's return address when X30 still holds it. A trace
// that comes back to its start makes the block a loop too. Only code the interpreter has
// already run (decoded) goes into a block; a function is copied into a few callers' blocks
// at most, and a block of some length ends where it runs into code that has a compiled
// block of its own.

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
  /**
   * For a B or BL the trace follows, or a conditional branch whose taken side it follows:
   * the target, the next instruction of the block. For a RET: the return address the trace
   * expects (the next instruction when X30 holds it).
   */
  readonly continuesAt?: number;
}

export interface BlockPlan {
  readonly start: number;
  readonly instructions: readonly GuestInstruction[];
  /** Some branch in the block, or its last instruction, goes back to `start`: the block runs as a loop. */
  readonly loops: boolean;
}

/** Longest block, in instructions (bounds compile time and the generated function's size). */
export const MAX_BLOCK_INSTRUCTIONS = 64;
/** A block this long ends where it joins another compiled block (see planBlock). */
export const MIN_INSTRUCTIONS_BEFORE_JOIN = 16;

/** Hints and barriers change nothing on this one in-order PE, so they do not end a block. */
const NO_EFFECT_SYSTEM_NAMES = new Set(['HINT', 'DSB', 'DMB', 'ISB', 'SB']);
let systemNames: Set<string> | undefined;

/** Names of the system and exception-generating encodings (built on first use: cpu.ts and the tables import each other). */
function isSystemInstruction(name: string): boolean {
  systemNames ??= new Set(SYSTEM_ENCODINGS.map((e) => e.name).filter((n) => !NO_EFFECT_SYSTEM_NAMES.has(n)));
  return systemNames.has(name);
}
const UNCONDITIONAL_BRANCHES = new Set(['B', 'BL', 'BR', 'BLR', 'RET']);
const CONDITIONAL_BRANCHES = new Set(['B_cond', 'BC_cond', 'CBZ', 'CBNZ', 'TBZ', 'TBNZ']);
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

/** What the block engine knows about the code it has compiled, for planning the next block. */
export interface CompiledCode {
  /** Whether a compiled block starts at `address`. */
  startsBlock(address: number): boolean;
  /** Whether the block may take in a copy of the function at `target` (asked once per copy it takes). */
  copiesCall(target: number): boolean;
  /**
   * How often execution has arrived at `address` by a taken branch or a block exit while it
   * was interpreted (the block start itself: how often before it became hot). Planning's
   * branch profile.
   */
  arrivals(address: number): number;
}

export const NOTHING_COMPILED: CompiledCode = { startsBlock: () => false, copiesCall: () => true, arrivals: () => 0 };

/** Reads the block starting at `start` (a RAM address the interpreter has just fetched). */
export function planBlock(cpu: Cpu, start: number, compiled: CompiledCode = NOTHING_COMPILED): BlockPlan {
  const instructions: GuestInstruction[] = [];
  const pageStart = start - ((start - cpu.ramBase) % CODE_PAGE_SIZE);
  const visited = new Set<number>();
  const inPage = (address: number) => address >= pageStart && address < pageStart + CODE_PAGE_SIZE;
  // The whole trace stays in one page (writing that page drops the block), and it covers
  // only code that has run: cold paths (and BRKs a debugger put there) stay out of it.
  const followable = (address: number) => inPage(address) && !visited.has(address) && address !== start && cpu.isDecoded(address);
  /** Return addresses of the calls the trace has followed, innermost last. */
  const returns: number[] = [];
  /**
   * Whether the trace follows a conditional branch to `target`: when that side is the one
   * that runs - execution arrived at the target on at least half as many occasions as at
   * the start - and it has no compiled block yet (an exit to one costs less than
   * translating it once more). Whether the fall-through has run says less: early passes of
   * a loop nest are often unlike the later ones.
   */
  const takenMostly = (target: number) => {
    if (compiled.startsBlock(target)) return false;
    const entries = compiled.arrivals(start);
    return entries > 0 && 2 * compiled.arrivals(target) >= entries;
  };
  let loops = false;
  /**
   * A direct branch back to the start is in the trace: what follows runs once per entry, on
   * the pass that leaves the loop, where the profile (gathered before the loop was hot) is
   * least like what runs later - no conditional branch is followed there.
   */
  let inLoopTail = false;
  let pc = start;
  while (inPage(pc) && !visited.has(pc) && (pc === start || cpu.isDecoded(pc)) && instructions.length < MAX_BLOCK_INSTRUCTIONS) {
    // Joining code that already has a compiled block of its own: leave for it instead of
    // translating it once more (V8's optimising compile of the copies is what new code
    // waits for), unless the block is still short enough that a transition would cost more.
    if (pc !== start && instructions.length >= MIN_INSTRUCTIONS_BEFORE_JOIN && returns.length === 0 && compiled.startsBlock(pc)) break;
    visited.add(pc);
    const instruction = readInstruction(cpu, pc);
    // A branch back to the start (a loop, or a recursive call) runs as a JavaScript loop; so
    // may a return or indirect branch, checked at run time (recursion unwinding through
    // one return site, a dispatch loop through BR).
    const target = directBranchTarget(instruction);
    if (target === start || INDIRECT_BRANCHES.has(instruction.name ?? '')) loops = true;
    if (target === start) inLoopTail = true;
    let continuesAt: number | undefined;
    // A call is followed into a function only a few times: a function called from many
    // places (malloc, say) would otherwise be translated into every caller.
    if ((instruction.name === 'B' || instruction.name === 'BL') && followable(target!) && (instruction.name === 'B' || compiled.copiesCall(target!))) {
      continuesAt = target;
      if (instruction.name === 'BL') returns.push(pc + 4);
    } else if (CONDITIONAL_BRANCHES.has(instruction.name ?? '') && !endsBlock(instruction) && !inLoopTail && followable(target!) && takenMostly(target!)) {
      // Its not-taken side becomes the exit.
      continuesAt = target;
    } else if (instruction.name === 'RET' && returns.length > 0) {
      const expected = returns.pop()!;
      if (followable(expected)) continuesAt = expected;
    }
    if (continuesAt !== undefined) {
      instructions.push({ ...instruction, continuesAt });
      pc = continuesAt;
      continue;
    }
    instructions.push(instruction);
    if (endsBlock(instruction)) break;
    // A branch back to somewhere else closes an enclosing loop: what follows it runs once
    // per pass of that loop, so it starts a block of its own instead of weighing on this one
    // (unless what follows is the start: the trace is that loop).
    if (target !== undefined && target < pc && target !== start && pc + 4 !== start) break;
    pc += 4;
  }
  // The last instruction runs on into the start: the trace went round a loop.
  if (pc === start && instructions[instructions.length - 1].pc + 4 === start) loops = true;
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
