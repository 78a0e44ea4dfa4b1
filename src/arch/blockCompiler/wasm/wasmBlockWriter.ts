// Builds the WebAssembly function of one compiled block. The function's parameters are the
// CPU's state-area offset in guest memory (cpuStateArea.ts), the instruction budget and
// NZCV; guest registers used by the block are i64 locals for the whole block, read from
// the state area on entry and written back by the one epilogue every exit branches to,
// which also stores the instructions retired and NZCV for the caller (wasmBlockTable.ts). Every
// instruction is translated inline: a block holding anything else is not compiled here.
// Memory accesses that miss the fast path leave the block before the instruction, and the
// dispatcher interprets it - exactly as the JavaScript blocks do (blockWriter.ts).
//
//   block $exit (result f64)        ;; the next pc
//     loop $pass                    ;; when the block loops
//       ...instructions; an exit sets $count and branches out with the next pc
//     end
//   end
//   epilogue: registers, retired = $passes + $count, NZCV; return the next pc

import type { BlockPlan, GuestInstruction } from '../blockPlan';
import { FlagOp, PendingFlags } from '../lazyFlags';
import { DISCARD, ZR } from '../../registerSlots';
import { FP_ACCESS, FP_NEAREST, FP_NO_FLUSH, FP_SETTLED, STATE_CODE_PAGE_FLAGS, STATE_FP, STATE_NZCV, STATE_REGISTERS, STATE_RETIRED, STATE_SLOW_EXIT, STATE_VECTORS } from '../../cpuStateArea';
import { CODE_PAGE_SHIFT } from '../../memory';
import { Code, ValType, appendCode, control, f64, i32, i64, integerOps, integerType, localGet, localSet } from './wasmCode';
import type { WasmFunction } from './wasmModule';

/** Where RAM and the page flags are, for the inline fast paths. */
export interface WasmRamLayout {
  readonly base: number;
  readonly size: number;
  /** Watchpoints are enabled: accesses to pages marked in cpu.watchedPages leave the block. */
  readonly watched: boolean;
  /** Offset of cpu.watchedPages in the state area. */
  readonly watchedPagesOffset: number;
}

/** The function type of every block: (state, budget, nzcv) -> next pc. */
export const BLOCK_FUNCTION_TYPE = { params: [ValType.I32, ValType.I32, ValType.I32], results: [ValType.F64] };

const STATE = 0;
const BUDGET = 1;
const NZCV_IN = 2;
const PARAMS = 3;

/** Where NZCV is at a point of the generated code: in the local $nzcv, or pending in $fa/$fb. */
type FlagState = { readonly kind: 'local' } | { readonly kind: 'pending'; readonly pending: PendingFlags };
const FLAGS_IN_LOCAL: FlagState = { kind: 'local' };

export class WasmBlockWriter {
  private readonly locals: ValType[] = [];
  private readonly body: number[] = [];
  /** Structured instructions open inside the pass loop (or the exit block): what a branch's depth counts. */
  private depth = 0;
  private readonly registerLocals = new Map<number, number>();
  private readonly written = new Set<number>();
  private flagState: FlagState = FLAGS_IN_LOCAL;
  private readonly passes: number;
  private readonly count: number;
  private readonly nzcv: number;
  /** Operands of the pending flag-setting operation: 64-bit and 32-bit forms. */
  private readonly fa: number;
  private readonly fb: number;
  private readonly fa32: number;
  private readonly fb32: number;
  /** STATE_FP, read on entry when the block has SIMD&FP instructions. */
  private fpState: number | undefined;
  /** CPACR_EL1.FPEN has been checked earlier in the block (nothing in a block can change it). */
  private fpAccessChecked = false;
  instruction!: GuestInstruction;
  index = 0;

  /**
   * `exactFp`: FP arithmetic also takes exact results while FPSR.IXC is clear
   * (wasmFloatingPointValues.ts's settledResults). Blocks compiled once IXC is set leave that
   * code out: IXC stays set until the guest clears it, and the code costs every entry.
   */
  constructor(readonly plan: BlockPlan, readonly ram: WasmRamLayout, readonly exactFp = true) {
    this.passes = this.local(ValType.I32);
    this.count = this.local(ValType.I32);
    this.nzcv = this.local(ValType.I32);
    this.fa = this.local(ValType.I64);
    this.fb = this.local(ValType.I64);
    this.fa32 = this.local(ValType.I32);
    this.fb32 = this.local(ValType.I32);
  }

