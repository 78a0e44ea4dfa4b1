// What the debugger has installed in the guest, and keeping it in step with what the
// user asked: BRK patches (user, temporary and vector-catch addresses), hardware
// breakpoint slots, and the KVM_SET_GUEST_DEBUG control word. Also notices a reset
// that replaced guest memory (the patches are gone with it) and takes everything out
// again at the end of the session.

import {
  KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_HW, KVM_GUESTDBG_USE_SW_BP,
} from '../kvm';
import type { BreakpointTable } from './breakpointTable';
import type { DebugTarget, TargetVm } from './debugTarget';
import type { TemporaryBreakpoint } from './execution';
import type { HardwareSlots } from './hardwareSlots';
import type { RegisterFile } from './registerFile';
import type { SoftwareBreakpointPatches } from './softwareBreakpoints';
import type { VectorCatch } from './vectorCatch';

/** The wanted state the installer reads at each apply. */
export interface InstallSources {
  readonly target: DebugTarget;
  readonly registers: RegisterFile;
  readonly patches: SoftwareBreakpointPatches;
  readonly breakpoints: BreakpointTable;
  readonly hardware: HardwareSlots;
  readonly vectors: VectorCatch;
  /** The temporary breakpoints of the step plan in progress. */
  temporaries(): readonly TemporaryBreakpoint[];
  /** Guest BRKs stop the session, so guest debug stays on even with nothing planted. */
  breakOnGuestBrk(): boolean;
}

export class GuestDebugInstaller {
  /** The vm the patches were written into; another one means a reset replaced memory. */
  private knownVm: TargetVm;

  constructor(private readonly sources: InstallSources) {
    this.knownVm = sources.target.vm;
  }

  /** Plants what should be planted and programs KVM_SET_GUEST_DEBUG. */
  apply(singleStep: boolean, suppressHardware = false): void {
    const { patches, breakpoints, vectors, hardware } = this.sources;
    this.checkTargetReplaced();
    patches.revalidate();
    const wanted = new Set(breakpoints.softwareAddresses());
    for (const t of this.sources.temporaries()) wanted.add(t.address);
    vectors.plan(this.vbar(), a => patches.isPatched(a) || patches.canPatch(a), hardware.breakpointSlots - breakpoints.hardware().length);
    for (const address of vectors.softwareTraps()) wanted.add(address);
    patches.sync(wanted);
    const vectorSlots = vectors.hardwareTraps().map(address => ({ id: -1, address: BigInt(address) }));
    hardware.setBreakpoints([...breakpoints.hardware().map(b => ({ id: b.id, address: BigInt(b.address) })), ...vectorSlots]);
    this.setGuestDebug(singleStep, suppressHardware);
  }

  /** KVM_SET_GUEST_DEBUG: on only while something needs it, so a plain run traps nothing. */
  setGuestDebug(singleStep: boolean, suppressHardware = false): void {
    const { target, hardware, patches } = this.sources;
    const useHardware = hardware.active && !suppressHardware;
    const needed = singleStep || useHardware || patches.addresses.length > 0 || this.sources.breakOnGuestBrk();
    let control = 0;
    if (needed) {
      control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP;
      if (singleStep) control |= KVM_GUESTDBG_SINGLESTEP;
      if (useHardware) control |= KVM_GUESTDBG_USE_HW;
    }
    const result = target.vcpu.setGuestDebug(useHardware ? { control, arch: hardware.toGuestDebugArch() } : { control });
    if (result !== 0) throw new Error(`KVM_SET_GUEST_DEBUG refused control 0x${control.toString(16)} (${result})`);
  }

  /** VBAR_EL1, when an exception catch needs it. */
  vbar(): bigint | undefined {
    if (!this.sources.vectors.active) return undefined;
    try {
      return this.sources.registers.read('vbar_el1');
    } catch {
      return undefined;
    }
  }

  /** Whether the target's memory was replaced since the patches were written. */
  get targetReplaced(): boolean {
    return this.sources.target.vm !== this.knownVm;
  }

  /** A reset inside the guest (PSCI SYSTEM_RESET) reloads memory: plant everything again. */
  checkTargetReplaced(): void {
    if (!this.targetReplaced) return;
    this.adoptNewTarget();
  }

  /** The target was reloaded: its memory holds no patch of ours. */
  adoptNewTarget(): void {
    this.knownVm = this.sources.target.vm;
    this.sources.patches.forget();
  }

  /** Restores memory and hardware state as they were before the debugger touched them. */
  removeFromGuest(): void {
    try {
      if (!this.targetReplaced) this.sources.patches.removeAll();
      else this.sources.patches.forget();
      this.sources.target.vcpu.setGuestDebug({ control: 0 });
    } catch {
      // The guest is gone; nothing left to restore.
    }
  }
}
