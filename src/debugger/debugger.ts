// The userspace VMM's debug policy (QEMU's gdbstub + kvm.c role): owns the guest's
// breakpoints (BRK patches and hardware slots), runs the vCPU in budgeted slices so
// that pause and disconnect stay responsive, decides what each KVM_EXIT_DEBUG means
// (a stop, a condition that failed, a guest-owned exception to re-inject), and steps
// by instruction and by source line. No DAP here: stops leave as events.

import { EventEmitter } from 'events';
import { EC, describeEsrFields, esrEc } from '../arch/esr';
import {
  KVM_CAP_GUEST_DEBUG_HW_BPS, KVM_CAP_GUEST_DEBUG_HW_WPS, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP,
  KVM_GUESTDBG_USE_HW, KVM_GUESTDBG_USE_SW_BP, KvmRun,
} from '../kvm';
import { BreakpointKind, BreakpointRequest, BreakpointTable } from './breakpointTable';
import { CallFrame, unwindCallStack } from './callStack';
import type { DebugTarget, SliceResult, TargetVm } from './debugTarget';
import type { Outcome, TemporaryBreakpoint } from './execution';
import { HardwareSlots, WatchRequest } from './hardwareSlots';
import { LineStepper, SteppingEngine } from './lineStepper';
import { CallFrameUnwinder, FrameRegisters, NO_SYMBOLS, ProgramSymbols } from './programSymbols';
import { RegisterFile } from './registerFile';
import { SoftwareBreakpointPatches } from './softwareBreakpoints';
import {
  ExceptionCatchSettings, TakenException, VectorCatch, describeTakenException, describeUnhandledException, isCallClass,
} from './vectorCatch';
import {
  ExitSyndrome, StopDescription, StopReason, describeEntry, describeException, describeHardwareBreakpoint,
  describeOwnBreakpoint, describePause, describeStep, describeWatchpoint,
} from './stopDescription';

export interface StopEvent extends StopDescription {
  pc: bigint;
  hitBreakpointIds: number[];
  /** The syndrome behind the stop (for exceptionInfo): the debug exit's, or the guest's ESR_EL1 for exceptions it took. */
  exit?: ExitSyndrome;
  /** A guest exception held back for the user: it is delivered to the guest when execution resumes. */
  deliverOnResume?: ExitSyndrome;
}

export interface DebuggerOptions {
  symbols?: ProgramSymbols;
  unwinder?: CallFrameUnwinder;
  /** Stop on guest BRKs the debugger did not plant instead of re-injecting them. */
  breakOnGuestBrk?: boolean;
}

export type DebuggerState = 'idle' | 'running' | 'stopped' | 'ended';

/** Map<id, ...> of a data breakpoint as the debugger keeps it. */
export interface WatchpointRequest extends WatchRequest {
  condition?: () => boolean;
  hitCondition?: (count: number) => boolean;
}

/** Instructions per single-step run: the step exit comes after one, this is a safety net. */
const STEP_BUDGET = 64;
/** Time a slice should take, so that pause answers well within 100 ms. */
const SLICE_TARGET_MS = 12;
const MIN_BUDGET = 2_000;
const MAX_BUDGET = 4_000_000;

const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

export class Debugger extends EventEmitter {
  readonly registers: RegisterFile;
  readonly breakpoints = new BreakpointTable();
  readonly hardware: HardwareSlots;
  private readonly patches: SoftwareBreakpointPatches;
  readonly symbols: ProgramSymbols;
  private readonly stepper: LineStepper;
  private readonly unwinder?: CallFrameUnwinder;
  /** Stop on guest BRKs the debugger did not plant instead of re-injecting them. */
  breakOnGuestBrk: boolean;
  /** Which exceptions the guest takes itself stop the session, and where its vectors are caught. */
  readonly vectors = new VectorCatch();
  private temporaries: TemporaryBreakpoint[] = [];
  private watchpoints: WatchpointRequest[] = [];
  private readonly watchHits = new Map<number, number>();
  private knownVm: TargetVm;
  private budget = 50_000;
  private pauseRequested = false;
  /** The vCPU sits on an access a watchpoint trapped: the next step runs it with the watchpoints off. */
  private watchpointStepPending = false;
  private endRequested = false;
  /** The last stop, while stopped. */
  lastStop: StopEvent | undefined;
  /** Set once the target reported an error it cannot continue from. */
  private fatalError: string | undefined;
  private _state: DebuggerState = 'idle';
  private runGeneration = 0;

