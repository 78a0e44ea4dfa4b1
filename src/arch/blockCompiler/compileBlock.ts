// Turns a planned block into a JavaScript function with `new Function`: translate each
// instruction (inline, or as a call of the interpreter's executor), then bind the
// function to this CPU's register file, RAM and code-page flags.

import type { Cpu } from '../cpu';
import type { Exec } from '../decoder';
import { BlockPlan, endsBlock } from './blockPlan';
import { BlockWriter } from './blockWriter';
import { mulHigh } from './splitArithmetic';
import { BRANCH_NAMES, TRANSLATORS } from './translators';

/** Runs the block from its start; returns the address to continue at. */
export type BlockFunction = (cpu: Cpu, limit: number) => number;

export interface CompiledBlock {
  readonly start: number;
  /** Instructions in one pass: the block runs only when the budget covers that many. */
  readonly length: number;
  readonly run: BlockFunction;
  /** Cleared when the block's code page is written. */
  valid: boolean;
}

type BlockFactory = (E: readonly Exec[], WS: Int32Array, dv: DataView, F: Uint8Array, multiplyHigh: typeof mulHigh) => BlockFunction;

/** The JavaScript source of a block's function body (for tests and for reading). */
export function blockSource(cpu: Cpu, plan: BlockPlan): string {
  const w = new BlockWriter(plan, { base: cpu.ramBase, size: cpu.ramSize });
  const instructions = plan.instructions;
  instructions.forEach((instruction, index) => {
    w.begin(instruction, index);
    const last = index === instructions.length - 1;
    const name = instruction.name;
    const translate = name === undefined ? undefined : TRANSLATORS[name];
    if (translate !== undefined) w.refresh();
    if (translate !== undefined && translate(w, instruction.word, instruction.pc)) {
      if (last && !BRANCH_NAMES.has(name!)) w.exit(index + 1, String(instruction.pc + 4));
      return;
    }
    if (last && endsBlock(instruction)) {
      w.fallbackAndLeave();
      return;
    }
    w.fallback();
    if (last) w.exit(index + 1, String(instruction.pc + 4));
  });
  return w.source();
}

export function compileBlock(cpu: Cpu, plan: BlockPlan): CompiledBlock {
  const body = blockSource(cpu, plan);
  const name = `block_${plan.start.toString(16)}`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  // The parentheses make V8 compile the inner function with the outer one, instead of
  // pre-parsing it now and parsing it again on its first call.
  const factory = new Function('E', 'WS', 'dv', 'F', 'mulHigh', `return (function ${name}(cpu, limit) {\n${body}\n});`) as BlockFactory;
  const run = factory(plan.instructions.map((i) => i.exec), cpu.WS, cpu.ram, cpu.codePageFlags, mulHigh);
  return { start: plan.start, length: plan.instructions.length, run, valid: true };
}
