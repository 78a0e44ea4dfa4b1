// Data processing (1 source) - RBIT, REV16, REV32, REV, CLZ, CLS (Arm ARM C4.1.87).
// The pointer-authentication forms of this group (PACIA ... XPACD) are not implemented:
// this CPU has no FEAT_PAuth, so they are unallocated (UNDEFINED).

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';

/** Reverses the bits of a 32-bit word. */
export function reverseBits32(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  return reverseBytes32(x);
}

/** Reverses the bytes of a 32-bit word. */
export function reverseBytes32(x: number): number {
  return ((x >>> 24) | ((x >>> 8) & 0xff00) | ((x & 0xff00) << 8) | (x << 24)) >>> 0;
}

/** Swaps the bytes within each halfword. */
function reverseHalfwordBytes32(x: number): number {
  return (((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8)) >>> 0;
}

/** CLS of a 32-bit word: leading bits equal to the sign bit, not counting the sign bit. */
function countLeadingSignBits32(x: number): number {
  // CountLeadingZeroBits(x<31:1> EOR x<30:0>), a 31-bit value.
  return Math.clz32(((x >>> 1) ^ x) & 0x7fffffff) - 1;
}

function countLeadingZeroBits64(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

function countLeadingSignBits64(lo: number, hi: number): number {
  // x<63:1> EOR x<62:0> as a 63-bit value hi:lo.
  const xorHi = ((hi >>> 1) ^ hi) & 0x7fffffff;
  const xorLo = (((lo >>> 1) | (hi << 31)) ^ lo) >>> 0;
  return countLeadingZeroBits64(xorLo, xorHi) - 1;
}

const enum Op { RBIT = 0, REV16 = 1, REV32 = 2, REV = 3, CLZ = 4, CLS = 5 }

function decode32(op: Op, d: number, n: number): Exec | undefined {
  switch (op) {
    case Op.RBIT: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = reverseBits32(W[2 * n]); W[2 * d + 1] = 0; };
    case Op.REV16: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = reverseHalfwordBytes32(W[2 * n]); W[2 * d + 1] = 0; };
    case Op.REV32: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = reverseBytes32(W[2 * n]); W[2 * d + 1] = 0; };
    case Op.CLZ: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = Math.clz32(W[2 * n]); W[2 * d + 1] = 0; };
    case Op.CLS: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = countLeadingSignBits32(W[2 * n]); W[2 * d + 1] = 0; };
    default: return undefined;   // opcode 000011 needs sf = 1
  }
}

function decode64(op: Op, d: number, n: number): Exec | undefined {
  switch (op) {
    case Op.RBIT: return (cpu: Cpu) => {
      const W = cpu.W; const lo = W[2 * n], hi = W[2 * n + 1];
      W[2 * d] = reverseBits32(hi); W[2 * d + 1] = reverseBits32(lo);
    };
    case Op.REV16: return (cpu: Cpu) => {
      const W = cpu.W; const lo = W[2 * n], hi = W[2 * n + 1];
      W[2 * d] = reverseHalfwordBytes32(lo); W[2 * d + 1] = reverseHalfwordBytes32(hi);
    };
    case Op.REV32: return (cpu: Cpu) => {
      const W = cpu.W; const lo = W[2 * n], hi = W[2 * n + 1];
      W[2 * d] = reverseBytes32(lo); W[2 * d + 1] = reverseBytes32(hi);
    };
    case Op.REV: return (cpu: Cpu) => {
      const W = cpu.W; const lo = W[2 * n], hi = W[2 * n + 1];
      W[2 * d] = reverseBytes32(hi); W[2 * d + 1] = reverseBytes32(lo);
    };
    case Op.CLZ: return (cpu: Cpu) => {
      const W = cpu.W; W[2 * d] = countLeadingZeroBits64(W[2 * n], W[2 * n + 1]); W[2 * d + 1] = 0;
    };
    case Op.CLS: return (cpu: Cpu) => {
      const W = cpu.W; W[2 * d] = countLeadingSignBits64(W[2 * n], W[2 * n + 1]); W[2 * d + 1] = 0;
    };
  }
}

function decodeOneSource(op: Op) {
  return (insn: number): Exec | undefined => {
    const d = destinationSlot(bits(insn, 0, 5));
    const n = sourceSlot(bits(insn, 5, 5));
    return bit(insn, 31) === 1 ? decode64(op, d, n) : decode32(op, d, n);
  };
}

function disasmOneSource(op: Op) {
  return (insn: number): string | undefined => {
    const sf = bit(insn, 31);
    let mnemonic: string;
    switch (op) {
      case Op.RBIT: mnemonic = 'rbit'; break;
      case Op.REV16: mnemonic = 'rev16'; break;
      case Op.REV32: mnemonic = sf === 1 ? 'rev32' : 'rev'; break;
      case Op.REV: if (sf === 0) return undefined; mnemonic = 'rev'; break;
      case Op.CLZ: mnemonic = 'clz'; break;
      case Op.CLS: mnemonic = 'cls'; break;
    }
    return `${mnemonic}\t${regName(bits(insn, 0, 5), sf)}, ${regName(bits(insn, 5, 5), sf)}`;
  };
}

function line(name: string, opcode: string, op: Op): Encoding {
  return { name, pattern: `f101101011000000${opcode}nnnnnddddd`, decode: decodeOneSource(op), disasm: disasmOneSource(op) };
}

export const DATA_PROCESSING_1_SOURCE: readonly Encoding[] = [
  line('RBIT', '000000', Op.RBIT),
  line('REV16', '000001', Op.REV16),
  line('REV32_or_REV_32', '000010', Op.REV32),
  line('REV_64', '000011', Op.REV),
  line('CLZ', '000100', Op.CLZ),
  line('CLS', '000101', Op.CLS),
];