  constructor(readonly target: DebugTarget, options: DebuggerOptions = {}) {
    super();
    this.symbols = options.symbols ?? NO_SYMBOLS;
    this.unwinder = options.unwinder;
    this.breakOnGuestBrk = options.breakOnGuestBrk ?? false;
    this.registers = new RegisterFile(() => this.target.vcpu);
    this.patches = new SoftwareBreakpointPatches(() => this.target.vm);
    this.stepper = new LineStepper(this.steppingEngine());
    this.knownVm = target.vm;
    this.hardware = new HardwareSlots(
      target.vm.checkExtension(KVM_CAP_GUEST_DEBUG_HW_BPS),
      target.vm.checkExtension(KVM_CAP_GUEST_DEBUG_HW_WPS),
    );
  }

  get state(): DebuggerState {
    return this._state;
  }

  // ---- Events -------------------------------------------------------------------------
  // 'stopped' (StopEvent), 'exited' (status: number | undefined, message?: string),
  // 'log' (text: string) for logpoint messages and debugger notices.

  // ---- Breakpoints --------------------------------------------------------------------

  /** Whether a software breakpoint can be planted at an address (aligned RAM). */
  canPlaceBreakpoint(address: number): boolean {
    return this.patches.isPatched(address) || this.patches.canPatch(address);
  }

  /**
   * Replaces every breakpoint of one kind. Returns, per request, an error message or
   * undefined when it is in place.
   */
  setBreakpoints(kind: BreakpointKind, requests: BreakpointRequest[]): (string | undefined)[] {
    const results: (string | undefined)[] = [];
    const accepted: BreakpointRequest[] = [];
    const otherHardware = this.breakpoints.hardware().filter(b => b.kind !== kind);
    for (const request of requests) {
      if (request.hardware) {
        const hardwareCount = otherHardware.length + accepted.filter(b => b.hardware).length + 1;
        if (hardwareCount > this.hardware.breakpointSlots) {
          results.push(`no hardware breakpoint slot left (the CPU has ${this.hardware.breakpointSlots})`);
          continue;
        }
        if (request.address % 4 !== 0) {
          results.push(`0x${request.address.toString(16)} is not a 4-byte aligned instruction address`);
          continue;
        }
      } else if (!this.canPlaceBreakpoint(request.address)) {
        results.push(`cannot plant a breakpoint at 0x${request.address.toString(16)} (not 4-byte aligned guest RAM)`);
        continue;
      }
      accepted.push(request);
      results.push(undefined);
    }
    this.breakpoints.replace(kind, accepted);
    this.hardware.setBreakpoints(this.breakpoints.hardware().map(b => ({ id: b.id, address: BigInt(b.address) })));
    if (this._state !== 'ended') this.applyBreakpoints(false);
    return results;
  }

  /** Replaces the data breakpoints; per request, an error (e.g. out of slots) or undefined. */
  setWatchpoints(requests: WatchpointRequest[]): (string | undefined)[] {
    this.hardware.clearWatches();
    this.watchpoints = [];
    const results = requests.map(request => {
      const problem = this.hardware.addWatch(request);
      if (!problem) this.watchpoints.push(request);
      return problem;
    });
    for (const id of [...this.watchHits.keys()]) if (!this.watchpoints.some(w => w.id === id)) this.watchHits.delete(id);
    if (this._state !== 'ended') this.applyBreakpoints(false);
    return results;
  }

  /** Changes which exceptions taken by the guest stop the session. */
  setExceptionCatch(settings: ExceptionCatchSettings): void {
    this.vectors.settings = { ...settings };
    if (this._state !== 'ended') this.applyBreakpoints(false);
  }

