// One set of breakpoint and watchpoint registers (DBGBCR/DBGBVR/DBGWCR/DBGWVR<n>_EL1).
// The CPU matches against whichever set is live: the guest's own, or the hypervisor's
// when the host debugs with KVM_GUESTDBG_USE_HW (the guest's then being shadowed).

/** Cortex-A57: 6 breakpoints (the last 2 context-aware) and 4 watchpoints. */
export const NUM_BREAKPOINTS = 6;
export const NUM_WATCHPOINTS = 4;
export const NUM_CONTEXT_BREAKPOINTS = 2;
/** Architectural maximum, and the size of KVM's arrays (KVM_ARM_MAX_DBG_REGS). */
export const MAX_DEBUG_REGISTERS = 16;

export class DebugRegisters {
  readonly bcr = new Uint32Array(MAX_DEBUG_REGISTERS);
  readonly bvr = new BigUint64Array(MAX_DEBUG_REGISTERS);
  readonly wcr = new Uint32Array(MAX_DEBUG_REGISTERS);
  readonly wvr = new BigUint64Array(MAX_DEBUG_REGISTERS);

  copyFrom(other: DebugRegisters): void {
    this.bcr.set(other.bcr);
    this.bvr.set(other.bvr);
    this.wcr.set(other.wcr);
    this.wvr.set(other.wvr);
  }

  clear(): void {
    this.bcr.fill(0);
    this.bvr.fill(0n);
    this.wcr.fill(0);
    this.wvr.fill(0n);
  }

  anyBreakpointEnabled(count: number): boolean {
    for (let i = 0; i < count; i++) if (this.bcr[i] & 1) return true;
    return false;
  }

  anyWatchpointEnabled(count: number): boolean {
    for (let i = 0; i < count; i++) if (this.wcr[i] & 1) return true;
    return false;
  }
}

// DBGBCR<n>_EL1 fields
export const BCR_E = 1;
export const bcrPmc = (bcr: number) => (bcr >>> 1) & 3;
export const bcrBas = (bcr: number) => (bcr >>> 5) & 0xf;
export const bcrHmc = (bcr: number) => (bcr >>> 13) & 1;
export const bcrSsc = (bcr: number) => (bcr >>> 14) & 3;
export const bcrLbn = (bcr: number) => (bcr >>> 16) & 0xf;
export const bcrBt = (bcr: number) => (bcr >>> 20) & 0xf;

// DBGWCR<n>_EL1 fields
export const wcrPac = (wcr: number) => (wcr >>> 1) & 3;
export const wcrLsc = (wcr: number) => (wcr >>> 3) & 3;
export const wcrBas = (wcr: number) => (wcr >>> 5) & 0xff;
export const wcrHmc = (wcr: number) => (wcr >>> 13) & 1;
export const wcrSsc = (wcr: number) => (wcr >>> 14) & 3;
export const wcrLbn = (wcr: number) => (wcr >>> 16) & 0xf;
export const wcrWt = (wcr: number) => (wcr >>> 20) & 1;
export const wcrMask = (wcr: number) => (wcr >>> 24) & 0x1f;

// MDSCR_EL1 fields
export const MDSCR_SS = 1 << 0;
export const MDSCR_TDCC = 1 << 12;
export const MDSCR_KDE = 1 << 13;
export const MDSCR_MDE = 1 << 15;
