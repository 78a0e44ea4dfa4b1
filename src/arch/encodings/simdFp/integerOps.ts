// Element operations of the Advanced SIMD integer instructions (the per-element part of
// the Arm ARM pseudocode), as LaneOps for integerLanes.ts. Factories take the element
// size where the result depends on it (saturation limits, shift ranges).

import { INT64_MAX, INT64_MIN, LaneOp, UINT64_MAX, saturate, saturateBig, signedMax, signedMin, unsignedMax } from './integerLanes';

const ALL_ONES = -1; // stores as all ones at any element size
const big = (x: number) => BigInt(x);

export const add: LaneOp = { signed: false, number: (a, b) => a + b, big: (a, b) => a + b };
export const sub: LaneOp = { signed: false, number: (a, b) => a - b, big: (a, b) => a - b };

export function multiply(size: number): LaneOp {
  return { signed: false, number: size === 2 ? Math.imul : (a, b) => a * b };
}

export function multiplyAccumulate(size: number, subtract: boolean): LaneOp {
  const mul = size === 2 ? Math.imul : (a: number, b: number) => a * b;
  return { signed: false, number: subtract ? (a, b, acc) => acc - mul(a, b) : (a, b, acc) => acc + mul(a, b) };
}

/** PMUL: polynomial (carry-less) multiply of bytes, low 8 bits. */
export const polynomialMultiply: LaneOp = { signed: false, number: (a, b) => polynomialProduct(a, b, 8) };

/** Carry-less product of two `width`-bit values (full 2*width-bit result). */
export function polynomialProduct(a: number, b: number, width: number): number {
  let product = 0;
  for (let i = 0; i < width; i++) if ((b >>> i) & 1) product ^= a << i;
  return product >>> 0;
}

// ---- Comparisons: all ones or zero ------------------------------------------------------

function compare(signed: boolean, test: (a: number, b: number) => boolean, testBig: (a: bigint, b: bigint) => boolean): LaneOp {
  return {
    signed,
    number: (a, b) => (test(a, b) ? ALL_ONES : 0),
    big: (a, b) => (testBig(a, b) ? -1n : 0n),
  };
}

export const compareGreater = (signed: boolean) => compare(signed, (a, b) => a > b, (a, b) => a > b);
export const compareGreaterOrEqual = (signed: boolean) => compare(signed, (a, b) => a >= b, (a, b) => a >= b);
export const compareEqual = compare(false, (a, b) => a === b, (a, b) => a === b);
export const compareTest = compare(false, (a, b) => (a & b) !== 0, (a, b) => (a & b) !== 0n);

// ---- Halving, saturating, min/max, absolute difference ------------------------------------------

export const halvingAdd = (signed: boolean, rounding: boolean): LaneOp => ({
  signed,
  number: rounding ? (a, b) => Math.floor((a + b + 1) / 2) : (a, b) => Math.floor((a + b) / 2),
});

export const halvingSub = (signed: boolean): LaneOp => ({ signed, number: (a, b) => Math.floor((a - b) / 2) });

function limits(size: number, signed: boolean): [number, number] {
  return signed ? [signedMin(size), signedMax(size)] : [0, unsignedMax(size)];
}

function limits64(signed: boolean): [bigint, bigint] {
  return signed ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
}

export function saturatingAdd(size: number, signed: boolean): LaneOp {
  const [low, high] = limits(size, signed);
  const [low64, high64] = limits64(signed);
  return { signed, number: (a, b) => saturate(a + b, low, high), big: (a, b) => saturateBig(a + b, low64, high64) };
}

export function saturatingSub(size: number, signed: boolean): LaneOp {
  const [low, high] = limits(size, signed);
  const [low64, high64] = limits64(signed);
  return { signed, number: (a, b) => saturate(a - b, low, high), big: (a, b) => saturateBig(a - b, low64, high64) };
}

export const maximum = (signed: boolean): LaneOp => ({ signed, number: (a, b) => (a > b ? a : b) });
export const minimum = (signed: boolean): LaneOp => ({ signed, number: (a, b) => (a < b ? a : b) });
export const absoluteDifference = (signed: boolean): LaneOp => ({ signed, number: (a, b) => Math.abs(a - b) });
export const absoluteDifferenceAccumulate = (signed: boolean): LaneOp => ({ signed, number: (a, b, acc) => acc + Math.abs(a - b) });

// ---- Shifts by a register amount (the signed low byte of each Vm element) --------------------------

const shiftAmount = (b: number) => ((b & 0xff) << 24) >> 24;
const shiftAmountBig = (b: bigint) => Number(BigInt.asIntN(8, b));

/** x shifted left (s > 0) or right (s < 0, floor), with rounding of right shifts. */
function shiftNumber(x: number, s: number, rounding: boolean): number {
  if (s >= 0) return x * 2 ** s;
  const divisor = 2 ** -s;
  return Math.floor((rounding ? x + divisor / 2 : x) / divisor);
}