  // ---- Memory and registers as the user sees them ---------------------------------------

  /** Guest memory with the original words where BRKs are planted; throws where there is no RAM. */
  readMemory(address: bigint, length: number): Uint8Array {
    return this.patches.readUserView(address, length);
  }

  writeMemory(address: bigint, data: Uint8Array): void {
    this.patches.writeUserView(address, data);
  }

  /** The instruction word the program has at an address (never a planted BRK). */
  instructionAt(address: number): number | undefined {
    try {
      const b = this.readMemory(BigInt(address), 4);
      return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
    } catch {
      return undefined;
    }
  }

  readU64(address: bigint): bigint | undefined {
    try {
      const b = this.readMemory(address, 8);
      let v = 0n;
      for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
      return v;
    } catch {
      return undefined;
    }
  }

  frameRegisters(): FrameRegisters {
    const x: bigint[] = [];
    for (let n = 0; n <= 30; n++) x.push(this.registers.x(n));
    return { pc: this.registers.pc, sp: this.registers.sp, x };
  }

  callStack(maxFrames?: number): CallFrame[] {
    return unwindCallStack(this.frameRegisters(), { readU64: a => this.readU64(a), readWord: a => this.instructionAt(a) }, this.symbols, this.unwinder, maxFrames);
  }

  // ---- Execution control ----------------------------------------------------------------

  /**
   * Starts the guest: stops at the entry point, runs to `runToAddress` (reporting an
   * `entry` stop there), or simply runs.
   */
  async start(options: { stopOnEntry?: boolean; runToAddress?: number } = {}): Promise<void> {
    if (this._state === 'ended') return; // ended before it started (disconnect during launch): plant nothing
    this.applyBreakpoints(false);
    const pc = this.registers.pc;
    if (options.stopOnEntry) {
      this.finish({ kind: 'stop', stop: { ...describeEntry(pc, this.symbols.symbolize(Number(pc))), pc, hitBreakpointIds: [] } });
      return;
    }
    if (options.runToAddress !== undefined) {
      const address = options.runToAddress;
      await this.drive(async () => {
        const outcome = await this.runUntil([{ address, accept: () => true }]);
        if (outcome.kind !== 'temporary') return outcome;
        const here = this.registers.pc;
        return { kind: 'stop', stop: { ...describeEntry(here, this.symbols.symbolize(Number(here))), pc: here, hitBreakpointIds: [] } };
      });
      return;
    }
    await this.drive(() => this.runFree());
  }

  continue(): Promise<void> {
    return this.drive(() => this.runFree());
  }

  /** Asks a running guest to stop; the stop event follows within one slice. */
  pause(): void {
    if (this._state === 'running') this.pauseRequested = true;
  }

  stepInstruction(): Promise<void> {
    return this.drive(async () => this.asStepStop(this.singleStep()), true);
  }

  /** Instruction step that runs over a call (BL/BLR) to its return. */
  stepInstructionOver(): Promise<void> {
    return this.drive(() => this.stepper.stepInstructionOver(), true);
  }

  stepLineOver(): Promise<void> {
    return this.drive(() => this.stepper.stepLine(true), true);
  }

  stepLineIn(): Promise<void> {
    return this.drive(() => this.stepper.stepLine(false), true);
  }

  stepOut(): Promise<void> {
    return this.drive(async () => {
      const frames = this.callStack(2);
      if (frames.length < 2) {
        const pc = this.registers.pc;
        return { kind: 'stop', stop: { ...describeStep(undefined, pc), text: `No caller frame to return to from 0x${pc.toString(16)}`, pc, hitBreakpointIds: [] } };
      }
      const caller = frames[1].registers;
      const callerSp = frames[0].cfa ?? caller.sp;
      const outcome = await this.runUntil([{ address: Number(caller.pc), accept: () => this.registers.sp >= callerSp }]);
      return this.asStepStop(outcome);
    }, true);
  }

  /** Ends the session: stops running, restores every patched word and turns guest debug off. */
  end(): void {
    if (this._state === 'ended') return;
    this.endRequested = true;
    this._state = 'ended';
    this.removeFromGuest();
  }

