// Encoders for the few A64 instructions the block-compiler tests assemble by hand
// (branches with computed offsets, register set-up, the exception handler).

export const NOP = 0xd503201f;
export const ERET = 0xd69f03e0;
export const RET = 0xd65f03c0;

/** MOVZ/MOVK sequence setting Xd to a 64-bit value. */
export function moveImmediate64(d: number, value: bigint): number[] {
  const v = BigInt.asUintN(64, value);
  const words: number[] = [];
  for (let hw = 0; hw < 4; hw++) {
    const imm16 = Number((v >> BigInt(16 * hw)) & 0xffffn);
    words.push(((hw === 0 ? 0xd2800000 : 0xf2800000) | (hw << 21) | (imm16 << 5) | d) >>> 0);
  }
  return words;
}

export function branch(offsetBytes: number): number {
  return (0x14000000 | ((offsetBytes >> 2) & 0x3ffffff)) >>> 0;
}

export function branchWithLink(offsetBytes: number): number {
  return (0x94000000 | ((offsetBytes >> 2) & 0x3ffffff)) >>> 0;
}

export function branchConditional(cond: number, offsetBytes: number): number {
  return (0x54000000 | (((offsetBytes >> 2) & 0x7ffff) << 5) | cond) >>> 0;
}

export function compareBranch(nonZero: boolean, wide: boolean, t: number, offsetBytes: number): number {
  return ((wide ? 0xb4000000 : 0x34000000) | (nonZero ? 1 << 24 : 0) | (((offsetBytes >> 2) & 0x7ffff) << 5) | t) >>> 0;
}

export function testBranch(nonZero: boolean, t: number, bitNumber: number, offsetBytes: number): number {
  return (0x36000000 | (nonZero ? 1 << 24 : 0) | ((bitNumber >> 5) << 31) | ((bitNumber & 31) << 19) |
    (((offsetBytes >> 2) & 0x3fff) << 5) | t) >>> 0;
}

export function branchToRegister(n: number): number {
  return (0xd61f0000 | (n << 5)) >>> 0;
}

export function branchWithLinkToRegister(n: number): number {
  return (0xd63f0000 | (n << 5)) >>> 0;
}

export function subsImmediate(d: number, n: number, imm12: number): number {
  return (0xf1000000 | (imm12 << 10) | (n << 5) | d) >>> 0;
}

export function addImmediate(d: number, n: number, imm12: number): number {
  return (0x91000000 | (imm12 << 10) | (n << 5) | d) >>> 0;
}

export function storeX(t: number, n: number, offsetBytes: number): number {
  return (0xf9000000 | ((offsetBytes >> 3) << 10) | (n << 5) | t) >>> 0;
}

export function loadX(t: number, n: number, offsetBytes: number): number {
  return (0xf9400000 | ((offsetBytes >> 3) << 10) | (n << 5) | t) >>> 0;
}

export function storeW(t: number, n: number, offsetBytes: number): number {
  return (0xb9000000 | ((offsetBytes >> 2) << 10) | (n << 5) | t) >>> 0;
}

export function brk(imm16: number): number {
  return (0xd4200000 | (imm16 << 5)) >>> 0;
}

/** MRS Xt, ELR_EL1 */
export function readElr(t: number): number {
  return (0xd5384020 | t) >>> 0;
}

/** MSR ELR_EL1, Xt */
export function writeElr(t: number): number {
  return (0xd5184020 | t) >>> 0;
}
