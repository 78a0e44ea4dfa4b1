// The second execution tier's dispatcher. It runs in place of the interpreter loop while
// the CPU needs no per-instruction checks (cpu.interpreterOnly: software step, live
// breakpoints or watchpoints, SCTLR_EL1.A): block starts are counted as execution reaches
// them, a block seen HOT_THRESHOLD times is compiled, compiled blocks run whenever the
// remaining budget covers a whole pass, and everything else is interpreted instruction
// by instruction exactly as Cpu.loop does. Blocks live per code page and are dropped with
// the page's decoded instructions.

import type { Cpu } from '../cpu';
import { CODE_PAGE_SHIFT } from '../memory';
import { CompiledCode, planBlock } from './blockPlan';
import { CompiledBlock, compileBlock } from './compileBlock';
import { compileWasmBlock } from './wasm/wasmBlocks';
import { WasmBlockTable } from './wasm/wasmBlockTable';

/** Block entries before a block is compiled: enough to skip code that runs a few times. */
export const HOT_THRESHOLD = 16;
/** Longest stretch interpreted between two looks for a compiled block. */
const INTERPRETED_TRACE = 64;
const SLOTS_PER_PAGE = 1 << (CODE_PAGE_SHIFT - 2);
const PAGE_MASK = (1 << CODE_PAGE_SHIFT) - 1;

/** The instruction slot, within its code page, of a RAM offset. */
function slotAt(offset: number): number {
  return (offset >>> 2) & (SLOTS_PER_PAGE - 1);
}

/**
 * Blocks that may take in a copy of one function (a followed BL): enough for the call sites
 * of a small helper in a loop, not for every caller of malloc - each copy is more code for
 * V8 to optimise before the program gets going.
 */
const MAX_CALL_COPIES = 4;

class BlockPage {
  /** Compiled blocks by instruction slot. */
  readonly blocks: (CompiledBlock | undefined)[] = new Array(SLOTS_PER_PAGE).fill(undefined);
  /** How often execution arrived at each slot from a branch or a block exit. */
  readonly heat = new Uint16Array(SLOTS_PER_PAGE);
}

export interface BlockEngineStats {
  blocksCompiled: number;
  /** Of blocksCompiled, those compiled to WebAssembly. */
  wasmBlocks: number;
  pagesDropped: number;
  /** Instructions the engine handed to the interpreter: code not yet hot, and block slow paths. */
  interpretedInstructions: number;
  /** WebAssembly blocks replaced by JavaScript blocks because they left for the interpreter too often. */
  wasmBlocksReplaced: number;
}

export class BlockEngine {
  private readonly pages: (BlockPage | undefined)[];
  /** Numbers of the pages that exist (dropAll visits these, not every page slot: 262,144 for 1 GiB). */
  private readonly livePages = new Set<number>();
  /** How many blocks have taken in a copy of the function at each address (see MAX_CALL_COPIES). */
  private readonly callCopies = new Map<number, number>();
  readonly stats: BlockEngineStats = { blocksCompiled: 0, wasmBlocks: 0, pagesDropped: 0, interpretedInstructions: 0, wasmBlocksReplaced: 0 };
  /** RAM offsets of blocks whose WebAssembly version left for the interpreter too often (see noteSlowExit). */
  private readonly wasmDeclined = new Set<number>();
  /** Where WebAssembly blocks go, when they may be used and the CPU's state is in WebAssembly memory. */
  private readonly wasm: WasmBlockTable | undefined;

  /**
   * `useWasm`: compile blocks whose instructions all have WebAssembly translations to
   * WebAssembly (wasm/wasmBlocks.ts), the rest to JavaScript; false: all to JavaScript.
   * `replaceLeavingBlocks`: see noteSlowExit.
   */
  constructor(private readonly cpu: Cpu, private readonly hotThreshold = HOT_THRESHOLD, useWasm = true, replaceLeavingBlocks = true) {
    const state = cpu.wasmState;
    this.wasm = useWasm && state !== undefined ? new WasmBlockTable(cpu, state.memory, state.offset) : undefined;
    if (this.wasm !== undefined && replaceLeavingBlocks) this.wasm.onSlowExit = (offset) => this.noteSlowExit(offset);
    this.pages = new Array(Math.ceil(cpu.ramSize / (1 << CODE_PAGE_SHIFT))).fill(undefined);
  }

  /**
   * Runs until cpu.instructions reaches `limit` or the CPU becomes interpreter-only;
   * leaves cpu.pc at the next instruction. Exceptions propagate as from the interpreter.
   */
  run(limit: number): void {
    // Compiling happens out here, not inside the dispatch loop: V8 would otherwise inline
    // the compiler into the loop's optimised code, and each compiler path seen for the
    // first time would deoptimise the loop (several times while a program warms up).
    for (let hot = this.dispatch(limit); hot !== undefined; hot = this.dispatch(limit)) {
      const pc = this.cpu.pc;
      this.compile(pc, hot, slotAt(pc - this.cpu.ramBase));
    }
  }