function shiftBig(x: bigint, s: number, rounding: boolean): bigint {
  if (s >= 0) return x << BigInt(s);
  const right = BigInt(-s);
  return (rounding ? x + (1n << (right - 1n)) : x) >> right;
}

/** SSHL, USHL, SRSHL, URSHL, SQSHL, UQSHL, SQRSHL, UQRSHL (register). */
export function shiftByRegister(size: number, signed: boolean, rounding: boolean, saturating: boolean): LaneOp {
  const [low, high] = limits(size, signed);
  const [low64, high64] = limits64(signed);
  return {
    signed,
    number: saturating
      ? (a, b) => saturate(shiftNumber(a, shiftAmount(b), rounding), low, high)
      : (a, b) => shiftNumber(a, shiftAmount(b), rounding),
    big: saturating
      ? (a, b) => saturateBig(shiftBig(a, shiftAmountBig(b), rounding), low64, high64)
      : (a, b) => BigInt.asUintN(64, shiftBig(a, shiftAmountBig(b), rounding)),
  };
}

// ---- Saturating doubling multiply high ---------------------------------------------------------

/** SQDMULH / SQRDMULH on 16- or 32-bit elements. */
export function saturatingDoublingMultiplyHigh(size: number, rounding: boolean): LaneOp {
  const esize = 8 << size;
  const low = big(signedMin(size));
  const high = big(signedMax(size));
  const shift = BigInt(esize);
  const round = rounding ? 1n << (shift - 1n) : 0n;
  return {
    signed: true,
    number: (a, b) => Number(saturateBig((2n * big(a) * big(b) + round) >> shift, low, high)),
  };
}

// ---- One-operand element ops (Vm unused; `acc` is Vd for the accumulating ones) ----------------

export function countLeadingZeros(size: number): LaneOp {
  const unused = 32 - (8 << size);
  return { signed: false, number: (a) => Math.clz32(a) - unused };
}

export function countLeadingSignBits(size: number): LaneOp {
  const unused = 32 - (8 << size);
  return { signed: true, number: (a) => Math.clz32(a ^ (a >> 1)) - unused - 1 };
}

export const populationCount: LaneOp = {
  signed: false,
  number: (a) => {
    let count = 0;
    for (let x = a; x !== 0; x &= x - 1) count++;
    return count;
  },
};

export const reverseBits8: LaneOp = {
  signed: false,
  number: (a) => {
    let r = 0;
    for (let i = 0; i < 8; i++) r |= ((a >>> i) & 1) << (7 - i);
    return r;
  },
};

export const bitwiseNot: LaneOp = { signed: false, number: (a) => ~a };
export const absolute: LaneOp = { signed: true, number: (a) => Math.abs(a), big: (a) => (a < 0n ? -a : a) };
export const negate: LaneOp = { signed: true, number: (a) => -a, big: (a) => -a };

export function saturatingAbsolute(size: number): LaneOp {
  const high = signedMax(size);
  return { signed: true, number: (a) => saturate(Math.abs(a), 0, high), big: (a) => saturateBig(a < 0n ? -a : a, 0n, INT64_MAX) };
}

export function saturatingNegate(size: number): LaneOp {
  const low = signedMin(size);
  const high = signedMax(size);
  return { signed: true, number: (a) => saturate(-a, low, high), big: (a) => saturateBig(-a, INT64_MIN, INT64_MAX) };
}

/** CMGT/CMGE/CMEQ/CMLE/CMLT against #0 (signed). */
export function compareWithZero(test: (a: number) => boolean, testBig: (a: bigint) => boolean): LaneOp {
  return { signed: true, number: (a) => (test(a) ? ALL_ONES : 0), big: (a) => (testBig(a) ? -1n : 0n) };
}

/** SUQADD: signed accumulator (Vd) plus an unsigned operand (Vn), signed saturation. */
export function signedAccumulateUnsigned(size: number): LaneOp {
  const low = signedMin(size);
  const high = signedMax(size);
  const modulus = 2 ** (8 << size);
  return {
    signed: true,
    number: (a, _b, acc) => saturate(acc + (a < 0 ? a + modulus : a), low, high),
    big: (a, _b, acc) => saturateBig(acc + BigInt.asUintN(64, a), INT64_MIN, INT64_MAX),
  };
}

/** USQADD: unsigned accumulator (Vd) plus a signed operand (Vn), unsigned saturation. */
export function unsignedAccumulateSigned(size: number): LaneOp {
  const high = unsignedMax(size);
  const half = 2 ** ((8 << size) - 1);
  const modulus = 2 ** (8 << size);
  return {
    signed: false,
    number: (a, _b, acc) => saturate(acc + (a >= half ? a - modulus : a), 0, high),
    big: (a, _b, acc) => saturateBig(acc + BigInt.asIntN(64, a), 0n, UINT64_MAX),
  };
}

// ---- Lengthening element ops (operands already widened; 64-bit results use `big`) --------------

