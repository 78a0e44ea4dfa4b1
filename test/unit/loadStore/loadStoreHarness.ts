// Shared set-up for the load/store instruction tests: a CPU whose EL1 vectors hold a
// harmless instruction, so an exception the instruction under test takes (an alignment
// fault) is recorded in ESR_EL1/FAR_EL1 and execution carries on within the budget.

import { Cpu } from '../../../src/arch/cpu';
import { CODE_BASE, DATA_BASE, makeCpu, runWords } from '../../support/cpuHarness';

export { CODE_BASE, DATA_BASE };

export const VECTOR_BASE = CODE_BASE + 0x8000;
/** prfm pldl1keep, [x1]: a no-op from this group. */
const PRFM = 0xf9800020;

function installVectors(cpu: Cpu): void {
  cpu.vbarEl1 = BigInt(VECTOR_BASE);
  for (let offset = 0; offset < 0x800; offset += 4) cpu.write32(VECTOR_BASE + offset, PRFM);
}

/** Runs `words` (one instruction each) after `setup`; the vectors are in place. */
export function run(words: number[], setup?: (cpu: Cpu) => void): Cpu {
  return runWords(words, (cpu) => {
    installVectors(cpu);
    setup?.(cpu);
  });
}

/** A CPU loaded with `words` and vectors, not yet run (for step-by-step tests). */
export function prepare(words: number[]): Cpu {
  const cpu = makeCpu(words);
  installVectors(cpu);
  return cpu;
}

/** Xn as an unsigned hex string, for readable assertion messages. */
export function hexX(cpu: Cpu, n: number): string {
  return '0x' + cpu.X[n].toString(16);
}

/** The 16 bytes of Vn as hex, lowest-addressed (least significant) byte first. */
export function vBytes(cpu: Cpu, n: number): string {
  return Buffer.from(cpu.V8.subarray(16 * n, 16 * n + 16)).toString('hex');
}

/** Writes bytes 0, 1, 2, ... (mod 256) to `length` bytes at `address`. */
export function fillCounting(cpu: Cpu, address: number, length: number, start = 0): void {
  for (let i = 0; i < length; i++) cpu.write8(address + i, (start + i) & 0xff);
}
