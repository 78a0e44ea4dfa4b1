// ELF64 reader for AArch64 little-endian executables (System V gABI, "ELF-64 Object
// File Format"; AArch64 ELF ABI). The header and program headers decide whether the
// file can be loaded at all: anything wrong there is an ElfError whose message says
// exactly what. Section headers are only needed for symbols and debug information, so
// problems there degrade into `warnings`.


export class ElfError extends Error {
  override readonly name = 'ElfError';
}

export const EM_AARCH64 = 183;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;

export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PT_NOTE = 4;
export const PT_PHDR = 6;
export const PT_TLS = 7;

export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOBITS = 8;
export const SHT_DYNSYM = 11;

export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_COMPRESSED = 0x800;

const ELF64_HEADER_SIZE = 64;
const ELF64_PROGRAM_HEADER_SIZE = 56;
const ELF64_SECTION_HEADER_SIZE = 64;
/** e_phnum value meaning "the real count is in section 0's sh_info". */
const PN_XNUM = 0xffff;
const SHN_UNDEF = 0;
const SHN_XINDEX = 0xffff;
/** A segment larger than this in memory is a corrupt header, not a program. */
const MAX_SEGMENT_MEMORY_SIZE = 0x1_0000_0000;
/** Guest addresses are plain numbers (docs/architecture.md); they must stay exact. */
const MAX_ADDRESS = Number.MAX_SAFE_INTEGER;
const ELFCOMPRESS_ZLIB = 1;

const MACHINE_NAMES: Record<number, string> = {
  2: 'SPARC',
  3: 'x86 (i386)',
  8: 'MIPS',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 'S/390',
  40: 'ARM (AArch32)',
  43: 'SPARC V9',
  50: 'IA-64',
  62: 'x86-64',
  183: 'AArch64',
  243: 'RISC-V',
  258: 'LoongArch',
};

const TYPE_NAMES: Record<number, string> = {
  0: 'no file type (ET_NONE)',
  [ET_REL]: 'a relocatable object (ET_REL)',
  [ET_EXEC]: 'an executable (ET_EXEC)',
  [ET_DYN]: 'a shared object or position-independent executable (ET_DYN)',
  [ET_CORE]: 'a core dump (ET_CORE)',
};

const SEGMENT_TYPE_NAMES: Record<number, string> = {
  [PT_NULL]: 'NULL',
  [PT_LOAD]: 'LOAD',
  [PT_DYNAMIC]: 'DYNAMIC',
  [PT_INTERP]: 'INTERP',
  [PT_NOTE]: 'NOTE',
  5: 'SHLIB',
  [PT_PHDR]: 'PHDR',
  [PT_TLS]: 'TLS',
  0x6474e550: 'GNU_EH_FRAME',
  0x6474e551: 'GNU_STACK',
  0x6474e552: 'GNU_RELRO',
  0x6474e553: 'GNU_PROPERTY',
};

export interface ElfHeader {
  /** EI_OSABI */
  readonly osAbi: number;
  /** e_type: ET_EXEC or ET_DYN */
  readonly type: number;
  readonly machine: number;
  readonly entry: number;
  readonly programHeaderOffset: number;
  readonly sectionHeaderOffset: number;
  readonly flags: number;
  readonly programHeaderCount: number;
  readonly sectionHeaderCount: number;
  readonly sectionNameTableIndex: number;
}

export interface ProgramHeader {
  readonly index: number;
  /** p_type */
  readonly type: number;
  /** 'LOAD', 'TLS', ... or the number in hex. */
  readonly typeName: string;
  /** p_flags: PF_R | PF_W | PF_X */
  readonly flags: number;
  readonly offset: number;
  readonly virtualAddress: number;
  readonly physicalAddress: number;
  readonly fileSize: number;
  readonly memorySize: number;
  readonly alignment: number;
  readonly readable: boolean;
  readonly writable: boolean;
  readonly executable: boolean;
}

export interface SectionHeader {
  readonly index: number;
  readonly name: string;
  /** sh_type */
  readonly type: number;
  readonly flags: number;
  readonly address: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly addressAlignment: number;
  readonly entrySize: number;
}

export interface ElfLoadOptions {
  /** Accept ET_DYN (static-pie). Default true. */
  readonly acceptPositionIndependent?: boolean;
}