  /** Restores memory and hardware state as they were before the debugger touched them. */
  private removeFromGuest(): void {
    try {
      if (this.target.vm === this.knownVm) this.patches.removeAll();
      else this.patches.forget();
      this.target.vcpu.setGuestDebug({ control: 0 });
    } catch {
      // The guest is gone; nothing left to restore.
    }
  }

  /** Reloads the program and starts again with the same breakpoints. */
  async restart(options: { stopOnEntry?: boolean; runToAddress?: number } = {}): Promise<void> {
    this.endRequested = true; // a running loop bails out at its next check
    this.runGeneration++;
    this.target.reset();
    this.patches.forget();
    this.knownVm = this.target.vm;
    this.breakpoints.resetHitCounts();
    this.watchHits.clear();
    this.temporaries = [];
    this.endRequested = false;
    this.pauseRequested = false;
    this.fatalError = undefined;
    this._state = 'idle';
    await this.start(options);
  }

  // ---- The run driver ---------------------------------------------------------------------

  /**
   * Runs a plan to its outcome and reports it. A step from an `exception` stop is the
   * exception being taken: it ends at the guest's vector.
   */
  private async drive(plan: () => Promise<Outcome>, isStep = false): Promise<void> {
    if (this._state === 'running' || this._state === 'ended') return;
    this._state = 'running';
    const previous = this.lastStop;
    this.lastStop = undefined;
    this.pauseRequested = false;
    const generation = ++this.runGeneration;
    this.applyBreakpoints(false);
    // A guest exception the user stopped on goes to the guest now, as it would have without the stop.
    const delivering = previous?.deliverOnResume !== undefined;
    if (delivering) this.deliverException(previous!.deliverOnResume!);
    let outcome: Outcome;
    try {
      outcome = delivering && isStep ? this.exceptionTaken(previous!) : await plan();
    } catch (e) {
      outcome = { kind: 'error', message: (e as Error).stack ?? String(e) };
    }
    if (generation !== this.runGeneration || this.endRequested) return; // restarted or ended meanwhile
    this.temporaries = [];
    this.applyBreakpoints(false);
    this.finish(outcome);
  }

  private finish(outcome: Outcome): void {
    switch (outcome.kind) {
      case 'stop':
        this._state = 'stopped';
        this.lastStop = outcome.stop;
        this.emit('stopped', outcome.stop);
        return;
      case 'exited':
        this._state = 'ended';
        this.removeFromGuest();
        this.emit('exited', outcome.status);
        return;
      case 'error': {
        // The emulator cannot go on (an unsupported instruction, an internal error): stop
        // there once so the user can look at the state; resuming ends the session.
        if (this.fatalError === undefined) {
          this.fatalError = outcome.message;
          const pc = this.registers.pc;
          this._state = 'stopped';
          this.lastStop = { reason: 'exception', description: 'The emulator cannot continue', text: `${outcome.message} (at 0x${pc.toString(16)})`, pc, hitBreakpointIds: [] };
          this.emit('stopped', this.lastStop);
          return;
        }
        this._state = 'ended';
        this.emit('exited', undefined, outcome.message);
        this.removeFromGuest();
        return;
      }
      case 'ended':
        return;
      default: {
        const pc = this.registers.pc;
        this._state = 'stopped';
        this.lastStop = { ...describeStep(undefined, pc), pc, hitBreakpointIds: [] };
        this.emit('stopped', this.lastStop);
      }
    }
  }

  private exceptionTaken(stop: StopEvent): Outcome {
    const pc = this.registers.pc;
    const text = `Exception taken: ${stop.description} delivered to the guest's vector at 0x${pc.toString(16)}`;
    return { kind: 'stop', stop: { reason: 'step', description: 'Stepped into the exception vector', text, pc, hitBreakpointIds: [] } };
  }

