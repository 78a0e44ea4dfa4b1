// The userspace VMM's debug policy (QEMU's gdbstub + kvm.c role), as one session
// object: it owns the user's breakpoints, watchpoints and exception catches, shows
// memory with the originals where BRKs are planted, and drives each run or step plan
// to the stop it reports. No DAP here: stops leave as events. The parts it delegates:
//   guestDebugInstall.ts  patches, hardware slots and KVM_SET_GUEST_DEBUG in the guest
//   sliceRunner.ts        running the vCPU in budgeted slices and single steps
//   debugExitDecision.ts  what each KVM_EXIT_DEBUG means (ours, temporary, foreign)
//   lineStepper.ts        stepping by source line

import { EventEmitter } from 'events';
import { KVM_CAP_GUEST_DEBUG_HW_BPS, KVM_CAP_GUEST_DEBUG_HW_WPS } from '../kvm';
import { BreakpointKind, BreakpointRequest, BreakpointTable } from './breakpointTable';
import { CallFrame, unwindCallStack } from './callStack';
import { DebugExitDecision, injectDebugException } from './debugExitDecision';
import type { DebugTarget } from './debugTarget';
import type { Outcome } from './execution';
import { GuestDebugInstaller } from './guestDebugInstall';
import { HardwareSlots, WatchRequest } from './hardwareSlots';
import { LineStepper, SteppingEngine } from './lineStepper';
import { CallFrameUnwinder, FrameRegisters, NO_SYMBOLS, ProgramSymbols } from './programSymbols';
import { RegisterFile } from './registerFile';
import { SliceRunner } from './sliceRunner';
import { SoftwareBreakpointPatches } from './softwareBreakpoints';
import { ExceptionCatchSettings, VectorCatch } from './vectorCatch';
import { ExitSyndrome, StopDescription, describeEntry, describeStep } from './stopDescription';

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
  private watchpoints: WatchpointRequest[] = [];
  private readonly watchHits = new Map<number, number>();
  /** Keeps the guest's patches, slots and KVM_SET_GUEST_DEBUG in step with the tables above. */
  private readonly installer: GuestDebugInstaller;
  /** Decides what each KVM_EXIT_DEBUG means. */
  private readonly exits: DebugExitDecision;
  /** Runs the vCPU in slices and single steps. */
  private readonly runner: SliceRunner;
  private pauseRequested = false;
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
    this.hardware = new HardwareSlots(
      target.vm.checkExtension(KVM_CAP_GUEST_DEBUG_HW_BPS),
      target.vm.checkExtension(KVM_CAP_GUEST_DEBUG_HW_WPS),
    );
    this.installer = new GuestDebugInstaller({
      target, registers: this.registers, patches: this.patches, breakpoints: this.breakpoints, hardware: this.hardware, vectors: this.vectors,
      temporaries: () => this.runner.temporaries,
      breakOnGuestBrk: () => this.breakOnGuestBrk,
    });
    this.exits = new DebugExitDecision({
      registers: this.registers, breakpoints: this.breakpoints, hardware: this.hardware, vectors: this.vectors, patches: this.patches,
      temporaries: () => this.runner.temporaries,
      watchpoints: () => this.watchpoints,
      watchHits: this.watchHits,
      breakOnGuestBrk: () => this.breakOnGuestBrk,
      watchpointTrapped: () => { this.runner.watchpointStepPending = true; },
      deliverException: exit => this.deliverException(exit),
      log: line => this.emit('log', line),
    });
    this.runner = new SliceRunner({
      target, registers: this.registers, patches: this.patches, hardware: this.hardware, vectors: this.vectors,
      installer: this.installer, exits: this.exits,
      generation: () => this.runGeneration,
      pauseRequested: () => this.pauseRequested,
      endRequested: () => this.endRequested,
    });
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
    if (this._state !== 'ended') this.installer.apply(false);
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
    if (this._state !== 'ended') this.installer.apply(false);
    return results;
  }

  /** Changes which exceptions taken by the guest stop the session. */
  setExceptionCatch(settings: ExceptionCatchSettings): void {
    this.vectors.settings = { ...settings };
    if (this._state !== 'ended') this.installer.apply(false);
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
    this.installer.apply(false);
    const pc = this.registers.pc;
    if (options.stopOnEntry) {
      this.finish({ kind: 'stop', stop: { ...describeEntry(pc, this.symbols.symbolize(Number(pc))), pc, hitBreakpointIds: [] } });
      return;
    }
    if (options.runToAddress !== undefined) {
      const address = options.runToAddress;
      await this.drive(async () => {
        const outcome = await this.runner.runUntil([{ address, accept: () => true }]);
        if (outcome.kind !== 'temporary') return outcome;
        const here = this.registers.pc;
        return { kind: 'stop', stop: { ...describeEntry(here, this.symbols.symbolize(Number(here))), pc: here, hitBreakpointIds: [] } };
      });
      return;
    }
    await this.drive(() => this.runner.runFree());
  }

  continue(): Promise<void> {
    return this.drive(() => this.runner.runFree());
  }

  /** Asks a running guest to stop; the stop event follows within one slice. */
  pause(): void {
    if (this._state === 'running') this.pauseRequested = true;
  }

  stepInstruction(): Promise<void> {
    return this.drive(async () => this.asStepStop(this.runner.singleStep()), true);
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
      const outcome = await this.runner.runUntil([{ address: Number(caller.pc), accept: () => this.registers.sp >= callerSp }]);
      return this.asStepStop(outcome);
    }, true);
  }

  /** Ends the session: stops running, restores every patched word and turns guest debug off. */
  end(): void {
    if (this._state === 'ended') return;
    this.endRequested = true;
    this._state = 'ended';
    this.installer.removeFromGuest();
  }

  /** Reloads the program and starts again with the same breakpoints. */
  async restart(options: { stopOnEntry?: boolean; runToAddress?: number } = {}): Promise<void> {
    this.endRequested = true; // a running loop bails out at its next check
    this.runGeneration++;
    this.target.reset();
    this.installer.adoptNewTarget();
    this.breakpoints.resetHitCounts();
    this.watchHits.clear();
    this.runner.temporaries = [];
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
    this.installer.apply(false);
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
    this.runner.temporaries = [];
    this.installer.apply(false);
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
        this.installer.removeFromGuest();
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
        this.installer.removeFromGuest();
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

  /** Gives a debug exception the guest owns to its EL1 vector. */
  private deliverException(exit: ExitSyndrome): void {
    injectDebugException(this.target.vcpu, exit);
  }

  // ---- What the line stepper drives -----------------------------------------------------

  private steppingEngine(): SteppingEngine {
    return {
      registers: this.registers,
      symbols: this.symbols,
      instructionAt: address => this.instructionAt(address),
      singleStep: () => this.runner.singleStep(),
      runUntil: temporaries => this.runner.runUntil(temporaries),
      asStepStop: outcome => this.asStepStop(outcome),
      breakpointOnLanding: address => this.exits.breakpointOnLanding(address),
      checkpoint: () => this.runner.checkpoint(),
    };
  }
}
