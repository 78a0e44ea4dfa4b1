// Turns a planned block into a JavaScript function with `new Function`: translate each
// instruction (inline, or as a call of the interpreter's executor). The function depends
// only on the instruction words and their addresses (it finds the register file, RAM and
// code-page flags through its `cpu` argument), so one function serves every CPU of the
// process that runs the same code: a new VM of the same program, a restart, a page that
// was rewritten back all start with code V8 has already optimised.

import type { Cpu } from '../cpu';
import type { DecodeTable, Exec } from '../decoder';
import { BlockPlan, endsBlock } from './blockPlan';
import { BlockWriter } from './blockWriter';
import { mulHigh } from './splitArithmetic';
import { MULTIPLY_DIVIDE_RUNTIME } from './translateMultiplyDivide';
import { FLOATING_POINT_RUNTIME, touchesOnlyVectors } from './translateFloatingPoint';
import { ADVANCED_SIMD_FLOATING_POINT_RUNTIME } from './translateAdvancedSimdFloatingPoint';
import { BRANCH_NAMES, REGISTER_FREE_TRANSLATIONS, TRANSLATORS } from './translators';

/** Runs the block from its start; returns the address to continue at. */
export type BlockFunction = (cpu: Cpu, limit: number) => number;

export interface CompiledBlock {
  readonly start: number;
  /** Instructions in one pass: the block runs only when the budget covers that many. */
  readonly length: number;
  readonly run: BlockFunction;
  /** Frees what the block holds outside the JavaScript heap (a WebAssembly block's table slot); called when it is dropped. */
  dispose?(): void;
  /**
   * A WebAssembly block's note that it left for the interpreter mid-way (`instructions`: the
   * CPU's count now); true when it leaves so often that a JavaScript block (whose general
   * paths stay in the block) should replace it.
   */
  recordSlowExit?(instructions: number): boolean;
}

/** Host functions the generated code calls by name. */
const RUNTIME = { mulHigh, ...MULTIPLY_DIVIDE_RUNTIME, ...FLOATING_POINT_RUNTIME, ...ADVANCED_SIMD_FLOATING_POINT_RUNTIME };
const RUNTIME_NAMES = Object.keys(RUNTIME);

/**
 * The destructuring of the host functions and buffers `body` uses (parsing the others, per
 * block, costs V8 time). A plain substring test: no generated name contains one of these, and
 * a false match would only bind one more.
 */
function runtimeBindings(body: string): string {
  const used = RUNTIME_NAMES.filter((name) => body.includes(name));
  return used.length > 0 ? `const { ${used.join(', ')} } = R; ` : '';
}

type BlockFactory = (E: readonly Exec[], runtime: typeof RUNTIME) => BlockFunction;

/** The JavaScript source of a block's function body (for tests and for reading). */
export function blockSource(cpu: Cpu, plan: BlockPlan): string {
  const w = new BlockWriter(plan, { base: cpu.ramBase, size: cpu.ramSize, watched: cpu.watchChecks });
  const instructions = plan.instructions;
  instructions.forEach((instruction, index) => {
    w.begin(instruction, index);
    const last = index === instructions.length - 1;
    const name = instruction.name;
    const translate = name === undefined ? undefined : TRANSLATORS[name];
    if (translate !== undefined && !REGISTER_FREE_TRANSLATIONS.has(name!)) w.refresh();
    if (translate !== undefined && translate(w, instruction.word, instruction.pc)) {
      if (last && !BRANCH_NAMES.has(name!)) w.fallThrough(index + 1, instruction.pc + 4);
      return;
    }
    if (name !== undefined && touchesOnlyVectors(name, instruction.word)) {
      w.vectorFallback();
      if (last) w.fallThrough(index + 1, instruction.pc + 4);
      return;
    }
    if (last && endsBlock(instruction)) {
      w.fallbackAndLeave();
      return;
    }
    w.fallback();
    if (last) w.fallThrough(index + 1, instruction.pc + 4);
  });
  return w.source();
}

/** Compiled functions by source text (which names every instruction word), per decode table. */
const compiledByTable = new WeakMap<DecodeTable, Map<string, BlockFunction>>();
const MAX_FUNCTIONS_PER_TABLE = 2048;

export function compileBlock(cpu: Cpu, plan: BlockPlan): CompiledBlock {
  const body = blockSource(cpu, plan);
  let compiled = compiledByTable.get(cpu.table);
  if (compiled === undefined) {
    compiled = new Map();
    compiledByTable.set(cpu.table, compiled);
  }
  let run = compiled.get(body);
  if (run === undefined) {
    const name = `block_${plan.start.toString(16)}`;
    // The parentheses make V8 compile the inner function with the outer one, instead of
    // pre-parsing it now and parsing it again on its first call.
    const factory = new Function('E', 'R', `${runtimeBindings(body)}return (function ${name}(cpu, limit) {\n${body}\n});`) as BlockFactory;
    // Executors are pure functions of the word and its address, so any CPU's serve all.
    run = factory(plan.instructions.map((i) => i.exec), RUNTIME);
    if (compiled.size >= MAX_FUNCTIONS_PER_TABLE) compiled.delete(compiled.keys().next().value as string);
    compiled.set(body, run);
  }
  return { start: plan.start, length: plan.instructions.length, run };
}
