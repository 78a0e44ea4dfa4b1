// Decides whether a file is a program this debugger can run (an AArch64 ELF
// executable) and whether it has a C `main` to run to. No VS Code here: the
// configuration provider feeds it bytes, tests feed it fixtures.

import { ElfError, EM_AARCH64, parseElf } from '../symbols/elfFile';
import { SymbolTable } from '../symbols/elfSymbols';

/** e_ident (16 bytes) + e_type (2) + e_machine (2): enough to tell an AArch64 ELF apart. */
export const ELF_IDENTIFICATION_LENGTH = 20;

const ELFMAG = [0x7f, 0x45, 0x4c, 0x46]; // "\x7fELF"
const EI_CLASS = 4;
const ELFCLASS64 = 2;
const EI_DATA = 5;
const ELFDATA2LSB = 1;
const E_MACHINE_OFFSET = 18;

/** A cheap check of the first ELF_IDENTIFICATION_LENGTH bytes: 64-bit little-endian ELF for EM_AARCH64. */
export function hasAarch64ElfIdentification(bytes: Uint8Array): boolean {
  if (bytes.length < ELF_IDENTIFICATION_LENGTH) return false;
  if (!ELFMAG.every((byte, i) => bytes[i] === byte)) return false;
  if (bytes[EI_CLASS] !== ELFCLASS64 || bytes[EI_DATA] !== ELFDATA2LSB) return false;
  const machine = bytes[E_MACHINE_OFFSET] | (bytes[E_MACHINE_OFFSET + 1] << 8);
  return machine === EM_AARCH64;
}

export type ProgramProbe =
  | { readonly runnable: true; readonly hasMain: boolean }
  | { readonly runnable: false; readonly reason: string };

/** Parses the whole file the way the adapter will, so a refusal here names the same problem. */
export function probeProgram(bytes: Uint8Array): ProgramProbe {
  try {
    const elf = parseElf(bytes);
    const symbols = SymbolTable.fromElf(elf, []);
    const main = symbols.byName('main');
    return { runnable: true, hasMain: main !== undefined && main.type === 'FUNC' };
  } catch (error) {
    if (error instanceof ElfError) return { runnable: false, reason: error.message };
    throw error;
  }
}
