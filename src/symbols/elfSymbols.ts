// The ELF symbol tables (.symtab, and .dynsym for static-pie): names, values, sizes,
// types and bindings, with lookups by name and by address. A corrupt table or
// string table is skipped or partly read, with warnings; it never throws.

import { ElfFile, SectionHeader, SHT_DYNSYM, SHT_STRTAB, SHT_SYMTAB, nameAt } from './elfFile';
import { lastIndexAtOrBefore } from './sortedSearch';

export type SymbolType = 'NOTYPE' | 'OBJECT' | 'FUNC' | 'SECTION' | 'FILE' | 'COMMON' | 'TLS' | 'IFUNC' | 'OTHER';
export type SymbolBinding = 'LOCAL' | 'GLOBAL' | 'WEAK' | 'OTHER';

export interface ElfSymbol {
  readonly name: string;
  readonly value: number;
  readonly size: number;
  readonly type: SymbolType;
  readonly binding: SymbolBinding;
  /** st_other & 3: 0 default, 1 internal, 2 hidden, 3 protected */
  readonly visibility: number;
  /** st_shndx: 0 undefined, 0xfff1 absolute, 0xfff2 common */
  readonly sectionIndex: number;
  readonly table: '.symtab' | '.dynsym';
}

const ELF64_SYMBOL_SIZE = 24;
const SHN_UNDEF = 0;
const SHN_ABS = 0xfff1;
const SYMBOL_TYPES: SymbolType[] = ['NOTYPE', 'OBJECT', 'FUNC', 'SECTION', 'FILE', 'COMMON', 'TLS'];
const STT_GNU_IFUNC = 10;
const BINDINGS: SymbolBinding[] = ['LOCAL', 'GLOBAL', 'WEAK'];

/** AArch64 ELF mapping symbols ($x, $d, $x.42) mark code and data, they are not names. */
function isMappingSymbol(name: string): boolean {
  return name.length >= 2 && name[0] === '$' && (name[1] === 'x' || name[1] === 'd') && (name.length === 2 || name[2] === '.');
}

function bindingRank(symbol: ElfSymbol): number {
  return symbol.binding === 'GLOBAL' ? 0 : symbol.binding === 'WEAK' ? 1 : 2;
}

function typeRank(symbol: ElfSymbol): number {
  return symbol.type === 'FUNC' || symbol.type === 'IFUNC' ? 0 : symbol.type === 'OBJECT' ? 1 : 2;
}

function isFunction(symbol: ElfSymbol): boolean {
  return symbol.type === 'FUNC' || symbol.type === 'IFUNC';
}

/** Symbols that can name an address: defined, not section/file markers, not mapping symbols. */
function isAddressName(symbol: ElfSymbol): boolean {
  return (
    symbol.name !== '' &&
    symbol.sectionIndex !== SHN_UNDEF &&
    symbol.sectionIndex !== SHN_ABS &&
    symbol.type !== 'SECTION' &&
    symbol.type !== 'FILE' &&
    symbol.type !== 'TLS' &&
    !isMappingSymbol(symbol.name) &&
    Number.isSafeInteger(symbol.value)
  );
}

export class SymbolTable {
  private readonly byNameIndex = new Map<string, ElfSymbol[]>();
  /** Address-naming symbols sorted by value, then preferring sized functions. */
  private readonly byAddress: ElfSymbol[];

  /**
   * @param sectionExtents where each section lies in memory; an unsized label only names
   *   addresses inside its own section.
   */
  constructor(readonly symbols: readonly ElfSymbol[], private readonly sectionExtents: ReadonlyMap<number, { address: number; size: number }> = new Map()) {
    for (const symbol of symbols) {
      if (!symbol.name || symbol.sectionIndex === SHN_UNDEF) continue;
      const list = this.byNameIndex.get(symbol.name);
      if (list) list.push(symbol);
      else this.byNameIndex.set(symbol.name, [symbol]);
    }
    for (const list of this.byNameIndex.values()) list.sort((a, b) => bindingRank(a) - bindingRank(b) || typeRank(a) - typeRank(b));
    this.byAddress = symbols
      .filter(isAddressName)
      .sort((a, b) => a.value - b.value || typeRank(a) - typeRank(b) || bindingRank(a) - bindingRank(b) || b.size - a.size);
  }

  /** Reads .symtab and .dynsym; problems become warnings. */
  static fromElf(elf: ElfFile, warnings: string[]): SymbolTable {
    const symbols: ElfSymbol[] = [];
    for (const section of elf.sections) {
      if (section.type === SHT_SYMTAB) symbols.push(...readSymbolSection(elf, section, '.symtab', warnings));
    }
    for (const section of elf.sections) {
      if (section.type === SHT_DYNSYM) symbols.push(...readSymbolSection(elf, section, '.dynsym', warnings));
    }
    const extents = new Map<number, { address: number; size: number }>();
    for (const section of elf.sections) extents.set(section.index, { address: section.address, size: section.size });
    return new SymbolTable(symbols, extents);
  }

  /** The defined symbol with this name, preferring GLOBAL over WEAK over LOCAL and functions over data. */
  byName(name: string): ElfSymbol | undefined {
    return this.byNameIndex.get(name)?.[0];
  }

  /** Every defined symbol with this name (static functions may repeat across files). */
  allByName(name: string): readonly ElfSymbol[] {
    return this.byNameIndex.get(name) ?? [];
  }

