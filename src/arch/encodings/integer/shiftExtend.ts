// ShiftReg() and ExtendReg() of the Arm ARM (C6.2 shared pseudocode): the shifted or
// extended second operand of the data-processing (register) instructions, and the
// names the disassembler prints for them. Load/store register-offset addressing uses
// the same extend options.

import { asr64, lsl64, lsr64, ror64, wide } from './halves64';

/** The `shift` field of the shifted-register forms. */
export const enum ShiftType { LSL = 0, LSR = 1, ASR = 2, ROR = 3 }

/** The `option` field of the extended-register forms. */
export const enum ExtendType { UXTB = 0, UXTH = 1, UXTW = 2, UXTX = 3, SXTB = 4, SXTH = 5, SXTW = 6, SXTX = 7 }

export const SHIFT_NAMES = ['lsl', 'lsr', 'asr', 'ror'];
export const EXTEND_NAMES = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

/** ShiftReg for a 32-bit operand; amount 0..31. Returns an unsigned 32-bit value. */
export function shiftReg32(value: number, type: ShiftType, amount: number): number {
  switch (type) {
    case ShiftType.LSL: return (value << amount) >>> 0;
    case ShiftType.LSR: return value >>> amount;
    case ShiftType.ASR: return (value >> amount) >>> 0;
    default: return ((value >>> amount) | (value << (32 - amount))) >>> 0;
  }
}

/** ShiftReg for a 64-bit operand hi:lo; amount 0..63. The result is left in `wide`. */
export function shiftReg64(lo: number, hi: number, type: ShiftType, amount: number): void {
  switch (type) {
    case ShiftType.LSL: lsl64(lo, hi, amount); break;
    case ShiftType.LSR: lsr64(lo, hi, amount); break;
    case ShiftType.ASR: asr64(lo, hi, amount); break;
    default: ror64(lo, hi, amount); break;
  }
}

/** ExtendReg for a 32-bit result from the low word of the register; shift 0..4. */
export function extendReg32(value: number, type: ExtendType, shift: number): number {
  let extended: number;
  switch (type) {
    case ExtendType.UXTB: extended = value & 0xff; break;
    case ExtendType.UXTH: extended = value & 0xffff; break;
    case ExtendType.SXTB: extended = (value << 24) >> 24; break;
    case ExtendType.SXTH: extended = (value << 16) >> 16; break;
    default: extended = value; break;   // UXTW, UXTX, SXTW, SXTX take all 32 bits
  }
  return (extended << shift) >>> 0;
}

/** ExtendReg for a 64-bit result from register halves hi:lo; shift 0..4. The result is left in `wide`. */
export function extendReg64(lo: number, hi: number, type: ExtendType, shift: number): void {
  let extendedLo: number;
  let extendedHi: number;
  switch (type) {
    case ExtendType.UXTB: extendedLo = lo & 0xff; extendedHi = 0; break;
    case ExtendType.UXTH: extendedLo = lo & 0xffff; extendedHi = 0; break;
    case ExtendType.UXTW: extendedLo = lo; extendedHi = 0; break;
    case ExtendType.SXTB: extendedLo = (lo << 24) >> 24; extendedHi = extendedLo >> 31; break;
    case ExtendType.SXTH: extendedLo = (lo << 16) >> 16; extendedHi = extendedLo >> 31; break;
    case ExtendType.SXTW: extendedLo = lo; extendedHi = (lo | 0) >> 31; break;
    default: extendedLo = lo; extendedHi = hi; break;   // UXTX, SXTX
  }
  if (shift === 0) {
    wide[0] = extendedLo;
    wide[1] = extendedHi;
  } else {
    lsl64(extendedLo, extendedHi, shift);
  }
}

/** The shift suffix of a shifted-register operand (`, lsr #3`); LSL #0 is not printed. */
export function shiftText(type: ShiftType, amount: number): string {
  return type === ShiftType.LSL && amount === 0 ? '' : `, ${SHIFT_NAMES[type]} #${amount}`;
}
