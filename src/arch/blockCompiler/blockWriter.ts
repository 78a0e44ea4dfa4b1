// Builds the JavaScript source of one compiled block. Guest registers used by the block
// live in int32 locals xNl/xNh (bits 31:0 and 63:32 of slot N) for the whole block: read
// from cpu.WS on entry, and written back by the one epilogue every exit breaks to, and
// before every call into the interpreter - so an exception raised by that call (an abort,
// UNDEFINED, an FP trap) finds exact architectural state: registers, NZCV, pc and
// cpu.instructions. Memory accesses that miss the inline fast path leave the block before
// the instruction, and the dispatcher interprets it.
//
// Parts of the source depend on facts known only once the whole block is translated
// (the registers it writes, the pending flag kinds its exits record); those parts are
// thunks resolved by `source()`.

import type { BlockPlan, GuestInstruction } from './blockPlan';
import { FLAGS_AT_RUN_TIME, FLAGS_IN_CPU, FlagOp, FlagState, PendingFlags, conditionFromCpu, conditionFromPending, materialize } from './lazyFlags';
import { Halves } from './split64';
import { DISCARD, ZR } from '../registerSlots';
import { SETTLED_STATE } from './translateFloatingPoint';
import { LANE_TEMPORARIES } from './vectorFpLanes';

export type Piece = string | (() => string);

/** Where guest RAM is, for the inline fast paths. */
export interface RamLayout {
  readonly base: number;
  readonly size: number;
  /** Watchpoints are enabled: every inline access first tests that its pages are not watched (cpu.watchedPages). */
  readonly watched: boolean;
}

const TEMPORARIES = 't0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, tw = 0, v0 = 0, v1 = 0, v2 = 0, v3 = 0, o = 0, ad = 0, bt = 0, qq = 0.5';
/** Floating-point temporaries (operands, result, vector lanes) and whether FP arithmetic is settled (translateFloatingPoint.ts). */
const FP_TEMPORARIES = `qa = 0.5, qb = 0.5, qc = 0.5, qr = 0.5, ${LANE_TEMPORARIES}, st = ${SETTLED_STATE}`;
/** CPACR_EL1.FPEN = 0b11: SIMD&FP instructions do not trap at any EL. */
export const FPEN_NO_TRAP = 0x300000;

export class BlockWriter {
  private readonly pieces: Piece[] = [];
  /** Slots with locals: loaded on entry, so every exit may write them all back. */
  private readonly used = new Set<number>();
  /** Slots written by translated code: written back by the epilogue and before calls. */
  private readonly written = new Set<number>();
  /**
   * Slots written since cpu.WS last held every local (a call's sync or reload), which is
   * all a call needs written back; undefined until the first sync of a loop block, whose
   * back edge may bring in any slot the body writes.
   */
  private dirty: Set<number> | undefined;
  private flagState: FlagState;
  /** Pending kinds that an exit or back edge may leave in `fp` (the epilogue materialises them). */
  private readonly runtimeKinds = new Map<number, PendingFlags>();
  /**
   * After a call into the interpreter, cpu.WS holds the registers and the locals are
   * stale until `refresh()` reloads them; consecutive calls (SIMD&FP runs) share one sync.
   */
  private registersInCpu = false;
  /** The block reads or writes SIMD&FP registers (through the views VW/VD/VS). */
  private usesVectors = false;
  /** CPACR_EL1.FPEN has been checked earlier in the block (nothing in a block can change it). */
  private fpAccessChecked = false;
  /** The block reads or writes 8- or 16-bit vector elements (through the views VB/VH). */
  private usesLaneViews = false;
  /** The instruction being translated. */
  instruction!: GuestInstruction;
  index = 0;

  constructor(readonly plan: BlockPlan, readonly ram: RamLayout) {
    // fp starts at 0 (NZCV in cpu); a loop body starts with whatever the back edge left there.
    this.flagState = plan.loops ? FLAGS_AT_RUN_TIME : FLAGS_IN_CPU;
    // A straight block starts with the locals just loaded from cpu.WS.
    this.dirty = plan.loops ? undefined : new Set();
  }

  /** Instructions in one pass through the block (what the dispatcher checks against the budget). */
  get length(): number {
    return this.plan.instructions.length;
  }

  begin(instruction: GuestInstruction, index: number): void {
    this.instruction = instruction;
    this.index = index;
    // The word is part of the source, so equal sources mean equal code (see compileBlock).
    this.emit(`// ${instruction.pc.toString(16)}: ${(instruction.word >>> 0).toString(16).padStart(8, '0')} ${instruction.name ?? 'undefined'}`);
  }

  emit(piece: Piece): void {
    this.pieces.push(piece);
  }

  emitAll(pieces: Piece[]): void {
    for (const piece of pieces) this.emit(piece);
  }

