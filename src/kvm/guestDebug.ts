// KVM_SET_GUEST_DEBUG state and what it does to the vCPU around each KVM_RUN
// (arch/arm64/kvm/debug.c: setup_external_mdscr, kvm_vcpu_load_debug / put_debug).

import type { Cpu } from '../arch/cpu';
import { DebugRegisters, MDSCR_KDE, MDSCR_MDE, MDSCR_SS, NUM_BREAKPOINTS, NUM_WATCHPOINTS } from '../arch/debugRegisters';
import {
  EINVAL, KVM_ARM_MAX_DBG_REGS, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_HW, KVM_GUESTDBG_VALID_MASK,
} from './constants';

/** struct kvm_guest_debug_arch */
export interface GuestDebugArch {
  dbgBcr: bigint[];
  dbgBvr: bigint[];
  dbgWcr: bigint[];
  dbgWvr: bigint[];
}

/** struct kvm_guest_debug */
export interface GuestDebug {
  control: number;
  arch?: GuestDebugArch;
}

export class GuestDebugState {
  control = 0;
  /** The host's breakpoint/watchpoint values (vcpu->arch.external_debug_state). */
  readonly external = new DebugRegisters();
  /** The host's step state carried across exits (HOST_SS_ACTIVE_PENDING when 0). */
  private hostSs = 1;
  /** The guest's own PSTATE.SS, hidden while the host steps. */
  private guestSs = 0;
  private loaded = false;

  get enabled(): boolean {
    return (this.control & KVM_GUESTDBG_ENABLE) !== 0;
  }

  get singleStep(): boolean {
    return this.enabled && (this.control & KVM_GUESTDBG_SINGLESTEP) !== 0;
  }

  get useHw(): boolean {
    return this.enabled && (this.control & KVM_GUESTDBG_USE_HW) !== 0;
  }

  /** kvm_arch_vcpu_ioctl_set_guest_debug: 0, or -EINVAL with nothing changed. */
  set(dbg: GuestDebug): number {
    if ((dbg.control & ~KVM_GUESTDBG_VALID_MASK) !== 0) return -EINVAL;
    const wasStepping = this.singleStep;
    this.control = dbg.control >>> 0;
    if (!this.enabled) {
      this.control = 0;
      this.external.clear();
    } else if (this.control & KVM_GUESTDBG_USE_HW && dbg.arch) {
      // All 16 slots are copied, whatever the CPU implements.
      for (let i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) {
        this.external.bcr[i] = Number(BigInt.asUintN(32, dbg.arch.dbgBcr[i] ?? 0n));
        this.external.bvr[i] = BigInt.asUintN(64, dbg.arch.dbgBvr[i] ?? 0n);
        this.external.wcr[i] = Number(BigInt.asUintN(32, dbg.arch.dbgWcr[i] ?? 0n));
        this.external.wvr[i] = BigInt.asUintN(64, dbg.arch.dbgWvr[i] ?? 0n);
      }
    }
    // Starting to step begins active-not-pending: the next instruction runs, then the exit.
    if (this.singleStep && !wasStepping) this.hostSs = 1;
    return 0;
  }

  /** Before the guest runs: route debug to EL2 and make the host's state live. */
  load(cpu: Cpu): void {
    const hyp = cpu.hyp;
    if (!this.enabled) {
      hyp.tde = hyp.tda = hyp.tdosa = false;
      hyp.externalMdscr = undefined;
      hyp.hostDebugRegisters = undefined;
      return;
    }
    hyp.tde = true;
    hyp.tda = true;
    hyp.tdosa = true;
    // setup_external_mdscr: the guest's MDSCR_EL1 with SS/MDE/KDE taken from the host's request.
    let mdscr = cpu.mdscrEl1 & ~(MDSCR_SS | MDSCR_MDE | MDSCR_KDE);
    if (this.singleStep) mdscr |= MDSCR_SS;
    if (this.useHw) mdscr |= MDSCR_MDE | MDSCR_KDE;
    hyp.externalMdscr = mdscr;
    hyp.hostDebugRegisters = this.external;
    if (this.singleStep) {
      this.guestSs = cpu.ss;
      cpu.ss = this.hostSs;
    }
    this.loaded = true;
  }

  /** After the guest stops: keep the host's step state, give the guest back its own PSTATE.SS. */
  put(cpu: Cpu): void {
    if (!this.loaded) return;
    this.loaded = false;
    if (this.singleStep) {
      this.hostSs = cpu.ss;
      cpu.ss = this.guestSs;
    }
  }

  /** After a step exit: the next KVM_RUN steps exactly one more instruction. */
  stepTaken(cpu: Cpu): void {
    cpu.ss = 1;
  }
}

/** Number of usable host slots, for KVM_CAP_GUEST_DEBUG_HW_BPS/WPS. */
export const HW_BREAKPOINTS = NUM_BREAKPOINTS;
export const HW_WATCHPOINTS = NUM_WATCHPOINTS;
