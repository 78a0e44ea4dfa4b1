// AddWithCarry() of the Arm ARM (J1.1.3 shared/functions/integer/AddWithCarry): the sum
// x + y + carry_in and the NZCV it produces. Subtraction is x + NOT(y) + 1, so C is
// "no borrow" (x >= y unsigned) and V is signed overflow of x - y.
// The 64-bit form works on 32-bit halves: plain number arithmetic is several times
// faster in V8 than deriving carry and overflow from BigInt values.

import type { Cpu } from '../../cpu';

/** 32-bit AddWithCarry: sets PSTATE.NZCV and returns the result (x, y unsigned 32-bit). */
export function addWithCarry32(cpu: Cpu, x: number, y: number, carryIn: number): number {
  const unsignedSum = x + y + carryIn;          // exact: at most 2^33 - 1
  const result = unsignedSum >>> 0;
  cpu.n = result >>> 31;
  cpu.z = result === 0 ? 1 : 0;
  cpu.c = unsignedSum > 0xffffffff ? 1 : 0;
  // Signed overflow: both operands have the same sign and the result's differs.
  cpu.v = ((x ^ result) & (y ^ result)) >>> 31;
  return result;
}

/**
 * 64-bit AddWithCarry of x = xHi:xLo and y = yHi:yLo: writes the result to register slot
 * `d` (W view halves) and sets PSTATE.NZCV.
 */
export function addWithCarry64(cpu: Cpu, d: number, xLo: number, xHi: number, yLo: number, yHi: number, carryIn: number): void {
  const lowSum = xLo + yLo + carryIn;
  const resultLo = lowSum >>> 0;
  const highSum = xHi + yHi + (lowSum > 0xffffffff ? 1 : 0);
  const resultHi = highSum >>> 0;
  const W = cpu.W;
  W[2 * d] = resultLo;
  W[2 * d + 1] = resultHi;
  cpu.n = resultHi >>> 31;
  cpu.z = (resultLo | resultHi) === 0 ? 1 : 0;
  cpu.c = highSum > 0xffffffff ? 1 : 0;
  cpu.v = ((xHi ^ resultHi) & (yHi ^ resultHi)) >>> 31;
}

/** NZCV after a logical flag-setting operation (ANDS, BICS): N and Z from the result, C = V = 0. */
export function setLogicalFlags32(cpu: Cpu, result: number): void {
  cpu.n = result >>> 31;
  cpu.z = result === 0 ? 1 : 0;
  cpu.c = 0;
  cpu.v = 0;
}

/** As setLogicalFlags32 for a 64-bit result given as halves. */
export function setLogicalFlags64(cpu: Cpu, resultLo: number, resultHi: number): void {
  cpu.n = resultHi >>> 31;
  cpu.z = (resultLo | resultHi) === 0 ? 1 : 0;
  cpu.c = 0;
  cpu.v = 0;
}
