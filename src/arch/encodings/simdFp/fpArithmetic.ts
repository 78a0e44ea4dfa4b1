// FPAdd, FPMul, FPDiv, FPSqrt and FPMulAdd on binary64 and binary32 values that are not
// NaN (NaN operands are dealt with before, see fpNaN.ts; denormal inputs are already
// flushed when FPCR.FZ is set). A NaN return value means "Invalid Operation: the default
// NaN"; callers write the default NaN's bits themselves.
//
// Fast paths use the host's round-to-nearest-even arithmetic plus error-free transforms
// (TwoSum, Dekker's TwoProduct) to learn the sign of the rounding error, which gives the
// Inexact flag and the directed roundings. Single precision is computed in double and
// rounded once more with that error sign known. Where an error-free transform could
// over- or underflow, the exact BigInt path (exactRounding.ts) takes over.

import { FPCR_FZ, FPCR_RMODE_SHIFT, FPSR_DZC, FPSR_IOC, FPSR_IXC, FPSR_OFC, FPSR_UFC, FpEnvironment, Rounding, fpcrRounding } from './fpControl';
import { MAX_DOUBLE, MAX_SINGLE, MIN_NORMAL_DOUBLE, MIN_NORMAL_SINGLE, lowestBitSet64, nextDown32, nextDown64, nextUp32, nextUp64 } from './floatBits';
import { DOUBLE, ExactValue, FloatFormat, SINGLE, exactOfDouble, overflowResult, roundExact } from './exactRounding';
import { exactProduct, exactQuotient, exactSquareRoot, exactSum } from './exactArithmetic';

/** Dekker's split constant 2^27 + 1. */
const SPLITTER = 134217729;
/** Above this an operand's split may overflow. */
const SPLIT_LIMIT = 2 ** 995;
/** Below this a product's rounding error may not be representable. */
const PRODUCT_FLOOR = 2 ** -969;

function invalid(env: FpEnvironment): number {
  env.fpsr |= FPSR_IOC;
  return NaN;
}

