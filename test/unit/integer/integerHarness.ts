// Helpers for the integer instruction tests: run words with given registers and flags,
// read results back, and reference models written straight from the Arm ARM pseudocode.

import type { Cpu } from '../../../src/arch/cpu';
import { CODE_BASE, makeCpu, runWords } from '../../support/cpuHarness';

export type RegisterValues = Record<number, bigint>;

/** Runs `words` with X registers (and optionally NZCV, as a 4-bit value) set first. */
export function execute(words: number | number[], registers: RegisterValues = {}, nzcv = 0): Cpu {
  const cpu = runWords(Array.isArray(words) ? words : [words], (c) => {
    for (const [n, value] of Object.entries(registers)) c.X[Number(n)] = BigInt.asUintN(64, value);
    c.nzcv = (nzcv << 28) >>> 0;
  });
  // An UNDEFINED word would silently "run" as an exception entry: fail loudly instead.
  if (cpu.esrEl1 !== 0) throw new Error(`exception taken (ESR_EL1 0x${cpu.esrEl1.toString(16)}) at 0x${cpu.elrEl1.toString(16)}`);
  return cpu;
}

/** Whether a single word is UNDEFINED (takes the EC 0 exception). */
export function isUndefined(word: number): boolean {
  const cpu = runWords([word]);
  return cpu.esrEl1 !== 0 && (cpu.esrEl1 >>> 26) === 0;
}

/**
 * One CPU reused for many single-instruction runs (for sweeps over thousands of words):
 * each run rewrites the instruction, resets X0-X30 and NZCV, and executes one step.
 */
export class SweepRunner {
  private readonly cpu = makeCpu([0]);
  private readonly initialSp = this.cpu.X[31];

  run(word: number, registers: RegisterValues = {}, nzcv = 0): Cpu {
    const cpu = this.cpu;
    cpu.ram.setUint32(0, word >>> 0, true);
    cpu.invalidateCode(CODE_BASE, 4);
    cpu.X.fill(0n);
    cpu.X[31] = this.initialSp;
    for (const [n, value] of Object.entries(registers)) cpu.X[Number(n)] = BigInt.asUintN(64, value);
    cpu.nzcv = (nzcv << 28) >>> 0;
    cpu.pc = CODE_BASE;
    cpu.step();
    if (cpu.esrEl1 !== 0) throw new Error(`word 0x${word.toString(16)} took an exception (ESR_EL1 0x${cpu.esrEl1.toString(16)})`);
    return cpu;
  }
}

/** NZCV as a 4-bit number. */
export function flags(cpu: Cpu): number {
  return cpu.nzcv >>> 28;
}

/** NZCV as text like `nZCv`, for readable assertion messages. */
export function flagText(nzcv: number): string {
  return ['N', 'Z', 'C', 'V'].map((letter, i) => ((nzcv >>> (3 - i)) & 1 ? letter : letter.toLowerCase())).join('');
}

/** AddWithCarry() exactly as the Arm ARM pseudocode states it, on unbounded integers. */
export function addWithCarryReference(x: bigint, y: bigint, carryIn: number, datasize: number): { result: bigint; nzcv: number } {
  const width = BigInt(datasize);
  const unsignedSum = BigInt.asUintN(datasize, x) + BigInt.asUintN(datasize, y) + BigInt(carryIn);
  const signedSum = BigInt.asIntN(datasize, x) + BigInt.asIntN(datasize, y) + BigInt(carryIn);
  const result = BigInt.asUintN(datasize, unsignedSum);
  const n = Number(result >> (width - 1n));
  const z = result === 0n ? 1 : 0;
  const c = result === unsignedSum ? 0 : 1;
  const v = BigInt.asIntN(datasize, result) === signedSum ? 0 : 1;
  return { result, nzcv: (n << 3) | (z << 2) | (c << 1) | v };
}

export const MASK_32 = 0xffff_ffffn;
export const MASK_64 = 0xffff_ffff_ffff_ffffn;

/** Boundary operands for 32-bit arithmetic. */
export const EDGES_32 = [0n, 1n, 2n, 0x7fff_fffen, 0x7fff_ffffn, 0x8000_0000n, 0x8000_0001n, 0xffff_fffen, 0xffff_ffffn];
/** Boundary operands for 64-bit arithmetic (with the 32-bit ones, which must not be treated as 32-bit). */
export const EDGES_64 = [
  ...EDGES_32,
  0x1_0000_0000n, 0x7fff_ffff_ffff_fffen, 0x7fff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0x8000_0000_0000_0001n,
  0xffff_ffff_ffff_fffen, 0xffff_ffff_ffff_ffffn,
];
