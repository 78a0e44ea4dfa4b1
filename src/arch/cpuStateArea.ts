// The layout of the part of a CPU's state that compiled WebAssembly blocks read and write:
// the general-purpose and SIMD&FP register files, the exchange words through which a block reports
// back, the per-page flags its memory fast path tests, and the table through which
// blocks find the next block without returning to JavaScript. The CPU's typed-array views
// (X, W, codePageFlags, ...) and the WebAssembly code address the same bytes.

import { REGISTER_SLOTS } from './registerSlots';
import { CODE_PAGE_SHIFT } from './memory';

/** X[0..REGISTER_SLOTS): 8 bytes each, little-endian. */
export const STATE_REGISTERS = 0;
/** Int32: instructions a WebAssembly block retired. */
export const STATE_RETIRED = REGISTER_SLOTS * 8;
/** Int32: NZCV a WebAssembly block left (N in bit 3, Z 2, C 1, V 0). */
export const STATE_NZCV = STATE_RETIRED + 4;
/** Int32 set before WebAssembly blocks run: what their SIMD&FP instructions may assume (FP_ACCESS, FP_SETTLED, FP_NO_FLUSH, FP_NEAREST). */
export const STATE_FP = STATE_NZCV + 4;
/** STATE_FP: CPACR_EL1.FPEN lets every EL use SIMD&FP. */
export const FP_ACCESS = 1;
/** STATE_FP: FPSR.IXC is set, FPCR rounds to nearest and FZ is clear (translateFloatingPoint.ts's settled state). */
export const FP_SETTLED = 2;
/** STATE_FP: FPCR.FZ is clear (no input or output is flushed to zero). */
export const FP_NO_FLUSH = 4;
/** STATE_FP: FPCR rounds to nearest and FZ is clear, FPSR.IXC set or not (exact results raise nothing). */
export const FP_NEAREST = 8;
/** Int32: the RAM offset plus one of the WebAssembly block that last left for the interpreter before one of its instructions (0: none since it was read). */
export const STATE_SLOW_EXIT = STATE_FP + 4;
/** V[0..32): 16 bytes each, little-endian. */
export const STATE_VECTORS = 512;
/** Byte per code page: 1 where decoded code lives (cpu.codePageFlags). */
export const STATE_CODE_PAGE_FLAGS = STATE_VECTORS + 32 * 16;

/** Code pages of a RAM of `ramSize` bytes. */
export function codePageCount(ramSize: number): number {
  return Math.ceil(ramSize / (1 << CODE_PAGE_SHIFT));
}

/** Byte per code page: 1 where an enabled watchpoint may cover it (cpu.watchedPages). */
export function watchedPagesOffset(ramSize: number): number {
  return STATE_CODE_PAGE_FLAGS + codePageCount(ramSize);
}

/** Entries of the table through which WebAssembly blocks find each other (wasm/wasmBlockTable.ts). */
export const BLOCK_TABLE_ENTRIES = 4096;
/** Bytes per entry: the RAM offset of the block's start plus one (0: empty), its function-table slot, its length, unused. */
export const BLOCK_TABLE_ENTRY_BYTES = 16;

/** Offset of the block table in the state area (16-byte aligned). */
export function blockTableOffset(ramSize: number): number {
  return (watchedPagesOffset(ramSize) + codePageCount(ramSize) + 15) & ~15;
}

/** The whole area, a multiple of 16 bytes so that the next area stays aligned. */
export function cpuStateBytes(ramSize: number): number {
  return blockTableOffset(ramSize) + BLOCK_TABLE_ENTRIES * BLOCK_TABLE_ENTRY_BYTES;
}