  /** Turns the end of a step plan into a `step` stop (other outcomes pass through). */
  private asStepStop(outcome: Outcome): Outcome {
    if (outcome.kind === 'stepped' || outcome.kind === 'temporary') {
      const pc = this.registers.pc;
      return { kind: 'stop', stop: { ...describeStep(outcome.exit, pc), pc, hitBreakpointIds: [], exit: outcome.exit } };
    }
    return outcome;
  }

  /** Plants what should be planted and programs KVM_SET_GUEST_DEBUG. */
  private applyBreakpoints(singleStep: boolean, suppressHardware = false): void {
    this.checkTargetReplaced();
    this.patches.revalidate();
    const wanted = new Set(this.breakpoints.softwareAddresses());
    for (const t of this.temporaries) wanted.add(t.address);
    this.vectors.plan(this.vbar(), a => this.patches.isPatched(a) || this.patches.canPatch(a), this.hardware.breakpointSlots - this.breakpoints.hardware().length);
    for (const address of this.vectors.softwareTraps()) wanted.add(address);
    this.patches.sync(wanted);
    const vectorSlots = this.vectors.hardwareTraps().map(address => ({ id: -1, address: BigInt(address) }));
    this.hardware.setBreakpoints([...this.breakpoints.hardware().map(b => ({ id: b.id, address: BigInt(b.address) })), ...vectorSlots]);
    this.setGuestDebug(singleStep, suppressHardware);
  }

  private setGuestDebug(singleStep: boolean, suppressHardware = false): void {
    const useHardware = this.hardware.active && !suppressHardware;
    const needed = singleStep || useHardware || this.patches.addresses.length > 0 || this.breakOnGuestBrk;
    let control = 0;
    if (needed) {
      control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP;
      if (singleStep) control |= KVM_GUESTDBG_SINGLESTEP;
      if (useHardware) control |= KVM_GUESTDBG_USE_HW;
    }
    const result = this.target.vcpu.setGuestDebug(useHardware ? { control, arch: this.hardware.toGuestDebugArch() } : { control });
    if (result !== 0) throw new Error(`KVM_SET_GUEST_DEBUG refused control 0x${control.toString(16)} (${result})`);
  }

  /** VBAR_EL1, when an exception catch needs it. */
  private vbar(): bigint | undefined {
    if (!this.vectors.active) return undefined;
    try {
      return this.registers.read('vbar_el1');
    } catch {
      return undefined;
    }
  }

  /** A reset inside the guest (PSCI SYSTEM_RESET) reloads memory: plant everything again. */
  private checkTargetReplaced(): void {
    if (this.target.vm === this.knownVm) return;
    this.knownVm = this.target.vm;
    this.patches.forget();
  }

  /** Whether the vCPU sits on something that would trap again at once if resumed as is. */
  private hardwareTrapAtPc(): boolean {
    if (this.watchpointStepPending) return true;
    return this.hardware.active && this.hardware.breakpointAt(this.registers.pc) !== undefined;
  }

  /** Whether the run that started in `generation` must stop (restart or end of session). */
  private cancelled(generation: number): boolean {
    return this.endRequested || generation !== this.runGeneration;
  }

  /** Executes one instruction (over our own BRK or hardware breakpoint if the PC sits on one). */
  private singleStep(): Outcome {
    const pc = Number(this.registers.pc);
    const suppressHardware = this.hardwareTrapAtPc();
    this.setGuestDebug(true, suppressHardware);
    let result: SliceResult;
    try {
      result = this.patches.isPatched(pc)
        ? this.patches.withOriginal(pc, () => this.target.runSlice(STEP_BUDGET))
        : this.target.runSlice(STEP_BUDGET);
    } finally {
      this.checkTargetReplaced();
      this.setGuestDebug(false);
    }
    this.watchpointStepPending = false;
    const outcome = this.classify(result, { singleStep: true, steppingOverPatchAt: this.patches.isPatched(pc) ? pc : undefined });
    if (outcome.kind === 'budget') return { kind: 'stepped' };
    return outcome;
  }

