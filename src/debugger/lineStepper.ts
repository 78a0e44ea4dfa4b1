// Stepping by source line (gdb's `step`/`next` semantics): single-steps while the PC
// stays on the starting line, runs calls over with a temporary breakpoint on the
// return address (in this frame, by SP, so recursion is right), steps into callees
// that have line information (stopping past their prologue), and stops when the PC
// reaches the start of another line or the frame returns.

import { isCall, isReturn } from './controlFlow';
import type { Outcome, TemporaryBreakpoint } from './execution';
import type { ProgramSymbols } from './programSymbols';
import type { RegisterFile } from './registerFile';
import type { ExitSyndrome } from './stopDescription';

/** What the line stepper needs from the run driver. */
export interface SteppingEngine {
  readonly registers: RegisterFile;
  readonly symbols: ProgramSymbols;
  instructionAt(address: number): number | undefined;
  /** Executes one instruction. */
  singleStep(): Outcome;
  /** Runs until one of the temporary breakpoints accepts a hit, or something else stops the guest. */
  runUntil(temporaries: TemporaryBreakpoint[]): Promise<Outcome>;
  /** A pause or the end of the run, when one is due (checked between steps); yields to the event loop now and then. */
  checkpoint(): Promise<Outcome | undefined>;
  /** A user breakpoint at an address the step has just reached, when it should stop there. */
  breakpointOnLanding(address: number): Outcome | undefined;
  /** Turns the end of a step plan into a `step` stop. */
  asStepStop(outcome: Outcome): Outcome;
}

export class LineStepper {
  constructor(private readonly engine: SteppingEngine) {}

  private get registers(): RegisterFile {
    return this.engine.registers;
  }

  private get symbols(): ProgramSymbols {
    return this.engine.symbols;
  }

  /** Runs a call at `pc` to its return address, in this frame (recursion-safe by SP). */
  runOverCall(pc: number): Promise<Outcome> {
    const sp = this.registers.sp;
    return this.engine.runUntil([{ address: pc + 4, accept: () => this.registers.sp >= sp }]);
  }

  /** One instruction, running over a call (BL/BLR) to its return. */
  async stepInstructionOver(): Promise<Outcome> {
    const pc = Number(this.registers.pc);
    const word = this.engine.instructionAt(pc);
    if (word === undefined || !isCall(word)) return this.engine.asStepStop(this.engine.singleStep());
    return this.engine.asStepStop(await this.runOverCall(pc));
  }

  /**
   * Steps until the PC reaches the start of a different source line (an is_stmt row)
   * in this frame, returns to the caller, or (stepping in) enters a function that has
   * line information. Calls are run over with a temporary breakpoint on the return
   * address when stepping over, or when the callee has no line information.
   */
  async stepLine(over: boolean): Promise<Outcome> {
    const engine = this.engine;
    const startPc = Number(this.registers.pc);
    const start = this.symbols.lineAt(startPc);
    if (!start || start.line === 0) return over ? this.stepInstructionOver() : engine.asStepStop(engine.singleStep());
    const startFunction = this.symbols.functionAt(startPc);
    let lastExit: ExitSyndrome | undefined;
    for (;;) {
      const interrupted = await engine.checkpoint();
      if (interrupted) return interrupted;
      const pc = Number(this.registers.pc);
      const word = engine.instructionAt(pc) ?? 0;
      if (isCall(word)) {
        const calleeOutcome = over ? await this.runOverCall(pc) : await this.stepIntoCall(pc);
        if (calleeOutcome.kind !== 'temporary') return calleeOutcome.kind === 'stepped' ? engine.asStepStop(calleeOutcome) : calleeOutcome;
        lastExit = calleeOutcome.exit;
      } else {
        const outcome = engine.singleStep();
        if (outcome.kind !== 'stepped') return outcome;
        lastExit = outcome.exit;
        if (isReturn(word)) return engine.asStepStop({ kind: 'stepped', exit: lastExit });
      }
      const now = Number(this.registers.pc);
      if (now !== startPc) {
        const landed = engine.breakpointOnLanding(now);
        if (landed) return landed;
      }
      const fn = this.symbols.functionAt(now);
      const enteredOtherFunction = fn !== undefined && fn.start === now && fn.start !== startFunction?.start;
      const location = this.symbols.lineAt(now);
      if (!location || location.line === 0) {
        if (enteredOtherFunction && !this.hasLines(now)) {
          // A tail call into code without lines: come back out through LR.
          const outcome = await this.runToLinkRegister();
          return outcome.kind === 'temporary' ? engine.asStepStop(outcome) : outcome;
        }
        continue;
      }
      if (location.path === start.path && location.line === start.line) continue;
      if (location.isStmt && location.rowAddress === now) return engine.asStepStop({ kind: 'stepped', exit: lastExit });
      if (enteredOtherFunction) {
        // Entered another function by a plain branch (a tail call): like a call.
        if (!over) return engine.asStepStop(await this.runPastPrologue(now, lastExit));
        const outcome = await this.runToLinkRegister();
        return outcome.kind === 'temporary' ? engine.asStepStop(outcome) : outcome;
      }
      // The middle of another line in the same frame: keep going to a line start.
    }
  }

  /** Step in over a call instruction at `pc`: stop in the callee if it has lines, else run it. */
  private async stepIntoCall(pc: number): Promise<Outcome> {
    const sp = this.registers.sp;
    const outcome = this.engine.singleStep();
    if (outcome.kind !== 'stepped') return outcome;
    const target = Number(this.registers.pc);
    if (this.hasLines(target)) {
      const result = await this.runPastPrologue(target, outcome.exit);
      return result.kind === 'temporary' ? { kind: 'stepped', exit: result.exit } : result;
    }
    return this.engine.runUntil([{ address: pc + 4, accept: () => this.registers.sp >= sp }]);
  }

  /** From a function's entry, runs to the end of its prologue (where a breakpoint on it would sit). */
  private async runPastPrologue(entry: number, exit: ExitSyndrome | undefined): Promise<Outcome> {
    const fn = this.symbols.functionAt(entry);
    const body = fn && fn.start === entry ? this.symbols.afterPrologue(entry) : entry;
    if (body === entry) return { kind: 'stepped', exit };
    const sp = this.registers.sp;
    return this.engine.runUntil([{ address: body, accept: () => this.registers.sp <= sp }]);
  }

  private runToLinkRegister(): Promise<Outcome> {
    const sp = this.registers.sp;
    const lr = Number(this.registers.x(30));
    return this.engine.runUntil([{ address: lr, accept: () => this.registers.sp >= sp }]);
  }

  private hasLines(address: number): boolean {
    const location = this.symbols.lineAt(address);
    return location !== undefined && location.line !== 0;
  }
}
