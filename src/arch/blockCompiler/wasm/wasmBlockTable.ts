// How WebAssembly blocks run one after another without returning to JavaScript. Each CPU
// has a function table holding its compiled WebAssembly blocks and, in its state area, a
// direct-mapped table from a block's start to its function-table slot and length. A small
// dispatcher function calls a block, then looks up the address it left for and calls the
// block there too, for as long as there is one and the budget covers a whole pass of it.
// Anything else - no WebAssembly block there (not hot, a JavaScript block, an entry taken by
// another block), a block that left before its first instruction, an address outside RAM -
// returns to the JavaScript dispatcher (blockEngine.ts) with the next address.
//
// Calls between JavaScript and WebAssembly cost tens of nanoseconds each, more than a
// short block runs; here they are paid once per chain.

import type { Cpu } from '../../cpu';
import { BLOCK_TABLE_ENTRIES, BLOCK_TABLE_ENTRY_BYTES, FP_ACCESS, FP_NEAREST, FP_NO_FLUSH, FP_SETTLED, STATE_FP, STATE_NZCV, STATE_RETIRED, STATE_SLOW_EXIT, blockTableOffset } from '../../cpuStateArea';
import { FPCR_FZ, FPCR_RMODE_SHIFT, FPSR_IXC } from '../../encodings/simdFp/fpControl';
import { FPEN_NO_TRAP } from '../blockWriter';
import { BLOCK_FUNCTION_TYPE } from './wasmBlockWriter';
import { Code, ValType, callIndirect, control, f64, i32, localGet, localSet } from './wasmCode';
import { moduleBytes } from './wasmModule';

/** A block function: (state, budget, nzcv) -> next pc; the retired count and NZCV are left in the state area. */
export type BlockCode = (state: number, budget: number, nzcv: number) => number;
/** The dispatcher: the same, starting with the block in function-table `slot`. */
type Dispatcher = (state: number, budget: number, nzcv: number, slot: number) => number;

const WASM_PAGE_SIZE = 65536;
const DISPATCHER_TYPE = { params: [ValType.I32, ValType.I32, ValType.I32, ValType.I32], results: [ValType.F64] };

// The dispatcher's parameters and locals.
const STATE = 0;
const BUDGET = 1;
const NZCV = 2;
const SLOT = 3;
const PC = 4;
const RETIRED = 5;
const RAN = 6;
const OFFSET = 7;
const ENTRY = 8;

/** The dispatcher's body: call the first block, then follow the chain through the block table. */
function dispatcherBody(ramBase: number, ramSize: number, tableOffset: number): Code {
  const state = localGet(STATE);
  const callBlock = (slot: Code) => localSet(PC, callIndirect(0, [state, localGet(BUDGET), localGet(NZCV)], slot));
  const entryWord = (offset: number) => i32.load(localGet(ENTRY), offset);
  return [
    callBlock(localGet(SLOT)),
    control.loop(),
    localSet(RAN, i32.load(state, STATE_RETIRED)),
    localSet(RETIRED, i32.add(localGet(RETIRED), localGet(RAN))),
    localSet(BUDGET, i32.sub(localGet(BUDGET), localGet(RAN))),
    localSet(NZCV, i32.load(state, STATE_NZCV)),
    control.block(),
    // A block that left before its first instruction hands it to the interpreter.
    control.br_if(0, i32.eqz(localGet(RAN))),
    control.br_if(0, i32.eqz(f64.ge(localGet(PC), f64.const(ramBase)))),
    control.br_if(0, i32.eqz(f64.lt(localGet(PC), f64.const(ramBase + ramSize)))),
    localSet(OFFSET, i32.trunc_f64_u(f64.sub(localGet(PC), f64.const(ramBase)))),
    control.br_if(0, i32.and(localGet(OFFSET), i32.const(3))),
    localSet(ENTRY, i32.add(state, i32.add(i32.const(tableOffset), i32.mul(i32.and(i32.shr_u(localGet(OFFSET), i32.const(2)), i32.const(BLOCK_TABLE_ENTRIES - 1)), i32.const(BLOCK_TABLE_ENTRY_BYTES))))),
    control.br_if(0, i32.ne(entryWord(0), i32.add(localGet(OFFSET), i32.const(1)))),
    control.br_if(0, i32.gt_s(entryWord(8), localGet(BUDGET))),
    callBlock(entryWord(4)),
    control.br(1),
    control.end,
    control.end,
    i32.store(state, localGet(RETIRED), STATE_RETIRED),
    localGet(PC),
  ];
}

/** Compiled dispatchers by memory size and RAM placement. */
const dispatcherModules = new Map<string, WebAssembly.Module>();