  /** Instructions in one pass through the block. */
  get length(): number {
    return this.plan.instructions.length;
  }

  begin(instruction: GuestInstruction, index: number): void {
    this.instruction = instruction;
    this.index = index;
  }

  emit(code: Code): void {
    appendCode(this.body, code);
  }

  /** A new local of `type` (locals are not reused: a block has a few dozen at most). */
  local(type: ValType): number {
    this.locals.push(type);
    return PARAMS + this.locals.length - 1;
  }

  /** Evaluates `value` once into a new local; returns the code that reads it. */
  let(type: ValType, value: Code): Code {
    const index = this.local(type);
    this.emit(localSet(index, value));
    return localGet(index);
  }

  // ---- Registers ------------------------------------------------------------------------

  private registerLocal(slot: number): number {
    let index = this.registerLocals.get(slot);
    if (index === undefined) {
      index = this.local(ValType.I64);
      this.registerLocals.set(slot, index);
    }
    return index;
  }

  /** X[slot] (0..31 with 31 = SP, or ZR). */
  x(slot: number): Code {
    return slot === ZR ? i64.const(0) : localGet(this.registerLocal(slot));
  }

  /** W[slot]: bits 31:0. */
  w(slot: number): Code {
    return slot === ZR ? i32.const(0) : i32.wrap_i64(this.x(slot));
  }

  setX(slot: number, value: Code): void {
    if (slot === DISCARD) return;
    this.written.add(slot);
    this.emit(localSet(this.registerLocal(slot), value));
  }

  /** Writes a 32-bit result: bits 63:32 become zero. */
  setW(slot: number, value: Code): void {
    this.setX(slot, i64.extend_i32_u(value));
  }

  // ---- SIMD&FP ----------------------------------------------------------------------------

  /** The byte address of V[reg] (an i32 base and a constant offset for a load or store). */
  vector(reg: number): [Code, number] {
    return [localGet(STATE), STATE_VECTORS + 16 * reg];
  }

  private fpWord(): Code {
    this.fpState ??= this.local(ValType.I32);
    return localGet(this.fpState);
  }

  /**
   * Before the block's first SIMD&FP instruction: unless CPACR_EL1.FPEN lets every EL use
   * SIMD&FP, leave the block there so that the interpreter takes (or checks for) the trap.
   */
  checkFpAccess(): void {
    const fp = this.fpWord();
    if (this.fpAccessChecked) return;
    this.fpAccessChecked = true;
    this.slowPathIf(i32.eqz(i32.and(fp, i32.const(FP_ACCESS))));
  }

  /** 1 when FP arithmetic is settled (see STATE_FP), else 0: a truth value to combine with others. */
  fpSettled(): Code {
    return this.fpFlag(FP_SETTLED);
  }

  /** 1 when FPCR rounds to nearest and FZ is clear (FPSR.IXC set or not), else 0. */
  fpNearest(): Code {
    return this.fpFlag(FP_NEAREST);
  }

  /** 1 when FPCR.FZ is clear, else 0. */
  fpNoFlush(): Code {
    return this.fpFlag(FP_NO_FLUSH);
  }

  /** 1 when `flag` is set in STATE_FP, else 0. */
  private fpFlag(flag: number): Code {
    return i32.ne(i32.and(this.fpWord(), i32.const(flag)), i32.const(0));
  }

  // ---- Flags ----------------------------------------------------------------------------

  /** A flag-setting operation on `a` and `b` (i64 when wide, else i32): NZCV is now pending. */
  setPendingFlags(op: FlagOp, wide: boolean, a: Code, b: Code): void {
    this.emit(localSet(wide ? this.fa : this.fa32, a));
    this.emit(localSet(wide ? this.fb : this.fb32, b));
    this.flagState = { kind: 'pending', pending: { op, wide } };
  }