export class ElfFile {
  private readonly sectionsByName = new Map<string, SectionHeader>();
  private readonly decompressed = new Map<number, Uint8Array>();

  constructor(
    readonly bytes: Uint8Array,
    readonly header: ElfHeader,
    readonly programHeaders: readonly ProgramHeader[],
    readonly sections: readonly SectionHeader[],
    readonly warnings: string[],
  ) {
    for (const section of sections) {
      if (section.name && !this.sectionsByName.has(section.name)) this.sectionsByName.set(section.name, section);
    }
  }

  get entryPoint(): number {
    return this.header.entry;
  }

  /** PT_LOAD segments in file order. */
  get loadSegments(): ProgramHeader[] {
    return this.programHeaders.filter((segment) => segment.type === PT_LOAD);
  }

  section(name: string): SectionHeader | undefined {
    return this.sectionsByName.get(name);
  }

  /**
   * The contents of a section (empty for SHT_NOBITS), decompressed when it is
   * SHF_COMPRESSED. Undefined (with a warning) when it cannot be read.
   */
  sectionContents(section: SectionHeader): Uint8Array | undefined {
    if (section.type === SHT_NOBITS) return new Uint8Array(0);
    const raw = this.bytes.subarray(section.offset, section.offset + section.size);
    if ((section.flags & SHF_COMPRESSED) === 0) return raw;
    const cached = this.decompressed.get(section.index);
    if (cached) return cached;
    const inflated = inflateCompressedSection(section, raw, this.warnings);
    if (inflated) this.decompressed.set(section.index, inflated);
    return inflated;
  }

  /** Contents of the named section, or undefined when it is absent or unreadable. */
  sectionContentsByName(name: string): Uint8Array | undefined {
    const section = this.section(name);
    return section ? this.sectionContents(section) : undefined;
  }

  /** The PT_LOAD segment whose memory image [p_vaddr, p_vaddr + p_memsz) holds `address`. */
  segmentContaining(address: number): ProgramHeader | undefined {
    // Called for every function and line sequence of large programs: no array is made per call.
    for (let i = 0; i < this.programHeaders.length; i++) {
      const segment = this.programHeaders[i];
      if (segment.type === PT_LOAD && address >= segment.virtualAddress && address < segment.virtualAddress + segment.memorySize) return segment;
    }
    return undefined;
  }

  /** Whether `address` lies in an executable PT_LOAD segment. */
  isExecutableAddress(address: number): boolean {
    return this.segmentContaining(address)?.executable ?? false;
  }
}

