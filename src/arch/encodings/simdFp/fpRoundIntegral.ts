// FPRoundInt (FRINTN/P/M/Z/A/X/I): round a value to an integral value in the same format.
// Zeros and infinities pass through, a zero result keeps the operand's sign, and only
// FRINTX reports Inexact.

import { FPSR_IXC, FpEnvironment, Rounding, fpcrRounding } from './fpControl';
import type { FpUnaryOp } from './fpLanes';

/** 2^52: every double at least this large is an integer. */
const INTEGRAL_LIMIT = 4503599627370496;

/** x (finite) rounded to an integer in `rounding`; a zero result has x's sign. */
export function roundToIntegral(x: number, rounding: Rounding): number {
  if (!(Math.abs(x) < INTEGRAL_LIMIT)) return x;
  let r: number;
  switch (rounding) {
    case Rounding.PosInf: r = Math.ceil(x); break;
    case Rounding.NegInf: r = Math.floor(x); break;
    case Rounding.Zero: r = Math.trunc(x); break;
    case Rounding.TieAway: r = Math.sign(x) * roundHalfUp(Math.abs(x)); break;
    default: r = roundTiesEven(x); break;
  }
  return r === 0 ? x * 0 : r;
}

/** Rounds a non-negative value to nearest, ties up (|x| + 0.5 itself could round). */
function roundHalfUp(magnitude: number): number {
  const below = Math.floor(magnitude);
  return magnitude - below >= 0.5 ? below + 1 : below;
}

function roundTiesEven(x: number): number {
  const below = Math.floor(x);
  const fraction = x - below; // exact below 2^52
  if (fraction < 0.5) return below;
  if (fraction > 0.5) return below + 1;
  return below % 2 === 0 ? below : below + 1;
}

/** The FRINT operation: a fixed rounding mode, or FPCR's when `rounding` is undefined. */
export function roundIntegralOp(rounding: Rounding | undefined, exact: boolean): FpUnaryOp {
  return (env: FpEnvironment, x: number) => {
    if (x === Infinity || x === -Infinity) return x;
    const r = roundToIntegral(x, rounding ?? fpcrRounding(env));
    if (exact && r !== x) env.fpsr |= FPSR_IXC;
    return r;
  };
}
