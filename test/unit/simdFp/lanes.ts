// Test helpers: Advanced SIMD registers as lists of lanes.

import type { Cpu } from '../../../src/arch/cpu';

type Size = 8 | 16 | 32 | 64;

function view(cpu: Cpu, size: Size): Uint8Array | Uint16Array | Uint32Array {
  return size === 8 ? cpu.V8 : size === 16 ? cpu.V16 : cpu.V32;
}

/** Writes lanes (from lane 0) and zeroes the rest of Vn. */
export function setLanes(cpu: Cpu, n: number, size: Size, values: (number | bigint)[]): void {
  cpu.V64[2 * n] = 0n;
  cpu.V64[2 * n + 1] = 0n;
  const per = 128 / size;
  values.forEach((v, i) => {
    if (size === 64) cpu.V64[2 * n + i] = BigInt.asUintN(64, BigInt(v));
    else view(cpu, size)[per * n + i] = Number(v);
  });
}

/** All lanes of Vn as unsigned numbers (bigints for 64-bit lanes). */
export function lanes(cpu: Cpu, n: number, size: 8 | 16 | 32): number[];
export function lanes(cpu: Cpu, n: number, size: 64): bigint[];
export function lanes(cpu: Cpu, n: number, size: Size): (number | bigint)[] {
  if (size === 64) return [cpu.V64[2 * n], cpu.V64[2 * n + 1]];
  const per = 128 / size;
  return Array.from(view(cpu, size).subarray(per * n, per * n + per));
}

export function range(count: number, f: (i: number) => number): number[] {
  return Array.from({ length: count }, (_, i) => f(i));
}
