// The layout of the part of a CPU's state that compiled WebAssembly blocks read and write:
// the general-purpose register file, the exchange words through which a block reports
// back, and the per-page flags its memory fast path tests. The CPU's typed-array views
// (X, W, codePageFlags, ...) and the WebAssembly code address the same bytes.

import { REGISTER_SLOTS } from './registerSlots';
import { CODE_PAGE_SHIFT } from './memory';

/** X[0..REGISTER_SLOTS): 8 bytes each, little-endian. */
export const STATE_REGISTERS = 0;
/** Int32: instructions a WebAssembly block retired. */
export const STATE_RETIRED = REGISTER_SLOTS * 8;
/** Int32: NZCV a WebAssembly block left (N in bit 3, Z 2, C 1, V 0). */
export const STATE_NZCV = STATE_RETIRED + 4;
/** Byte per code page: 1 where decoded code lives (cpu.codePageFlags). */
export const STATE_CODE_PAGE_FLAGS = 512;

/** Code pages of a RAM of `ramSize` bytes. */
export function codePageCount(ramSize: number): number {
  return Math.ceil(ramSize / (1 << CODE_PAGE_SHIFT));
}

/** Byte per code page: 1 where an enabled watchpoint may cover it (cpu.watchedPages). */
export function watchedPagesOffset(ramSize: number): number {
  return STATE_CODE_PAGE_FLAGS + codePageCount(ramSize);
}

/** The whole area, rounded up to 8 bytes so that the next area's registers stay aligned. */
export function cpuStateBytes(ramSize: number): number {
  return (watchedPagesOffset(ramSize) + codePageCount(ramSize) + 7) & ~7;
}
