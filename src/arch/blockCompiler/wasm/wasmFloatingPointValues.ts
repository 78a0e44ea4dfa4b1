// Floating-point values in WebAssembly blocks, shared by the scalar and vector translators:
// the two precisions, settled results, and the fused multiply-adds. Arithmetic is on the
// JavaScript blocks' settled path (translateFloatingPoint.ts): with FPSR.IXC already set,
// round-to-nearest and FZ clear, a normal finite host result is the answer and raises nothing
// new. Each result comes with the condition under which it is right (Checked); the
// instruction leaves the block, for the interpreter, unless all of them hold (settledResults).

import { MAX_DOUBLE, MAX_SINGLE, MIN_NORMAL_DOUBLE, MIN_NORMAL_SINGLE } from '../../encodings/simdFp/floatBits';
import type { WasmBlockWriter } from './wasmBlockWriter';
import { Code, ValType, f32, f64, i32, i64, select } from './wasmCode';

/** Dekker's splitter for binary64 (2^27 + 1). */
const SPLITTER = 134217729;
/** Above this an operand's split may overflow (fpArithmetic.ts's fusedNearest64). */
const SPLIT_LIMIT = 2 ** 995;
/** Below this a product's rounding error may not be representable. */
const PRODUCT_FLOOR = 2 ** -969;

/** A precision: its operations, value type, size and normal range. */
export interface Precision {
  readonly ops: typeof f64 | typeof f32;
  readonly type: ValType;
  readonly bytes: number;
  readonly minNormal: number;
  readonly max: number;
  readonly constant: (value: number) => Code;
}

export const DOUBLE: Precision = { ops: f64, type: ValType.F64, bytes: 8, minNormal: MIN_NORMAL_DOUBLE, max: MAX_DOUBLE, constant: f64.const };
export const SINGLE: Precision = { ops: f32, type: ValType.F32, bytes: 4, minNormal: MIN_NORMAL_SINGLE, max: MAX_SINGLE, constant: f32.const };

/** The precision of a scalar `type` field (0: single, 1: double; half precision is not translated). */
export function precisionOf(type: number): Precision | undefined {
  return type === 0 ? SINGLE : type === 1 ? DOUBLE : undefined;
}

/** Element `index` of V[reg] at precision p. */
export function readElement(w: WasmBlockWriter, p: Precision, reg: number, index = 0): Code {
  const [base, offset] = w.vector(reg);
  return p.ops.load(base, offset + index * p.bytes);
}

/** A value read as an f64 (singles widen exactly). */
export function widened(p: Precision, value: Code): Code {
  return p === DOUBLE ? value : f64.promote_f32(value);
}

/** 1 when |value| is normal and finite (strictly above the smallest normal: a rounded-up tiny result leaves too). */
function isNormalFinite(p: Precision, value: Code): Code {
  const magnitude = p.ops.abs(value);
  return i32.and(p.ops.gt(magnitude, p.constant(p.minNormal)), p.ops.le(magnitude, p.constant(p.max)));
}

/**
 * A result computed into a local, and the condition (1 or 0) under which it is the
 * architectural result on the settled path. `exact`, when given, builds the condition under
 * which it is also right with FPSR.IXC clear (the operation was exact and raised nothing);
 * it is only evaluated where the settled test failed.
 */
export interface Checked {
  readonly value: Code;
  readonly ok: Code;
  readonly exact?: () => Code;
}

/** An operation the settled path runs on the host. */
export type SettledOperation = 'add' | 'sub' | 'mul' | 'div' | 'sqrt';

/** 1 when x * y is exactly `product` (a double or a single, widened). */
function isExactProduct(w: WasmBlockWriter, p: Precision, x: Code, y: Code, product: Code): Code {
  if (p === SINGLE) return f64.eq(f64.mul(f64.promote_f32(x), f64.promote_f32(y)), f64.promote_f32(product));
  const rounded = w.let(ValType.F64, f64.mul(x, y));
  const inRange = i32.and(f64.ge(f64.abs(rounded), f64.const(PRODUCT_FLOOR)), i32.and(f64.lt(f64.abs(x), f64.const(SPLIT_LIMIT)), f64.lt(f64.abs(y), f64.const(SPLIT_LIMIT))));
  return i32.and(i32.and(inRange, f64.eq(rounded, product)), f64.eq(productError(w, x, y, rounded), f64.const(0)));
}