  /** Runs until something stops the guest (or the plan's temporary breakpoints are hit). */
  private async runFree(): Promise<Outcome> {
    const generation = this.runGeneration;
    let lastYield = Date.now();
    for (;;) {
      if (this.cancelled(generation)) return { kind: 'ended' };
      if (this.pauseRequested) return this.pauseStop();
      if (Date.now() - lastYield > SLICE_TARGET_MS) {
        await yieldToEventLoop();
        lastYield = Date.now();
        continue;
      }
      const pc = Number(this.registers.pc);
      if (this.patches.isPatched(pc) || this.hardwareTrapAtPc()) {
        const stepped = this.singleStep();
        if (stepped.kind === 'stepped' || stepped.kind === 'resume') {
          this.applyBreakpoints(false);
          continue;
        }
        return stepped;
      }
      const started = Date.now();
      const result = this.target.runSlice(this.budget);
      this.adaptBudget(Date.now() - started, result);
      if (this.target.vm !== this.knownVm || this.vectors.moved(this.vbar())) this.applyBreakpoints(false); // a reset, or new vectors
      const outcome = this.classify(result, { singleStep: false });
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

  private adaptBudget(elapsedMs: number, result: SliceResult): void {
    if (result.kind !== 'budget') return;
    const scaled = elapsedMs <= 0 ? this.budget * 2 : Math.round((this.budget * SLICE_TARGET_MS) / elapsedMs);
    this.budget = Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, Math.min(scaled, this.budget * 4)));
  }

  private async runUntil(temporaries: TemporaryBreakpoint[]): Promise<Outcome> {
    this.temporaries = temporaries;
    this.applyBreakpoints(false);
    const generation = this.runGeneration;
    try {
      return await this.runFree();
    } finally {
      if (!this.cancelled(generation)) {
        this.temporaries = [];
        this.applyBreakpoints(false);
      }
    }
  }

  /**
   * The guest executes where nothing is mapped: it took an exception whose vector has
   * nothing behind it and now aborts on every fetch there. Found for free at the end of
   * a slice (the precise catch, at the faulting instruction, is the `unhandled` setting).
   */
  private runningFromNowhere(): Outcome | undefined {
    const pc = this.registers.pc;
    if (pc < 1n << 48n && this.patches.canPatch(Number(pc & ~3n))) return undefined;
    const registers = this.registers;
    const esr = Number(registers.read('esr_el1') & 0xffff_ffffn);
    const text = `The guest is executing at 0x${pc.toString(16)}, where nothing is mapped (VBAR_EL1 = 0x${registers.read('vbar_el1').toString(16)}): `
      + `an exception without a handler. ESR_EL1 ${describeEsrFields(esr)}, ELR_EL1 0x${registers.read('elr_el1').toString(16)}. `
      + 'Turn on "Unhandled exceptions" to stop at the instruction that raised it.';
    return { kind: 'stop', stop: { reason: 'exception', description: 'Running from unmapped memory', text, pc, hitBreakpointIds: [] } };
  }

  private pauseStop(): Outcome {
    const pc = this.registers.pc;
    return { kind: 'stop', stop: { ...describePause(pc), pc, hitBreakpointIds: [] } };
  }

  // ---- What an exit means -------------------------------------------------------------------

  private classify(result: SliceResult, context: { singleStep: boolean; steppingOverPatchAt?: number }): Outcome {
    switch (result.kind) {
      case 'budget': return { kind: 'budget' };
      case 'exited': return { kind: 'exited', status: result.status };
      case 'error': return { kind: 'error', message: result.message };
      case 'debug': return this.classifyDebugExit(result.run, context);
    }
  }

