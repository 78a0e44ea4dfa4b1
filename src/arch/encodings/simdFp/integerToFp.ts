// FixedToFP (SCVTF/UCVTF): an integer divided by 2^fbits, rounded once to single or double
// in FPCR's rounding mode.

import { FpEnvironment, fpcrRounding } from './fpControl';
import { finishDouble, finishSingle } from './fpArithmetic';
import { SINGLE, roundExact } from './exactRounding';

/** From a 32-bit integer value (already sign- or zero-extended into a JS number). */
export function fromInteger32(env: FpEnvironment, value: number, fbits: number, double: boolean): number {
  const x = fbits === 0 ? value : value * 2 ** -fbits; // exact
  return double ? x : finishSingle(env, x, 0);
}

const EXACT_LIMIT = 2n ** 53n;

/** From a 64-bit integer value (signed or unsigned, as a bigint). */
export function fromInteger64(env: FpEnvironment, value: bigint, fbits: number, double: boolean): number {
  const scale = 2 ** -fbits;
  if (value <= EXACT_LIMIT && value >= -EXACT_LIMIT) return fromInteger32(env, Number(value), fbits, double);
  if (!double) {
    const negative = value < 0n;
    return roundExact(env, SINGLE, { negative, mantissa: negative ? -value : value, exponent: -fbits }, fpcrRounding(env));
  }
  const nearest = Number(value);
  const error = value - BigInt(nearest);
  return finishDouble(env, nearest * scale, error > 0n ? 1 : error < 0n ? -1 : 0);
}
