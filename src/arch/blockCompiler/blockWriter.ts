// Builds the JavaScript source of one compiled block. Guest registers used by the block
// live in int32 locals xNl/xNh (bits 31:0 and 63:32 of slot N) for the whole block: read
// from cpu.WS on entry, written back at every exit and before every call into the
// interpreter, so an exception raised by that call (an abort, an MMIO exit, UNDEFINED)
// finds exact architectural state: registers, NZCV, pc and cpu.instructions.
//
// Parts of the source depend on facts known only once the whole block is translated
// (which registers need loading, the loop's pending flag kind); those parts are thunks
// resolved by `source()`.

import type { BlockPlan, GuestInstruction } from './blockPlan';
import { FLAGS_IN_CPU, FlagOp, FlagState, PendingFlags, conditionFromCpu, conditionFromPending, materialize, samePending } from './lazyFlags';
import { Halves } from './split64';
import { DISCARD, ZR } from '../registerSlots';

export type Piece = string | (() => string);

/** Where guest RAM is, for the inline fast paths. */
export interface RamLayout {
  readonly base: number;
  readonly size: number;
}

const TEMPORARIES = 't0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, tw = 0, v0 = 0, v1 = 0, v2 = 0, v3 = 0, o = 0, ad = 0, bt = 0';

export class BlockWriter {
  private readonly pieces: Piece[] = [];
  /** Slots with locals. */
  private readonly used = new Set<number>();
  /**
   * Slots loaded on entry: in a loop, every slot used (the shared epilogue writes back
   * every written slot); in a straight block, those read before they are written.
   */
  private readonly loaded = new Set<number>();
  /** Slots written by translated code (so far, in a straight block). */
  private readonly written = new Set<number>();
  private flagState: FlagState = FLAGS_IN_CPU;
  /** The pending kind the loop's back edges leave in fa/fb (decided by the first such edge). */
  private loopPending: PendingFlags | undefined;
  /**
   * After a call into the interpreter, cpu.WS holds the registers and the locals are
   * stale until `refresh()` reloads them; consecutive calls (SIMD&FP runs) share one sync.
   */
  private registersInCpu = false;
  /** The instruction being translated. */
  instruction!: GuestInstruction;
  index = 0;

  constructor(readonly plan: BlockPlan, readonly ram: RamLayout) {
    if (plan.loops) this.flagState = { kind: 'loopEntry' };
  }

  /** Instructions in one pass through the block (what the dispatcher checks against the budget). */
  get length(): number {
    return this.plan.instructions.length;
  }

  begin(instruction: GuestInstruction, index: number): void {
    this.instruction = instruction;
    this.index = index;
    this.emit(`// ${instruction.pc.toString(16)}: ${instruction.name ?? 'undefined'}`);
  }

  emit(piece: Piece): void {
    this.pieces.push(piece);
  }

  // ---- Registers ------------------------------------------------------------------------

  /** Reads slot n (0..31, or ZR) as halves. */
  reg(slot: number): Halves {
    if (slot === ZR) return { lo: '0', hi: '0' };
    this.used.add(slot);
    if (this.plan.loops || !this.written.has(slot)) this.loaded.add(slot);
    return { lo: `x${slot}l`, hi: `x${slot}h` };
  }

  /** Writes slot n (0..31, or DISCARD); the expressions may read any local, including slot n's. */
  setReg(slot: number, value: Halves): void {
    if (slot === DISCARD) return;
    this.used.add(slot);
    if (this.plan.loops) this.loaded.add(slot);
    this.written.add(slot);
    const lo = `x${slot}l`;
    const hi = `x${slot}h`;
    if (value.lo === lo && value.hi === hi) return;
    const hiReadsLo = mentions(value.hi, lo);
    if (!hiReadsLo) this.emit(`${lo} = ${value.lo}; ${hi} = ${value.hi};`);
    else if (!mentions(value.lo, hi)) this.emit(`${hi} = ${value.hi}; ${lo} = ${value.lo};`);
    else this.emit(`tw = ${value.lo}; ${hi} = ${value.hi}; ${lo} = tw;`);
  }

  /** Writes a 32-bit result: bits 63:32 become zero. */
  setReg32(slot: number, lo: string): void {
    this.setReg(slot, { lo, hi: '0' });
  }

