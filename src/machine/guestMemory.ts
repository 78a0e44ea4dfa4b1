// Guest RAM: one ArrayBuffer for the whole region. The host kernel commits pages only
// when they are touched, so a large guest that uses little costs little.

import type { PhysicalMemory } from '../arch/memory';

export const VIRT_RAM_BASE = 0x4000_0000;
/** RAM must stay below 2^31 so guest addresses stay small integers (see architecture notes). */
export const MAX_RAM_SIZE = 1024 * 1024 * 1024;

export class GuestMemory implements PhysicalMemory {
  readonly ramView: DataView;
  readonly ramBytes: Uint8Array;

  constructor(readonly ramBase: number, readonly ramSize: number) {
    if (!Number.isInteger(ramSize) || ramSize <= 0 || ramSize > MAX_RAM_SIZE || ramSize % 4096 !== 0) {
      throw new RangeError(`guest memory size ${ramSize} is not a multiple of 4 KiB between 4 KiB and 1 GiB`);
    }
    const buffer = new ArrayBuffer(ramSize);
    this.ramView = new DataView(buffer);
    this.ramBytes = new Uint8Array(buffer);
  }

  /** Whether [gpa, gpa + length) lies inside RAM. */
  contains(gpa: number, length: number): boolean {
    return gpa >= this.ramBase && gpa + length <= this.ramBase + this.ramSize;
  }
}