/**
 * The host's result of `operation` on operands a (and b). It is the answer on the settled
 * path when it is normal and finite, and in the exact cases that raise nothing:
 * - a sum or difference that is finite: one that is zero or tiny is exact (no Underflow);
 * - a product that is zero because an operand is, a quotient of a zero dividend;
 * - a square root that is finite (zero for a zero operand; never tiny).
 * With FPSR.IXC clear it is the answer when the operation was exact: a sum whose TwoSum
 * error is zero, a product, quotient (r * b = a) or square root (r * r = a, or a zero)
 * that multiplies back exactly.
 */
export function settled(w: WasmBlockWriter, p: Precision, operation: SettledOperation, aValue: Code, bValue?: Code): Checked {
  const { ops } = p;
  const finite = (r: Code) => ops.le(ops.abs(r), p.constant(p.max));
  const zero = (x: Code) => ops.eq(x, p.constant(0));
  if (operation === 'sqrt') {
    const a = w.let(p.type, aValue);
    const root = w.let(p.type, ops.sqrt(a));
    return { value: root, ok: finite(root), exact: () => i32.or(zero(a), i32.and(finite(root), isExactProduct(w, p, root, root, a))) };
  }
  const a = w.let(p.type, aValue);
  const b = w.let(p.type, bValue!);
  const r = w.let(p.type, ops[operation](a, b));
  switch (operation) {
    case 'add':
    case 'sub': {
      const addend = operation === 'add' ? b : ops.neg(b);
      return { value: r, ok: finite(r), exact: () => i32.and(finite(r), ops.eq(twoSumError(w, p, a, addend, r), p.constant(0))) };
    }
    case 'mul': {
      const zeroProduct = i32.and(zero(r), i32.or(zero(a), zero(b)));
      return {
        value: r,
        ok: i32.or(isNormalFinite(p, r), zeroProduct),
        exact: () => i32.or(zeroProduct, i32.and(finite(r), isExactProduct(w, p, a, b, r))),
      };
    }
    case 'div': {
      const zeroQuotient = i32.and(zero(r), zero(a));
      return {
        value: r,
        ok: i32.or(isNormalFinite(p, r), zeroQuotient),
        exact: () => i32.or(zeroQuotient, i32.and(isNormalFinite(p, r), isExactProduct(w, p, r, b, a))),
      };
    }
  }
}

/**
 * The instruction's results, after one check of them all: the block leaves before the
 * instruction unless FP arithmetic is settled and every result is ok - or, in blocks
 * compiled with `exactFp` and where every result has an exactness condition, FPCR rounds to
 * nearest without FZ and all of them were exact. (The settled test is one branch per
 * instruction, V8's baseline compiler spills its registers at each; the exactness tests run
 * only where it fails.)
 */
export function settledResults(w: WasmBlockWriter, results: readonly Checked[]): Code[] {
  let ok = w.fpSettled();
  for (const r of results) ok = i32.and(ok, r.ok);
  if (w.exactFp && results.every((r) => r.exact !== undefined)) {
    w.ifThen(i32.eqz(ok), () => {
      let exact = w.fpNearest();
      for (const r of results) exact = i32.and(exact, r.exact!());
      w.slowPathIf(i32.eqz(exact));
    });
  } else {
    w.slowPathIf(i32.eqz(ok));
  }
  return results.map((r) => r.value);
}

/**
 * SCVTF/UCVTF of `x` (an i64 when `wide`, else an i32) to p: an integer that fits p's
 * significand converts exactly; a wider one is rounded (to nearest) only when that is settled.
 */