  // ---- Flags ------------------------------------------------------------------------------

  /** Records a flag-setting operation whose operands the caller has just put in fa/fb(/fah/fbh). */
  setPendingFlags(op: FlagOp, wide: boolean): void {
    this.flagState = { kind: 'pending', pending: { op, wide } };
  }

  /** Records that an instruction wrote cpu.n/z/c/v directly. */
  setFlagsInCpu(): void {
    this.flagState = FLAGS_IN_CPU;
  }

  /** A boolean expression for ConditionHolds(cond); may first emit code that moves flags to cpu. */
  condition(cond: number): string {
    const state = this.flagState;
    if (state.kind === 'pending') return conditionFromPending(state.pending, cond);
    if (state.kind === 'loopEntry') {
      this.emit(this.loopEntryFlagsToCpu());
      this.flagState = FLAGS_IN_CPU;
    }
    return conditionFromCpu(cond);
  }

  /** Code that makes cpu.n/z/c/v hold NZCV at this point (the compile-time state is unchanged). */
  flagsToCpu(): Piece {
    const state = this.flagState;
    if (state.kind === 'pending') return materialize(state.pending);
    if (state.kind === 'loopEntry') return this.loopEntryFlagsToCpu();
    return '';
  }

  /** Emits flagsToCpu() and notes that NZCV is now in cpu (for instructions that read cpu.n/z/c/v). */
  moveFlagsToCpu(): void {
    this.emit(this.flagsToCpu());
    this.flagState = FLAGS_IN_CPU;
  }

  private loopEntryFlagsToCpu(): Piece {
    return () => (this.loopPending === undefined ? '' : `if (fp === 1) { ${materialize(this.loopPending)} fp = 0; }`);
  }

  // ---- Exits and calls into the interpreter --------------------------------------------

  /** Reloads the locals after calls into the interpreter; call before translating an instruction inline. */
  refresh(): void {
    if (!this.registersInCpu) return;
    this.emit(() => loadRegisters([...this.used]));
    this.registersInCpu = false;
  }

  /**
   * Statements writing the registers the block has changed back to cpu.WS: in a loop,
   * every register it writes (all are loaded on entry, so all are valid); in a straight
   * block, those written so far.
   */
  private writeBack(): Piece {
    if (this.plan.loops) return () => storeRegisters([...this.written]);
    return storeRegisters([...this.written]);
  }

  /**
   * Leaves the block: `count` instructions of this pass retired, execution continues at
   * `target`. A loop writes its registers back once, after its labelled block `body`.
   */
  exit(count: number, target: string): void {
    this.emitAll(this.exitCode(count, target));
  }

  private exitCode(count: number, target: string): Piece[] {
    if (this.registersInCpu) return [`cpu.instructions = ic + ${count}; return ${target};`];
    if (this.plan.loops) return [this.flagsToCpu(), `nx = ${target}; nc = ${count}; break body;`];
    return [this.flagsToCpu(), this.writeBack(), `cpu.instructions = ic + ${count}; return ${target};`];
  }

  /** A direct branch taken after `count` instructions: a back edge when it targets the block start. */
  branchTo(count: number, target: number): void {
    if (target === this.plan.start && this.plan.loops) this.backEdge(count);
    else this.exit(count, String(target));
  }

  /** A branch to a computed address (in `ad`): a back edge when it is the block start. */
  branchToComputed(count: number, target: string): void {
    if (!this.plan.loops) { this.exit(count, target); return; }
    this.emit(`ad = ${target}; if (ad === ${this.plan.start}) {`);
    this.backEdge(count);
    this.emit('}');
    this.exit(count, 'ad');
  }

  /** Starts the next pass of the loop, or leaves when the budget cannot cover a whole pass. */
  private backEdge(count: number): void {
    const state = this.flagState;
    if (state.kind === 'pending') {
      this.loopPending ??= state.pending;
      if (samePending(this.loopPending, state.pending)) this.emit('fp = 1;');
      else this.emit(`${materialize(state.pending)} fp = 0;`);
    } else if (state.kind === 'cpu') {
      this.emit('fp = 0;');
    }
    this.emit(`ic += ${count};`);
    this.emit(`if (ic + ${this.length} > limit) {`);
    const saved = this.flagState;
    this.flagState = { kind: 'loopEntry' };
    this.exit(0, String(this.plan.start));
    this.flagState = saved;
    this.emit('} continue;');
  }