  private classifyDebugExit(run: KvmRun, context: { singleStep: boolean; steppingOverPatchAt?: number }): Outcome {
    const arch = run.debug!.arch;
    const exit: ExitSyndrome = { hsr: arch.hsr, hsrHigh: arch.hsrHigh, flags: run.flags, far: arch.far };
    const pc = this.registers.pc;
    switch (esrEc(exit.hsr)) {
      case EC.SOFTSTP_LOW:
        // Only ours: the guest's own step exceptions are not routed to the host (MDSCR_EL1.SS is the host's).
        return context.singleStep ? { kind: 'stepped', exit } : { kind: 'resume' };
      case EC.BRK64: {
        const address = Number(pc);
        const ours = this.patches.isPatched(address) && address !== context.steppingOverPatchAt;
        if (ours) return this.reachedBreakpoint(address, exit, false);
        return this.foreignException(exit, pc, context.singleStep);
      }
      case EC.BREAKPT_LOW: {
        if (this.hardware.active && this.hardware.breakpointAt(pc)) return this.reachedBreakpoint(Number(pc), exit, true);
        if (this.vectors.trapAt(Number(pc)) === 'hardware') return this.reachedBreakpoint(Number(pc), exit, true);
        return this.foreignException(exit, pc, context.singleStep);
      }
      case EC.WATCHPT_LOW: {
        if (this.watchpoints.length > 0) return this.reachedWatchpoint(exit, pc);
        return this.foreignException(exit, pc, context.singleStep);
      }
      default:
        return this.foreignException(exit, pc, context.singleStep);
    }
  }

  /** Our breakpoint (software or hardware) or a temporary one was reached at `address`. */
  private reachedBreakpoint(address: number, exit: ExitSyndrome, hardware: boolean): Outcome {
    const decision = this.breakpoints.reached(address, hardware);
    const pc = BigInt(address);
    if (decision.kind === 'error') {
      return { kind: 'stop', stop: { reason: 'breakpoint', description: 'Breakpoint condition error', text: decision.message, pc, hitBreakpointIds: decision.ids, exit } };
    }
    for (const line of decision.logs) this.emit('log', line);
    if (decision.kind === 'stop') {
      const reason = reasonOf(decision.breakpointKind);
      const words = hardware ? describeHardwareBreakpoint(exit, pc, reason) : describeOwnBreakpoint(exit, pc, reason);
      return { kind: 'stop', stop: { ...words, pc, hitBreakpointIds: decision.ids, exit } };
    }
    if (this.vectors.trapAt(address)) {
      const caught = this.reachedVector(address);
      if (caught) return caught;
    }
    if (!hardware && this.temporaries.some(t => t.address === address && t.accept())) return { kind: 'temporary', exit };
    return { kind: 'resume' };
  }

  /**
   * The guest entered one of its synchronous vectors. A handled exception stops at the
   * vector; an unhandled one (nothing behind the vector) is rewound to the instruction
   * that raised it, which is where the user wants to look (as gdb does on SIGSEGV).
   */
  private reachedVector(address: number): Outcome | undefined {
    const registers = this.registers;
    const esr = Number(registers.read('esr_el1') & 0xffff_ffffn);
    const ec = esrEc(esr);
    const taken: TakenException = {
      esr, elr: registers.read('elr_el1'), far: registers.read('far_el1'), vector: address, vbar: this.vectors.base ?? 0n,
    };
    const syndrome: ExitSyndrome = { hsr: esr, hsrHigh: 0, flags: 0, far: taken.far };
    if (this.vectors.trapAt(address) === 'hardware') {
      registers.write('pstate', registers.read('spsr_el1'));
      registers.pc = taken.elr;
      const words = describeUnhandledException(taken);
      return { kind: 'stop', stop: { reason: 'exception', ...words, pc: taken.elr, hitBreakpointIds: [], exit: syndrome } };
    }
    if (ec === EC.BRK64) return undefined; // guest BRKs have their own switch (breakOnGuestBrk)
    if (isCallClass(ec) ? !this.vectors.settings.calls : !this.vectors.settings.taken) return undefined;
    const words = describeTakenException(taken);
    return { kind: 'stop', stop: { reason: 'exception', ...words, pc: BigInt(address), hitBreakpointIds: [], exit: syndrome } };
  }

