// What the debugger drives: the userspace VMM's view of one guest (src/vmm's
// GuestMachine satisfies it). `vm` and `vcpu` are read at each use because a reset
// (the debugger's restart, or the guest's PSCI SYSTEM_RESET) replaces them.

import type { GuestDebug, KvmRun } from '../kvm';

export type SliceResult =
  | { kind: 'budget' }
  | { kind: 'debug'; run: KvmRun }
  | { kind: 'exited'; status: number; reason?: string }
  | { kind: 'error'; message: string };

export interface TargetVm {
  checkExtension(cap: number): number;
  readMemory(gpa: bigint, length: number): Uint8Array;
  writeMemory(gpa: bigint, data: Uint8Array): void;
}

export interface TargetVcpu {
  setGuestDebug(dbg: GuestDebug): number;
  getOneReg(id: bigint): bigint;
  setOneReg(id: bigint, value: bigint): void;
  injectException(esr: number, far?: bigint): void;
}

export interface DebugTarget {
  readonly vm: TargetVm;
  readonly vcpu: TargetVcpu;
  readonly entry: bigint;
  /** Runs at most `maxInstructions` instructions; returns at a debug exit, the end, an error or the budget. */
  runSlice(maxInstructions: number): SliceResult;
  /** Reloads the program (new vm and vcpu, fresh memory). */
  reset(): void;
}
