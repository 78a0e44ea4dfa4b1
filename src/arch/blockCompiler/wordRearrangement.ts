// JavaScript expressions that reorder the bytes or halfwords of a 32-bit word: the word
// operations behind the scalar REV/REV16/REV32 and the Advanced SIMD REV16/REV32/REV64.

/** The four bytes of `x` in reverse order. */
export function reverseBytes32(x: string): string {
  return `((${x} << 24) | ((${x} & 0xff00) << 8) | ((${x} >>> 8) & 0xff00) | (${x} >>> 24))`;
}

/** The two halfwords of `x` swapped. */
export function swapHalfwords32(x: string): string {
  return `((${x} << 16) | (${x} >>> 16))`;
}

/** The two bytes of each halfword of `x` swapped. */
export function swapBytesInHalfwords32(x: string): string {
  return `(((${x} >>> 8) & 0x00ff00ff) | ((${x} & 0x00ff00ff) << 8))`;
}
