// Executors for the Advanced SIMD structure loads and stores (LD1-LD4, ST1-ST4, LDnR).
//
// Every form moves one contiguous block of memory (at most 64 bytes), so the decoder
// turns the Arm ARM's element loops into a byte plan: memory byte plan.source[i] goes to
// (or comes from) byte plan.destination[i] of cpu.V8. A load reads the whole block in one
// access before touching a register, then follows the plan and clears the upper halves
// of the registers a 64-bit (Q = 0) form writes. A store gathers the block and writes it
// in one access. Post-index writeback happens after the access. Both first check
// CPACR_EL1.FPEN (the Arm ARM's CheckFPEnabled64()), so a trapped access changes nothing.

import type { Cpu } from '../../cpu';
import type { Exec } from '../../decoder';
import { checkFpAccess } from '../simdFp/fpAccess';
import { writeBack } from './writeback';

const TWO_POW_32 = 4294967296;

/** The block's bytes between memory and the registers; shared because executors never nest. */
const blockScratch = new Uint8Array(64);

export interface StructurePlan {
  /** Bytes of memory accessed. */
  readonly bytes: number;
  /** Byte offsets into cpu.V8, one per plan entry. */
  readonly destination: Uint16Array;
  /** Byte offsets into the memory block, one per plan entry. */
  readonly source: Uint8Array;
  /** Registers whose bits 127:64 a load clears (the 64-bit forms). */
  readonly clearUpper: readonly number[];
}

/** Where the address comes from and what is written back after the access. */
export interface StructureAddressing {
  readonly n: number;
  /** undefined: no writeback; 'immediate': Xn += plan.bytes; a number: Xn += X[m]. */
  readonly postIndex: undefined | 'immediate' | number;
}

function loadBlock(cpu: Cpu, address: number, plan: StructurePlan): void {
  checkFpAccess(cpu);
  cpu.readBytes(address, plan.bytes, blockScratch);
  const v = cpu.V8;
  const { destination, source, clearUpper } = plan;
  for (let i = 0; i < destination.length; i++) v[destination[i]] = blockScratch[source[i]];
  for (let i = 0; i < clearUpper.length; i++) {
    cpu.V32[4 * clearUpper[i] + 2] = 0;
    cpu.V32[4 * clearUpper[i] + 3] = 0;
  }
}

function storeBlock(cpu: Cpu, address: number, plan: StructurePlan, block: Uint8Array): void {
  checkFpAccess(cpu);
  const v = cpu.V8;
  const { destination, source } = plan;
  for (let i = 0; i < destination.length; i++) blockScratch[source[i]] = v[destination[i]];
  cpu.writeBytes(address, block);
}

export function structureExec(plan: StructurePlan, isLoad: boolean, addressing: StructureAddressing): Exec {
  const block = blockScratch.subarray(0, plan.bytes);
  const transfer = isLoad
    ? (cpu: Cpu, address: number) => loadBlock(cpu, address, plan)
    : (cpu: Cpu, address: number) => storeBlock(cpu, address, plan, block);
  const n = addressing.n;
  const lo = 2 * n;
  const hi = lo + 1;
  const postIndex = addressing.postIndex;
  if (postIndex === undefined) return (cpu) => transfer(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32);
  if (postIndex === 'immediate') {
    const offset = plan.bytes;
    return (cpu) => {
      const baseLo = cpu.W[lo];
      const baseHi = cpu.W[hi];
      transfer(cpu, baseLo + baseHi * TWO_POW_32);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
  }
  const m = postIndex;
  return (cpu) => {
    const base = cpu.X[n];
    transfer(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32);
    cpu.X[n] = base + cpu.X[m];
  };
}

/** One plan entry: byte `offset` of V[register] and byte `memory` of the block. */
export interface PlanEntry {
  register: number;
  offset: number;
  memory: number;
}

export function structurePlan(bytes: number, entries: readonly PlanEntry[], clearUpper: readonly number[]): StructurePlan {
  return {
    bytes,
    destination: Uint16Array.from(entries, (e) => 16 * e.register + e.offset),
    source: Uint8Array.from(entries, (e) => e.memory),
    clearUpper,
  };
}