function dispatcherModule(pages: number, ramBase: number, ramSize: number): WebAssembly.Module {
  const key = `${pages}:${ramBase}:${ramSize}`;
  let module = dispatcherModules.get(key);
  if (module === undefined) {
    const body = dispatcherBody(ramBase, ramSize, blockTableOffset(ramSize));
    const locals = [ValType.F64, ValType.I32, ValType.I32, ValType.I32, ValType.I32];
    module = new WebAssembly.Module(moduleBytes({
      types: [BLOCK_FUNCTION_TYPE, DISPATCHER_TYPE],
      memoryPages: pages,
      table: true,
      functions: [{ type: 1, locals, body }],
    }));
    dispatcherModules.set(key, module);
  }
  return module;
}

const SETTLED_FPCR_MASK = FPCR_FZ | (3 << FPCR_RMODE_SHIFT);

/** STATE_FP for the CPU's current CPACR_EL1, FPCR and FPSR (nothing a block runs changes them). */
function fpState(cpu: Cpu): number {
  const access = (cpu.cpacrEl1 & FPEN_NO_TRAP) === FPEN_NO_TRAP ? FP_ACCESS : 0;
  const nearest = (cpu.fpcr & SETTLED_FPCR_MASK) === 0 ? FP_NEAREST : 0;
  const settled = (cpu.fpsr & FPSR_IXC) !== 0 && nearest !== 0 ? FP_SETTLED : 0;
  const noFlush = (cpu.fpcr & FPCR_FZ) === 0 ? FP_NO_FLUSH : 0;
  return access | settled | noFlush | nearest;
}

export class WasmBlockTable {
  private readonly table = new WebAssembly.Table({ element: 'anyfunc', initial: 64 });
  private readonly dispatch: Dispatcher;
  /** The block table: four words per entry (see cpuStateArea.ts). */
  private readonly entries: Int32Array;
  private readonly freeSlots: number[] = [];
  /** Slot 0 stays empty. */
  private nextSlot = 1;
  readonly state: number;
  /** The memory's size in WebAssembly pages (it never grows), which modules declare for their import. */
  readonly memoryPages: number;

  constructor(private readonly cpu: Cpu, readonly memory: WebAssembly.Memory, state: number) {
    this.state = state;
    this.memoryPages = memory.buffer.byteLength / WASM_PAGE_SIZE;
    const instance = new WebAssembly.Instance(dispatcherModule(this.memoryPages, cpu.ramBase, cpu.ramSize), { env: { memory, table: this.table } });
    this.dispatch = instance.exports.f0 as Dispatcher;
    // Empty: a previous engine of this CPU removed its blocks when it dropped them all.
    this.entries = new Int32Array(memory.buffer, state + blockTableOffset(cpu.ramSize), BLOCK_TABLE_ENTRIES * BLOCK_TABLE_ENTRY_BYTES / 4);
  }

  /** Puts a block function in the table; returns its slot. */
  add(start: number, length: number, code: BlockCode): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.nextSlot++;
      if (slot >= this.table.length) this.table.grow(this.table.length);
    }
    this.table.set(slot, code);
    const offset = start - this.cpu.ramBase;
    const entry = this.entryIndex(offset);
    this.entries[entry] = offset + 1;
    this.entries[entry + 1] = slot;
    this.entries[entry + 2] = length;
    return slot;
  }

  /** Takes a dropped block out of the table (and out of the block table if its entry is still its own). */
  remove(start: number, slot: number): void {
    const offset = start - this.cpu.ramBase;
    const entry = this.entryIndex(offset);
    if (this.entries[entry] === offset + 1 && this.entries[entry + 1] === slot) this.entries[entry] = 0;
    this.table.set(slot, null);
    this.freeSlots.push(slot);
  }

  /** Told of a block (by its RAM offset) that left for the interpreter mid-way. */
  onSlowExit: ((offset: number) => void) | undefined;

  /** Runs the block in `slot` and the chain after it; returns the next pc. */
  run(slot: number, limit: number): number {
    const cpu = this.cpu;
    const budget = Math.min(limit - cpu.instructions, 0x3fff_ffff);
    const words = cpu.stateWords;
    words[STATE_FP / 4] = fpState(cpu);
    const next = this.dispatch(this.state, budget, (cpu.n << 3) | (cpu.z << 2) | (cpu.c << 1) | cpu.v, slot);
    cpu.instructions += words[STATE_RETIRED / 4];
    const slowExit = words[STATE_SLOW_EXIT / 4];
    if (slowExit !== 0) {
      words[STATE_SLOW_EXIT / 4] = 0;
      this.onSlowExit?.(slowExit - 1);
    }
    const nzcv = words[STATE_NZCV / 4];
    cpu.n = nzcv >>> 3;
    cpu.z = (nzcv >>> 2) & 1;
    cpu.c = (nzcv >>> 1) & 1;
    cpu.v = nzcv & 1;
    return next;
  }

  private entryIndex(offset: number): number {
    return ((offset >>> 2) & (BLOCK_TABLE_ENTRIES - 1)) * (BLOCK_TABLE_ENTRY_BYTES / 4);
  }
}
