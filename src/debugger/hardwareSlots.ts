// Hardware breakpoints and watchpoints through KVM_GUESTDBG_USE_HW: the debugger's
// requests mapped onto DBGBCR/DBGBVR and DBGWCR/DBGWVR slot values (QEMU's
// hyp_gdbstub.c, with its BAS truncation and hit-matching bugs fixed: spec 3.6/3.7).

import type { GuestDebugArch } from '../kvm';

/** DBGBCR: E=1, PMC=0b11 (EL1 and EL0), BAS=0b1111 (A64 instruction), unlinked address match. */
export const BCR_ADDRESS_MATCH_EL0_EL1 = 0x1e7;

export type WatchAccess = 'read' | 'write' | 'readWrite';

/** DBGWCR.LSC: 0b01 loads, 0b10 stores, 0b11 both. */
const LSC: Record<WatchAccess, number> = { read: 0b01, write: 0b10, readWrite: 0b11 };

export interface WatchRequest {
  id: number;
  address: bigint;
  length: number;
  access: WatchAccess;
}

export interface WatchSlot {
  wcr: bigint;
  wvr: bigint;
}

export class SlotError extends Error {}

/**
 * The DBGWCR/DBGWVR pairs that watch exactly [address, address + length): one slot
 * when the bytes sit in one doubleword, one slot with MASK for an aligned power-of-two
 * block of at least 8 bytes, else one slot per doubleword touched.
 */
/** The architecture's limit on watchpoints (DBGWCR0_EL1 to DBGWCR15_EL1). */
const MAX_WATCHPOINT_SLOTS = 16;

export function watchSlotsFor(request: WatchRequest): WatchSlot[] {
  const { address, length, access } = request;
  if (!Number.isInteger(length) || length < 1) throw new SlotError(`cannot watch ${length} bytes`);
  const control = 1n | (3n << 1n) | (BigInt(LSC[access]) << 3n);
  const offset = Number(address & 7n);
  if (offset + length <= 8) {
    const bas = ((1 << length) - 1) << offset;
    return [{ wcr: control | (BigInt(bas) << 5n), wvr: address & ~7n }];
  }
  const isPowerOfTwo = (length & (length - 1)) === 0;
  if (isPowerOfTwo && address % BigInt(length) === 0n && length <= 0x8000_0000) {
    const mask = Math.log2(length);
    return [{ wcr: control | (0xffn << 5n) | (BigInt(mask) << 24n), wvr: address }];
  }
  // One slot per doubleword: refuse up front what no CPU has slots for (at most 16
  // DBGWCR<n>_EL1), rather than building billions of slots for an absurd length.
  const doublewords = Math.ceil((offset + length) / 8);
  if (doublewords > MAX_WATCHPOINT_SLOTS) {
    throw new SlotError(`cannot watch ${length} bytes at 0x${address.toString(16)}: it needs ${doublewords} watchpoint slots, and a CPU has at most ${MAX_WATCHPOINT_SLOTS}`);
  }
  const slots: WatchSlot[] = [];
  const end = address + BigInt(length);
  for (let doubleword = address & ~7n; doubleword < end; doubleword += 8n) {
    const first = address > doubleword ? Number(address - doubleword) : 0;
    const last = end < doubleword + 8n ? Number(end - doubleword) : 8;
    const bas = ((1 << (last - first)) - 1) << first;
    slots.push({ wcr: control | (BigInt(bas) << 5n), wvr: doubleword });
  }
  return slots;
}

export interface HardwareBreakpointRequest {
  id: number;
  address: bigint;
}

/** The assignment of requests to the host's slots, and its KVM form. */
export class HardwareSlots {
  private breakpoints: HardwareBreakpointRequest[] = [];
  private watches: { request: WatchRequest; slots: WatchSlot[] }[] = [];

  constructor(readonly breakpointSlots: number, readonly watchpointSlots: number) {}

  get active(): boolean {
    return this.breakpoints.length > 0 || this.watches.length > 0;
  }

  get watchRequests(): WatchRequest[] {
    return this.watches.map(w => w.request);
  }

  get breakpointRequests(): HardwareBreakpointRequest[] {
    return [...this.breakpoints];
  }

  /** Replaces the hardware breakpoints; throws SlotError naming the limit when they do not fit. */
  setBreakpoints(requests: HardwareBreakpointRequest[]): void {
    if (requests.length > this.breakpointSlots) {
      throw new SlotError(`${requests.length} hardware breakpoints requested, but the CPU has ${this.breakpointSlots} breakpoint slots`);
    }
    for (const r of requests) {
      if (r.address % 4n !== 0n) throw new SlotError(`hardware breakpoint address 0x${r.address.toString(16)} is not 4-byte aligned`);
    }
    this.breakpoints = [...requests];
  }

  /**
   * Tries to add a watch; returns undefined on success, else why it does not fit
   * (naming the limit), leaving the existing watches untouched.
   */
  addWatch(request: WatchRequest): string | undefined {
    let slots: WatchSlot[];
    try {
      slots = watchSlotsFor(request);
    } catch (e) {
      return (e as Error).message;
    }
    const used = this.watches.reduce((n, w) => n + w.slots.length, 0);
    if (used + slots.length > this.watchpointSlots) {
      return `no watchpoint slot left: watching ${request.length} bytes at 0x${request.address.toString(16)} needs ${slots.length} slot${slots.length > 1 ? 's' : ''}, ${this.watchpointSlots - used} of ${this.watchpointSlots} free`;
    }
    this.watches.push({ request, slots });
    return undefined;
  }

  clearWatches(): void {
    this.watches = [];
  }

  /** struct kvm_guest_debug_arch with every slot (unused ones zero). */
  toGuestDebugArch(): GuestDebugArch {
    const arch: GuestDebugArch = {
      dbgBcr: new Array(16).fill(0n), dbgBvr: new Array(16).fill(0n),
      dbgWcr: new Array(16).fill(0n), dbgWvr: new Array(16).fill(0n),
    };
    this.breakpoints.forEach((b, i) => {
      arch.dbgBcr[i] = BigInt(BCR_ADDRESS_MATCH_EL0_EL1);
      arch.dbgBvr[i] = b.address;
    });
    let n = 0;
    for (const watch of this.watches) {
      for (const slot of watch.slots) {
        arch.dbgWcr[n] = slot.wcr;
        arch.dbgWvr[n] = slot.wvr;
        n++;
      }
    }
    return arch;
  }

  breakpointAt(pc: bigint): HardwareBreakpointRequest | undefined {
    return this.breakpoints.find(b => b.address === pc);
  }

  /**
   * The watch a watchpoint exit belongs to. The FAR is the first byte the instruction
   * accessed, which can lie below the watched bytes when a wider access overlaps them
   * (gdb's aarch64_stopped_data_address): a watch matches when FAR falls in
   * [align_down(start, 8), end); failing that, the nearest watch, since only the
   * host's slots are live while it debugs with USE_HW.
   */
  watchForFar(far: bigint): WatchRequest | undefined {
    let nearest: WatchRequest | undefined;
    let nearestDistance = -1n;
    for (const { request } of this.watches) {
      const start = request.address;
      const end = start + BigInt(request.length);
      if (far >= (start & ~7n) && far < end) return request;
      const distance = far < start ? start - far : far - end + 1n;
      if (nearest === undefined || distance < nearestDistance) {
        nearest = request;
        nearestDistance = distance;
      }
    }
    return nearest;
  }
}