  /** The locals the pending operands were just stored in (i64 when wide, else i32). */
  pendingOperands(wide: boolean): [Code, Code] {
    return wide ? [localGet(this.fa), localGet(this.fb)] : [localGet(this.fa32), localGet(this.fb32)];
  }

  /** Sets NZCV to `value` (i32: N in bit 3, Z 2, C 1, V 0). */
  setNzcv(value: Code): void {
    this.emit(localSet(this.nzcv, value));
    this.flagState = FLAGS_IN_LOCAL;
  }

  /** NZCV as an i32 (materialising pending flags). */
  nzcvValue(): Code {
    this.materializeFlags();
    return localGet(this.nzcv);
  }

  /** ConditionHolds(cond) as an i32 0/1. */
  condition(cond: number): Code {
    if ((cond >>> 1) === 7) return i32.const(1);
    const state = this.flagState;
    if (state.kind === 'pending') {
      const fused = this.fusedCondition(state.pending, cond & ~1);
      if (fused !== undefined) return (cond & 1) === 1 ? i32.eqz(fused) : fused;
      this.materializeFlags();
    }
    const test = conditionFromNzcv(localGet(this.nzcv), cond & ~1);
    return (cond & 1) === 1 ? i32.eqz(test) : test;
  }

  /** The even conditions with a short form on the pending operands. */
  private fusedCondition(p: PendingFlags, cond: number): Code | undefined {
    const [a, b] = this.pendingOperands(p.wide);
    const ops = integerOps(p.wide);
    const zero = ops.const(0);
    if (p.op === FlagOp.Sub) {
      switch (cond) {
        case 0: return ops.eq(a, b);
        case 2: return ops.ge_u(a, b);
        case 4: return ops.lt_s(ops.sub(a, b), zero);
        case 8: return ops.gt_u(a, b);
        case 10: return ops.ge_s(a, b);
        case 12: return ops.gt_s(a, b);
        default: return undefined;
      }
    }
    if (p.op === FlagOp.Logic) {
      switch (cond) {
        case 0: return ops.eqz(a);
        case 2: case 6: case 8: return i32.const(0);   // C = V = 0
        case 4: return ops.lt_s(a, zero);
        case 10: return ops.ge_s(a, zero);
        case 12: return ops.gt_s(a, zero);
        default: return undefined;
      }
    }
    switch (cond) {
      case 0: return ops.eqz(ops.add(a, b));
      case 4: return ops.lt_s(ops.add(a, b), zero);
      default: return undefined;
    }
  }

  /** Emits the computation of pending flags into $nzcv. */
  private materializeFlags(): void {
    const state = this.flagState;
    if (state.kind !== 'pending') return;
    this.emit(this.materializeCode(state.pending));
    this.flagState = FLAGS_IN_LOCAL;
  }

  /**
   * Computes pending flags into $nzcv on a path that leaves here (an exit, a back edge),
   * keeping the compile-time state: the path that continues still has them pending.
   */
  private materializeOnThisPath(): void {
    if (this.flagState.kind === 'pending') this.emit(this.materializeCode(this.flagState.pending));
  }

  /** Code that computes NZCV of a pending operation into $nzcv. */
  private materializeCode(p: PendingFlags): Code {
    const [a, b] = this.pendingOperands(p.wide);
    const ops = integerOps(p.wide);
    const zero = ops.const(0);
    const result = this.local(integerType(p.wide));
    const r = localGet(result);
    let computeResult: Code;
    let carry: Code;
    let overflow: Code;
    if (p.op === FlagOp.Logic) {
      computeResult = localSet(result, a);
      carry = i32.const(0);
      overflow = i32.const(0);
    } else if (p.op === FlagOp.Sub) {
      computeResult = localSet(result, ops.sub(a, b));
      carry = ops.ge_u(a, b);
      // The operands differ in sign and the result's sign differs from the first's.
      overflow = ops.lt_s(ops.and(ops.xor(a, b), ops.xor(a, r)), zero);
    } else {
      computeResult = localSet(result, ops.add(a, b));
      carry = ops.lt_u(r, a);
      overflow = ops.lt_s(ops.and(ops.xor(ops.xor(a, b), ops.const(-1)), ops.xor(a, r)), zero);
    }
    return [computeResult, localSet(this.nzcv, packedNzcv(p.wide, r, carry, overflow))];
  }