  /**
   * The slow path of an inline memory access (for the else branch of its fast-path test):
   * leave the block before the instruction, so the dispatcher runs it through the
   * interpreter - faults, MMIO and stores into pages holding code all behave exactly so.
   */
  slowPath(): Piece[] {
    return this.exitCode(this.index, String(this.instruction.pc));
  }

  emitAll(pieces: Piece[]): void {
    for (const piece of pieces) this.emit(piece);
  }

  /** Statements preparing a call of this instruction's executor (E[index]). */
  private callPrologue(setNextPc: boolean): Piece[] {
    const pc = this.instruction.pc;
    return [
      this.flagsToCpu(),
      this.registersInCpu ? '' : this.writeBack(),
      `cpu.pc = ${pc};${setNextPc ? ` cpu.nextPc = ${pc + 4};` : ''} cpu.instructions = ic + ${this.index};`,
    ];
  }

  /**
   * Runs this instruction through the interpreter's executor, in the middle of the block.
   * Data-processing instructions can neither branch nor store; a load/store may have
   * written a page holding code (maybe this block's), and then the block ends after it.
   */
  fallback(): void {
    const group = (this.instruction.word >>> 25) & 0xf;
    const dataProcessing = (group & 0b1110) === 0b1000 || (group & 0b0111) === 0b0101 || (group & 0b0111) === 0b0111;
    const loadStore = (group & 0b0101) === 0b0100;
    this.emitAll(this.callPrologue(!dataProcessing && !loadStore));
    const call = `E[${this.index}](cpu);`;
    const next = this.instruction.pc + 4;
    const leave = `{ cpu.instructions = ic + ${this.index + 1}; return cpu.nextPc; }`;
    if (dataProcessing) this.emit(call);
    else if (loadStore) this.emit(`fi = cpu.codeInvalidations; ${call} if (cpu.codeInvalidations !== fi) { cpu.instructions = ic + ${this.index + 1}; return ${next}; }`);
    else this.emit(`fi = cpu.codeInvalidations; ${call} if (cpu.nextPc !== ${next} || cpu.codeInvalidations !== fi) ${leave}`);
    this.registersInCpu = true;
    this.flagState = FLAGS_IN_CPU;
  }

  /** Runs this instruction through the interpreter's executor as the block's last one. */
  fallbackAndLeave(): void {
    this.emitAll(this.callPrologue(true));
    this.emit(`E[${this.index}](cpu); cpu.instructions = ic + ${this.index + 1}; return cpu.nextPc;`);
  }

  // ---- The finished source --------------------------------------------------------------

  /** The body of `function (cpu, limit)`. */
  source(): string {
    const body = this.pieces.map((p) => (typeof p === 'string' ? p : p())).join('\n');
    const declarations = [...this.used].sort((a, b) => a - b).map((s) =>
      (this.loaded.has(s) ? `x${s}l = WS[${2 * s}], x${s}h = WS[${2 * s + 1}]` : `x${s}l = 0, x${s}h = 0`));
    const lines = [
      declarations.length > 0 ? `let ${declarations.join(', ')};` : '',
      'let ic = cpu.instructions;',
      'let fa = 0, fb = 0, fah = 0, fbh = 0, fr = 0, fp = 0, fi = 0, nx = 0, nc = 0;',
      `let ${TEMPORARIES};`,
    ];
    if (this.plan.loops) {
      lines.push(`body: for (;;) {\n${body}\n}`, storeRegisters([...this.written]), 'cpu.instructions = ic + nc;', 'return nx;');
    } else {
      lines.push(body);
    }
    return lines.join('\n');
  }
}

function mentions(expression: string, identifier: string): boolean {
  return new RegExp(`\\b${identifier}\\b`).test(expression);
}

function storeRegisters(slots: number[]): string {
  return slots.map((s) => `WS[${2 * s}] = x${s}l; WS[${2 * s + 1}] = x${s}h;`).join(' ');
}

function loadRegisters(slots: number[]): string {
  return slots.map((s) => `x${s}l = WS[${2 * s}]; x${s}h = WS[${2 * s + 1}];`).join(' ');
}