  /** Functions (FUNC/IFUNC with an address) sorted by address, one per address. */
  functions(): ElfSymbol[] {
    const result: ElfSymbol[] = [];
    for (const symbol of this.byAddress) {
      if (!isFunction(symbol)) continue;
      if (result.length > 0 && result[result.length - 1].value === symbol.value) continue;
      result.push(symbol);
    }
    return result;
  }

  /** The function whose [value, value + size) holds the address. */
  functionContaining(address: number): ElfSymbol | undefined {
    return this.sizedSymbolContaining(address, isFunction);
  }

  /**
   * The symbol that best names an address: the sized function or object that holds it,
   * unless an unsized label (assembly) sits between its start and the address; else
   * the nearest preceding unsized label.
   */
  symbolForAddress(address: number): ElfSymbol | undefined {
    const sized = this.sizedSymbolContaining(address, (symbol) => isFunction(symbol) || symbol.type === 'OBJECT');
    const last = this.lastIndexAtOrBefore(address);
    const nearest = last >= 0 ? this.byAddress[this.firstOfGroup(last)] : undefined;
    const nearestIsLabel = nearest !== undefined && nearest.size === 0 && this.inSectionOf(nearest, address);
    if (sized && !(nearestIsLabel && nearest.value > sized.value)) return sized;
    return nearestIsLabel ? nearest : undefined;
  }

  /** `name` or `name+0x10` for an address, or undefined when no symbol names it. */
  formatAddress(address: number): string | undefined {
    const symbol = this.symbolForAddress(address);
    if (!symbol) return undefined;
    const offset = address - symbol.value;
    return offset === 0 ? symbol.name : `${symbol.name}+0x${offset.toString(16)}`;
  }

  private sizedSymbolContaining(address: number, accept: (symbol: ElfSymbol) => boolean): ElfSymbol | undefined {
    // Sized symbols may nest (an alias inside a bigger object), so look back a bounded
    // way. Walking backwards, a later hit at the same value is the preferred one.
    let best: ElfSymbol | undefined;
    for (let i = this.lastIndexAtOrBefore(address), looked = 0; i >= 0 && looked < 64; i--, looked++) {
      const candidate = this.byAddress[i];
      if (best && candidate.value < best.value) break;
      if (!accept(candidate) || candidate.size === 0) continue;
      if (address < candidate.value + candidate.size) best = candidate;
    }
    return best;
  }

  /** Index of the last address-naming symbol with value <= address, or -1. */
  private lastIndexAtOrBefore(address: number): number {
    return lastIndexAtOrBefore(this.byAddress.length, (i) => this.byAddress[i].value, address);
  }

  private inSectionOf(symbol: ElfSymbol, address: number): boolean {
    if (address === symbol.value) return true;
    const extent = this.sectionExtents.get(symbol.sectionIndex);
    // Without section information (tables built by hand) any following address counts.
    if (!extent) return this.sectionExtents.size === 0;
    return address >= extent.address && address < extent.address + extent.size;
  }

  /** Among symbols at the same address the preferred one sorts first. */
  private firstOfGroup(index: number): number {
    while (index > 0 && this.byAddress[index - 1].value === this.byAddress[index].value) index--;
    return index;
  }
}

function readSymbolSection(elf: ElfFile, section: SectionHeader, table: ElfSymbol['table'], warnings: string[]): ElfSymbol[] {
  const label = `${table} (section ${section.index})`;
  if (section.entrySize !== ELF64_SYMBOL_SIZE) {
    warnings.push(`${label} has entry size ${section.entrySize}, expected ${ELF64_SYMBOL_SIZE}: symbols ignored`);
    return [];
  }
  const data = elf.sectionContents(section);
  if (!data) return [];
  if (data.length % ELF64_SYMBOL_SIZE !== 0) {
    warnings.push(`${label} size ${data.length} is not a multiple of ${ELF64_SYMBOL_SIZE}: the partial entry at the end is ignored`);
  }
  const stringSection = elf.sections[section.link];
  const strings = stringSection && stringSection.type === SHT_STRTAB ? elf.sectionContents(stringSection) : undefined;
  if (!strings) {
    warnings.push(`${label} links to section ${section.link}, which is not a readable string table: symbols ignored`);
    return [];
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = Math.floor(data.length / ELF64_SYMBOL_SIZE);
  const symbols: ElfSymbol[] = [];
  let badNames = 0;
  for (let index = 1; index < count; index++) {
    const at = index * ELF64_SYMBOL_SIZE;
    const nameOffset = view.getUint32(at, true);
    const info = view.getUint8(at + 4);
    const other = view.getUint8(at + 5);
    const sectionIndex = view.getUint16(at + 6, true);
    const value = view.getUint32(at + 12, true) * 4294967296 + view.getUint32(at + 8, true);
    const size = view.getUint32(at + 20, true) * 4294967296 + view.getUint32(at + 16, true);
    const name = nameAt(strings, nameOffset);
    if (name === undefined) {
      badNames++;
      continue;
    }
    const typeNumber = info & 0xf;
    symbols.push({
      name,
      value,
      size: Number.isSafeInteger(size) && size < 0x1_0000_0000 ? size : 0,
      type: typeNumber === STT_GNU_IFUNC ? 'IFUNC' : SYMBOL_TYPES[typeNumber] ?? 'OTHER',
      binding: BINDINGS[info >> 4] ?? 'OTHER',
      visibility: other & 3,
      sectionIndex,
      table,
    });
  }
  if (badNames > 0) warnings.push(`${label}: ${badNames} symbols have a name outside the string table and were skipped`);
  return symbols;
}