function inflateCompressedSection(section: SectionHeader, raw: Uint8Array, warnings: string[]): Uint8Array | undefined {
  // Elf64_Chdr: ch_type (4), ch_reserved (4), ch_size (8), ch_addralign (8).
  if (raw.length < 24) {
    warnings.push(`section ${section.name} is compressed but too short for its compression header`);
    return undefined;
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const compressionType = view.getUint32(0, true);
  if (compressionType !== ELFCOMPRESS_ZLIB) {
    warnings.push(`section ${section.name} uses compression type ${compressionType}, only zlib (1) is supported`);
    return undefined;
  }
  try {
    // zlib (and the streams it loads) only for programs with compressed sections.
    const { inflateSync } = require('zlib') as typeof import('zlib');
    return new Uint8Array(inflateSync(raw.subarray(24)));
  } catch (error) {
    warnings.push(`section ${section.name} could not be decompressed: ${(error as Error).message}`);
    return undefined;
  }
}

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

function machineDescription(machine: number): string {
  const name = MACHINE_NAMES[machine];
  return name ? `${name} (${machine})` : `${machine}`;
}

/** Little-endian field reader over the whole file. */
class FieldReader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(at: number): number {
    return this.view.getUint8(at);
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  /** Lossy above 2^53; callers check ranges against MAX_ADDRESS or the file size. */
  u64(at: number): number {
    return this.view.getUint32(at + 4, true) * 4294967296 + this.view.getUint32(at, true);
  }
}

/**
 * Parses and validates an AArch64 little-endian ELF64 executable. Throws ElfError when
 * the file cannot be loaded; everything that only affects symbols or debug information
 * becomes a warning in `elf.warnings`.
 */
export function parseElf(bytes: Uint8Array, options: ElfLoadOptions = {}): ElfFile {
  const warnings: string[] = [];
  const header = readHeader(bytes, options);
  const reader = new FieldReader(bytes);
  const sectionZero = readSectionZero(reader, header, warnings);
  const programHeaderCount = header.programHeaderCount === PN_XNUM && sectionZero ? sectionZero.info : header.programHeaderCount;
  const programHeaders = readProgramHeaders(reader, header, programHeaderCount);
  validateSegments(bytes.length, programHeaders, header.entry);
  for (const segment of programHeaders) {
    if (segment.type === PT_INTERP) warnings.push('the program asks for a dynamic loader (PT_INTERP); shared libraries will not be loaded');
  }
  const sections = readSections(reader, header, sectionZero, warnings);
  return new ElfFile(bytes, { ...header, programHeaderCount }, programHeaders, sections, warnings);
}

function readHeader(bytes: Uint8Array, options: ElfLoadOptions): ElfHeader {
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    throw new ElfError('not an ELF file (bad magic)');
  }
  if (bytes.length < 16) throw new ElfError(`ELF identification is truncated (file has ${bytes.length} bytes)`);
  const elfClass = bytes[4];
  if (elfClass === 1) throw new ElfError('ELF class is ELF32, expected ELF64');
  if (elfClass !== 2) throw new ElfError(`ELF class ${elfClass} is invalid, expected ELF64 (2)`);
  const dataEncoding = bytes[5];
  if (dataEncoding === 2) throw new ElfError('big-endian ELF, expected little-endian (AArch64 programs here are little-endian)');
  if (dataEncoding !== 1) throw new ElfError(`ELF data encoding ${dataEncoding} is invalid, expected little-endian (1)`);
  if (bytes[6] !== 1) throw new ElfError(`ELF identification version is ${bytes[6]}, expected 1`);
  if (bytes.length < ELF64_HEADER_SIZE) {
    throw new ElfError(`ELF header is truncated: the file has ${bytes.length} bytes, an ELF64 header needs ${ELF64_HEADER_SIZE}`);
  }
  const reader = new FieldReader(bytes);
  const type = reader.u16(16);
  const machine = reader.u16(18);
  if (machine !== EM_AARCH64) {
    throw new ElfError(`machine is ${machineDescription(machine)}, expected AArch64 (${EM_AARCH64})`);
  }
  const acceptDyn = options.acceptPositionIndependent ?? true;
  if (type !== ET_EXEC && !(type === ET_DYN && acceptDyn)) {
    const description = TYPE_NAMES[type] ?? `unknown type ${type}`;
    throw new ElfError(`ELF type is ${description}, expected an executable (ET_EXEC${acceptDyn ? ' or static-pie ET_DYN' : ''})`);
  }
  const version = reader.u32(20);
  if (version !== 1) throw new ElfError(`ELF version is ${version}, expected 1`);
  const headerSize = reader.u16(52);
  if (headerSize < ELF64_HEADER_SIZE) throw new ElfError(`ELF header size (e_ehsize) is ${headerSize}, expected ${ELF64_HEADER_SIZE}`);
  return {
    osAbi: bytes[7],
    type,
    machine,
    entry: reader.u64(24),
    programHeaderOffset: reader.u64(32),
    sectionHeaderOffset: reader.u64(40),
    flags: reader.u32(48),
    programHeaderCount: reader.u16(56),
    sectionHeaderCount: reader.u16(60),
    sectionNameTableIndex: reader.u16(62),
  };
}

interface RawSectionZero {
  readonly size: number;
  readonly link: number;
  readonly info: number;
}

/** Section 0 carries the real counts when they overflow the 16-bit header fields. */
function readSectionZero(reader: FieldReader, header: ElfHeader, warnings: string[]): RawSectionZero | undefined {
  const offset = header.sectionHeaderOffset;
  if (offset === 0) return undefined;
  if (offset + ELF64_SECTION_HEADER_SIZE > reader.bytes.length) {
    warnings.push(`section header table at ${hex(offset)} lies past the end of the file: no sections, symbols or debug information`);
    return undefined;
  }
  return { size: reader.u64(offset + 32), link: reader.u32(offset + 40), info: reader.u32(offset + 44) };
}

