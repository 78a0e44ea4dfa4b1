// Register-31 resolution for the integer encodings. The slot numbers are those of
// cpu.ts (SP = 31, ZR = 32, DISCARD = 33); they are repeated here because cpu.ts imports
// the decode table, so an encoding module must not need cpu.ts's values while it loads
// (test/unit/integer/registerSlots.test.ts keeps the two in step).

/** Slot 31: the current stack pointer, for operands the Arm ARM spells `X[n|SP]`. */
export const SP_SLOT = 31;
/** Slot that always reads zero (XZR/WZR as a source). */
export const ZERO_SLOT = 32;
/** Slot that absorbs writes to XZR/WZR. */
export const DISCARD_SLOT = 33;

/** The slot a source register reads: register 31 is the zero register. */
export function sourceSlot(r: number): number {
  return r === 31 ? ZERO_SLOT : r;
}

/** The slot a destination register writes: register 31 is the zero register (writes vanish). */
export function destinationSlot(r: number): number {
  return r === 31 ? DISCARD_SLOT : r;
}
