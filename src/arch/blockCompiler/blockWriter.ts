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
import { DISCARD_SLOT, ZERO_SLOT } from '../encodings/integer/registerSlots';

export type Piece = string | (() => string);

/** Where guest RAM is, for the inline fast paths. */
export interface RamLayout {
  readonly base: number;
  readonly size: number;
}

const TEMPORARIES = 't0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, tw = 0, v0 = 0, v1 = 0, v2 = 0, v3 = 0, o = 0, ad = 0';

export class BlockWriter {
  private readonly pieces: Piece[] = [];
  /** Slots with locals. */
  private readonly used = new Set<number>();
  /** Slots whose value on entry may be read (loaded in the prologue). */
  private readonly loaded = new Set<number>();
  /** Slots written by translated code so far (program order). */
  private readonly written = new Set<number>();
  private flagState: FlagState = FLAGS_IN_CPU;
  /** The pending kind the loop's back edges leave in fa/fb (decided by the first such edge). */
  private loopPending: PendingFlags | undefined;
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
    if (slot === ZERO_SLOT) return { lo: '0', hi: '0' };
    this.used.add(slot);
    if (this.plan.loops || !this.written.has(slot)) this.loaded.add(slot);
    return { lo: `x${slot}l`, hi: `x${slot}h` };
  }

  /** Writes slot n (0..31, or DISCARD); the expressions may read any local, including slot n's. */
  setReg(slot: number, value: Halves): void {
    if (slot === DISCARD_SLOT) return;
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

  /** Statements writing the registers changed so far back to cpu.WS. */
  private writeBack(): Piece {
    const snapshot = this.plan.loops ? undefined : [...this.written];
    return () => storeRegisters(snapshot ?? [...this.written]);
  }

  /** Leaves the block: `count` instructions of this pass retired, execution continues at `target`. */
  exit(count: number, target: string): void {
    this.emitAll([this.flagsToCpu(), this.writeBack(), `cpu.instructions = ic + ${count}; return ${target};`]);
  }

  /** A direct branch taken after `count` instructions: a back edge when it targets the block start. */
  branchTo(count: number, target: number): void {
    if (target === this.plan.start && this.plan.loops) this.backEdge(count);
    else this.exit(count, String(target));
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

  /** Statements preparing a call of this instruction's executor (E[index]). */
  private callPrologue(): Piece[] {
    const pc = this.instruction.pc;
    return [this.flagsToCpu(), this.writeBack(), `cpu.pc = ${pc}; cpu.nextPc = ${pc + 4}; cpu.instructions = ic + ${this.index};`];
  }

  /**
   * The slow path of an inline memory access, to be emitted by the caller (in the else
   * branch of its fast-path test) after it has emitted the fast path: the interpreter's
   * executor performs the access (faults, MMIO, stores into pages holding code).
   * `writes` are the slots it changes. Call this before translating the fast path, so the
   * state it saves is the state before the instruction. A store may have dropped compiled
   * code, so the block then ends after it.
   */
  slowPath(writes: number[], mayWriteCode: boolean): Piece[] {
    const targets = writes.filter((s) => s !== DISCARD_SLOT && s !== ZERO_SLOT);
    const parts: Piece[] = [...this.callPrologue()];
    if (mayWriteCode) parts.push('fi = cpu.codeInvalidations;');
    parts.push(`E[${this.index}](cpu);`, loadRegisters(targets));
    if (mayWriteCode) {
      parts.push(`if (cpu.codeInvalidations !== fi) { cpu.instructions = ic + ${this.index + 1}; return ${this.instruction.pc + 4}; }`);
    }
    for (const s of targets) {
      this.used.add(s);
      if (this.plan.loops) this.loaded.add(s);
    }
    return parts;
  }

  emitAll(pieces: Piece[]): void {
    for (const piece of pieces) this.emit(piece);
  }

  /** Runs this instruction through the interpreter's executor, in the middle of the block. */
  fallback(): void {
    this.emitAll(this.callPrologue());
    this.emit(`fi = cpu.codeInvalidations; E[${this.index}](cpu);`);
    this.emit(() => loadRegisters([...this.used]));
    this.flagState = FLAGS_IN_CPU;
    const next = this.instruction.pc + 4;
    // Anything that branched or changed code ends the block after this instruction.
    this.emit(`if (cpu.nextPc !== ${next} || cpu.codeInvalidations !== fi) { cpu.instructions = ic + ${this.index + 1}; return cpu.nextPc; }`);
  }

  /** Runs this instruction through the interpreter's executor as the block's last one. */
  fallbackAndLeave(): void {
    this.emitAll(this.callPrologue());
    this.emit(`E[${this.index}](cpu); cpu.instructions = ic + ${this.index + 1}; return cpu.nextPc;`);
  }

  // ---- The finished source --------------------------------------------------------------

  /** The body of `function (cpu, limit)`. */
  source(): string {
    const body = this.pieces.map((p) => (typeof p === 'string' ? p : p())).join('\n');
    const declarations = [...this.used].sort((a, b) => a - b).map((s) =>
      this.loaded.has(s) ? `x${s}l = WS[${2 * s}], x${s}h = WS[${2 * s + 1}]` : `x${s}l = 0, x${s}h = 0`);
    const lines = [
      declarations.length > 0 ? `let ${declarations.join(', ')};` : '',
      'let ic = cpu.instructions;',
      'let fa = 0, fb = 0, fah = 0, fbh = 0, fr = 0, fp = 0, fi = 0;',
      `let ${TEMPORARIES};`,
      this.plan.loops ? `for (;;) {\n${body}\n}` : body,
    ];
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
