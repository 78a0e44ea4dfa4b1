// Placing an ELF executable's loadable segments into guest RAM, as QEMU's -kernel
// loader does: at their physical (load) addresses, with the rest of p_memsz zeroed.

import { ElfFile, parseElf } from '../symbols/elfFile';
import type { GuestMemory } from './guestMemory';

export class ElfLoadError extends Error {}

const hex = (v: number) => '0x' + v.toString(16);

export interface LoadedImage {
  readonly elf: ElfFile;
  readonly entry: number;
  /** [start, end) of every byte written. */
  readonly ranges: readonly { start: number; end: number }[];
}

/** Parses and checks everything before writing a byte, so a refused image leaves memory untouched. */
export function loadElfImage(memory: GuestMemory, bytes: Uint8Array): LoadedImage {
  let elf: ElfFile;
  try {
    elf = parseElf(bytes);
  } catch (e) {
    throw new ElfLoadError((e as Error).message);
  }
  const segments = elf.loadSegments.filter((s) => s.memorySize > 0);
  if (segments.length === 0) throw new ElfLoadError('the ELF file has no loadable (PT_LOAD) segment');
  const ramEnd = memory.ramBase + memory.ramSize;
  for (const s of segments) {
    const start = s.physicalAddress;
    if (!memory.contains(start, s.memorySize)) {
      throw new ElfLoadError(`segment ${s.index} (${hex(start)}-${hex(start + s.memorySize)}) lies outside guest RAM ` +
        `${hex(memory.ramBase)}-${hex(ramEnd)}; link the program for QEMU virt (RAM at ${hex(memory.ramBase)}) or give it more memory`);
    }
    if (s.fileSize > s.memorySize) throw new ElfLoadError(`segment ${s.index} has p_filesz ${s.fileSize} larger than p_memsz ${s.memorySize}`);
    if (s.offset + s.fileSize > bytes.length) throw new ElfLoadError(`segment ${s.index} file range ${hex(s.offset)}-${hex(s.offset + s.fileSize)} lies outside the file`);
  }
  const entry = elf.entryPoint;
  const entrySegment = segments.find((s) => entry >= s.virtualAddress && entry < s.virtualAddress + s.memorySize);
  if (!entrySegment) throw new ElfLoadError(`entry point ${hex(entry)} is not inside any loadable segment`);
  // The entry is a virtual address; with the MMU off the PE fetches from the physical one.
  const physicalEntry = entry - entrySegment.virtualAddress + entrySegment.physicalAddress;
  const ranges = segments.map((s) => {
    const offset = s.physicalAddress - memory.ramBase;
    memory.ramBytes.set(bytes.subarray(s.offset, s.offset + s.fileSize), offset);
    memory.ramBytes.fill(0, offset + s.fileSize, offset + s.memorySize);
    return { start: s.physicalAddress, end: s.physicalAddress + s.memorySize };
  });
  return { elf, entry: physicalEntry, ranges };
}
