// Test helpers: reading and writing SIMD&FP registers by value or by encoding.

import type { Cpu } from '../../../src/arch/cpu';

export const FPSR = { IOC: 1, DZC: 2, OFC: 4, UFC: 8, IXC: 16, IDC: 128, QC: 1 << 27 };
export const FPCR = { DN: 1 << 25, FZ: 1 << 24, RN: 0 << 22, RP: 1 << 22, RM: 2 << 22, RZ: 3 << 22 };

export function setD(cpu: Cpu, n: number, value: number): void {
  cpu.VF64[2 * n] = value;
}

export function setDBits(cpu: Cpu, n: number, bits: bigint): void {
  cpu.V64[2 * n] = bits;
}

export function setS(cpu: Cpu, n: number, value: number): void {
  cpu.VF32[4 * n] = value;
}

export function setSBits(cpu: Cpu, n: number, bits: number): void {
  cpu.V32[4 * n] = bits;
}

export function dBits(cpu: Cpu, n: number): bigint {
  return cpu.V64[2 * n];
}

export function sBits(cpu: Cpu, n: number): number {
  return cpu.V32[4 * n];
}

/** Bits [127:64] of Vn. */
export function upper(cpu: Cpu, n: number): bigint {
  return cpu.V64[2 * n + 1];
}

/** The bytes of Vn, lowest first. */
export function bytesOf(cpu: Cpu, n: number): number[] {
  return Array.from(cpu.V8.subarray(16 * n, 16 * n + 16));
}

export function setBytes(cpu: Cpu, n: number, bytes: number[]): void {
  cpu.V8.fill(0, 16 * n, 16 * n + 16);
  cpu.V8.set(bytes, 16 * n);
}

/** Fills Vn with a recognisable pattern (so zeroed upper bits show). */
export function fillPattern(cpu: Cpu, n: number): void {
  cpu.V64[2 * n] = 0x0123456789abcdefn;
  cpu.V64[2 * n + 1] = 0xfedcba9876543210n;
}
