// Slots of the general-purpose register file (cpu.X / cpu.W), and how register 31 is
// resolved at decode time. Kept free of imports so every encoding group and the CPU can
// share it without an import cycle.

/** Slot 31: the current stack pointer, for operands the Arm ARM spells `X[n|SP]`. */
export const SP = 31;
/** Slot that always reads zero (XZR/WZR as a source). Never written. */
export const ZR = 32;
/** Slot that absorbs writes to XZR/WZR; never read. */
export const DISCARD = 33;
export const REGISTER_SLOTS = 34;

/** The slot a source register reads: register 31 is the zero register. */
export function sourceSlot(r: number): number {
  return r === 31 ? ZR : r;
}

/** The slot a destination register writes: register 31 is the zero register (writes vanish). */
export function destinationSlot(r: number): number {
  return r === 31 ? DISCARD : r;
}
