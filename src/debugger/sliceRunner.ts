// Running the vCPU in slices (QEMU's kvm_cpu_exec loop, cut into budgeted pieces so
// the event loop stays free for pause and disconnect): free runs, runs to a step
// plan's temporary breakpoints, and single steps, each stepping first over our own
// BRK or hardware breakpoint when the PC sits on one. Each slice's exit goes to the
// exit decision; what to report is the run driver's business.

import { describeEsrFields } from '../arch/esr';
import type { DebugExitDecision } from './debugExitDecision';
import type { DebugTarget, SliceResult } from './debugTarget';
import type { Outcome, TemporaryBreakpoint } from './execution';
import type { GuestDebugInstaller } from './guestDebugInstall';
import type { HardwareSlots } from './hardwareSlots';
import type { RegisterFile } from './registerFile';
import { SLICE_TARGET_MS, SliceBudget, yieldToEventLoop } from './sliceBudget';
import type { SoftwareBreakpointPatches } from './softwareBreakpoints';
import { describePause } from './stopDescription';
import type { VectorCatch } from './vectorCatch';

/** Instructions per single-step run: the step exit comes after one, this is a safety net. */
const STEP_BUDGET = 64;

/** What the runner drives, and the session's run state it answers to. */
export interface SliceRunnerParts {
  readonly target: DebugTarget;
  readonly registers: RegisterFile;
  readonly patches: SoftwareBreakpointPatches;
  readonly hardware: HardwareSlots;
  readonly vectors: VectorCatch;
  readonly installer: GuestDebugInstaller;
  readonly exits: DebugExitDecision;
  /** The number of the current run; a restart or a new run changes it. */
  generation(): number;
  pauseRequested(): boolean;
  endRequested(): boolean;
}

export class SliceRunner {
  /** The temporary breakpoints of the step plan in progress. */
  temporaries: TemporaryBreakpoint[] = [];
  /** The vCPU sits on an access a watchpoint trapped: the next step runs it with the watchpoints off. */
  watchpointStepPending = false;
  private readonly budget = new SliceBudget();
  /** When the step plans' checkpoints last let the event loop in. */
  private checkpointYield = Date.now();

  constructor(private readonly parts: SliceRunnerParts) {}

  /** Whether the run that started in `generation` must stop (restart or end of session). */
  cancelled(generation: number): boolean {
    return this.parts.endRequested() || generation !== this.parts.generation();
  }

  /** Executes one instruction (over our own BRK or hardware breakpoint if the PC sits on one). */
  singleStep(): Outcome {
    const { registers, patches, installer, target } = this.parts;
    const pc = Number(registers.pc);
    const suppressHardware = this.hardwareTrapAtPc();
    installer.setGuestDebug(true, suppressHardware);
    let result: SliceResult;
    try {
      result = patches.isPatched(pc)
        ? patches.withOriginal(pc, () => target.runSlice(STEP_BUDGET))
        : target.runSlice(STEP_BUDGET);
    } finally {
      installer.checkTargetReplaced();
      installer.setGuestDebug(false);
    }
    this.watchpointStepPending = false;
    const outcome = this.parts.exits.classify(result, { singleStep: true, steppingOverPatchAt: patches.isPatched(pc) ? pc : undefined });
    if (outcome.kind === 'budget') return { kind: 'stepped' };
    return outcome;
  }

  /** Runs until something stops the guest (or the plan's temporary breakpoints are hit). */
  async runFree(): Promise<Outcome> {
    const { registers, patches, installer, target, vectors, exits } = this.parts;
    const generation = this.parts.generation();
    let lastYield = Date.now();
    for (;;) {
      if (this.cancelled(generation)) return { kind: 'ended' };
      if (this.parts.pauseRequested()) return this.pauseStop();
      if (Date.now() - lastYield > SLICE_TARGET_MS) {
        await yieldToEventLoop();
        lastYield = Date.now();
        continue;
      }
      const pc = Number(registers.pc);
      if (patches.isPatched(pc) || this.hardwareTrapAtPc()) {
        const stepped = this.singleStep();
        if (stepped.kind === 'stepped' || stepped.kind === 'resume') {
          installer.apply(false);
          continue;
        }
        return stepped;
      }
      const started = Date.now();
      const result = target.runSlice(this.budget.instructions);
      this.budget.adapt(Date.now() - started, result.kind === 'budget');
      if (installer.targetReplaced || vectors.moved(installer.vbar())) installer.apply(false); // a reset, or new vectors
      const outcome = exits.classify(result, { singleStep: false });
      if (outcome.kind === 'budget') {
        const runaway = this.runningFromNowhere();
        if (runaway) return runaway;
        await yieldToEventLoop();
        lastYield = Date.now();
        continue;
      }
      if (outcome.kind === 'resume') continue;
      return outcome;
    }
  }

  /** Runs with a step plan's temporary breakpoints planted; they go when it ends (unless a restart took over). */
  async runUntil(temporaries: TemporaryBreakpoint[]): Promise<Outcome> {
    this.temporaries = temporaries;
    this.parts.installer.apply(false);
    const generation = this.parts.generation();
    try {
      return await this.runFree();
    } finally {
      if (!this.cancelled(generation)) {
        this.temporaries = [];
        this.parts.installer.apply(false);
      }
    }
  }

  /** Between the steps of a line plan: a pause or the end when due; lets the event loop in now and then. */
  async checkpoint(): Promise<Outcome | undefined> {
    if (this.parts.endRequested()) return { kind: 'ended' };
    if (this.parts.pauseRequested()) return this.pauseStop();
    if (Date.now() - this.checkpointYield > SLICE_TARGET_MS) {
      const generation = this.parts.generation();
      await yieldToEventLoop();
      this.checkpointYield = Date.now();
      if (this.cancelled(generation)) return { kind: 'ended' };
      if (this.parts.pauseRequested()) return this.pauseStop();
    }
    return undefined;
  }

  /** Whether the vCPU sits on something that would trap again at once if resumed as is. */
  private hardwareTrapAtPc(): boolean {
    if (this.watchpointStepPending) return true;
    const { hardware, registers } = this.parts;
    return hardware.active && hardware.breakpointAt(registers.pc) !== undefined;
  }

  /**
   * The guest executes where nothing is mapped: it took an exception whose vector has
   * nothing behind it and now aborts on every fetch there. Found for free at the end of
   * a slice (the precise catch, at the faulting instruction, is the `unhandled` setting).
   */
  private runningFromNowhere(): Outcome | undefined {
    const registers = this.parts.registers;
    const pc = registers.pc;
    if (pc < 1n << 48n && this.parts.patches.canPatch(Number(pc & ~3n))) return undefined;
    const esr = Number(registers.read('esr_el1') & 0xffff_ffffn);
    const text = `The guest is executing at 0x${pc.toString(16)}, where nothing is mapped (VBAR_EL1 = 0x${registers.read('vbar_el1').toString(16)}): `
      + `an exception without a handler. ESR_EL1 ${describeEsrFields(esr)}, ELR_EL1 0x${registers.read('elr_el1').toString(16)}. `
      + 'Turn on "Unhandled exceptions" to stop at the instruction that raised it.';
    return { kind: 'stop', stop: { reason: 'exception', description: 'Running from unmapped memory', text, pc, hitBreakpointIds: [] } };
  }

  private pauseStop(): Outcome {
    const pc = this.parts.registers.pc;
    return { kind: 'stop', stop: { ...describePause(pc), pc, hitBreakpointIds: [] } };
  }
}