  // ---- Registers ------------------------------------------------------------------------

  /** Reads slot n (0..31, or ZR) as halves. */
  reg(slot: number): Halves {
    if (slot === ZR) return { lo: '0', hi: '0' };
    this.used.add(slot);
    return { lo: `x${slot}l`, hi: `x${slot}h` };
  }

  /** Writes slot n (0..31, or DISCARD); the expressions may read any local, including slot n's. */
  setReg(slot: number, value: Halves): void {
    if (slot === DISCARD) return;
    this.used.add(slot);
    this.written.add(slot);
    this.dirty?.add(slot);
    const lo = `x${slot}l`;
    const hi = `x${slot}h`;
    if (value.lo === lo && value.hi === hi) return;
    if (!mentions(value.hi, lo)) this.emit(`${lo} = ${value.lo}; ${hi} = ${value.hi};`);
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
    if (state.kind === 'runTime') {
      this.emit(this.runTimeFlagsToCpu());
      this.flagState = FLAGS_IN_CPU;
    }
    return conditionFromCpu(cond);
  }

  /** Code that makes cpu.n/z/c/v hold NZCV here, for a call into the interpreter. */
  private flagsToCpu(): Piece {
    const state = this.flagState;
    if (state.kind === 'pending') return materialize(state.pending);
    if (state.kind === 'runTime') return this.runTimeFlagsToCpu();
    return '';
  }

  /** Statements recording in `fp` where NZCV is when the block is left (or loops) here. */
  private flagsAtExit(): string {
    const state = this.flagState;
    if (state.kind === 'pending') {
      const code = pendingCode(state.pending);
      this.runtimeKinds.set(code, state.pending);
      return `fp = ${code};`;
    }
    return state.kind === 'cpu' ? 'fp = 0;' : '';
  }

  /** Materialises the pending kind recorded in `fp`, if any (a thunk: the kinds are known at the end). */
  private runTimeFlagsToCpu(): () => string {
    return () => {
      if (this.runtimeKinds.size === 0) return '';
      const cases = [...this.runtimeKinds].map(([code, p]) => `case ${code}: ${materialize(p)} break;`);
      return `switch (fp) { ${cases.join(' ')} } fp = 0;`;
    };
  }

  // ---- SIMD&FP ------------------------------------------------------------------------------

  /**
   * Before the block's first SIMD&FP instruction: unless CPACR_EL1.FPEN lets every EL use
   * SIMD&FP, leave the block there so that the interpreter takes (or checks for) the trap.
   * Also makes the register views VW/VD/VS available to the generated code.
   */
  checkFpAccess(): void {
    this.usesVectors = true;
    if (this.fpAccessChecked) return;
    this.fpAccessChecked = true;
    this.emit(`if ((cpu.cpacrEl1 & ${FPEN_NO_TRAP}) !== ${FPEN_NO_TRAP}) {`);
    this.emitAll(this.slowPath());
    this.emit('}');
  }

  /** checkFpAccess(), and makes the 8- and 16-bit element views VB/VH available too. */
  useLaneViews(): void {
    this.checkFpAccess();
    this.usesLaneViews = true;
  }

  /**
   * Runs a SIMD&FP data-processing instruction that touches no general register and no
   * NZCV through its executor: no registers or flags to sync, and (FPEN checked) nothing
   * it can raise.
   */
  vectorFallback(): void {
    this.checkFpAccess();
    this.emit(`E[${this.index}](cpu);`);
  }

  // ---- Exits and calls into the interpreter --------------------------------------------

  /** Emits `if (condition) { then() }`. */
  ifThen(condition: string, then: () => void): void {
    this.emit(`if (${condition}) {`);
    then();
    this.emit('}');
  }

  /** The condition that holds when `condition` does not. */
  not(condition: string): string {
    return `!(${condition})`;
  }

  /** Reloads the locals after calls into the interpreter; call before translating an instruction inline. */
  refresh(): void {
    if (!this.registersInCpu) return;
    this.emit(() => loadRegisters([...this.used]));
    this.registersInCpu = false;
  }

  /**
   * Leaves the block: `count` instructions of this pass retired, execution continues at
   * `target`. The epilogue after the labelled statement `body` writes the registers back
   * and materialises the flags recorded in `fp`.
   */
  exit(count: number, target: string): void {
    this.emitAll(this.exitCode(count, target));
  }

  private exitCode(count: number, target: string): Piece[] {
    if (this.registersInCpu) return [`cpu.instructions = ic + ${count}; return ${target};`];
    return [`${this.flagsAtExit()} nx = ${target}; nc = ${count}; break body;`];
  }

  /** A direct branch taken after `count` instructions: a back edge when it targets the block start. */
  branchTo(count: number, target: number): void {
    if (target === this.plan.start && this.plan.loops) this.backEdge(count);
    else this.exit(count, String(target));
  }

