// Compiles a planned block to a WebAssembly function when every instruction in it has a
// translation here (integer data processing, loads and stores, branches, scalar floating
// point, MOVI), and wraps it as a CompiledBlock. V8 compiles WebAssembly with its baseline compiler at
// once (tens of microseconds for a block), so a block runs as machine code from its first
// pass instead of waiting for JavaScript's optimising compiler; 64-bit guest arithmetic is
// native too. Blocks with other instructions go to the JavaScript block compiler.

import type { Cpu } from '../../cpu';
import { watchedPagesOffset } from '../../cpuStateArea';
import { FPSR_IXC } from '../../encodings/simdFp/fpControl';
import { BlockPlan, endsBlock } from '../blockPlan';
import type { CompiledBlock } from '../compileBlock';
import { BLOCK_FUNCTION_TYPE, WasmBlockWriter } from './wasmBlockWriter';
import { BlockCode, WasmBlockTable } from './wasmBlockTable';
import { moduleBytes } from './wasmModule';
import { WASM_BRANCH_TRANSLATORS } from './wasmTranslateBranches';
import { WASM_DATA_PROCESSING_TRANSLATORS, WasmTranslator } from './wasmTranslateDataProcessing';
import { WASM_LOAD_STORE_TRANSLATORS } from './wasmTranslateLoadStore';
import { WASM_FLOATING_POINT_TRANSLATORS } from './wasmTranslateFloatingPoint';
import { WASM_ADVANCED_SIMD_TRANSLATORS } from './wasmTranslateAdvancedSimd';
import { WASM_STRUCTURE_LOAD_TRANSLATORS } from './wasmTranslateStructureLoads';

/** Hints (NOP, ...) and barriers have no effect on one in-order PE. */
const noEffect: WasmTranslator = () => true;

const TRANSLATORS: Readonly<Record<string, WasmTranslator>> = {
  ...WASM_DATA_PROCESSING_TRANSLATORS,
  ...WASM_LOAD_STORE_TRANSLATORS,
  ...WASM_BRANCH_TRANSLATORS,
  ...WASM_FLOATING_POINT_TRANSLATORS,
  ...WASM_ADVANCED_SIMD_TRANSLATORS,
  ...WASM_STRUCTURE_LOAD_TRANSLATORS,
  HINT: noEffect, DSB: noEffect, DMB: noEffect, ISB: noEffect, SB: noEffect,
};
const BRANCH_NAMES: ReadonlySet<string> = new Set(Object.keys(WASM_BRANCH_TRANSLATORS));

/** Slow exits a block may take before it is judged (a warming loop's first passes often leave). */
const SLOW_EXITS_BEFORE_JUDGING = 32;
/**
 * Fewer guest instructions than this per slow exit since the block was compiled (all code,
 * so that a block entered through the chain is judged like one entered from JavaScript), and
 * the block gives way to a JavaScript one: an exit and the interpreter's step cost about as
 * much as this many instructions in WebAssembly. (An instruction whose fast path never holds
 * in a hot loop - an MMIO access, an operand that is always a NaN - would otherwise leave on
 * every pass.)
 */
const MIN_INSTRUCTIONS_PER_SLOW_EXIT = 64;

class WasmBlock implements CompiledBlock {
  private slowExits = 0;

  constructor(readonly start: number, readonly length: number, private readonly table: WasmBlockTable, private readonly slot: number, private readonly compiledAt: number) {}

  run(_cpu: Cpu, limit: number): number {
    return this.table.run(this.slot, limit);
  }

  dispose(): void {
    this.table.remove(this.start, this.slot);
  }

  recordSlowExit(instructions: number): boolean {
    this.slowExits++;
    return this.slowExits >= SLOW_EXITS_BEFORE_JUDGING && instructions - this.compiledAt < this.slowExits * MIN_INSTRUCTIONS_PER_SLOW_EXIT;
  }
}

/** Compiled modules by their bytes (which hold every instruction word and address). */
const modules = new Map<string, WebAssembly.Module>();
const MAX_MODULES = 4096;
/** Bytes to a string one character per byte (a one-to-one map, as the cache key needs). */
const byteText = new TextDecoder('latin1');

/**
 * The compiled module of `bytes`, or undefined when the host's WebAssembly rejects it (an
 * engine or CPU without the 128-bit operations): the block is then a JavaScript block.
 */
function moduleFor(bytes: Uint8Array): WebAssembly.Module | undefined {
  const key = byteText.decode(bytes);
  let module = modules.get(key);
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(bytes);
    } catch (e) {
      if (e instanceof WebAssembly.CompileError) return undefined;
      throw e;
    }
    if (modules.size >= MAX_MODULES) modules.delete(modules.keys().next().value as string);
    modules.set(key, module);
  }
  return module;
}

/** The block as WebAssembly in `table` (the CPU's), or undefined when an instruction has no translation here. */
export function compileWasmBlock(cpu: Cpu, plan: BlockPlan, table: WasmBlockTable): CompiledBlock | undefined {
  const ram = { base: cpu.ramBase, size: cpu.ramSize, watched: cpu.watchChecks, watchedPagesOffset: watchedPagesOffset(cpu.ramSize) };
  const w = new WasmBlockWriter(plan, ram, (cpu.fpsr & FPSR_IXC) === 0);
  const instructions = plan.instructions;
  for (let index = 0; index < instructions.length; index++) {
    const instruction = instructions[index];
    w.begin(instruction, index);
    const name = instruction.name;
    const translate = name === undefined ? undefined : TRANSLATORS[name];
    const last = index === instructions.length - 1;
    if (translate === undefined || !translate(w, instruction.word, instruction.pc)) {
      // A block that ends in a system or exception-generating instruction leaves for the
      // interpreter just before it; anything else untranslated is the JavaScript blocks' job.
      if (!last || index === 0 || !endsBlock(instruction)) return undefined;
      w.exitTo(index, instruction.pc);
      break;
    }
    if (last && !BRANCH_NAMES.has(name!)) w.fallThrough(index + 1, instruction.pc + 4);
  }
  const module = moduleFor(moduleBytes({ types: [BLOCK_FUNCTION_TYPE], memoryPages: table.memoryPages, functions: [w.function()] }));
  if (module === undefined) return undefined;
  const instance = new WebAssembly.Instance(module, { env: { memory: table.memory } });
  const slot = table.add(plan.start, instructions.length, instance.exports.f0 as BlockCode);
  return new WasmBlock(plan.start, instructions.length, table, slot, cpu.instructions);
}