function readProgramHeaders(reader: FieldReader, header: ElfHeader, count: number): ProgramHeader[] {
  const fileSize = reader.bytes.length;
  if (count === 0) throw new ElfError('the ELF file has no program headers: nothing to load');
  const entrySize = reader.u16(54);
  if (entrySize !== ELF64_PROGRAM_HEADER_SIZE) {
    throw new ElfError(`program header entry size (e_phentsize) is ${entrySize}, expected ${ELF64_PROGRAM_HEADER_SIZE}`);
  }
  const tableStart = header.programHeaderOffset;
  const tableEnd = tableStart + count * ELF64_PROGRAM_HEADER_SIZE;
  if (tableStart === 0 || tableEnd > fileSize) {
    throw new ElfError(
      `program header table extends past the end of the file (${count} entries at ${hex(tableStart)}, file size ${hex(fileSize)})`,
    );
  }
  const headers: ProgramHeader[] = [];
  for (let index = 0; index < count; index++) {
    const at = tableStart + index * ELF64_PROGRAM_HEADER_SIZE;
    const type = reader.u32(at);
    const flags = reader.u32(at + 4);
    headers.push({
      index,
      type,
      typeName: SEGMENT_TYPE_NAMES[type] ?? hex(type),
      flags,
      offset: reader.u64(at + 8),
      virtualAddress: reader.u64(at + 16),
      physicalAddress: reader.u64(at + 24),
      fileSize: reader.u64(at + 32),
      memorySize: reader.u64(at + 40),
      alignment: reader.u64(at + 48),
      readable: (flags & PF_R) !== 0,
      writable: (flags & PF_W) !== 0,
      executable: (flags & PF_X) !== 0,
    });
  }
  return headers;
}

function validateSegments(fileSize: number, headers: readonly ProgramHeader[], entry: number): void {
  const loads = headers.filter((segment) => segment.type === PT_LOAD);
  if (loads.length === 0) throw new ElfError('the ELF file has no loadable (PT_LOAD) segments');
  for (const segment of loads) {
    const n = segment.index;
    if (segment.fileSize > segment.memorySize) {
      throw new ElfError(`segment ${n} has a file size (${hex(segment.fileSize)}) larger than its memory size (${hex(segment.memorySize)})`);
    }
    if (segment.memorySize > MAX_SEGMENT_MEMORY_SIZE) {
      throw new ElfError(`segment ${n} has an absurd memory size ${hex(segment.memorySize)} (more than 4 GiB)`);
    }
    if (segment.fileSize > 0 && segment.offset + segment.fileSize > fileSize) {
      throw new ElfError(
        `segment ${n} file range ${hex(segment.offset)}-${hex(segment.offset + segment.fileSize)} lies outside the file (file size ${hex(fileSize)})`,
      );
    }
    for (const [what, start] of [['virtual', segment.virtualAddress], ['physical', segment.physicalAddress]] as const) {
      if (start + segment.memorySize > MAX_ADDRESS) {
        throw new ElfError(`segment ${n} ${what} address range starting at ${hex(start)} is beyond 2^53, which this debugger cannot address`);
      }
    }
  }
  rejectOverlaps(loads, 'virtual', (segment) => [segment.virtualAddress, segment.memorySize]);
  // The load (physical) images are what QEMU-style loaders copy from the file.
  rejectOverlaps(loads, 'physical', (segment) => [segment.physicalAddress, segment.fileSize]);
  const entryInside = loads.some((segment) => entry >= segment.virtualAddress && entry < segment.virtualAddress + segment.memorySize);
  if (!entryInside) throw new ElfError(`entry point ${hex(entry)} is not inside any loadable segment`);
}

function rejectOverlaps(
  loads: readonly ProgramHeader[],
  space: 'virtual' | 'physical',
  range: (segment: ProgramHeader) => [number, number],
): void {
  const sorted = loads.filter((segment) => range(segment)[1] > 0).sort((a, b) => range(a)[0] - range(b)[0]);
  for (let i = 1; i < sorted.length; i++) {
    const [previousStart, previousSize] = range(sorted[i - 1]);
    const [start] = range(sorted[i]);
    if (start < previousStart + previousSize) {
      const [first, second] = [sorted[i - 1], sorted[i]].sort((a, b) => a.index - b.index);
      const describe = (segment: ProgramHeader) => {
        const [s, l] = range(segment);
        return `${hex(s)}-${hex(s + l)}`;
      };
      throw new ElfError(
        `segments ${first.index} and ${second.index} overlap in ${space} memory (${describe(first)} and ${describe(second)})`,
      );
    }
  }
}

