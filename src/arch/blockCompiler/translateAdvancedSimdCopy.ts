// Inline translations of "Advanced SIMD copy" (Arm ARM C4.1.95): DUP (element), DUP
// (general), INS (general), INS (element), SMOV and UMOV at every element size. DUP,
// INS (general), SMOV and UMOV read or write general registers through the block's
// register locals, so this group is not register-free (translators.ts).
// Reference: encodings/simdFp/advancedSimdCopy.ts.

import { bit, bits } from '../decoder';
import { destinationSlot, sourceSlot } from '../registerSlots';
import type { BlockWriter } from './blockWriter';
import { emitLanes, lane, signedLane, word, zeroUpperHalf } from './advancedSimdLanes';
import type { Halves } from './split64';
import type { Translator } from './translateArithmetic';

/**
 * Every element of Vd = one value: `element` is its 8/16/32 bits (or, size 3, its two
 * words), read once into constants and replicated to whole words.
 */
function duplicate(w: BlockWriter, size: number, q: number, d: number, element: Halves): void {
  const replicated = [`${element.lo} * 16843009`, `${element.lo} * 65537`, element.lo][size];
  const declarations = size === 3 ? `lo = ${element.lo}, hi = ${element.hi}` : `lo = ${replicated}, hi = lo`;
  const stores: string[] = [];
  for (let i = 0; i < 2 << q; i++) stores.push(`${word(d, i)} = ${i % 2 === 0 ? 'lo' : 'hi'};`);
  if (q === 0) stores.push(zeroUpperHalf(d));
  emitLanes(w, [`{ const ${declarations};`, ...stores, '}']);
}

/** Element `index` of Vr as halves (the high word only for 64-bit elements). */
function elementOf(r: number, size: number, index: number): Halves {
  if (size === 3) return { lo: word(r, 2 * index), hi: word(r, 2 * index + 1) };
  return { lo: lane(r, size, index), hi: '0' };
}

/** Element `index` of Vd = the low 2^size bytes of a general register (INS general) or an element (INS element). */
function insert(w: BlockWriter, size: number, d: number, index: number, value: Halves): void {
  if (size < 3) { emitLanes(w, [`${lane(d, size, index)} = ${value.lo};`]); return; }
  emitLanes(w, [`${word(d, 2 * index)} = ${value.lo}; ${word(d, 2 * index + 1)} = ${value.hi};`]);
}

/** UMOV (zero-extended) or SMOV (sign-extended to 32 bits, or with Q = 1 to 64 bits) to a general register. */
function moveToGeneral(w: BlockWriter, size: number, q: number, n: number, index: number, d: number, signed: boolean): void {
  w.useLaneViews();
  const target = destinationSlot(d);
  if (size === 3) { w.setReg(target, { lo: `(${word(n, 2 * index)} | 0)`, hi: `(${word(n, 2 * index + 1)} | 0)` }); return; }
  const value = signed ? signedLane(n, size, index) : size === 2 ? `(${lane(n, size, index)} | 0)` : lane(n, size, index);
  if (signed && q === 1) w.setReg(target, { lo: value, hi: `(${value} >> 31)` });
  else w.setReg32(target, value);
}

/** The low 2^size bytes of a general register, for DUP/INS (general). */
function generalElement(w: BlockWriter, size: number, n: number): Halves {
  const x = w.reg(sourceSlot(n));
  return { lo: [`(${x.lo} & 255)`, `(${x.lo} & 65535)`][size] ?? x.lo, hi: x.hi };
}

const copy: Translator = (w, insn) => {
  const q = bit(insn, 30);
  const imm5 = bits(insn, 16, 5);
  const imm4 = bits(insn, 11, 4);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  // The element size is imm5's lowest set bit; the index is above it.
  const size = 31 - Math.clz32(imm5 & -imm5);
  if ((imm5 & 0xf) === 0) return false;
  const index = imm5 >>> (size + 1);
  if (bit(insn, 29) === 1) {
    if (q === 0) return false;
    insert(w, size, d, index, elementOf(n, size, imm4 >>> size));
    return true;
  }
  switch (imm4) {
    case 0b0000:
      if (size === 3 && q === 0) return false;
      duplicate(w, size, q, d, elementOf(n, size, index));
      return true;
    case 0b0001:
      if (size === 3 && q === 0) return false;
      duplicate(w, size, q, d, generalElement(w, size, n));
      return true;
    case 0b0011:
      if (q === 0) return false;
      insert(w, size, d, index, generalElement(w, size, n));
      return true;
    case 0b0101:
      if (size === 3 || (size === 2 && q === 0)) return false;
      moveToGeneral(w, size, q, n, index, d, true);
      return true;
    case 0b0111:
      if ((q === 1) !== (size === 3)) return false;
      moveToGeneral(w, size, q, n, index, d, false);
      return true;
  }
  return false;
};

export const COPY_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ASIMD_COPY: copy,
};