  private reachedWatchpoint(exit: ExitSyndrome, pc: bigint): Outcome {
    const watch = this.hardware.watchForFar(exit.far);
    const request = this.watchpoints.find(w => w.id === watch?.id);
    if (request) {
      let stop = true;
      try {
        if (request.condition && !request.condition()) stop = false;
      } catch (e) {
        return { kind: 'stop', stop: { reason: 'data breakpoint', description: 'Watchpoint condition error', text: (e as Error).message, pc, hitBreakpointIds: [request.id], exit } };
      }
      if (stop) {
        const count = (this.watchHits.get(request.id) ?? 0) + 1;
        this.watchHits.set(request.id, count);
        if (request.hitCondition && !request.hitCondition(count)) stop = false;
      }
      // Watchpoints trap before the access: it runs with them off on the next resume, then they are re-armed.
      this.watchpointStepPending = true;
      if (!stop) return { kind: 'resume' };
    }
    this.watchpointStepPending = true;
    const stop = describeWatchpoint(exit, pc, watch);
    return { kind: 'stop', stop: { ...stop, pc, hitBreakpointIds: request ? [request.id] : [], exit } };
  }

  /**
   * A debug exception the debugger does not own: show it (guest BRKs when the user
   * asked), or give it to the guest's EL1 vector with the syndrome it would have seen.
   */
  private foreignException(exit: ExitSyndrome, pc: bigint, singleStep: boolean): Outcome {
    const ec = esrEc(exit.hsr);
    if (ec === EC.BRK64 && this.breakOnGuestBrk) {
      const words = describeException(exit, pc);
      return { kind: 'stop', stop: { ...words, pc, hitBreakpointIds: [], exit, deliverOnResume: exit } };
    }
    this.deliverException(exit);
    // A step that ran into a re-injected exception ends at the vector, as on hardware.
    return singleStep ? { kind: 'stepped', exit } : { kind: 'resume' };
  }

  /**
   * Gives a debug exception to the guest's EL1 vector (QEMU's arm_cpu_do_interrupt):
   * the model converts the EC to the current-EL class and, unlike QEMU, writes FAR_EL1
   * for watchpoints (spec 3.4).
   */
  private deliverException(exit: ExitSyndrome): void {
    this.target.vcpu.injectException(exit.hsr, esrEc(exit.hsr) === EC.WATCHPT_LOW ? exit.far : undefined);
  }

  // ---- What the line stepper drives -----------------------------------------------------

  private steppingEngine(): SteppingEngine {
    let lastYield = Date.now();
    return {
      registers: this.registers,
      symbols: this.symbols,
      instructionAt: address => this.instructionAt(address),
      singleStep: () => this.singleStep(),
      runUntil: temporaries => this.runUntil(temporaries),
      asStepStop: outcome => this.asStepStop(outcome),
      breakpointOnLanding: address => this.breakpointOnLanding(address),
      checkpoint: async () => {
        if (this.endRequested) return { kind: 'ended' };
        if (this.pauseRequested) return this.pauseStop();
        if (Date.now() - lastYield > SLICE_TARGET_MS) {
          const generation = this.runGeneration;
          await yieldToEventLoop();
          lastYield = Date.now();
          if (this.cancelled(generation)) return { kind: 'ended' };
          if (this.pauseRequested) return this.pauseStop();
        }
        return undefined;
      },
    };
  }

  /** Stepping onto an address with a user breakpoint reports that breakpoint, as gdb does. */
  private breakpointOnLanding(address: number): Outcome | undefined {
    if (this.breakpoints.at(address).length === 0) return undefined;
    const decision = this.breakpoints.reached(address);
    for (const line of decision.kind === 'error' ? [] : decision.logs) this.emit('log', line);
    const pc = BigInt(address);
    if (decision.kind === 'error') {
      return { kind: 'stop', stop: { reason: 'breakpoint', description: 'Breakpoint condition error', text: decision.message, pc, hitBreakpointIds: decision.ids } };
    }
    if (decision.kind !== 'stop') return undefined;
    return {
      kind: 'stop',
      stop: { reason: reasonOf(decision.breakpointKind), description: 'Breakpoint hit', text: `Breakpoint at 0x${address.toString(16)} (reached by stepping)`, pc, hitBreakpointIds: decision.ids },
    };
  }
}

function reasonOf(kind: BreakpointKind): StopReason {
  return kind === 'function' ? 'function breakpoint' : kind === 'instruction' ? 'instruction breakpoint' : 'breakpoint';
}
