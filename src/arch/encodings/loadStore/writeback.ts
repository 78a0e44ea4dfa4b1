// Base-register writeback for the pre- and post-indexed forms.
//
// The executors read the base register's two halves before the access and write the
// updated address only after every access has succeeded, from those saved halves. So a
// faulting access leaves Xn unchanged, and a load with writeback whose Rt is also Rn ends
// with the written-back address in the register (the load result is overwritten), which
// is what QEMU does for this CONSTRAINED UNPREDICTABLE case. A store with Rn == Rt stores
// the register's value from before the writeback (also QEMU's choice).

import type { Cpu } from '../../cpu';

const TWO_POW_32 = 4294967296;

/**
 * Sets register slot n to (hi:lo + offset) mod 2^64, where offset is a small signed
 * immediate (|offset| < 2^31). Works on the 32-bit halves so no BigInt is involved.
 */
export function writeBack(cpu: Cpu, n: number, lo: number, hi: number, offset: number): void {
  const sum = lo + offset;
  cpu.W[2 * n] = sum;
  cpu.W[2 * n + 1] = sum >= TWO_POW_32 ? hi + 1 : sum < 0 ? hi - 1 : hi;
}