export const absoluteDifferenceLong = (signed: boolean): LaneOp => ({
  signed,
  number: (a, b) => Math.abs(a - b),
  big: (a, b) => (a > b ? a - b : b - a),
});

export const absoluteDifferenceAccumulateLong = (signed: boolean): LaneOp => ({
  signed,
  number: (a, b, acc) => acc + Math.abs(a - b),
  big: (a, b, acc) => acc + (a > b ? a - b : b - a),
});

export const multiplyLong = (signed: boolean): LaneOp => ({ signed, number: (a, b) => a * b, big: (a, b) => a * b });

export const multiplyAccumulateLong = (signed: boolean, subtract: boolean): LaneOp => ({
  signed,
  number: subtract ? (a, b, acc) => acc - a * b : (a, b, acc) => acc + a * b,
  big: subtract ? (a, b, acc) => acc - a * b : (a, b, acc) => acc + a * b,
});

/**
 * SQDMULL / SQDMLAL / SQDMLSL: saturate(2ab) to the wide signed range, then (for the
 * accumulating forms) saturate(acc ± that). `wideSize` is the result element size (2 or 3).
 */
export function saturatingDoublingMultiplyLong(wideSize: number, accumulate: -1 | 0 | 1): LaneOp {
  const low = signedMin(wideSize);
  const high = signedMax(wideSize);
  return {
    signed: true,
    number: (a, b, acc) => {
      const product = saturate(2 * a * b, low, high);
      return accumulate === 0 ? product : saturate(acc + accumulate * product, low, high);
    },
    big: (a, b, acc) => {
      const product = saturateBig(2n * a * b, INT64_MIN, INT64_MAX);
      if (accumulate === 0) return product;
      return saturateBig(accumulate > 0 ? acc + product : acc - product, INT64_MIN, INT64_MAX);
    },
  };
}

export const polynomialMultiplyLong: LaneOp = { signed: false, number: (a, b) => polynomialProduct(a, b, 8) };

// ---- Shifts by an immediate --------------------------------------------------------------------

/** S/USHR, S/URSHR and the accumulating S/USRA, S/URSRA (shift 1..esize). */
export function shiftRightImmediate(signed: boolean, shift: number, rounding: boolean, accumulate: boolean): LaneOp {
  const divisor = 2 ** shift;
  const round = rounding ? divisor / 2 : 0;
  const s = BigInt(shift);
  const roundBig = rounding ? 1n << (s - 1n) : 0n;
  return {
    signed,
    number: accumulate ? (a, _b, acc) => acc + Math.floor((a + round) / divisor) : (a) => Math.floor((a + round) / divisor),
    big: accumulate ? (a, _b, acc) => acc + ((a + roundBig) >> s) : (a) => (a + roundBig) >> s,
  };
}

/** SHL (shift 0..esize-1). */
export function shiftLeftImmediate(shift: number): LaneOp {
  const factor = 2 ** shift;
  const s = BigInt(shift);
  return { signed: false, number: (a) => a * factor, big: (a) => a << s };
}

/** SQSHL, UQSHL, SQSHLU (immediate): `signed` source, `toSigned` result range. */
export function saturatingShiftLeftImmediate(size: number, shift: number, signed: boolean, toSigned: boolean): LaneOp {
  const factor = 2 ** shift;
  const s = BigInt(shift);
  const low = toSigned ? signedMin(size) : 0;
  const high = toSigned ? signedMax(size) : unsignedMax(size);
  const [low64, high64] = toSigned ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
  return {
    signed,
    number: (a) => saturate(a * factor, low, high),
    big: (a) => saturateBig(a << s, low64, high64),
  };
}

/** SLI: Vn << shift with the low `shift` bits of Vd kept (shift 0..esize-1). */
export function shiftLeftInsert(size: number, shift: number): LaneOp {
  const factor = 2 ** shift;
  const modulus = 2 ** (8 << size);
  const keep = 2 ** shift - 1;
  const s = BigInt(shift);
  const keepBig = (1n << s) - 1n;
  return {
    signed: false,
    // Reduced first so the sum stays exact; its low `shift` bits are clear, so adding inserts.
    number: (a, _b, acc) => ((a * factor) % modulus) + (acc & keep),
    big: (a, _b, acc) => BigInt.asUintN(64, a << s) | (acc & keepBig),
  };
}

/** SRI: Vn >> shift with the top `shift` bits of Vd kept (shift 1..esize). */
export function shiftRightInsert(size: number, shift: number): LaneOp {
  const esize = 8 << size;
  const low = 2 ** (esize - shift);
  const divisor = 2 ** shift;
  const s = BigInt(shift);
  const lowBig = shift === 64 ? 1n : 1n << (64n - s);
  return {
    signed: false,
    number: (a, _b, acc) => acc - (acc % low) + Math.floor(a / divisor),
    big: (a, _b, acc) => acc - (acc % lowBig) + (a >> s),
  };
}