const isInfinite = (x: number) => x === Infinity || x === -Infinity;
const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** The exact rounding error of p = RN(a * b); valid while no split over/underflows. */
export function productError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** The exact rounding error of s = RN(a + b) (Knuth's TwoSum). */
export function sumError(a: number, b: number, s: number): number {
  const bVirtual = s - a;
  return (a - (s - bVirtual)) + (b - bVirtual);
}

/** The sign of an exact zero sum: -0 only when rounding toward -inf or both addends are -0. */
function exactZeroSum(env: FpEnvironment, a: number, b: number): number {
  if (fpcrRounding(env) === Rounding.NegInf) return Object.is(a, 0) && Object.is(b, 0) ? 0 : -0;
  return a + b;
}

// ---- Results that need no error term ------------------------------------------------------

/** FPSR.IXC set and FPCR.RMode round-to-nearest: the state in which most FP code runs. */
function inexactAlreadyRaised(env: FpEnvironment): boolean {
  return (env.fpsr & FPSR_IXC) !== 0 && (env.fpcr & (3 << FPCR_RMODE_SHIFT)) === 0;
}

/** r when it is a normal finite double, else NaN. */
export function normalOrNaN64(r: number): number {
  const magnitude = Math.abs(r);
  return magnitude > MIN_NORMAL_DOUBLE && magnitude <= MAX_DOUBLE ? r : NaN;
}

/** f when it is a normal finite binary32 value, else NaN. */
export function normalOrNaN32(f: number): number {
  const magnitude = Math.abs(f);
  return magnitude > MIN_NORMAL_SINGLE && magnitude <= MAX_SINGLE ? f : NaN;
}

/**
 * Whether r = RN(exact) of an add, multiply, divide or square root is the whole answer:
 * a normal, finite r means the exact value was neither tiny nor overflowing, so the only
 * flag it could raise is Inexact, and that one is already set. (For single precision,
 * r = RN(RN64(exact)): double rounding is innocuous for these operations.)
 */
function settledDouble(env: FpEnvironment, r: number): boolean {
  return inexactAlreadyRaised(env) && normalOrNaN64(r) === r;
}

function settledSingle(env: FpEnvironment, f: number): boolean {
  return inexactAlreadyRaised(env) && normalOrNaN32(f) === f;
}

// ---- Final rounding from "nearest double plus error sign" --------------------------------

/**
 * FPRound to binary64 of an exact value known as r = RN(exact) (finite) and
 * errorSign = sign(exact - r).
 */
export function finishDouble(env: FpEnvironment, r: number, errorSign: number): number {
  const magnitude = Math.abs(r);
  if (magnitude < MIN_NORMAL_DOUBLE || (magnitude === MIN_NORMAL_DOUBLE && errorSign * r < 0)) {
    if (r === 0 && errorSign === 0) return r;
    if ((env.fpcr & FPCR_FZ) !== 0) {
      env.fpsr |= FPSR_UFC;
      return r * 0;
    }
    if (errorSign !== 0) env.fpsr |= FPSR_UFC;
  }
  if (errorSign === 0) return r;
  env.fpsr |= FPSR_IXC;
  const result = directedAdjust(fpcrRounding(env), r, errorSign, nextUp64, nextDown64);
  if (isInfinite(result)) env.fpsr |= FPSR_OFC;
  return result;
}

/**
 * FPRound to binary32 of an exact value known through a double r and
 * errorSign = sign(exact - r), where no binary32 value or binary32 midpoint lies strictly
 * between exact and r (true for r = RN(exact) of + - * / sqrt and for round-to-odd).
 */
export function finishSingle(env: FpEnvironment, r: number, errorSign: number): number {
  const f = Math.fround(r);
  const magnitude = Math.abs(r);
  const direction = f === r ? errorSign : r > f ? 1 : -1; // sign(exact - f)
  if (magnitude < MIN_NORMAL_SINGLE || (magnitude === MIN_NORMAL_SINGLE && errorSign * r < 0)) {
    if (r === 0 && errorSign === 0) return r;
    if ((env.fpcr & FPCR_FZ) !== 0) {
      env.fpsr |= FPSR_UFC;
      return r * 0;
    }
    if (direction !== 0) env.fpsr |= FPSR_UFC;
  }
  if (direction === 0) return f;
  const rounding = fpcrRounding(env);
  let nearest = f;
  let nearestDirection = direction;
  if (isInfinite(f)) {
    // Round-to-nearest overflowed; a directed mode may still land on the largest finite value.
    if (rounding === Rounding.TieEven || magnitude > 2 ** 128 || (magnitude === 2 ** 128 && errorSign * r >= 0)) return overflowResult(env, SINGLE, r < 0, rounding);
    nearest = r < 0 ? -MAX_SINGLE : MAX_SINGLE;
    nearestDirection = sign(r);
  }
  env.fpsr |= FPSR_IXC;
  const result = directedAdjust(rounding, nearest, nearestDirection, nextUp32, nextDown32);
  if (isInfinite(result)) env.fpsr |= FPSR_OFC;
  return result;
}

/** Moves the nearest value r one step when the rounding mode wants the other neighbour. */
function directedAdjust(rounding: Rounding, r: number, direction: number,
  up: (x: number) => number, down: (x: number) => number): number {
  switch (rounding) {
    case Rounding.PosInf: return direction > 0 ? up(r) : r;
    case Rounding.NegInf: return direction < 0 ? down(r) : r;
    case Rounding.Zero:
      if (r > 0 && direction < 0) return down(r);
      if (r < 0 && direction > 0) return up(r);
      return r;
    default: return r;
  }
}

/**
 * A double operation whose nearest result overflowed: in round-to-nearest that is the
 * answer; directed modes go the exact way (values just above the largest finite one
 * round down to it without overflowing).
 */
function nearestOverflow(env: FpEnvironment, negative: boolean): number | undefined {
  return fpcrRounding(env) === Rounding.TieEven ? overflowResult(env, DOUBLE, negative, Rounding.TieEven) : undefined;
}

function roundExactValue(env: FpEnvironment, fmt: FloatFormat, v: ExactValue): number {
  return roundExact(env, fmt, v, fpcrRounding(env));
}

// ---- Addition ------------------------------------------------------------------------

/** FPAdd for binary64 (subtract = add the negated operand). */
export function add64(env: FpEnvironment, a: number, b: number): number {
  const s = a + b;
  if (settledDouble(env, s)) return s;
  if (s - s !== 0) {
    if (s !== s) return invalid(env);
    if (isInfinite(a) || isInfinite(b)) return s;
    return nearestOverflow(env, s < 0) ?? roundExactValue(env, DOUBLE, exactSum(exactOfDouble(a), exactOfDouble(b)));
  }
  const err = sumError(a, b, s);
  if (err - err !== 0) return roundExactValue(env, DOUBLE, exactSum(exactOfDouble(a), exactOfDouble(b)));
  if (s === 0 && err === 0) return exactZeroSum(env, a, b);
  return finishDouble(env, s, sign(err));
}

/** FPAdd for binary32 values (held in doubles). */
export function add32(env: FpEnvironment, a: number, b: number): number {
  const s = a + b;
  const f = Math.fround(s);
  if (settledSingle(env, f)) return f;
  if (s !== s) return invalid(env);
  if (isInfinite(s)) return s;
  const err = sumError(a, b, s);
  if (s === 0 && err === 0) return exactZeroSum(env, a, b);
  return finishSingle(env, s, sign(err));
}

// ---- Multiplication --------------------------------------------------------------------

export function mul64(env: FpEnvironment, a: number, b: number): number {
  const p = a * b;
  if (settledDouble(env, p)) return p;
  if (p - p !== 0) {
    if (p !== p) return invalid(env);
    if (isInfinite(a) || isInfinite(b)) return p;
    return nearestOverflow(env, p < 0) ?? roundExactValue(env, DOUBLE, exactProduct(exactOfDouble(a), exactOfDouble(b)));
  }
  if (a === 0 || b === 0) return p;
  const magnitude = Math.abs(p);
  if (magnitude >= PRODUCT_FLOOR && Math.abs(a) < SPLIT_LIMIT && Math.abs(b) < SPLIT_LIMIT) {
    const err = productError(a, b, p);
    if (err - err === 0) return finishDouble(env, p, sign(err));
  }
  return roundExactValue(env, DOUBLE, exactProduct(exactOfDouble(a), exactOfDouble(b)));
}

export function mul32(env: FpEnvironment, a: number, b: number): number {
  const p = a * b; // exact: 24 x 24 bits, exponents well inside double's range
  const f = Math.fround(p);
  if (settledSingle(env, f)) return f;
  if (p !== p) return invalid(env);
  if (isInfinite(p) || p === 0) return p;
  return finishSingle(env, p, 0);
}

/** FPMulX: like FPMul but 0 * infinity is 2.0 with the product's sign. */
export function mulExtended64(env: FpEnvironment, a: number, b: number): number {
  if ((a === 0 && isInfinite(b)) || (isInfinite(a) && b === 0)) return productSignNegative(a, b) ? -2 : 2;
  return mul64(env, a, b);
}

export function mulExtended32(env: FpEnvironment, a: number, b: number): number {
  if ((a === 0 && isInfinite(b)) || (isInfinite(a) && b === 0)) return productSignNegative(a, b) ? -2 : 2;
  return mul32(env, a, b);
}

function productSignNegative(a: number, b: number): boolean {
  return (a < 0 || Object.is(a, -0)) !== (b < 0 || Object.is(b, -0));
}

// ---- Division ----------------------------------------------------------------------------

/** The sign of (a / b - q), from the exact remainder a - q * b. */
function quotientErrorSign(a: number, b: number, q: number): number {
  const p = q * b;
  const e = productError(q, b, p);
  const remainder = (a - p) - e;
  return sign(remainder) * sign(b);
}

function divideSpecial(env: FpEnvironment, a: number, b: number): number | undefined {
  if (b === 0) {
    if (a === 0) return invalid(env);
    if (!isInfinite(a)) env.fpsr |= FPSR_DZC;
    return productSignNegative(a, b) ? -Infinity : Infinity;
  }
  if (isInfinite(a)) return isInfinite(b) ? invalid(env) : a / b;
  if (a === 0 || isInfinite(b)) return a / b;
  return undefined;
}

export function div64(env: FpEnvironment, a: number, b: number): number {
  // Division by zero, infinities and zero dividends give 0, infinity or NaN: never settled.
  const nearest = a / b;
  if (settledDouble(env, nearest)) return nearest;
  const special = divideSpecial(env, a, b);
  if (special !== undefined) return special;
  const q = a / b;
  if (isInfinite(q)) return nearestOverflow(env, q < 0) ?? roundExactValue(env, DOUBLE, exactQuotient(exactOfDouble(a), exactOfDouble(b)));
  const qa = Math.abs(q);
  const aa = Math.abs(a);
  if (qa >= PRODUCT_FLOOR && qa < SPLIT_LIMIT && aa >= PRODUCT_FLOOR && aa < SPLIT_LIMIT && Math.abs(b) < SPLIT_LIMIT) {
    return finishDouble(env, q, quotientErrorSign(a, b, q));
  }
  return roundExactValue(env, DOUBLE, exactQuotient(exactOfDouble(a), exactOfDouble(b)));
}

export function div32(env: FpEnvironment, a: number, b: number): number {
  const nearest = Math.fround(a / b);
  if (settledSingle(env, nearest)) return nearest;
  const special = divideSpecial(env, a, b);
  if (special !== undefined) return special;
  const q = a / b; // |q| within [2^-277, 2^277]: the remainder is always exact
  return finishSingle(env, q, quotientErrorSign(a, b, q));
}

// ---- Square root -------------------------------------------------------------------------

function sqrtSpecial(env: FpEnvironment, a: number): number | undefined {
  if (a === 0 || a === Infinity) return a;
  if (a < 0) return invalid(env);
  return undefined;
}

function rootErrorSign(a: number, s: number): number {
  const p = s * s;
  return sign((a - p) - productError(s, s, p));
}

export function sqrt64(env: FpEnvironment, a: number): number {
  const root = Math.sqrt(a);
  if (settledDouble(env, root)) return root;
  const special = sqrtSpecial(env, a);
  if (special !== undefined) return special;
  const s = Math.sqrt(a);
  if (a >= PRODUCT_FLOOR && a < SPLIT_LIMIT) return finishDouble(env, s, rootErrorSign(a, s));
  return roundExactValue(env, DOUBLE, exactSquareRoot(exactOfDouble(a)));
}

export function sqrt32(env: FpEnvironment, a: number): number {
  const root = Math.fround(Math.sqrt(a));
  if (settledSingle(env, root)) return root;
  const special = sqrtSpecial(env, a);
  if (special !== undefined) return special;
  const s = Math.sqrt(a);
  return finishSingle(env, s, rootErrorSign(a, s));
}

// ---- Fused multiply-add ------------------------------------------------------------------

/**
 * The results of FPMulAdd(addend, op1, op2) that do not need arithmetic: infinities,
 * zeros and invalid combinations. Undefined when all three are finite and nonzero.
 */
function mulAddSpecial(env: FpEnvironment, addend: number, a: number, b: number,
  mul: (env: FpEnvironment, a: number, b: number) => number): number | undefined {
  const infA = isInfinite(a);
  const infB = isInfinite(b);
  const zeroA = a === 0;
  const zeroB = b === 0;
  if ((infA && zeroB) || (zeroA && infB)) return invalid(env);
  const productNegative = productSignNegative(a, b);
  const infP = infA || infB;
  if (isInfinite(addend)) {
    if (infP && (addend < 0) !== productNegative) return invalid(env);
    return addend;
  }
  if (infP) return productNegative ? -Infinity : Infinity;
  const zeroP = zeroA || zeroB;
  if (zeroP) {
    if (addend !== 0) return addend;
    const addendNegative = Object.is(addend, -0);
    if (addendNegative === productNegative) return addend;
    return fpcrRounding(env) === Rounding.NegInf ? -0 : 0;
  }
  if (addend === 0) return mul(env, a, b);
  return undefined;
}

/** The exact a * b + addend rounded once to `fmt`. */
export function exactMulAdd(env: FpEnvironment, fmt: FloatFormat, addend: number, a: number, b: number): number {
  const sum = exactSum(exactProduct(exactOfDouble(a), exactOfDouble(b)), exactOfDouble(addend));
  if (sum.mantissa === 0n) return fpcrRounding(env) === Rounding.NegInf ? -0 : 0;
  return roundExactValue(env, fmt, sum);
}

/** FPMulAdd for binary64: addend + a * b with a single rounding. */
export function mulAdd64(env: FpEnvironment, addend: number, a: number, b: number): number {
  const special = mulAddSpecial(env, addend, a, b, mul64);
  if (special !== undefined) return special;
  if (fpcrRounding(env) === Rounding.TieEven) {
    const fused = fusedNearest64(env, addend, a, b);
    if (fused === fused) return fused;
  }
  return exactMulAdd(env, DOUBLE, addend, a, b);
}

/**
 * FPMulAdd for binary64 in round-to-nearest, by Boldo and Melquiond's emulation: with
 * a*b = uh + ul (Dekker) and addend + uh = th + tl (TwoSum) exactly, RN(th + RO(tl + ul))
 * is the correctly rounded a*b + addend. It holds where no operand, product or result is
 * near overflow or underflow, none zero or NaN; elsewhere the result is NaN and no flag
 * is touched.
 *
 * The odd rounding is needed only in rare cases, and its data-dependent branches cost more
 * than the arithmetic, so v = RN(tl + ul) is tried first: when |v| <= |r| / 4, th + v is a
 * multiple of ulp(v), so it is either exactly a midpoint between r's neighbours or at least
 * ulp(v) > |vError| away from one, and RN(th + v) = RN(th + v + vError) unless th + v is a
 * tie that vError breaks.
 */
export function fusedNearest64(env: FpEnvironment, addend: number, a: number, b: number): number {
  const uh = a * b;
  const magnitude = Math.abs(uh);
  if (!(magnitude >= PRODUCT_FLOOR && magnitude < SPLIT_LIMIT && Math.abs(a) < SPLIT_LIMIT && Math.abs(b) < SPLIT_LIMIT && Math.abs(addend) < SPLIT_LIMIT)) return NaN;
  const ul = productError(a, b, uh);
  const th = addend + uh;
  const tl = sumError(addend, uh, th);
  let v = tl + ul;
  const vError = sumError(tl, ul, v);
  let r = th + v;
  let rError = sumError(th, v, r);
  const tie = rError !== 0 && (r + 2 * rError) - r === 2 * rError;
  if (!(Math.abs(v) * 4 <= Math.abs(r)) || (tie && vError !== 0)) {
    // v = RO(tl + ul): an inexact sum with an even last bit steps toward the exact value.
    if (vError !== 0 && !lowestBitSet64(v)) v = vError > 0 ? nextUp64(v) : nextDown64(v);
    r = th + v;
    rError = sumError(th, v, r);
  }
  const resultMagnitude = Math.abs(r);
  if (!(resultMagnitude >= PRODUCT_FLOOR && resultMagnitude <= MAX_DOUBLE)) return NaN;
  // The result is exact only if both the rounding of v and the last addition were.
  if ((env.fpsr & FPSR_IXC) === 0 && (vError !== 0 || rError !== 0)) env.fpsr |= FPSR_IXC;
  return r;
}

/** FPMulAdd for binary32: the product is exact in double; the sum is rounded to odd. */
export function mulAdd32(env: FpEnvironment, addend: number, a: number, b: number): number {
  const special = mulAddSpecial(env, addend, a, b, mul32);
  if (special !== undefined) return special;
  const product = a * b;
  let s = product + addend;
  const err = sumError(product, addend, s);
  if (err === 0) {
    if (s === 0) return fpcrRounding(env) === Rounding.NegInf ? -0 : 0;
    return finishSingle(env, s, 0);
  }
  if (lowestBitSet64(s)) return finishSingle(env, s, sign(err));
  // Round to odd: step toward the exact value; it then lies on the other side.
  s = err > 0 ? nextUp64(s) : nextDown64(s);
  return finishSingle(env, s, -sign(err));
}
