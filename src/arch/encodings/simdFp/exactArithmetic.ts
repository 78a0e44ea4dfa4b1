// Exact arithmetic on ExactValues (BigInt mantissas): sums and products are exact,
// quotients and square roots carry enough bits plus a sticky bit for any rounding to
// binary64 or narrower.

import { ExactValue, bitLength } from './exactRounding';

export function exactSum(x: ExactValue, y: ExactValue): ExactValue {
  const exponent = Math.min(x.exponent, y.exponent);
  const mx = x.mantissa << BigInt(x.exponent - exponent);
  const my = y.mantissa << BigInt(y.exponent - exponent);
  const total = (x.negative ? -mx : mx) + (y.negative ? -my : my);
  return { negative: total < 0n, mantissa: total < 0n ? -total : total, exponent };
}

export function exactProduct(x: ExactValue, y: ExactValue): ExactValue {
  return { negative: x.negative !== y.negative, mantissa: x.mantissa * y.mantissa, exponent: x.exponent + y.exponent };
}

/** Quotient with enough bits for any format plus a sticky bit. */
export function exactQuotient(x: ExactValue, y: ExactValue): ExactValue {
  const shift = Math.max(0, 60 + bitLength(y.mantissa) - bitLength(x.mantissa));
  const numerator = x.mantissa << BigInt(shift);
  const q = numerator / y.mantissa;
  const sticky = numerator % y.mantissa === 0n ? 0n : 1n;
  return { negative: x.negative !== y.negative, mantissa: (q << 1n) | sticky, exponent: x.exponent - y.exponent - shift - 1 };
}

/** Integer square root (floor) of n >= 0. */
export function integerSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  if (x === 0n) x = 1n;
  // Newton steps from the floating-point estimate, then settle on the floor.
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next === x || next === x + 1n) break;
    if (next === x - 1n) { x = next; break; }
    x = next;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

export function exactSquareRoot(x: ExactValue): ExactValue {
  let { mantissa, exponent } = x;
  const extra = Math.max(0, 130 - bitLength(mantissa));
  const shift = extra + ((exponent - extra) & 1);
  mantissa <<= BigInt(shift);
  exponent -= shift;
  const root = integerSqrt(mantissa);
  const sticky = root * root === mantissa ? 0n : 1n;
  return { negative: false, mantissa: (root << 1n) | sticky, exponent: exponent / 2 - 1 };
}
