// Which immediates the disassembler shows as `mov`: LLVM prefers MOV over MOVZ, MOVN
// and ORR (immediate) exactly when the value is not better described by another of
// them (Arm ARM C6.2 MOV (wide immediate), MOV (inverted wide immediate), MOV
// (bitmask immediate): "MoveWidePreferred").

function mask(width: number): bigint {
  return width === 64 ? 0xffff_ffff_ffff_ffffn : 0xffff_ffffn;
}

/** Whether MOVZ can produce `value` (all set bits inside one aligned halfword). */
export function isMovzImmediate(value: bigint, width: number): boolean {
  const v = value & mask(width);
  for (let shift = 0; shift < width; shift += 16) {
    if ((v & ~(0xffffn << BigInt(shift))) === 0n) return true;
  }
  return false;
}

/** Whether MOVZ or MOVN can produce `value`. */
export function isMoveWideImmediate(value: bigint, width: number): boolean {
  return isMovzImmediate(value, width) || isMovzImmediate(~value & mask(width), width);
}

/** `value` as the signed decimal LLVM prints for a `mov` immediate. */
export function signedImmediateText(value: bigint, width: number): string {
  return '#' + BigInt.asIntN(width, value).toString(10);
}
