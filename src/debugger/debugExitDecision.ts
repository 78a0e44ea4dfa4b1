// What one KVM_EXIT_DEBUG means (kvm_debug_exit_arch.hsr decoded by its EC): our own
// BRK or hardware breakpoint, a temporary breakpoint of a step plan, a caught guest
// vector, a watchpoint hit, the end of a single step, or a debug exception the guest
// owns and gets back (re-injected at its EL1 vector). Decides only: the run driver
// acts on the Outcome.

import { EC, esrEc } from '../arch/esr';
import type { KvmRun } from '../kvm';
import type { BreakpointKind, BreakpointTable } from './breakpointTable';
import type { SliceResult, TargetVcpu } from './debugTarget';
import type { WatchpointRequest } from './debugger';
import type { Outcome, TemporaryBreakpoint } from './execution';
import type { HardwareSlots } from './hardwareSlots';
import type { RegisterFile } from './registerFile';
import type { SoftwareBreakpointPatches } from './softwareBreakpoints';
import {
  ExitSyndrome, StopReason, describeException, describeHardwareBreakpoint, describeOwnBreakpoint, describeWatchpoint,
} from './stopDescription';
import { TakenException, VectorCatch, describeTakenException, describeUnhandledException, isCallClass } from './vectorCatch';

/** What the decision reads (and the few things it changes) of the debugger's state. */
export interface DebugExitOwnership {
  readonly registers: RegisterFile;
  readonly breakpoints: BreakpointTable;
  readonly hardware: HardwareSlots;
  readonly vectors: VectorCatch;
  readonly patches: SoftwareBreakpointPatches;
  /** Read at each exit: the step plan in progress replaces them. */
  temporaries(): readonly TemporaryBreakpoint[];
  watchpoints(): readonly WatchpointRequest[];
  /** Hit counts of the data breakpoints, by id (for their hit conditions). */
  readonly watchHits: Map<number, number>;
  /** Stop on guest BRKs the debugger did not plant instead of re-injecting them. */
  breakOnGuestBrk(): boolean;
  /** The vCPU sits on the access a watchpoint trapped: the next step runs it with watchpoints off. */
  watchpointTrapped(): void;
  /** Gives a debug exception to the guest's EL1 vector. */
  deliverException(exit: ExitSyndrome): void;
  /** Logpoint messages, as the debugger's 'log' event. */
  log(line: string): void;
}

/** How the slice that produced an exit was run. */
export interface ExitContext {
  singleStep: boolean;
  /** The address of our own BRK the step is running the original instruction of. */
  steppingOverPatchAt?: number;
}

export class DebugExitDecision {
  constructor(private readonly owner: DebugExitOwnership) {}

  /** The outcome of one slice: the budget, the end, an error, or a debug exit to decode. */
  classify(result: SliceResult, context: ExitContext): Outcome {
    switch (result.kind) {
      case 'budget': return { kind: 'budget' };
      case 'exited': return { kind: 'exited', status: result.status };
      case 'error': return { kind: 'error', message: result.message };
      case 'debug': return this.classifyDebugExit(result.run, context);
    }
  }

  private classifyDebugExit(run: KvmRun, context: ExitContext): Outcome {
    const arch = run.debug!.arch;
    const exit: ExitSyndrome = { hsr: arch.hsr, hsrHigh: arch.hsrHigh, flags: run.flags, far: arch.far };
    const { registers, patches, hardware, vectors } = this.owner;
    const pc = registers.pc;
    switch (esrEc(exit.hsr)) {
      case EC.SOFTSTP_LOW:
        // Only ours: the guest's own step exceptions are not routed to the host (MDSCR_EL1.SS is the host's).
        return context.singleStep ? { kind: 'stepped', exit } : { kind: 'resume' };
      case EC.BRK64: {
        const address = Number(pc);
        const ours = patches.isPatched(address) && address !== context.steppingOverPatchAt;
        if (ours) return this.reachedBreakpoint(address, exit, false);
        return this.foreignException(exit, pc, context.singleStep);
      }
      case EC.BREAKPT_LOW: {
        if (hardware.active && hardware.breakpointAt(pc)) return this.reachedBreakpoint(Number(pc), exit, true);
        if (vectors.trapAt(Number(pc)) === 'hardware') return this.reachedBreakpoint(Number(pc), exit, true);
        return this.foreignException(exit, pc, context.singleStep);
      }
      case EC.WATCHPT_LOW: {
        if (this.owner.watchpoints().length > 0) return this.reachedWatchpoint(exit, pc);
        return this.foreignException(exit, pc, context.singleStep);
      }
      default:
        return this.foreignException(exit, pc, context.singleStep);
    }
  }

  /** Our breakpoint (software or hardware) or a temporary one was reached at `address`. */
  private reachedBreakpoint(address: number, exit: ExitSyndrome, hardware: boolean): Outcome {
    const decision = this.owner.breakpoints.reached(address, hardware);
    const pc = BigInt(address);
    if (decision.kind === 'error') {
      return { kind: 'stop', stop: { reason: 'breakpoint', description: 'Breakpoint condition error', text: decision.message, pc, hitBreakpointIds: decision.ids, exit } };
    }
    for (const line of decision.logs) this.owner.log(line);
    if (decision.kind === 'stop') {
      const reason = reasonOf(decision.breakpointKind);
      const words = hardware ? describeHardwareBreakpoint(exit, pc, reason) : describeOwnBreakpoint(exit, pc, reason);
      return { kind: 'stop', stop: { ...words, pc, hitBreakpointIds: decision.ids, exit } };
    }
    if (this.owner.vectors.trapAt(address)) {
      const caught = this.reachedVector(address);
      if (caught) return caught;
    }
    if (!hardware && this.owner.temporaries().some(t => t.address === address && t.accept())) return { kind: 'temporary', exit };
    return { kind: 'resume' };
  }