  // ---- Control ---------------------------------------------------------------------------

  /** Emits `if (condition) { then() }`. */
  ifThen(condition: Code, then: () => void): void {
    this.emit(control.if(condition));
    this.depth++;
    const flags = this.flagState;
    then();
    // Whatever the taken path did to the flags, the path that skipped it still has the old state.
    this.flagState = flags;
    this.depth--;
    this.emit(control.end);
  }

  /** The condition that holds when `condition` (an i32) does not. */
  not(condition: Code): Code {
    return i32.eqz(condition);
  }

  /** Branch depth of $exit from here. */
  private get exitDepth(): number {
    return this.depth + (this.plan.loops ? 1 : 0);
  }

  /** Leaves the block: `count` instructions of this pass retired, execution continues at `target` (an f64). */
  exit(count: number, target: Code): void {
    this.materializeOnThisPath();
    this.emit(localSet(this.count, i32.const(count)));
    this.emit([target, control.br(this.exitDepth)]);
  }

  /** Leaves for a constant address. */
  exitTo(count: number, target: number): void {
    this.exit(count, f64.const(target));
  }

  /** A direct branch taken after `count` instructions: a back edge when it targets the block start. */
  branchTo(count: number, target: number): void {
    if (target === this.plan.start && this.plan.loops) this.backEdge(count);
    else this.exitTo(count, target);
  }

  /** After a branch the trace follows: leave for the target only when the block ends here. */
  continueAt(count: number, target: number): void {
    if (count === this.length) this.exitTo(count, target);
  }

  /** After the block's last instruction when it does not branch: the next pass, or an exit to `next`. */
  fallThrough(count: number, next: number): void {
    if (next === this.plan.start && this.plan.loops) this.backEdge(count);
    else this.exitTo(count, next);
  }

  /** A branch to a computed address (an i64): a back edge when it is the block start. */
  branchToComputed(count: number, target: Code): void {
    const address = this.let(ValType.I64, target);
    if (this.plan.loops) this.ifThen(i64.eq(address, i64.const(this.plan.start)), () => this.backEdge(count));
    this.exit(count, f64.convert_i64_u(address));
  }

  /** Starts the next pass, or leaves for the start when the budget cannot cover one. */
  private backEdge(count: number): void {
    this.materializeOnThisPath();
    const passes = localGet(this.passes);
    this.emit(localSet(this.passes, i32.add(passes, i32.const(count))));
    this.ifThen(i32.gt_s(i32.add(passes, i32.const(this.length)), localGet(BUDGET)), () => {
      this.emit(localSet(this.count, i32.const(0)));
      this.emit([f64.const(this.plan.start), control.br(this.exitDepth)]);
    });
    this.emit(control.br(this.depth));
  }

  /**
   * Leaves the block before the current instruction (the interpreter then runs it) when
   * `condition` holds, noting the block in STATE_SLOW_EXIT (see BlockEngine.noteSlowExit).
   */
  slowPathIf(condition: Code): void {
    this.ifThen(condition, () => {
      this.emit(i32.store(localGet(STATE), i32.const(this.plan.start - this.ram.base + 1), STATE_SLOW_EXIT));
      this.exitTo(this.index, this.instruction.pc);
    });
  }

  // ---- Memory ----------------------------------------------------------------------------

  /**
   * The RAM offset (an i32 local) of an access of `bytes` whose RAM offset is `offset` (an
   * i64: the guest address minus RAM's base, exact). Leaves the block before the
   * instruction unless the access lies in RAM, and - for a store - touches no page holding
   * decoded code, and - with watchpoints - no watched page.
   */
  ramOffset(offset: Code, bytes: number, store: boolean): Code {
    const wide = this.let(ValType.I64, offset);
    this.slowPathIf(i64.gt_u(wide, i64.const(this.ram.size - bytes)));
    const o = this.let(ValType.I32, i32.wrap_i64(wide));
    if (store) this.slowPathIf(this.pageFlags(o, bytes, STATE_CODE_PAGE_FLAGS));
    if (this.ram.watched) this.slowPathIf(this.pageFlags(o, bytes, this.ram.watchedPagesOffset));
    return o;
  }

