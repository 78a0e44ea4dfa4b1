// Which A64 instructions call and return: what the stepping engine must know about
// the instruction it is about to step (C6.2 BL, BLR, BLRAA, RET, RETAA, ERET).

/** BL imm26 */
const isBranchWithLink = (word: number) => (word & 0xfc00_0000) >>> 0 === 0x9400_0000;
/** BLR Xn, and the pointer-authenticated BLRAA/BLRAAZ/BLRAB/BLRABZ. */
const isBranchWithLinkToRegister = (word: number) => (word & 0xfeff_f000) >>> 0 === 0xd63f_0000;

/** Whether the instruction writes the return address to X30 and branches (a call). */
export function isCall(word: number): boolean {
  return isBranchWithLink(word) || isBranchWithLinkToRegister(word);
}

/** RET Xn, RETAA/RETAB, ERET: the instruction leaves the current frame. */
export function isReturn(word: number): boolean {
  return (word & 0xffff_fc1f) >>> 0 === 0xd65f_0000 || (word & 0xffff_fbff) >>> 0 === 0xd65f_0bff || word >>> 0 === 0xd69f_03e0;
}
