// Catching the exceptions the guest takes itself: a breakpoint on each synchronous
// entry of its vector table (VBAR_EL1 + 0x000, 0x200, 0x400). Where the vector has
// guest RAM behind it the catch is a BRK patch; where it has nothing (VBAR_EL1 = 0 in
// a bare-metal program that never installed vectors) it is a hardware breakpoint,
// because an address match fires before the fetch that would abort again and again.

import { EC, ecName, esrEc, formatEsr } from '../arch/esr';

/** Synchronous exception entries (Arm ARM D1.10.2): current EL with SP0, with SPx, lower EL AArch64. */
export const SYNC_VECTOR_OFFSETS = [0x000, 0x200, 0x400] as const;

export interface ExceptionCatchSettings {
  /** Stop when the guest takes a synchronous exception to its own vectors (not SVC/HVC/SMC, not BRK). */
  taken: boolean;
  /** Also stop on SVC, HVC and SMC calls the guest takes. */
  calls: boolean;
  /** Stop on an exception whose vector has nothing behind it, at the instruction that raised it. */
  unhandled: boolean;
}

export function syncVectorAddresses(vbar: bigint): number[] {
  const base = Number(BigInt.asUintN(64, vbar) & ~0x7ffn);
  return SYNC_VECTOR_OFFSETS.map(offset => base + offset);
}

export function isCallClass(ec: number): boolean {
  return ec === EC.SVC64 || ec === EC.HVC64 || ec === EC.SMC64;
}

/** Classes whose FAR_EL1 holds the faulting address. */
function farIsValid(ec: number): boolean {
  return ec === EC.DABT_CUR || ec === EC.DABT_LOW || ec === EC.IABT_CUR || ec === EC.IABT_LOW
    || ec === EC.PC_ALIGN || ec === EC.WATCHPT_CUR || ec === EC.WATCHPT_LOW;
}

const hex = (v: number | bigint) => '0x' + v.toString(16);

export type VectorTrap = 'software' | 'hardware';

/** Which vector entries are caught, and how. Planned again at every resume and when VBAR_EL1 moves. */
export class VectorCatch {
  settings: ExceptionCatchSettings = { taken: false, calls: false, unhandled: false };
  private traps = new Map<number, VectorTrap>();
  /** VBAR_EL1 when the traps were planned. */
  base: bigint | undefined;

  get active(): boolean {
    return this.settings.taken || this.settings.calls || this.settings.unhandled;
  }

  /**
   * BRK patches on vectors in RAM (when handled exceptions should stop), hardware
   * breakpoints on vectors with nothing behind them (unhandled exceptions), as far as
   * `freeSlots` go.
   */
  plan(vbar: bigint | undefined, inRam: (address: number) => boolean, freeSlots: number): void {
    const traps = new Map<number, VectorTrap>();
    if (vbar !== undefined && this.active) {
      for (const address of syncVectorAddresses(vbar)) {
        if (inRam(address)) {
          if (this.settings.taken || this.settings.calls) traps.set(address, 'software');
        } else if (this.settings.unhandled && freeSlots > 0) {
          traps.set(address, 'hardware');
          freeSlots--;
        }
      }
    }
    this.traps = traps;
    this.base = vbar;
  }

  /** The guest moved its vector table since the last plan. */
  moved(vbar: bigint | undefined): boolean {
    return this.active && vbar !== this.base;
  }

  trapAt(address: number): VectorTrap | undefined {
    return this.traps.get(address);
  }

  softwareTraps(): number[] {
    return [...this.traps].filter(([, how]) => how === 'software').map(([address]) => address);
  }

  hardwareTraps(): number[] {
    return [...this.traps].filter(([, how]) => how === 'hardware').map(([address]) => address);
  }
}

export interface TakenException {
  esr: number;
  elr: bigint;
  far: bigint;
  vector: number;
  vbar: bigint;
}

export function describeTakenException(e: TakenException): { description: string; text: string } {
  const ec = esrEc(e.esr);
  const far = farIsValid(ec) ? `, FAR ${hex(e.far)}` : '';
  return {
    description: `Guest exception (${ecName(ec)})`,
    text: `Guest exception from ${hex(e.elr)} taken to its vector at ${hex(e.vector)} (VBAR_EL1+${hex(e.vector - Number(e.vbar & ~0x7ffn))}) ${formatEsr(e.esr)}${far}`,
  };
}

export function describeUnhandledException(e: TakenException): { description: string; text: string } {
  const ec = esrEc(e.esr);
  const far = farIsValid(ec) ? `, FAR ${hex(e.far)}` : '';
  return {
    description: `Unhandled exception (${ecName(ec)})`,
    text: `Unhandled exception at ${hex(e.elr)}: its vector at ${hex(e.vector)} has nothing behind it (VBAR_EL1 = ${hex(e.vbar)}) ${formatEsr(e.esr)}${far}`,
  };
}
