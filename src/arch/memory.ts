// What the CPU needs to know about guest physical memory. The board (src/machine) owns
// the RAM; the CPU reads and writes it directly through these views for speed.

export interface PhysicalMemory {
  /** Guest physical address of the first RAM byte. */
  readonly ramBase: number;
  /** RAM size in bytes. */
  readonly ramSize: number;
  /** Little-endian access to RAM, offset 0 = ramBase. */
  readonly ramView: DataView;
  readonly ramBytes: Uint8Array;
}

/** Size of the unit in which decoded instructions are cached and invalidated. */
export const CODE_PAGE_SHIFT = 12;
export const CODE_PAGE_SIZE = 1 << CODE_PAGE_SHIFT;
