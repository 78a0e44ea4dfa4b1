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
  /**
   * The WebAssembly memory RAM lies in (from byte 0), when it does: blocks compiled to
   * WebAssembly then reach RAM directly.
   */
  readonly wasmMemory?: WebAssembly.Memory;
  /**
   * Places `bytes` of a CPU's state (see cpuStateArea.ts) in the same memory as RAM, past
   * its end, so that WebAssembly code reaches registers and page flags too; undefined when
   * there is no room (the CPU then keeps its state in a buffer of its own).
   */
  allocateCpuState?(bytes: number): number | undefined;
}

/** Size of the unit in which decoded instructions are cached and invalidated. */
export const CODE_PAGE_SHIFT = 12;
export const CODE_PAGE_SIZE = 1 << CODE_PAGE_SHIFT;