export function fromInteger(w: WasmBlockWriter, p: Precision, wide: boolean, unsigned: boolean, x: Code): Code {
  const significand = p === DOUBLE ? 53 : 24;
  if (wide) {
    const value = w.let(ValType.I64, x);
    const limit = 2n ** BigInt(significand);
    const fits = unsigned ? i64.lt_u(value, i64.const(limit)) : i64.lt_u(i64.add(value, i64.const(limit)), i64.const(2n * limit));
    w.slowPathIf(i32.eqz(i32.or(fits, w.fpSettled())));
    return p === DOUBLE ? (unsigned ? f64.convert_i64_u(value) : f64.convert_i64_s(value)) : (unsigned ? f32.convert_i64_u(value) : f32.convert_i64_s(value));
  }
  const value = w.let(ValType.I32, x);
  if (p === SINGLE) {
    const fits = unsigned ? i32.lt_u(value, i32.const(2 ** 24)) : i32.lt_u(i32.add(value, i32.const(2 ** 24)), i32.const(2 ** 25));
    w.slowPathIf(i32.eqz(i32.or(fits, w.fpSettled())));
  }
  return p === DOUBLE ? (unsigned ? f64.convert_i32_u(value) : f64.convert_i32_s(value)) : (unsigned ? f32.convert_i32_u(value) : f32.convert_i32_s(value));
}

/** The exact rounding error of s = a + b at precision p (Knuth's TwoSum), as a local. */
function twoSumError(w: WasmBlockWriter, p: Precision, a: Code, b: Code, s: Code): Code {
  const { ops } = p;
  const bVirtual = w.let(p.type, ops.sub(s, a));
  return w.let(p.type, ops.add(ops.sub(a, ops.sub(s, bVirtual)), ops.sub(b, bVirtual)));
}

/** TwoSum on doubles. */
function sumError(w: WasmBlockWriter, a: Code, b: Code, s: Code): Code {
  return twoSumError(w, DOUBLE, a, b, s);
}

