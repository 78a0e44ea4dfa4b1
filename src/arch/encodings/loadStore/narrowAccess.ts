// Byte, halfword and word memory accesses as plain numbers, chosen by size = 0..2,
// for the read-modify-write instructions (CAS, LD<op>, SWP) whose narrow forms share
// one executor.

import type { Cpu } from '../../cpu';

export type NarrowRead = (cpu: Cpu, address: number) => number;
export type NarrowWrite = (cpu: Cpu, address: number, value: number) => void;

const READS: NarrowRead[] = [
  (cpu, address) => cpu.read8(address),
  (cpu, address) => cpu.read16(address),
  (cpu, address) => cpu.read32(address),
];

const WRITES: NarrowWrite[] = [
  (cpu, address, value) => cpu.write8(address, value),
  (cpu, address, value) => cpu.write16(address, value),
  (cpu, address, value) => cpu.write32(address, value),
];

/** All-ones of each size, for taking the operand from a register. */
export const SIZE_MASKS = [0xff, 0xffff, 0xffffffff];

export function narrowRead(size: number): NarrowRead {
  return READS[size];
}

export function narrowWrite(size: number): NarrowWrite {
  return WRITES[size];
}