function readSections(reader: FieldReader, header: ElfHeader, sectionZero: RawSectionZero | undefined, warnings: string[]): SectionHeader[] {
  const fileSize = reader.bytes.length;
  const tableStart = header.sectionHeaderOffset;
  if (tableStart === 0 || !sectionZero) {
    if (tableStart === 0) warnings.push('the ELF file has no section headers: no symbols or debug information');
    return [];
  }
  const entrySize = reader.u16(58);
  if (entrySize !== ELF64_SECTION_HEADER_SIZE) {
    warnings.push(`section header entry size (e_shentsize) is ${entrySize}, expected ${ELF64_SECTION_HEADER_SIZE}: sections ignored`);
    return [];
  }
  const count = header.sectionHeaderCount === 0 ? sectionZero.size : header.sectionHeaderCount;
  if (count > 0x10000 * 16 || tableStart + count * ELF64_SECTION_HEADER_SIZE > fileSize) {
    warnings.push(`section header table (${count} entries at ${hex(tableStart)}) extends past the end of the file: sections ignored`);
    return [];
  }
  const nameTableIndex = header.sectionNameTableIndex === SHN_XINDEX ? sectionZero.link : header.sectionNameTableIndex;
  const raw = [];
  for (let index = 0; index < count; index++) {
    const at = tableStart + index * ELF64_SECTION_HEADER_SIZE;
    raw.push({
      index,
      nameOffset: reader.u32(at),
      type: reader.u32(at + 4),
      flags: reader.u64(at + 8),
      address: reader.u64(at + 16),
      offset: reader.u64(at + 24),
      size: reader.u64(at + 32),
      link: reader.u32(at + 40),
      info: reader.u32(at + 44),
      addressAlignment: reader.u64(at + 48),
      entrySize: reader.u64(at + 56),
    });
  }
  const names = sectionNameTable(reader.bytes, raw, nameTableIndex, warnings);
  const sections: SectionHeader[] = [];
  for (const section of raw) {
    const name = names ? nameAt(names, section.nameOffset) : '';
    if (names && name === undefined) warnings.push(`section ${section.index} has a name offset ${hex(section.nameOffset)} outside the section name table`);
    let { size } = section;
    if (section.type !== SHT_NOBITS && section.type !== SHT_NULL && section.offset + size > fileSize) {
      warnings.push(`section ${section.index} (${name ?? '?'}) lies outside the file (${hex(section.offset)}-${hex(section.offset + size)}): ignored`);
      size = 0;
    }
    sections.push({
      index: section.index,
      name: name ?? '',
      type: section.type,
      flags: section.flags,
      address: section.address,
      offset: size === 0 ? 0 : section.offset,
      size,
      link: section.link,
      info: section.info,
      addressAlignment: section.addressAlignment,
      entrySize: section.entrySize,
    });
  }
  return sections;
}

function sectionNameTable(
  bytes: Uint8Array,
  raw: readonly { index: number; type: number; offset: number; size: number }[],
  index: number,
  warnings: string[],
): Uint8Array | undefined {
  if (index === SHN_UNDEF) {
    warnings.push('the ELF file has no section name table: sections have no names');
    return undefined;
  }
  const table = raw[index];
  if (!table || table.type !== SHT_STRTAB || table.offset + table.size > bytes.length) {
    warnings.push(`section name table index ${index} does not name a readable string table: sections have no names`);
    return undefined;
  }
  return bytes.subarray(table.offset, table.offset + table.size);
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * String tables that are all ASCII (the usual case), decoded once: their byte offsets are
 * then string offsets, and each name is a slice instead of a decode of its own (thousands
 * of symbols in a large program). Null for a table with other bytes.
 */
const asciiTables = new WeakMap<Uint8Array, string | null>();

function asciiText(table: Uint8Array): string | null {
  let text = asciiTables.get(table);
  if (text === undefined) {
    const decoded = latin1.decode(table);
    text = NON_ASCII.test(decoded) ? null : decoded;
    asciiTables.set(table, text);
  }
  return text;
}

/** A NUL-terminated string in an ELF string table, or undefined when out of range. */
export function nameAt(table: Uint8Array, offset: number): string | undefined {
  if (offset >= table.length) return undefined;
  let end = table.indexOf(0, offset);
  if (end < 0) end = table.length;
  const ascii = asciiText(table);
  return ascii !== null ? ascii.slice(offset, end) : utf8.decode(table.subarray(offset, end));
}
