// Inline translations of "Advanced SIMD shift by immediate" (Arm ARM C4.1.95): SSHR, USHR,
// SSRA, USRA, SHL, SHRN(2) and SSHLL/USHLL(2) (SXTL/UXTL) at every element size. The
// element size comes from immh's highest set bit; right shifts are 2*esize - immh:immb
// (1..esize), left shifts immh:immb - esize. Rounding, inserting, saturating and
// fixed-point forms return false (executor). Reference: encodings/simdFp/shiftByImmediate.ts.

import { bit, bits } from '../decoder';
import type { BlockWriter } from './blockWriter';
import {
  emitElementwise, emitElementwise64, emitLanes, emitNarrowed, emitWidened, halves, lane, laneCount, signedLane,
  sum64, word, zeroUpperHalf,
} from './advancedSimdLanes';
import { Halves, shiftLeft64, shiftRightArithmetic64, shiftRightLogical64 } from './split64';
import type { Translator } from './translateArithmetic';

interface Fields {
  q: number;
  signed: boolean;
  /** Element size, log2 bytes. */
  size: number;
  /** immh:immb. */
  immediate: number;
  n: number;
  d: number;
}

/** One lane (8/16/32 bits) of Vr shifted right by 1..esize, as an expression. */
function shiftedRight(f: Fields, r: number, e: number, amount: number): string {
  const esize = 8 << f.size;
  if (f.signed) return `(${signedLane(r, f.size, e)} >> ${Math.min(amount, esize - 1)})`;
  return amount === 32 ? '0' : `(${lane(r, f.size, e)} >>> ${amount})`;
}

/** A 64-bit lane shifted right by 1..64 (unsigned words in, int32 halves out). */
function shiftedRight64(signed: boolean, x: Halves, amount: number): Halves {
  if (signed) return shiftRightArithmetic64(x, Math.min(amount, 63));
  return amount === 64 ? { lo: '0', hi: '0' } : shiftRightLogical64(x, amount);
}

/** Each word of 8- or 16-bit lanes shifted as a whole, then `laneMask` (replicated) drops what crossed a lane. */
function shiftWords(w: BlockWriter, f: Fields, shift: string, laneMask: number): void {
  const replicated = f.size === 0 ? laneMask * 0x01010101 : laneMask * 0x00010001;
  const statements: string[] = [];
  for (let i = 0; i < 2 << f.q; i++) {
    statements.push(`${word(f.d, i)} = ${replicated === 0 ? '0' : `(${word(f.n, i)} ${shift}) & ${replicated}`};`);
  }
  if (f.q === 0) statements.push(zeroUpperHalf(f.d));
  emitLanes(w, statements);
}

/** SSHR/USHR, and SSRA/USRA (`accumulate`: Vd + the shifted lane). */
function shiftRight(w: BlockWriter, f: Fields, accumulate: boolean): void {
  const esize = 8 << f.size;
  const amount = 2 * esize - f.immediate;
  const { n, d } = f;
  if (f.size === 3) {
    emitElementwise64(w, d, (e) => {
      const shifted = shiftedRight64(f.signed, { lo: 'aLo', hi: 'aHi' }, amount);
      const source = `aLo = ${word(n, 2 * e)}, aHi = ${word(n, 2 * e + 1)}`;
      if (!accumulate) return `${source}, l = ${shifted.lo}, h = ${shifted.hi}`;
      return `${source}, sl = ${shifted.lo} >>> 0, sh = ${shifted.hi} >>> 0, ${sum64(halves(d, e), { lo: 'sl', hi: 'sh' })}`;
    });
    return;
  }
  if (!accumulate && !f.signed && f.size < 2) {
    shiftWords(w, f, `>>> ${amount}`, ((1 << esize) - 1) >>> amount);
    return;
  }
  emitElementwise(w, f.size, f.q, d, (e) => (accumulate ? `${lane(d, f.size, e)} + ` : '') + shiftedRight(f, n, e, amount));
}

function shiftLeft(w: BlockWriter, f: Fields): void {
  const esize = 8 << f.size;
  const amount = f.immediate - esize;
  if (f.size === 3) {
    emitElementwise64(w, f.d, (e) => {
      const shifted = shiftLeft64({ lo: 'aLo', hi: 'aHi' }, amount);
      return `aLo = ${word(f.n, 2 * e)}, aHi = ${word(f.n, 2 * e + 1)}, l = ${shifted.lo}, h = ${shifted.hi}`;
    });
    return;
  }
  if (f.size < 2) {
    const ones = (1 << esize) - 1;
    shiftWords(w, f, `<< ${amount}`, (ones << amount) & ones);
    return;
  }
  emitElementwise(w, 2, f.q, f.d, (e) => `(${lane(f.n, 2, e)} << ${amount})`);
}

