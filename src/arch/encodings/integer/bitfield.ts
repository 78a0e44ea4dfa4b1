// Data processing (immediate): Bitfield - SBFM, BFM, UBFM (Arm ARM C4.1.86).
// Aliases: ASR, LSL, LSR (immediate), SXTB/SXTH/SXTW, UXTB/UXTH, SBFIZ/SBFX, UBFIZ/UBFX,
// BFC/BFI/BFXIL.
//
// SBFM/UBFM are two shifts: moving bit <imms> to the top (left by width-1-imms) and then
// shifting right (arithmetic for SBFM) puts the field <imms:immr> at bit 0 when
// imms >= immr, or the field <imms:0> at bit width-immr when imms < immr - which is what
// the wmask/tmask formulation of the pseudocode computes. BFM keeps the pseudocode form.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { decodeBitMasks } from './bitMasks';
import { asr64, highHalf, lowHalf, lsl64, lsr64, ror64, wide } from './halves64';
import { destinationSlot, sourceSlot } from '../../registerSlots';

interface BitfieldFields {
  sf: number;
  immr: number;
  imms: number;
  Rn: number;
  Rd: number;
}

function fields(insn: number): BitfieldFields | undefined {
  const sf = bit(insn, 31);
  const immr = bits(insn, 16, 6);
  const imms = bits(insn, 10, 6);
  // N must equal sf, and a 32-bit form has 5-bit immr/imms.
  if (bit(insn, 22) !== sf) return undefined;
  if (sf === 0 && (immr >= 32 || imms >= 32)) return undefined;
  return { sf, immr, imms, Rn: bits(insn, 5, 5), Rd: bits(insn, 0, 5) };
}

/** Left then right shift amounts that extract the SBFM/UBFM field. */
function extractionShifts(f: BitfieldFields): { left: number; right: number } {
  const top = f.sf === 1 ? 63 : 31;
  const left = top - f.imms;
  const right = f.imms >= f.immr ? left + f.immr : f.immr - f.imms - 1;
  return { left, right };
}

/** ASR #amount of a 64-bit register, specialised by which half the result comes from. */
function asr64Immediate(d: number, n: number, amount: number): Exec {
  if (amount === 0) return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n]; W[2 * d + 1] = W[2 * n + 1]; };
  if (amount < 32) {
    return (cpu: Cpu) => {
      const W = cpu.W; const lo = W[2 * n], hi = W[2 * n + 1];
      W[2 * d] = (lo >>> amount) | (hi << (32 - amount));
      W[2 * d + 1] = hi >> amount;
    };
  }
  const rest = amount - 32;
  return (cpu: Cpu) => { const W = cpu.W; const hi = W[2 * n + 1]; W[2 * d] = hi >> rest; W[2 * d + 1] = hi >> 31; };
}

/** LSR #amount (1..63) of a 64-bit register. */
function lsr64Immediate(d: number, n: number, amount: number): Exec {
  if (amount < 32) {
    return (cpu: Cpu) => {
      const W = cpu.W; const lo = W[2 * n], hi = W[2 * n + 1];
      W[2 * d] = (lo >>> amount) | (hi << (32 - amount));
      W[2 * d + 1] = hi >>> amount;
    };
  }
  const rest = amount - 32;
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n + 1] >>> rest; W[2 * d + 1] = 0; };
}

/** LSL #amount (1..63) of a 64-bit register. */
function lsl64Immediate(d: number, n: number, amount: number): Exec {
  if (amount < 32) {
    return (cpu: Cpu) => {
      const W = cpu.W; const lo = W[2 * n], hi = W[2 * n + 1];
      W[2 * d] = lo << amount;
      W[2 * d + 1] = (hi << amount) | (lo >>> (32 - amount));
    };
  }
  const rest = amount - 32;
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d + 1] = W[2 * n] << rest; W[2 * d] = 0; };
}

function decodeSbfm(insn: number): Exec | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const d = destinationSlot(f.Rd);
  const n = sourceSlot(f.Rn);
  const { left, right } = extractionShifts(f);
  if (f.sf === 0) {
    return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = (W[2 * n] << left) >> right; W[2 * d + 1] = 0; };
  }
  // The common aliases get straight-line code: ASR, SXTW, SXTH, SXTB.
  if (f.imms === 63) return asr64Immediate(d, n, f.immr);
  if (f.immr === 0 && f.imms === 31) {
    return (cpu: Cpu) => { const W = cpu.W; const lo = W[2 * n]; W[2 * d] = lo; W[2 * d + 1] = (lo | 0) >> 31; };
  }
  if (f.immr === 0 && f.imms < 31) {
    const lowShift = 31 - f.imms;
    return (cpu: Cpu) => { const W = cpu.W; const lo = (W[2 * n] << lowShift) >> lowShift; W[2 * d] = lo; W[2 * d + 1] = lo >> 31; };
  }
  return (cpu: Cpu) => {
    const W = cpu.W;
    lsl64(W[2 * n], W[2 * n + 1], left);
    asr64(wide[0], wide[1], right);
    W[2 * d] = wide[0];
    W[2 * d + 1] = wide[1];
  };
}

