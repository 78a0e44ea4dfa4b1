// Inline translations of the add/subtract groups (immediate, shifted register, extended
// register), multiply-add, move wide and PC-relative addressing. The reference
// semantics are the executors in encodings/integer; the differential tests compare the
// two.

import { bit, bits, signExtend } from '../decoder';
import { DISCARD, destinationSlot, sourceSlot } from '../registerSlots';
import type { BlockWriter } from './blockWriter';
import { FlagOp } from './lazyFlags';
import { add64, addImmediate64, multiply64, subtract64 } from './splitArithmetic';
import { Halves, constantHalves, extendRegister32, extendRegister64, int32Literal, shiftRegister32, shiftRegister64 } from './split64';

export type Translator = (w: BlockWriter, word: number, pc: number) => boolean;

/**
 * The shared tail of ADD/ADDS/SUB/SUBS: 32- or 64-bit, with or without flags, with
 * operand 2 already shifted or extended.
 */
function addOrSubtract(w: BlockWriter, subtract: boolean, setFlags: boolean, wide: boolean, d: number, n: Halves, operand2: Halves): void {
  const op = subtract ? '-' : '+';
  if (setFlags) {
    w.emit(wide ? `fa = ${n.lo}; fah = ${n.hi}; fb = ${operand2.lo}; fbh = ${operand2.hi};` : `fa = ${n.lo}; fb = ${operand2.lo};`);
    w.setPendingFlags(subtract ? FlagOp.Sub : FlagOp.Add, wide);
    if (d === DISCARD) return;
    if (!wide) { w.setReg32(d, `((fa ${op} fb) | 0)`); return; }
    const hi = subtract
      ? '((fah - fbh - ((fa >>> 0) < (fb >>> 0) ? 1 : 0)) | 0)'
      : '((fah + fbh + ((((fa + fb) | 0) >>> 0) < (fa >>> 0) ? 1 : 0)) | 0)';
    w.setReg(d, { lo: `((fa ${op} fb) | 0)`, hi });
    return;
  }
  if (!wide) { w.setReg32(d, `((${n.lo} ${op} ${operand2.lo}) | 0)`); return; }
  w.setReg(d, subtract ? subtract64(w, n, operand2) : add64(w, n, operand2));
}

function addSubImmediate(subtract: boolean, setFlags: boolean): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const imm = bits(word, 10, 12) << (bit(word, 22) * 12);
    const Rd = bits(word, 0, 5);
    // Rn is X[n|SP]; Rd is X[d|SP] without flags and X[d] (31 = XZR) with them.
    const n = w.reg(bits(word, 5, 5));
    const d = setFlags ? destinationSlot(Rd) : Rd;
    if (!setFlags && wide) {
      w.setReg(d, addImmediate64(w, n, subtract ? -imm : imm));
      return true;
    }
    addOrSubtract(w, subtract, setFlags, wide, d, n, { lo: String(imm), hi: '0' });
    return true;
  };
}

function addSubShifted(subtract: boolean, setFlags: boolean): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const shift = bits(word, 22, 2);
    const amount = bits(word, 10, 6);
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    const operand2 = wide ? shiftRegister64(m, shift, amount) : { lo: shiftRegister32(m.lo, shift, amount), hi: '0' };
    addOrSubtract(w, subtract, setFlags, wide, destinationSlot(bits(word, 0, 5)), n, operand2);
    return true;
  };
}

function addSubExtended(subtract: boolean, setFlags: boolean): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const option = bits(word, 13, 3);
    const shift = bits(word, 10, 3);
    const Rd = bits(word, 0, 5);
    const n = w.reg(bits(word, 5, 5));   // X[n|SP]
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    const operand2 = wide ? extendRegister64(m, option, shift) : { lo: extendRegister32(m.lo, option, shift), hi: '0' };
    addOrSubtract(w, subtract, setFlags, wide, setFlags ? destinationSlot(Rd) : Rd, n, operand2);
    return true;
  };
}

/** MADD/MSUB (MUL/MNEG): Xa +/- Xn * Xm. */
function multiplyAdd(subtract: boolean): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const d = destinationSlot(bits(word, 0, 5));
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const a = w.reg(sourceSlot(bits(word, 10, 5)));
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    const op = subtract ? '-' : '+';
    if (!wide) {
      w.setReg32(d, `((${a.lo} ${op} Math.imul(${n.lo}, ${m.lo})) | 0)`);
      return true;
    }
    const product = multiply64(w, n, m);
    if (a.lo === '0' && !subtract) { w.setReg(d, product); return true; }
    w.setReg(d, subtract ? subtract64(w, a, product) : add64(w, a, product));
    return true;
  };
}

/** MOVZ/MOVN: a constant; MOVK: one halfword replaced. */
function moveWide(kind: 'z' | 'n' | 'k'): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const hw = bits(word, 21, 2);
    const imm16 = bits(word, 5, 16);
    const d = destinationSlot(bits(word, 0, 5));
    if (kind !== 'k') {
      let value = BigInt(imm16) << BigInt(16 * hw);
      if (kind === 'n') value = ~value;
      const halves = constantHalves(value);
      w.setReg(d, wide ? halves : { lo: halves.lo, hi: '0' });
      return true;
    }
    const current = w.reg(d === DISCARD ? 32 : d);
    const keep = int32Literal((hw & 1) === 1 ? 0x0000ffff : 0xffff0000);
    const insert = int32Literal((hw & 1) === 1 ? imm16 << 16 : imm16);
    const word16 = hw >>> 1 === 0 ? current.lo : current.hi;
    const replaced = `((${word16} & ${keep}) | ${insert})`;
    if (!wide) w.setReg32(d, replaced);
    else w.setReg(d, hw >>> 1 === 0 ? { lo: replaced, hi: current.hi } : { lo: current.lo, hi: replaced });
    return true;
  };
}

/** ADR/ADRP: the address is a constant once the instruction's own address is known. */
function pcRelative(page: boolean): Translator {
  return (w, word, pc) => {
    const offset = signExtend((bits(word, 5, 19) << 2) | bits(word, 29, 2), 21);
    const address = page ? Math.floor(pc / 4096) * 4096 + offset * 4096 : pc + offset;
    w.setReg(destinationSlot(bits(word, 0, 5)), constantHalves(BigInt(address)));
    return true;
  };
}

export const ARITHMETIC_TRANSLATORS: Record<string, Translator> = {
  ADD_addsub_imm: addSubImmediate(false, false),
  ADDS_addsub_imm: addSubImmediate(false, true),
  SUB_addsub_imm: addSubImmediate(true, false),
  SUBS_addsub_imm: addSubImmediate(true, true),
  ADD_addsub_shift: addSubShifted(false, false),
  ADDS_addsub_shift: addSubShifted(false, true),
  SUB_addsub_shift: addSubShifted(true, false),
  SUBS_addsub_shift: addSubShifted(true, true),
  ADD_addsub_ext: addSubExtended(false, false),
  ADDS_addsub_ext: addSubExtended(false, true),
  SUB_addsub_ext: addSubExtended(true, false),
  SUBS_addsub_ext: addSubExtended(true, true),
  MADD: multiplyAdd(false),
  MSUB: multiplyAdd(true),
  MOVZ: moveWide('z'),
  MOVN: moveWide('n'),
  MOVK: moveWide('k'),
  ADR: pcRelative(false),
  ADRP: pcRelative(true),
};