  /**
   * The dispatch loop of `run`. Returns the page of cpu.pc when the block there has just
   * become hot and must be compiled first; undefined at the limit or when the CPU becomes
   * interpreter-only.
   */
  private dispatch(limit: number): BlockPage | undefined {
    const cpu = this.cpu;
    const ramBase = cpu.ramBase;
    const ramSize = cpu.ramSize;
    let pc = cpu.pc;
    while (cpu.instructions < limit) {
      const offset = pc - ramBase;
      let block: CompiledBlock | undefined;
      if (offset >= 0 && offset < ramSize && (offset & 3) === 0) {
        const pageNumber = offset >>> CODE_PAGE_SHIFT;
        const page = this.pages[pageNumber] ?? this.newPage(pageNumber);
        const slot = slotAt(offset);
        block = page.blocks[slot];
        if (block === undefined && ++page.heat[slot] >= this.hotThreshold) {
          cpu.pc = pc;
          return page;
        }
      }
      if (block !== undefined && cpu.instructions + block.length <= limit) {
        const before = cpu.instructions;
        pc = block.run(cpu, limit);
        // A block that left before its first instruction (a slow memory access) hands it to the interpreter.
        if (cpu.instructions === before) pc = this.interpret(pc, limit);
      } else {
        pc = this.interpret(pc, limit);
      }
      if (cpu.interpreterOnly) break;
    }
    cpu.pc = pc;
    return undefined;
  }

  /**
   * Interprets from pc until a taken branch, a page boundary, the budget or a change of
   * debug state; returns the next pc.
   */
  private interpret(pc: number, limit: number): number {
    const cpu = this.cpu;
    const ramBase = cpu.ramBase;
    // As in Cpu.interpretFast: the count is a local, stored before each fetch and executor so
    // that anything reading cpu.instructions (CNTVCT_EL0, a fault, an exception) sees the exact figure.
    const first = cpu.instructions;
    let retired = first;
    for (let n = 0; n < INTERPRETED_TRACE; n++) {
      cpu.pc = pc;
      cpu.instructions = retired;
      const exec = cpu.fetch(pc);
      cpu.nextPc = pc + 4;
      exec(cpu);
      retired++;
      const next = cpu.nextPc;
      const sequential = next === pc + 4;
      pc = next;
      if (!sequential || retired >= limit || ((next - ramBase) & PAGE_MASK) === 0 || cpu.interpreterOnly) break;
    }
    cpu.instructions = retired;
    this.stats.interpretedInstructions += retired - first;
    return pc;
  }

  /** What planning asks about the compiled code (blockPlan.ts). */
  private readonly compiledCode: CompiledCode = {
    startsBlock: (address) => {
      const offset = address - this.cpu.ramBase;
      return this.pages[offset >>> CODE_PAGE_SHIFT]?.blocks[slotAt(offset)] !== undefined;
    },
    arrivals: (address) => {
      const offset = address - this.cpu.ramBase;
      return this.pages[offset >>> CODE_PAGE_SHIFT]?.heat[slotAt(offset)] ?? 0;
    },
    copiesCall: (target) => {
      const copies = this.callCopies.get(target) ?? 0;
      if (copies >= MAX_CALL_COPIES) return false;
      this.callCopies.set(target, copies + 1);
      return true;
    },
  };

  private newPage(pageNumber: number): BlockPage {
    const page = new BlockPage();
    this.pages[pageNumber] = page;
    this.livePages.add(pageNumber);
    return page;
  }

  /**
   * A WebAssembly block left for the interpreter mid-way: when it does so too often, it is
   * dropped, and the next arrival there compiles a JavaScript block instead.
   */
  private noteSlowExit(offset: number): void {
    const page = this.pages[offset >>> CODE_PAGE_SHIFT];
    const slot = slotAt(offset);
    const block = page?.blocks[slot];
    if (block?.recordSlowExit?.(this.cpu.instructions) !== true) return;
    this.wasmDeclined.add(offset);
    block.dispose?.();
    page!.blocks[slot] = undefined;
    this.stats.wasmBlocksReplaced++;
  }

  private compile(pc: number, page: BlockPage, slot: number): CompiledBlock {
    const plan = planBlock(this.cpu, pc, this.compiledCode);
    const declined = this.wasmDeclined.has(pc - this.cpu.ramBase);
    const wasm = this.wasm === undefined || declined ? undefined : compileWasmBlock(this.cpu, plan, this.wasm);
    if (wasm !== undefined) this.stats.wasmBlocks++;
    const block = wasm ?? compileBlock(this.cpu, plan);
    page.blocks[slot] = block;
    this.stats.blocksCompiled++;
    return block;
  }

  /** Drops every block of a code page (its memory was written). */
  dropPage(pageNumber: number): void {
    const page = this.pages[pageNumber];
    if (page === undefined) return;
    this.pages[pageNumber] = undefined;
    this.livePages.delete(pageNumber);
    for (const block of page.blocks) block?.dispose?.();
    this.stats.pagesDropped++;
  }

  /** Drops everything (the tier turned off, watchpoints coming or going, tests). */
  dropAll(): void {
    for (const pageNumber of [...this.livePages]) this.dropPage(pageNumber);
  }
}
