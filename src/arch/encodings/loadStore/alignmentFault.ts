// Alignment faults for the accesses that must be naturally aligned on a processor
// without FEAT_LSE2 (as modelled here): load/store exclusive, load-acquire/store-release
// and the LSE atomics. The fault is a stage 1 data abort taken to EL1 with
// DFSC = 0b100001 and FAR = the address, before any access or register write.

import type { Cpu } from '../../cpu';

/** Throws the alignment fault when address is not a multiple of bytes (a power of two). */
export function checkAlignment(cpu: Cpu, address: number, bytes: number, isWrite: boolean): void {
  if ((address & (bytes - 1)) !== 0) throw cpu.alignmentFault(address, isWrite);
}