  /**
   * The guest entered one of its synchronous vectors. A handled exception stops at the
   * vector; an unhandled one (nothing behind the vector) is rewound to the instruction
   * that raised it, which is where the user wants to look (as gdb does on SIGSEGV).
   */
  private reachedVector(address: number): Outcome | undefined {
    const { registers, vectors } = this.owner;
    const esr = Number(registers.read('esr_el1') & 0xffff_ffffn);
    const ec = esrEc(esr);
    const taken: TakenException = {
      esr, elr: registers.read('elr_el1'), far: registers.read('far_el1'), vector: address, vbar: vectors.base ?? 0n,
    };
    const syndrome: ExitSyndrome = { hsr: esr, hsrHigh: 0, flags: 0, far: taken.far };
    if (vectors.trapAt(address) === 'hardware') {
      registers.write('pstate', registers.read('spsr_el1'));
      registers.pc = taken.elr;
      const words = describeUnhandledException(taken);
      return { kind: 'stop', stop: { reason: 'exception', ...words, pc: taken.elr, hitBreakpointIds: [], exit: syndrome } };
    }
    if (ec === EC.BRK64) return undefined; // guest BRKs have their own switch (breakOnGuestBrk)
    if (isCallClass(ec) ? !vectors.settings.calls : !vectors.settings.taken) return undefined;
    const words = describeTakenException(taken);
    return { kind: 'stop', stop: { reason: 'exception', ...words, pc: BigInt(address), hitBreakpointIds: [], exit: syndrome } };
  }

  /** A data breakpoint trapped an access (the exit's FAR names it): its condition and hit count decide. */
  private reachedWatchpoint(exit: ExitSyndrome, pc: bigint): Outcome {
    const watch = this.owner.hardware.watchForFar(exit.far);
    const request = this.owner.watchpoints().find(w => w.id === watch?.id);
    if (request) {
      let stop = true;
      try {
        if (request.condition && !request.condition()) stop = false;
      } catch (e) {
        return { kind: 'stop', stop: { reason: 'data breakpoint', description: 'Watchpoint condition error', text: (e as Error).message, pc, hitBreakpointIds: [request.id], exit } };
      }
      if (stop) {
        const count = (this.owner.watchHits.get(request.id) ?? 0) + 1;
        this.owner.watchHits.set(request.id, count);
        if (request.hitCondition && !request.hitCondition(count)) stop = false;
      }
      // Watchpoints trap before the access: it runs with them off on the next resume, then they are re-armed.
      this.owner.watchpointTrapped();
      if (!stop) return { kind: 'resume' };
    }
    this.owner.watchpointTrapped();
    const stop = describeWatchpoint(exit, pc, watch);
    return { kind: 'stop', stop: { ...stop, pc, hitBreakpointIds: request ? [request.id] : [], exit } };
  }

  /**
   * A debug exception the debugger does not own: show it (guest BRKs when the user
   * asked), or give it to the guest's EL1 vector with the syndrome it would have seen.
   */
  private foreignException(exit: ExitSyndrome, pc: bigint, singleStep: boolean): Outcome {
    const ec = esrEc(exit.hsr);
    if (ec === EC.BRK64 && this.owner.breakOnGuestBrk()) {
      const words = describeException(exit, pc);
      return { kind: 'stop', stop: { ...words, pc, hitBreakpointIds: [], exit, deliverOnResume: exit } };
    }
    this.owner.deliverException(exit);
    // A step that ran into a re-injected exception ends at the vector, as on hardware.
    return singleStep ? { kind: 'stepped', exit } : { kind: 'resume' };
  }

  /** Stepping onto an address with a user breakpoint reports that breakpoint, as gdb does. */
  breakpointOnLanding(address: number): Outcome | undefined {
    const breakpoints = this.owner.breakpoints;
    if (breakpoints.at(address).length === 0) return undefined;
    const decision = breakpoints.reached(address);
    for (const line of decision.kind === 'error' ? [] : decision.logs) this.owner.log(line);
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

/**
 * Gives a debug exception to the guest's EL1 vector (QEMU's arm_cpu_do_interrupt):
 * the model converts the EC to the current-EL class and, unlike QEMU, writes FAR_EL1
 * for watchpoints (spec 3.4).
 */
export function injectDebugException(vcpu: TargetVcpu, exit: ExitSyndrome): void {
  vcpu.injectException(exit.hsr, esrEc(exit.hsr) === EC.WATCHPT_LOW ? exit.far : undefined);
}

function reasonOf(kind: BreakpointKind): StopReason {
  return kind === 'function' ? 'function breakpoint' : kind === 'instruction' ? 'instruction breakpoint' : 'breakpoint';
}