/** The exact rounding error of p = a * b (Dekker's product with Veltkamp splitting), as an f64 local. */
function productError(w: WasmBlockWriter, a: Code, b: Code, p: Code): Code {
  const split = (x: Code): [Code, Code] => {
    const c = w.let(ValType.F64, f64.mul(f64.const(SPLITTER), x));
    const high = w.let(ValType.F64, f64.sub(c, f64.sub(c, x)));
    return [high, w.let(ValType.F64, f64.sub(x, high))];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return w.let(ValType.F64, f64.add(f64.add(f64.add(f64.sub(f64.mul(ah, bh), p), f64.mul(ah, bl)), f64.mul(al, bh)), f64.mul(al, bl)));
}

/**
 * FPMulAdd(addend, a, b) on doubles in the settled state (an f64 local): the interpreter's
 * fusedNearest64 (Boldo and Melquiond's emulation) on its common path - with a*b = uh + ul
 * and addend + uh = th + tl exact, r = RN(th + RN(tl + ul)) is the correctly rounded result
 * when |RN(tl + ul)| <= |r| / 4 and r is no tie that the last rounding error breaks. Operands,
 * products or results near the ends of the range, and those rare cases (which need the sum
 * rounded to odd), are not ok - except a zero product (a finite operand is zero), which
 * leaves the addend exactly.
 */
export function fusedDouble(w: WasmBlockWriter, addendValue: Code, aValue: Code, bValue: Code): Checked {
  const addend = w.let(ValType.F64, addendValue);
  const a = w.let(ValType.F64, aValue);
  const b = w.let(ValType.F64, bValue);
  const uh = w.let(ValType.F64, f64.mul(a, b));
  const below = (x: Code, limit: number) => f64.lt(f64.abs(x), f64.const(limit));
  // Outside these ranges the terms below may overflow or lose bits (then nothing they compute is used).
  const inRange = i32.and(i32.and(f64.ge(f64.abs(uh), f64.const(PRODUCT_FLOOR)), below(uh, SPLIT_LIMIT)), i32.and(i32.and(below(a, SPLIT_LIMIT), below(b, SPLIT_LIMIT)), below(addend, SPLIT_LIMIT)));
  const ul = productError(w, a, b, uh);
  const th = w.let(ValType.F64, f64.add(addend, uh));
  const tl = sumError(w, addend, uh, th);
  const v = w.let(ValType.F64, f64.add(tl, ul));
  const vError = sumError(w, tl, ul, v);
  const r = w.let(ValType.F64, f64.add(th, v));
  const rError = sumError(w, th, v, r);
  const twice = f64.add(rError, rError);
  const tie = i32.and(f64.ne(rError, f64.const(0)), f64.eq(f64.sub(f64.add(r, twice), r), twice));
  const common = i32.and(f64.le(f64.mul(f64.abs(v), f64.const(4)), f64.abs(r)), i32.eqz(i32.and(tie, f64.ne(vError, f64.const(0)))));
  const magnitude = f64.abs(r);
  const resultInRange = i32.and(f64.ge(magnitude, f64.const(PRODUCT_FLOOR)), f64.le(magnitude, f64.const(MAX_DOUBLE)));
  const inRanges = i32.and(inRange, resultInRange);
  // A zero product (a finite operand is zero) leaves the addend's sum with a signed zero, exact.
  const finite = (x: Code) => f64.le(f64.abs(x), f64.const(MAX_DOUBLE));
  const zeroProduct = w.let(ValType.I32, i32.and(i32.or(f64.eq(a, f64.const(0)), f64.eq(b, f64.const(0))), i32.and(i32.and(finite(a), finite(b)), finite(addend))));
  const value = w.let(ValType.F64, select(f64.add(addend, uh), r, zeroProduct));
  // Exact (for FPSR.IXC clear) when neither of the last two sums rounded: then r = th + tl + ul.
  const exact = () => i32.or(zeroProduct, i32.and(inRanges, i32.and(f64.eq(vError, f64.const(0)), f64.eq(rError, f64.const(0)))));
  return { value, ok: i32.or(zeroProduct, i32.and(inRanges, common)), exact };
}

/**
 * FPMulAdd(addend, a, b) on singles in the settled state (an f32 local). The product of
 * two singles is exact in a double, so with s = RN64(addend + product) and its error e
 * (TwoSum), RN32(s) is the fused result - except when s lies exactly halfway between two
 * singles and e is not zero: then the exact sum lies beyond the midpoint on e's side, and
 * the result is the neighbour on that side. Results that are not normal are ok only when exact.
 */
export function fusedSingle(w: WasmBlockWriter, addendValue: Code, a: Code, b: Code): Checked {
  const addend = w.let(ValType.F64, f64.promote_f32(addendValue));
  const product = w.let(ValType.F64, f64.mul(f64.promote_f32(a), f64.promote_f32(b)));
  const s = w.let(ValType.F64, f64.add(addend, product));
  const error = sumError(w, addend, product, s);
  const nearest = w.let(ValType.F64, f64.promote_f32(f32.demote_f64(s)));
  // s - nearest is exact; s is a midpoint when nearest + 2(s - nearest) is the single beside it.
  const difference = w.let(ValType.F64, f64.sub(s, nearest));
  const twice = w.let(ValType.F64, f64.add(difference, difference));
  const beside = w.let(ValType.F64, f64.promote_f32(f32.demote_f64(f64.add(nearest, twice))));
  const tie = i32.and(f64.ne(difference, f64.const(0)), f64.eq(f64.sub(beside, nearest), twice));
  // The exact sum is beyond the midpoint when e is not zero and has the sign of s - nearest.
  const beyond = i32.and(f64.ne(error, f64.const(0)), i32.eq(f64.gt(error, f64.const(0)), f64.gt(difference, f64.const(0))));
  const r = w.let(ValType.F32, f32.demote_f64(select(beside, nearest, i32.and(tie, beyond))));
  // Exact when the double sum was and the single holds it: then any finite result raises
  // nothing (a zero product leaves the addend, zero or tiny).
  const exactFinite = i32.and(f32.le(f32.abs(r), f32.const(MAX_SINGLE)), i32.and(f64.eq(error, f64.const(0)), f64.eq(difference, f64.const(0))));
  return { value: r, ok: i32.or(isNormalFinite(SINGLE, r), exactFinite), exact: () => exactFinite };
}
