// Inline translations of the long and high multiplies (SMADDL/SMSUBL/UMADDL/UMSUBL,
// SMULH/UMULH) and the divisions (UDIV/SDIV) on split 32-bit halves. The reference
// semantics are the executors in encodings/integer, which compute with BigInt.
//
// Divisions are exact in doubles while the dividend is below 2^52 in magnitude: the
// quotient's distance to the next integer is then more than half an ulp, so rounding the
// host quotient cannot cross it. Larger operands go through `divide64`.

import { bit, bits } from '../decoder';
import { destinationSlot, sourceSlot } from '../registerSlots';
import type { BlockWriter } from './blockWriter';
import { Halves } from './split64';
import { add64, subtract64 } from './splitArithmetic';
import type { Translator } from './translateArithmetic';

const TWO_POW_32 = 4294967296;

/** The quotient `divide64` leaves: bits 31:0, then bits 63:32. */
const quotient = new Int32Array(2);
/** Dividend and divisor as 64-bit integers over the same bytes as their 32-bit halves. */
const operands = new BigUint64Array(2);
const signedOperands = new BigInt64Array(operands.buffer);
const operandWords = new Int32Array(operands.buffer);

/**
 * UDIV/SDIV of 64-bit operands given as halves, for the cases the inline path leaves
 * (divisor nonzero). An unsigned division by a 32-bit divisor goes in 32- and 16-bit
 * digits, each step exact in doubles; the rest through BigInt (INT64_MIN / -1 wraps).
 */
function divide64(nLo: number, nHi: number, mLo: number, mHi: number, signed: boolean): void {
  if (!signed && mHi === 0) {
    divideBy32(nLo, nHi, mLo >>> 0);
    return;
  }
  operandWords[0] = nLo;
  operandWords[1] = nHi;
  operandWords[2] = mLo;
  operandWords[3] = mHi;
  if (signed) signedOperands[0] = signedOperands[0] / signedOperands[1];
  else operands[0] = operands[0] / operands[1];
  quotient[0] = operandWords[0];
  quotient[1] = operandWords[1];
}

/** Schoolbook division of nHi:nLo by a 32-bit divisor: remainders times 2^16 stay below 2^48. */
function divideBy32(nLo: number, nHi: number, divisor: number): void {
  const high = nHi >>> 0;
  const qHigh = Math.floor(high / divisor);
  let remainder = high - qHigh * divisor;
  let partial = remainder * 65536 + (nLo >>> 16);
  const q1 = Math.floor(partial / divisor);
  remainder = partial - q1 * divisor;
  partial = remainder * 65536 + (nLo & 0xffff);
  const q0 = Math.floor(partial / divisor);
  quotient[0] = (q1 * 65536 + q0) | 0;
  quotient[1] = qHigh | 0;
}

/** The functions and scratch the generated code uses, by the names it uses. */
export const MULTIPLY_DIVIDE_RUNTIME = { divide64, quotient };

/** UDIV/SDIV (data-processing, 2 source). */
function divide(signed: boolean): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const d = destinationSlot(bits(word, 0, 5));
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    if (!wide) {
      // |0 truncates a signed quotient (and wraps INT32_MIN / -1); >>> 0 an unsigned one.
      const q = signed ? `((${n.lo} / ${m.lo}) | 0)` : `((${n.lo} >>> 0) / (${m.lo} >>> 0) >>> 0)`;
      w.setReg32(d, `(${m.lo} === 0 ? 0 : ${q} | 0)`);
      return true;
    }
    const value = (x: Halves) => (signed ? `(${x.hi} * ${TWO_POW_32} + (${x.lo} >>> 0))` : `((${x.hi} >>> 0) * ${TWO_POW_32} + (${x.lo} >>> 0))`);
    const small = signed
      ? `${n.hi} >= -1048576 && ${n.hi} < 1048576 && ${m.hi} >= -2097152 && ${m.hi} < 2097152`
      : `(${n.hi} >>> 0) < 1048576 && (${m.hi} >>> 0) < 2097152`;
    w.emit(`if ((${m.lo} | ${m.hi}) === 0) { t4 = 0; t5 = 0; } else if (${small}) {`);
    w.emit(`qq = ${signed ? 'Math.trunc' : 'Math.floor'}(${value(n)} / ${value(m)}); t4 = qq | 0; t5 = Math.floor(qq / ${TWO_POW_32}) | 0;`);
    w.emit(`} else { divide64(${n.lo}, ${n.hi}, ${m.lo}, ${m.hi}, ${signed}); t4 = quotient[0]; t5 = quotient[1]; }`);
    w.setReg(d, { lo: 't4', hi: 't5' });
    return true;
  };
}

