// Self-hosted debug event matching: when breakpoints and watchpoints fire and whether
// debug exceptions are enabled (Arm ARM D2.8-D2.10, AArch64.BreakpointMatch,
// AArch64.WatchpointMatch, AArch64.GenerateDebugExceptionsFrom).

import type { Cpu } from './cpu';
import {
  MDSCR_KDE, MDSCR_MDE, NUM_BREAKPOINTS, NUM_CONTEXT_BREAKPOINTS, NUM_WATCHPOINTS,
  bcrBt, bcrLbn, bcrPmc, wcrBas, wcrLbn, wcrLsc, wcrMask, wcrPac, wcrWt,
} from './debugRegisters';
import { SPSR_D } from './pstate';

const FIRST_CONTEXT_BREAKPOINT = NUM_BREAKPOINTS - NUM_CONTEXT_BREAKPOINTS;
/** DBGBVR/DBGWVR hold VA[48:2]; the bits above are a sign extension. */
const VA_MASK = (1n << 49n) - 1n;

// DBGBCR.BT values
const BT_UNLINKED_ADDRESS = 0b0000;
const BT_LINKED_ADDRESS = 0b0001;
const BT_UNLINKED_CONTEXT = 0b0010;
const BT_LINKED_CONTEXT = 0b0011;

/**
 * Whether debug exceptions from the current EL are enabled. When the hypervisor routes
 * them to itself (MDCR_EL2.TDE) the guest's PSTATE.D, MDSCR_EL1.KDE and OS lock do not
 * apply: the target is a higher EL.
 */
export function debugExceptionsEnabled(cpu: Cpu): boolean {
  if (cpu.hyp.tde) return true;
  if (cpu.osLock) return false;
  if (cpu.el === 0) return true;
  return (cpu.mdscrEl1 & MDSCR_KDE) !== 0 && (cpu.daif & SPSR_D) === 0;
}

/** PMC/PAC privilege check: bit 0 enables EL1, bit 1 enables EL0. */
function privilegeMatches(pmc: number, el: number): boolean {
  return el === 0 ? (pmc & 2) !== 0 : (pmc & 1) !== 0;
}

function contextMatches(cpu: Cpu, n: number, linkedOnly: boolean): boolean {
  if (n < FIRST_CONTEXT_BREAKPOINT || n >= NUM_BREAKPOINTS) return false;
  const regs = cpu.liveDebugRegisters();
  const bcr = regs.bcr[n];
  if ((bcr & 1) === 0) return false;
  const bt = bcrBt(bcr);
  if (bt !== (linkedOnly ? BT_LINKED_CONTEXT : BT_UNLINKED_CONTEXT)) return false;
  return Number(regs.bvr[n] & 0xffffffffn) === cpu.contextidrEl1 >>> 0;
}

/** Whether any enabled breakpoint matches an instruction fetch at `pc`. */
export function breakpointMatches(cpu: Cpu, pc: number): boolean {
  if ((cpu.effectiveMdscr() & MDSCR_MDE) === 0) return false;
  const regs = cpu.liveDebugRegisters();
  const address = BigInt(pc) & VA_MASK & ~3n;
  for (let n = 0; n < NUM_BREAKPOINTS; n++) {
    const bcr = regs.bcr[n];
    if ((bcr & 1) === 0 || !privilegeMatches(bcrPmc(bcr), cpu.el)) continue;
    switch (bcrBt(bcr)) {
      case BT_UNLINKED_ADDRESS:
        if ((regs.bvr[n] & VA_MASK & ~3n) === address) return true;
        break;
      case BT_LINKED_ADDRESS:
        if ((regs.bvr[n] & VA_MASK & ~3n) === address && contextMatches(cpu, bcrLbn(bcr), true)) return true;
        break;
      case BT_UNLINKED_CONTEXT:
        if (contextMatches(cpu, n, false)) return true;
        break;
      default:
        // Linked context breakpoints only fire through an address breakpoint; VMID kinds need EL2 guests.
        break;
    }
  }
  return false;
}

/**
 * The bytes a BAS-form watchpoint (MASK < 3) selects: bit b of `bas` selects `base + b`.
 * With VA[2] set only BAS[3:0] is used, relative to the word.
 */
function basBytes(wcr: number, wvr: bigint): { base: number; bas: number } {
  const base = Number(wvr & VA_MASK & ~3n);
  const bas = wcrBas(wcr);
  return { base, bas: base & 4 ? bas & 0xf : bas };
}

/** The naturally aligned block a MASK-form watchpoint (MASK >= 3) covers. */
function maskedBlock(wcr: number, wvr: bigint): { first: number; last: number } {
  const size = 2 ** wcrMask(wcr);
  const first = Math.floor(Number(wvr & VA_MASK & ~3n) / size) * size;
  return { first, last: first + size - 1 };
}

/** Bytes [first, last] a watchpoint covers, or undefined if it covers none. */
export function watchedRange(wcr: number, wvr: bigint): { first: number; last: number } | undefined {
  if (wcrMask(wcr) >= 3) return maskedBlock(wcr, wvr);
  const { base, bas } = basBytes(wcr, wvr);
  if (bas === 0) return undefined;
  return { first: base + 31 - Math.clz32(bas & -bas), last: base + 31 - Math.clz32(bas) };
}

/** Whether an access of `size` bytes at `address` hits an enabled watchpoint. */
export function watchpointMatches(cpu: Cpu, address: number, size: number, isWrite: boolean): boolean {
  if ((cpu.effectiveMdscr() & MDSCR_MDE) === 0) return false;
  const regs = cpu.liveDebugRegisters();
  for (let n = 0; n < NUM_WATCHPOINTS; n++) {
    const wcr = regs.wcr[n];
    if ((wcr & 1) === 0) continue;
    if ((wcrLsc(wcr) & (isWrite ? 2 : 1)) === 0) continue;
    if (!privilegeMatches(wcrPac(wcr), cpu.el)) continue;
    if (wcrWt(wcr) && !contextMatches(cpu, wcrLbn(wcr), true)) continue;
    if (wcrMask(wcr) >= 3) {
      const block = maskedBlock(wcr, regs.wvr[n]);
      if (address <= block.last && block.first < address + size) return true;
      continue;
    }
    // BAS selects individual bytes; an access matches if it touches any selected byte.
    const { base, bas } = basBytes(wcr, regs.wvr[n]);
    for (let b = 0; b < 8; b++) {
      if ((bas & (1 << b)) && address <= base + b && base + b < address + size) return true;
    }
  }
  return false;
}