  /** The RAM offset of an access at X[base] + imm: base - (RAM base - imm), compared unsigned, is exact. */
  ramOffsetFrom(base: Code, imm: number, bytes: number, store: boolean): Code {
    return this.ramOffset(i64.sub(base, i64.const(this.ram.base - imm)), bytes, store);
  }

  /** Non-zero when a page flag (at `flagsOffset` in the state area) is set for the first or last byte. */
  private pageFlags(o: Code, bytes: number, flagsOffset: number): Code {
    const flag = (at: Code) => i32.load8_u(i32.add(localGet(STATE), i32.shr_u(at, i32.const(CODE_PAGE_SHIFT))), flagsOffset);
    return bytes === 1 ? flag(o) : i32.or(flag(o), flag(i32.add(o, i32.const(bytes - 1))));
  }

  // ---- The finished function ------------------------------------------------------------

  function(): WasmFunction {
    const prologue: Code[] = [];
    for (const [slot, index] of this.registerLocals) prologue.push(localSet(index, i64.load(localGet(STATE), STATE_REGISTERS + 8 * slot)));
    prologue.push(localSet(this.nzcv, localGet(NZCV_IN)));
    if (this.fpState !== undefined) prologue.push(localSet(this.fpState, i32.load(localGet(STATE), STATE_FP)));
    const nextPc = this.local(ValType.F64);
    // The next pc is on the stack.
    const epilogue: Code[] = [localSet(nextPc, [])];
    for (const slot of this.written) epilogue.push(i64.store(localGet(STATE), localGet(this.registerLocal(slot)), STATE_REGISTERS + 8 * slot));
    epilogue.push(i32.store(localGet(STATE), i32.add(localGet(this.passes), localGet(this.count)), STATE_RETIRED));
    epilogue.push(i32.store(localGet(STATE), localGet(this.nzcv), STATE_NZCV));
    epilogue.push(localGet(nextPc));
    const loop = this.plan.loops;
    const opening = loop ? [control.block(ValType.F64), control.loop()] : control.block(ValType.F64);
    // Every path through the body ends in a branch.
    const closing = loop ? [control.unreachable, control.end, control.unreachable, control.end] : [control.unreachable, control.end];
    return { locals: this.locals, body: [prologue, opening, this.body, closing, epilogue] };
  }
}

/** NZCV as the i32 the blocks keep it in (N bit 3, Z 2, C 1, V 0) from a result and the 0/1 carry and overflow. */
export function packedNzcv(wide: boolean, result: Code, carry: Code, overflow: Code): Code {
  const ops = integerOps(wide);
  const n = i32.shl(ops.lt_s(result, ops.const(0)), i32.const(3));
  const z = i32.shl(ops.eqz(result), i32.const(2));
  return i32.or(i32.or(n, z), i32.or(i32.shl(carry, i32.const(1)), overflow));
}

/** The even conditions on NZCV in an i32 (N bit 3, Z 2, C 1, V 0), as 0/1. */
function conditionFromNzcv(nzcv: Code, cond: number): Code {
  const flag = (bit: number) => i32.and(i32.shr_u(nzcv, i32.const(bit)), i32.const(1));
  const nEqualsV = i32.eqz(i32.and(i32.xor(i32.shr_u(nzcv, i32.const(3)), nzcv), i32.const(1)));
  switch (cond) {
    case 0: return flag(2);                                                    // EQ: Z
    case 2: return flag(1);                                                    // CS: C
    case 4: return flag(3);                                                    // MI: N
    case 6: return flag(0);                                                    // VS: V
    case 8: return i32.eq(i32.and(nzcv, i32.const(6)), i32.const(2));          // HI: C and not Z
    case 10: return nEqualsV;                                                  // GE
    default: return i32.and(nEqualsV, i32.eqz(flag(2)));                       // GT
  }
}