/** SHRN(2): each 2*esize-bit element of Vn shifted right by 1..esize, truncated to esize bits. */
function shiftRightNarrow(w: BlockWriter, f: Fields): void {
  const amount = 2 * (8 << f.size) - f.immediate;
  const wide = f.size + 1;
  const values: string[] = [];
  for (let e = 0; e < laneCount(f.size, 0); e++) {
    if (wide === 3) values.push(shiftRightLogical64(halves(f.n, e), amount).lo);
    else values.push(`(${lane(f.n, wide, e)} >>> ${amount})`);
  }
  emitNarrowed(w, f.size, f.q, f.n, f.d, values);
}

/**
 * SSHLL/USHLL(2) (and SHLL(2), with `amount` = esize): each esize-bit element of one half
 * of Vn (size 0..2) extended to 2*esize bits and shifted left.
 */
export function emitShiftLeftLong(w: BlockWriter, size: number, q: number, n: number, d: number, signed: boolean, amount: number): void {
  if (size === 0 && (!signed || amount === 0)) { extendBytes(w, q, n, d, signed, amount); return; }
  const shift = amount === 0 ? '' : ` << ${amount}`;
  emitWidened(w, size, q, d, (_e, source) => {
    if (size < 2) return `${signed ? signedLane(n, size, source) : lane(n, size, source)}${shift}`;
    const shifted = shiftLeft64({ lo: 'x', hi: signed ? '(x >> 31)' : '0' }, amount);
    return `x = ${word(n, source)} | 0, l = ${shifted.lo}, h = ${shifted.hi}`;
  });
}

/**
 * SXTL/UXTL/USHLL of bytes a source word at a time: its bytes 0, 1 (then 2, 3) spread to
 * the low bytes of two 16-bit lanes, a sign bit at bit 7 of a lane copied up through
 * bit 15 by one multiply. As in emitWidened, the lower-half form starts at the top.
 */
function extendBytes(w: BlockWriter, q: number, n: number, d: number, signed: boolean, amount: number): void {
  const statements: string[] = [];
  for (let i = 0; i < 2; i++) {
    const half = q === 1 ? i : 1 - i;
    const spread = `a = (x & 0xff) | ((x & 0xff00) << 8), b = ((x >>> 16) & 0xff) | ((x >>> 8) & 0xff0000)`;
    const extend = (t: string) => (signed ? `${t} | (${t} & 0x800080) * 0x1fe` : amount === 0 ? t : `${t} << ${amount}`);
    statements.push(`{ const x = ${word(n, 2 * q + half)}, ${spread}; ${word(d, 2 * half)} = ${extend('a')}; ${word(d, 2 * half + 1)} = ${extend('b')}; }`);
  }
  emitLanes(w, statements);
}

const shiftByImmediate: Translator = (w, insn) => {
  const immh = bits(insn, 19, 4);
  if (immh === 0) return false;
  const f: Fields = {
    q: bit(insn, 30),
    signed: bit(insn, 29) === 0,
    size: 31 - Math.clz32(immh),
    immediate: bits(insn, 16, 7),
    n: bits(insn, 5, 5),
    d: bits(insn, 0, 5),
  };
  const opcode = bits(insn, 11, 5);
  if (f.size === 3 && f.q === 0) return false;
  switch (opcode) {
    case 0b00000: shiftRight(w, f, false); return true;
    case 0b00010: shiftRight(w, f, true); return true;
    case 0b01010:
      if (!f.signed) return false; // SLI
      shiftLeft(w, f);
      return true;
    case 0b10000:
      if (!f.signed || f.size === 3) return false; // SQSHRUN
      shiftRightNarrow(w, f);
      return true;
    case 0b10100:
      if (f.size === 3) return false;
      emitShiftLeftLong(w, f.size, f.q, f.n, f.d, f.signed, f.immediate - (8 << f.size));
      return true;
  }
  return false;
};

export const SHIFT_BY_IMMEDIATE_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_SHIFT_IMM: shiftByImmediate,
};
