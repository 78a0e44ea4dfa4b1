// Emitted 64-bit additions, subtractions and multiplications on split halves. Each
// helper writes its result to temporaries (t2/t3, or t4/t5 for products) and returns
// them, so a destination register that is also a source is read before it is written.

import type { BlockWriter } from './blockWriter';
import { Halves, unsignedBelow } from './split64';

/** a + b (mod 2^64). */
export function add64(w: BlockWriter, a: Halves, b: Halves): Halves {
  w.emit(`t0 = ${b.lo}; t1 = ${b.hi}; t2 = (${a.lo} + t0) | 0; t3 = (${a.hi} + t1 + ${unsignedBelow('t2', 't0')}) | 0;`);
  return { lo: 't2', hi: 't3' };
}

/** a - b (mod 2^64). */
export function subtract64(w: BlockWriter, a: Halves, b: Halves): Halves {
  w.emit(`t0 = ${b.lo}; t1 = ${b.hi}; t2 = (${a.lo} - t0) | 0; t3 = (${a.hi} - t1 - ${unsignedBelow(a.lo, 't0')}) | 0;`);
  return { lo: 't2', hi: 't3' };
}

/** a + imm (mod 2^64) for a signed immediate with |imm| < 2^31. */
export function addImmediate64(w: BlockWriter, a: Halves, imm: number): Halves {
  if (imm === 0) w.emit(`t2 = ${a.lo}; t3 = ${a.hi};`);
  else if (imm > 0) w.emit(`t2 = (${a.lo} + ${imm}) | 0; t3 = (${a.hi} + ${unsignedBelow('t2', a.lo)}) | 0;`);
  else w.emit(`t2 = (${a.lo} - ${-imm}) | 0; t3 = (${a.hi} - ((${a.lo} >>> 0) < ${-imm} ? 1 : 0)) | 0;`);
  return { lo: 't2', hi: 't3' };
}

/**
 * a * b (mod 2^64): the low words' full product plus the cross products' low words.
 * `mulHigh` (bits 63:32 of an unsigned 32 x 32-bit product) is in the block's scope.
 */
export function multiply64(w: BlockWriter, a: Halves, b: Halves): Halves {
  w.emit(`t4 = Math.imul(${a.lo}, ${b.lo}); t5 = (mulHigh(${a.lo}, ${b.lo}) + Math.imul(${a.lo}, ${b.hi}) + Math.imul(${a.hi}, ${b.lo})) | 0;`);
  return { lo: 't4', hi: 't5' };
}

/** Bits 63:32 of the unsigned product of two 32-bit values (given as int32), as an int32. */
export function mulHigh(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const low = a0 * b0;
  const cross1 = a1 * b0;
  const cross2 = a0 * b1;
  const middle = (low >>> 16) + (cross1 & 0xffff) + (cross2 & 0xffff);
  return (a1 * b1 + (cross1 >>> 16) + (cross2 >>> 16) + (middle >>> 16)) | 0;
}