/** Bits 127:64 of the unsigned product of two 64-bit values, into t4 (low) and t5 (high). */
function unsignedHighProduct(w: BlockWriter, n: Halves, m: Halves): void {
  // Partial products of the halves; sums of up to four 32-bit words stay exact in doubles.
  w.emit(`t0 = (mulHigh(${n.lo}, ${m.lo}) >>> 0) + (Math.imul(${n.lo}, ${m.hi}) >>> 0) + (Math.imul(${n.hi}, ${m.lo}) >>> 0);`);
  w.emit(`t1 = (mulHigh(${n.lo}, ${m.hi}) >>> 0) + (mulHigh(${n.hi}, ${m.lo}) >>> 0) + (Math.imul(${n.hi}, ${m.hi}) >>> 0) + Math.floor(t0 / ${TWO_POW_32});`);
  w.emit(`t4 = t1 | 0; t5 = (mulHigh(${n.hi}, ${m.hi}) + Math.floor(t1 / ${TWO_POW_32})) | 0;`);
}

/** t4:t5 -= x (mod 2^64). */
function subtractFromHigh(x: Halves): string {
  return `tw = t4; t4 = (t4 - ${x.lo}) | 0; t5 = (t5 - ${x.hi} - ((tw >>> 0) < (${x.lo} >>> 0) ? 1 : 0)) | 0;`;
}

/** UMULH/SMULH: the signed high half is the unsigned one minus each operand where the other is negative. */
function multiplyHigh(signed: boolean): Translator {
  return (w, word) => {
    const d = destinationSlot(bits(word, 0, 5));
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    unsignedHighProduct(w, n, m);
    if (signed) {
      w.emit(`if (${n.hi} < 0) { ${subtractFromHigh(m)} }`);
      w.emit(`if (${m.hi} < 0) { ${subtractFromHigh(n)} }`);
    }
    w.setReg(d, { lo: 't4', hi: 't5' });
    return true;
  };
}

/** SMADDL/SMSUBL/UMADDL/UMSUBL: Xa +/- Wn * Wm with the 64-bit product of the 32-bit operands. */
function multiplyLong(signed: boolean, subtract: boolean): Translator {
  return (w, word) => {
    const d = destinationSlot(bits(word, 0, 5));
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const a = w.reg(sourceSlot(bits(word, 10, 5)));
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    const high = signed
      ? `(mulHigh(${n.lo}, ${m.lo}) - (${n.lo} < 0 ? ${m.lo} : 0) - (${m.lo} < 0 ? ${n.lo} : 0)) | 0`
      : `mulHigh(${n.lo}, ${m.lo})`;
    w.emit(`t4 = Math.imul(${n.lo}, ${m.lo}); t5 = ${high};`);
    const product = { lo: 't4', hi: 't5' };
    if (a.lo === '0' && !subtract) w.setReg(d, product);
    else w.setReg(d, subtract ? subtract64(w, a, product) : add64(w, a, product));
    return true;
  };
}

export const MULTIPLY_DIVIDE_TRANSLATORS: Record<string, Translator> = {
  UDIV: divide(false),
  SDIV: divide(true),
  UMULH: multiplyHigh(false),
  SMULH: multiplyHigh(true),
  SMADDL: multiplyLong(true, false),
  SMSUBL: multiplyLong(true, true),
  UMADDL: multiplyLong(false, false),
  UMSUBL: multiplyLong(false, true),
};