  /**
   * After a branch the trace follows: the next instruction of the block is its target,
   * unless the block ends here (length cap), and then the block is left for the target.
   */
  continueAt(count: number, target: number): void {
    if (count === this.length) this.exit(count, String(target));
  }

  /**
   * After the block's last instruction, when it does not branch: the next pass of the loop
   * when the trace came back to the start, else an exit to `next`.
   */
  fallThrough(count: number, next: number): void {
    if (next !== this.plan.start || !this.plan.loops) {
      this.exit(count, String(next));
      return;
    }
    // The loop body starts with the registers in the locals.
    this.refresh();
    this.backEdge(count);
  }

  /** A branch to a computed address: a back edge when it is the block start. */
  branchToComputed(count: number, target: string): void {
    if (!this.plan.loops) { this.exit(count, target); return; }
    this.emit(`ad = ${target}; if (ad === ${this.plan.start}) {`);
    this.backEdge(count);
    this.emit('}');
    this.exit(count, 'ad');
  }

  /** Starts the next pass of the loop, or leaves when the budget cannot cover a whole pass. */
  private backEdge(count: number): void {
    this.emit(`${this.flagsAtExit()} ic += ${count}; if (ic + ${this.length} > limit) { nx = ${this.plan.start}; nc = 0; break body; } continue;`);
  }

  /**
   * The slow path of an inline memory access (for the else branch of its fast-path test):
   * leave the block before the instruction, so the dispatcher runs it through the
   * interpreter - faults, MMIO and stores into pages holding code all behave exactly so.
   */
  slowPath(): Piece[] {
    return this.exitCode(this.index, String(this.instruction.pc));
  }

  /** Writes back what changed since the last sync (in a loop block before its first sync: everything written). */
  private storeDirtyRegisters(): Piece {
    const dirty = this.dirty;
    this.dirty = new Set();
    if (dirty === undefined) return () => storeRegisters([...this.written]);
    return storeRegisters([...dirty]);
  }

  /** Statements preparing a call of this instruction's executor (E[index]). */
  private callPrologue(setNextPc: boolean): Piece[] {
    const pc = this.instruction.pc;
    return [
      this.flagsToCpu(),
      this.registersInCpu ? '' : this.storeDirtyRegisters(),
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
    const declarations = [...this.used].sort((a, b) => a - b).map((s) => `x${s}l = WS[${2 * s}], x${s}h = WS[${2 * s + 1}]`);
    return [
      `const WS = cpu.WS, dv = cpu.ram, F = cpu.codePageFlags${this.ram.watched ? ', WP = cpu.watchedPages' : ''};`,
      this.usesVectors ? `const VW = cpu.V32, VD = cpu.VF64, VS = cpu.VF32; let ${FP_TEMPORARIES};` : '',
      this.usesLaneViews ? 'const VB = cpu.V8, VH = cpu.V16;' : '',
      declarations.length > 0 ? `let ${declarations.join(', ')};` : '',
      'let ic = cpu.instructions;',
      'let fa = 0, fb = 0, fah = 0, fbh = 0, fr = 0, fp = 0, fi = 0, nx = 0, nc = 0;',
      `let ${TEMPORARIES};`,
      this.plan.loops ? `body: for (;;) {\n${body}\n}` : `body: {\n${body}\n}`,
      // Every exit comes here: flags recorded in fp, registers, the count, the next address.
      this.runTimeFlagsToCpu()(),
      storeRegisters([...this.written]),
      'cpu.instructions = ic + nc;',
      'return nx;',
    ].join('\n');
  }
}

/** The run-time code of a pending kind in `fp` (0 means NZCV is in cpu.n/z/c/v). */
function pendingCode(p: PendingFlags): number {
  return 1 + 2 * p.op + (p.wide ? 1 : 0);
}

/** Whether `expression` reads the local `identifier` (locals are letters and digits). */
function mentions(expression: string, identifier: string): boolean {
  for (let at = expression.indexOf(identifier); at >= 0; at = expression.indexOf(identifier, at + 1)) {
    const before = expression.charCodeAt(at - 1);
    const after = expression.charCodeAt(at + identifier.length);
    if (!isIdentifierCharacter(before) && !isIdentifierCharacter(after)) return true;
  }
  return false;
}

function isIdentifierCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function storeRegisters(slots: number[]): string {
  return slots.map((s) => `WS[${2 * s}] = x${s}l; WS[${2 * s + 1}] = x${s}h;`).join(' ');
}

function loadRegisters(slots: number[]): string {
  return slots.map((s) => `x${s}l = WS[${2 * s}]; x${s}h = WS[${2 * s + 1}];`).join(' ');
}