function decodeUbfm(insn: number): Exec | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const d = destinationSlot(f.Rd);
  const n = sourceSlot(f.Rn);
  const { left, right } = extractionShifts(f);
  if (f.sf === 0) {
    return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = (W[2 * n] << left) >>> right; W[2 * d + 1] = 0; };
  }
  // The common aliases get straight-line code: LSR, LSL, and UBFX of a field inside bits 31:0.
  if (f.imms === 63) return f.immr === 0 ? asr64Immediate(d, n, 0) : lsr64Immediate(d, n, f.immr);
  if (f.imms + 1 === f.immr) return lsl64Immediate(d, n, 63 - f.imms);
  if (f.imms >= f.immr && f.imms < 32) {
    const lowLeft = 31 - f.imms;
    const lowRight = lowLeft + f.immr;
    return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = (W[2 * n] << lowLeft) >>> lowRight; W[2 * d + 1] = 0; };
  }
  return (cpu: Cpu) => {
    const W = cpu.W;
    lsl64(W[2 * n], W[2 * n + 1], left);
    lsr64(wide[0], wide[1], right);
    W[2 * d] = wide[0];
    W[2 * d + 1] = wide[1];
  };
}

function decodeBfm(insn: number): Exec | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const datasize = f.sf === 1 ? 64 : 32;
  const masks = decodeBitMasks(f.sf, f.imms, f.immr, false, datasize);
  if (masks === undefined) return undefined;
  // BFM reads its destination, so register 31 reads as zero there and the write vanishes.
  const d = destinationSlot(f.Rd);
  const dIn = sourceSlot(f.Rd);
  const n = sourceSlot(f.Rn);
  const R = f.immr;
  if (f.sf === 0) {
    const wmask = lowHalf(masks.wmask);
    const tmask = lowHalf(masks.tmask);
    return (cpu: Cpu) => {
      const W = cpu.W;
      const src = W[2 * n];
      const dst = W[2 * dIn];
      const rotated = R === 0 ? src : (src >>> R) | (src << (32 - R));
      const bottom = (dst & ~wmask) | (rotated & wmask);
      W[2 * d] = (dst & ~tmask) | (bottom & tmask);
      W[2 * d + 1] = 0;
    };
  }
  const wmaskLo = lowHalf(masks.wmask);
  const wmaskHi = highHalf(masks.wmask);
  const tmaskLo = lowHalf(masks.tmask);
  const tmaskHi = highHalf(masks.tmask);
  return (cpu: Cpu) => {
    const W = cpu.W;
    ror64(W[2 * n], W[2 * n + 1], R);
    const dstLo = W[2 * dIn];
    const dstHi = W[2 * dIn + 1];
    const bottomLo = (dstLo & ~wmaskLo) | (wide[0] & wmaskLo);
    const bottomHi = (dstHi & ~wmaskHi) | (wide[1] & wmaskHi);
    W[2 * d] = (dstLo & ~tmaskLo) | (bottomLo & tmaskLo);
    W[2 * d + 1] = (dstHi & ~tmaskHi) | (bottomHi & tmaskHi);
  };
}

/** The alias LLVM prints for SBFM (signed) or UBFM. */
function disasmExtract(signed: boolean) {
  return (insn: number): string | undefined => {
    const f = fields(insn);
    if (f === undefined) return undefined;
    const { sf, immr, imms } = f;
    const width = sf === 1 ? 64 : 32;
    const rd = regName(f.Rd, sf);
    const rn = regName(f.Rn, sf);
    if (immr === 0) {
      const rnW = regName(f.Rn, 0);
      if (imms === 7 && (signed || sf === 0)) return `${signed ? 'sxtb' : 'uxtb'}\t${rd}, ${rnW}`;
      if (imms === 15 && (signed || sf === 0)) return `${signed ? 'sxth' : 'uxth'}\t${rd}, ${rnW}`;
      if (imms === 31 && signed && sf === 1) return `sxtw\t${rd}, ${rnW}`;
    }
    if (imms === width - 1) return `${signed ? 'asr' : 'lsr'}\t${rd}, ${rn}, #${immr}`;
    if (!signed && imms + 1 === immr) return `lsl\t${rd}, ${rn}, #${width - 1 - imms}`;
    if (imms < immr) return `${signed ? 'sbfiz' : 'ubfiz'}\t${rd}, ${rn}, #${width - immr}, #${imms + 1}`;
    return `${signed ? 'sbfx' : 'ubfx'}\t${rd}, ${rn}, #${immr}, #${imms - immr + 1}`;
  };
}

function disasmBfm(insn: number): string | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const { sf, immr, imms } = f;
  const width = sf === 1 ? 64 : 32;
  const rd = regName(f.Rd, sf);
  const lsb = (width - immr) % width;
  if (f.Rn === 31 && (immr === 0 || imms < immr)) return `bfc\t${rd}, #${lsb}, #${imms + 1}`;
  if (imms < immr) return `bfi\t${rd}, ${regName(f.Rn, sf)}, #${lsb}, #${imms + 1}`;
  return `bfxil\t${rd}, ${regName(f.Rn, sf)}, #${immr}, #${imms - immr + 1}`;
}

export const BITFIELD: readonly Encoding[] = [
  { name: 'SBFM', pattern: 'f00100110Nrrrrrrssssssnnnnnddddd', decode: decodeSbfm, disasm: disasmExtract(true) },
  { name: 'BFM', pattern: 'f01100110Nrrrrrrssssssnnnnnddddd', decode: decodeBfm, disasm: disasmBfm },
  { name: 'UBFM', pattern: 'f10100110Nrrrrrrssssssnnnnnddddd', decode: decodeUbfm, disasm: disasmExtract(false) },
];
