// Inline translations of data-processing (1 source) - RBIT, REV16, REV32, REV, CLZ, CLS -
// and of the extract group (EXTR, and ROR immediate, its alias). 64-bit forms work on the
// halves: a reversal of the whole register reverses each half and swaps them.

import { bit, bits } from '../decoder';
import { destinationSlot, sourceSlot } from '../registerSlots';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';
import { Halves, shiftLeft64, shiftRightLogical64 } from './split64';
import { reverseBytes32, swapBytesInHalfwords32 } from './wordRearrangement';

/** Statements that leave the bits of `x` reversed in `target` (swap halves, bytes, nibbles, pairs, bits). */
function reverseBits32(target: string, x: string): string {
  return `${target} = (${x} >>> 16) | (${x} << 16); ` +
    `${target} = ((${target} >>> 8) & 16711935) | ((${target} & 16711935) << 8); ` +
    `${target} = ((${target} >>> 4) & 252645135) | ((${target} & 252645135) << 4); ` +
    `${target} = ((${target} >>> 2) & 858993459) | ((${target} & 858993459) << 2); ` +
    `${target} = ((${target} >>> 1) & 1431655765) | ((${target} & 1431655765) << 1);`;
}

/** CountLeadingZeroBits of a 64-bit value. */
function leadingZeros64(x: Halves): string {
  return `(${x.hi} !== 0 ? Math.clz32(${x.hi}) : 32 + Math.clz32(${x.lo}))`;
}

/**
 * CountLeadingSignBits(x) = CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>): the N-1 bit value
 * sits in the low bits of an N-bit one, whose top bit is then zero.
 */
function leadingSignBits(w: BlockWriter, wide: boolean, x: Halves): string {
  if (!wide) return `(Math.clz32((${x.lo} ^ (${x.lo} << 1)) >>> 1) - 1)`;
  const shifted = shiftLeft64(x, 1);
  w.emit(`t0 = ${x.lo} ^ ${shifted.lo}; t1 = ${x.hi} ^ ${shifted.hi};`);
  const differences = shiftRightLogical64({ lo: 't0', hi: 't1' }, 1);
  w.emit(`t2 = ${differences.lo}; t3 = ${differences.hi};`);
  return `(${leadingZeros64({ lo: 't2', hi: 't3' })} - 1)`;
}

function oneSource(operation: 'RBIT' | 'REV16' | 'REV32' | 'REV' | 'CLZ' | 'CLS'): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const d = destinationSlot(bits(word, 0, 5));
    switch (operation) {
      case 'RBIT':
        w.emit(reverseBits32('t0', n.lo));
        if (wide) w.emit(reverseBits32('t1', n.hi));
        w.setReg(d, wide ? { lo: 't1', hi: 't0' } : { lo: 't0', hi: '0' });
        return true;
      case 'REV16':
        w.setReg(d, { lo: swapBytesInHalfwords32(n.lo), hi: wide ? swapBytesInHalfwords32(n.hi) : '0' });
        return true;
      case 'REV32':
        // With sf = 0 this encoding is REV of a W register: the same operation on one word.
        w.setReg(d, { lo: reverseBytes32(n.lo), hi: wide ? reverseBytes32(n.hi) : '0' });
        return true;
      case 'REV':
        if (!wide) return false;
        w.setReg(d, { lo: reverseBytes32(n.hi), hi: reverseBytes32(n.lo) });
        return true;
      case 'CLZ':
        w.setReg(d, { lo: wide ? leadingZeros64(n) : `Math.clz32(${n.lo})`, hi: '0' });
        return true;
      default:
        w.setReg(d, { lo: leadingSignBits(w, wide, n), hi: '0' });
        return true;
    }
  };
}

/** EXTR: bits lsb+datasize-1 .. lsb of the concatenation Xn:Xm. */
const extract: Translator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const lsb = bits(word, 10, 6);
  const n = w.reg(sourceSlot(bits(word, 5, 5)));
  const m = w.reg(sourceSlot(bits(word, 16, 5)));
  const d = destinationSlot(bits(word, 0, 5));
  if (!wide) {
    w.setReg32(d, lsb === 0 ? m.lo : `((${m.lo} >>> ${lsb}) | (${n.lo} << ${32 - lsb}))`);
    return true;
  }
  // The 128-bit value as four words, lowest first; the result is two adjacent ones, shifted.
  const words = [m.lo, m.hi, n.lo, n.hi];
  const first = lsb >>> 5;
  const shift = lsb & 31;
  const wordAt = (k: number) => (shift === 0 ? words[first + k] : `((${words[first + k]} >>> ${shift}) | (${words[first + k + 1]} << ${32 - shift}))`);
  w.setReg(d, { lo: wordAt(0), hi: wordAt(1) });
  return true;
};

export const BIT_MANIPULATION_TRANSLATORS: Record<string, Translator> = {
  RBIT: oneSource('RBIT'),
  REV16: oneSource('REV16'),
  REV32_or_REV_32: oneSource('REV32'),
  REV_64: oneSource('REV'),
  CLZ: oneSource('CLZ'),
  CLS: oneSource('CLS'),
  EXTR: extract,
};
