// DWARF line number programs, versions 2 to 5 (DWARF 5 section 6.2): the header with
// its directory and file tables, and the state machine that turns the opcodes into
// rows of (address, file, line, column, is_stmt, ...), grouped into sequences.

import { ByteCursor, DwarfFormat, DwarfFormatError, hex, stringAt } from './dwarfReader';
import {
  DW_FORM_block,
  DW_FORM_data1,
  DW_FORM_data16,
  DW_FORM_data2,
  DW_FORM_data4,
  DW_FORM_data8,
  DW_FORM_line_strp,
  DW_FORM_strp,
  DW_FORM_string,
  DW_FORM_strx,
  DW_FORM_strx1,
  DW_FORM_strx2,
  DW_FORM_strx3,
  DW_FORM_strx4,
  DW_FORM_udata,
  FormValue,
  readFormValue,
} from './dwarfForms';
import { joinDwarfPath } from './sourcePaths';

// Standard opcodes (DW_LNS_*).
const DW_LNS_copy = 0x01;
const DW_LNS_advance_pc = 0x02;
const DW_LNS_advance_line = 0x03;
const DW_LNS_set_file = 0x04;
const DW_LNS_set_column = 0x05;
const DW_LNS_negate_stmt = 0x06;
const DW_LNS_set_basic_block = 0x07;
const DW_LNS_const_add_pc = 0x08;
const DW_LNS_fixed_advance_pc = 0x09;
const DW_LNS_set_prologue_end = 0x0a;
const DW_LNS_set_epilogue_begin = 0x0b;
const DW_LNS_set_isa = 0x0c;
// Extended opcodes (DW_LNE_*).
const DW_LNE_end_sequence = 0x01;
const DW_LNE_set_address = 0x02;
const DW_LNE_define_file = 0x03;
const DW_LNE_set_discriminator = 0x04;
// Content type codes of DWARF 5 directory/file entry formats (DW_LNCT_*).
const DW_LNCT_path = 0x1;
const DW_LNCT_directory_index = 0x2;
const DW_LNCT_timestamp = 0x3;
const DW_LNCT_size = 0x4;
const DW_LNCT_MD5 = 0x5;

export interface LineFileEntry {
  readonly name: string;
  readonly directoryIndex: number;
  readonly modificationTime?: number;
  readonly length?: number;
  /** The DW_LNCT_MD5 checksum as 32 hex digits. */
  readonly md5?: string;
}

export interface LineProgramHeader {
  readonly offset: number;
  readonly format: DwarfFormat;
  readonly version: number;
  readonly addressSize: number;
  readonly minimumInstructionLength: number;
  readonly maximumOperationsPerInstruction: number;
  readonly defaultIsStmt: boolean;
  readonly lineBase: number;
  readonly lineRange: number;
  readonly opcodeBase: number;
  readonly standardOpcodeLengths: readonly number[];
  /** Indexed by DWARF directory number; for versions < 5, entry 0 is the compilation directory. */
  readonly includeDirectories: readonly string[];
  /** Indexed by DWARF file number; for versions < 5, entry 0 is unused (file numbers start at 1). */
  readonly fileNames: readonly (LineFileEntry | undefined)[];
}

export interface LineRow {
  readonly address: number;
  readonly opIndex: number;
  /** DWARF file number (index into header.fileNames / program.filePaths). */
  readonly file: number;
  readonly line: number;
  readonly column: number;
  readonly isStmt: boolean;
  readonly basicBlock: boolean;
  readonly endSequence: boolean;
  readonly prologueEnd: boolean;
  readonly epilogueBegin: boolean;
  readonly isa: number;
  readonly discriminator: number;
}

// A program keeps the rows of all its sequences in one set of typed arrays, one per
// register: large programs have hundreds of thousands of rows, and one object (or
// array) per row made loading them mostly garbage-collector work. Row objects are made
// only when asked for. Registers other than the address are stored in 32 bits (8 for
// op_index, below maximum_operations_per_instruction): only a corrupt program has
// values that do not fit, and it gets nonsense lines, not an error.
const FLAG_IS_STMT = 1;
const FLAG_BASIC_BLOCK = 2;
const FLAG_END_SEQUENCE = 4;
const FLAG_PROLOGUE_END = 8;
const FLAG_EPILOGUE_BEGIN = 16;

export class LineSequence {
  private rowObjects: LineRow[] | undefined;

  constructor(
    readonly startAddress: number,
    /** The address of the end_sequence row: one past the last instruction. */
    readonly endAddress: number,
    private readonly storage: LineRowStore,
    /** Where the sequence's rows start in the storage. */
    private readonly firstRow: number,
    /** Number of rows, the end_sequence row included. */
    readonly rowCount: number,
  ) {}

  address(index: number): number {
    return this.storage.addresses[this.firstRow + index];
  }

  file(index: number): number {
    return this.storage.files[this.firstRow + index];
  }

  line(index: number): number {
    return this.storage.lines[this.firstRow + index];
  }

  column(index: number): number {
    return this.storage.columns[this.firstRow + index];
  }

  discriminator(index: number): number {
    return this.storage.discriminators[this.firstRow + index];
  }

  isStmt(index: number): boolean {
    return (this.storage.flags[this.firstRow + index] & FLAG_IS_STMT) !== 0;
  }

  prologueEnd(index: number): boolean {
    return (this.storage.flags[this.firstRow + index] & FLAG_PROLOGUE_END) !== 0;
  }

  epilogueBegin(index: number): boolean {
    return (this.storage.flags[this.firstRow + index] & FLAG_EPILOGUE_BEGIN) !== 0;
  }

  /**
   * The rows a table keeps (all but the end_sequence row, less those that go backwards or
   * name a file `filePaths` does not have), in one pass over the packed fields: the
   * indexes of the others, and the file numbers used, in order of first use.
   */
  rowsToKeep(filePaths: readonly (string | undefined)[]): { readonly dropped: number[]; readonly fileNumbers: Set<number> } {
    const { addresses, files } = this.storage;
    const dropped: number[] = [];
    const fileNumbers = new Set<number>();
    let previousFile = -1;
    for (let row = this.firstRow, last = this.firstRow + this.rowCount - 1; row < last; row++) {
      const file = files[row];
      if (addresses[row + 1] < addresses[row] || filePaths[file] === undefined) {
        dropped.push(row - this.firstRow);
        continue;
      }
      if (file !== previousFile) fileNumbers.add(file);
      previousFile = file;
    }
    return { dropped, fileNumbers };
  }

  /** Indexes of the rows of one line (the end_sequence row left out). */
  rowsOnLine(line: number): number[] {
    const lines = this.storage.lines;
    const found: number[] = [];
    const last = this.firstRow + this.rowCount - 1;
    for (let row = this.firstRow; row < last; row++) if (lines[row] === line) found.push(row - this.firstRow);
    return found;
  }

  /** Rows in program order, the last one being the end_sequence row (made on first use). */
  get rows(): readonly LineRow[] {
    if (!this.rowObjects) {
      const rows: LineRow[] = [];
      const storage = this.storage;
      for (let row = this.firstRow; row < this.firstRow + this.rowCount; row++) {
        const flags = storage.flags[row];
        rows.push({
          address: storage.addresses[row],
          opIndex: storage.opIndexes[row],
          file: storage.files[row],
          line: storage.lines[row],
          column: storage.columns[row],
          isStmt: (flags & FLAG_IS_STMT) !== 0,
          basicBlock: (flags & FLAG_BASIC_BLOCK) !== 0,
          endSequence: (flags & FLAG_END_SEQUENCE) !== 0,
          prologueEnd: (flags & FLAG_PROLOGUE_END) !== 0,
          epilogueBegin: (flags & FLAG_EPILOGUE_BEGIN) !== 0,
          isa: storage.isas[row],
          discriminator: storage.discriminators[row],
        });
      }
      this.rowObjects = rows;
    }
    return this.rowObjects;
  }
}

/**
 * Rows as state machines append them, column by column, in one ArrayBuffer (a new one
 * only when it fills up): the line programs of an ELF file share one store, so loading
 * them makes a couple of allocations outside the JavaScript heap, not a few per program
 * (many small ones fragment the memory of a long-running adapter). Sequences read their
 * rows through this object, which replaces the columns when it grows or is trimmed.
 */
export class LineRowStore {
  addresses!: Float64Array;
  lines!: Int32Array;
  files!: Uint32Array;
  columns!: Uint32Array;
  discriminators!: Uint32Array;
  isas!: Uint32Array;
  opIndexes!: Uint8Array;
  flags!: Uint8Array;
  /** Rows appended, in all sequences. */
  private count = 0;
  /** First row of the sequence being run. */
  private sequenceStart = 0;

  /** @param programBytes bytes of the line programs it will hold (compilers spend about 3-6 per row) */
  constructor(programBytes: number) {
    this.allocate(Math.max(64, Math.ceil(programBytes / 4)));
  }

  /** Rows of the sequence being run. */
  get length(): number {
    return this.count - this.sequenceStart;
  }

  append(
    address: number,
    opIndex: number,
    file: number,
    line: number,
    column: number,
    isa: number,
    discriminator: number,
    isStmt: boolean,
    basicBlock: boolean,
    endSequence: boolean,
    prologueEnd: boolean,
    epilogueBegin: boolean,
  ): void {
    const row = this.count;
    if (row === this.addresses.length) this.allocate(row * 2);
    this.addresses[row] = address;
    this.opIndexes[row] = opIndex;
    this.files[row] = file;
    this.lines[row] = line;
    this.columns[row] = column;
    this.isas[row] = isa;
    this.discriminators[row] = discriminator;
    this.flags[row] =
      (isStmt ? FLAG_IS_STMT : 0) |
      (basicBlock ? FLAG_BASIC_BLOCK : 0) |
      (endSequence ? FLAG_END_SEQUENCE : 0) |
      (prologueEnd ? FLAG_PROLOGUE_END : 0) |
      (epilogueBegin ? FLAG_EPILOGUE_BEGIN : 0);
    this.count = row + 1;
  }

  /** The rows of the sequence being run as a sequence; starts the next one. */
  takeSequence(endAddress: number): LineSequence {
    const first = this.sequenceStart;
    this.sequenceStart = this.count;
    return new LineSequence(this.addresses[first], endAddress, this, first, this.count - first);
  }

  /** Forgets the rows of a sequence that did not end (a program cut short); the next program starts clean. */
  dropUnfinishedSequence(): void {
    this.count = this.sequenceStart;
  }

  /** Gives back the room no row took (after the last program). */
  trim(): void {
    if (this.count < this.addresses.length * 0.75) this.allocate(Math.max(1, this.count));
  }

  /** Moves the columns into one new ArrayBuffer of `capacity` rows. */
  private allocate(capacity: number): void {
    const previous = this.addresses ? this.columnList() : undefined;
    // The 8-byte column first, then the 4-byte ones, then the 1-byte ones: each stays aligned.
    const buffer = new ArrayBuffer(capacity * 30);
    this.addresses = new Float64Array(buffer, 0, capacity);
    this.lines = new Int32Array(buffer, capacity * 8, capacity);
    this.files = new Uint32Array(buffer, capacity * 12, capacity);
    this.columns = new Uint32Array(buffer, capacity * 16, capacity);
    this.discriminators = new Uint32Array(buffer, capacity * 20, capacity);
    this.isas = new Uint32Array(buffer, capacity * 24, capacity);
    this.opIndexes = new Uint8Array(buffer, capacity * 28, capacity);
    this.flags = new Uint8Array(buffer, capacity * 29, capacity);
    if (!previous) return;
    const kept = Math.min(this.count, capacity);
    this.columnList().forEach((column, i) => column.set(previous[i].subarray(0, kept)));
  }

  private columnList(): { set(values: ArrayLike<number>): void; subarray(start: number, end: number): ArrayLike<number> }[] {
    return [this.addresses, this.lines, this.files, this.columns, this.discriminators, this.isas, this.opIndexes, this.flags];
  }
}

export interface LineProgram {
  readonly header: LineProgramHeader;
  readonly sequences: readonly LineSequence[];
  /** Full DWARF path of each file number (joined with its directory and the compilation directory). */
  readonly filePaths: readonly (string | undefined)[];
}

export interface LineStringSections {
  readonly str?: Uint8Array;
  readonly lineStr?: Uint8Array;
  /** .debug_str_offsets and the unit's base, for DW_FORM_strx in v5 headers (rare). */
  readonly strOffsets?: Uint8Array;
  readonly strOffsetsBase?: number;
}

/**
 * Parses the line program at `offset` of .debug_line. `compilationDirectory` is the
 * DW_AT_comp_dir of the unit that owns it (versions < 5 do not record it themselves).
 * Throws DwarfFormatError when the header is unreadable; a program whose opcodes
 * run off the end keeps the sequences completed before that and reports a warning.
 */
export function parseLineProgram(
  section: Uint8Array,
  offset: number,
  strings: LineStringSections,
  compilationDirectory: string | undefined,
  warnings: string[],
  /** Where the rows go: one store for all programs of a file (see LineRowStore); by default one of their own. */
  rows?: LineRowStore,
): LineProgram {
  const outer = new ByteCursor(section, offset);
  const { contents, format } = outer.unit();
  const header = readHeader(contents, offset, format, strings, compilationDirectory);
  const store = rows ?? new LineRowStore(contents.remaining);
  const sequences = runProgram(contents, header, store, warnings);
  if (!rows) store.trim();
  const compDir = header.includeDirectories[0] ?? compilationDirectory ?? '';
  const filePaths = header.fileNames.map((entry) => {
    if (!entry) return undefined;
    const directory = header.includeDirectories[entry.directoryIndex];
    const joinedDirectory = directory === undefined ? compDir : entry.directoryIndex === 0 ? directory : joinDwarfPath(compDir, directory);
    return joinDwarfPath(joinedDirectory, entry.name);
  });
  return { header, sequences, filePaths };
}

/** The offset just past the line program that starts at `offset` (to walk .debug_line without .debug_info). */
export function nextLineProgramOffset(section: Uint8Array, offset: number): number {
  return new ByteCursor(section, offset).unit().unitEnd;
}

function readHeader(
  cursor: ByteCursor,
  offset: number,
  format: DwarfFormat,
  strings: LineStringSections,
  compilationDirectory: string | undefined,
): LineProgramHeader {
  const version = cursor.u16();
  if (version < 2 || version > 5) throw new DwarfFormatError(`line program at ${hex(offset)} has unsupported version ${version}`);
  let addressSize = 8;
  if (version >= 5) {
    addressSize = cursor.u8();
    const segmentSelectorSize = cursor.u8();
    if (segmentSelectorSize !== 0) throw new DwarfFormatError(`line program at ${hex(offset)} uses segment selectors, which AArch64 does not have`);
  }
  const headerLength = cursor.offset(format);
  const programStart = cursor.position + headerLength;
  if (programStart > cursor.end) throw new DwarfFormatError(`line program at ${hex(offset)} has a header longer than the program`);
  const minimumInstructionLength = cursor.u8();
  const maximumOperationsPerInstruction = version >= 4 ? cursor.u8() : 1;
  const defaultIsStmt = cursor.u8() !== 0;
  const lineBase = cursor.i8();
  const lineRange = cursor.u8();
  const opcodeBase = cursor.u8();
  if (lineRange === 0) throw new DwarfFormatError(`line program at ${hex(offset)} has line_range 0`);
  if (opcodeBase === 0) throw new DwarfFormatError(`line program at ${hex(offset)} has opcode_base 0`);
  if (maximumOperationsPerInstruction === 0) throw new DwarfFormatError(`line program at ${hex(offset)} has maximum_operations_per_instruction 0`);
  const standardOpcodeLengths = [0];
  for (let opcode = 1; opcode < opcodeBase; opcode++) standardOpcodeLengths.push(cursor.u8());
  let includeDirectories: string[];
  let fileNames: (LineFileEntry | undefined)[];
  if (version >= 5) {
    const context = { format, addressSize, version, strings };
    includeDirectories = readEntryTable(cursor, context).map((entry) => entry.name);
    fileNames = readEntryTable(cursor, context);
  } else {
    includeDirectories = [compilationDirectory ?? ''];
    for (let directory = cursor.cstring(); directory !== ''; directory = cursor.cstring()) includeDirectories.push(directory);
    fileNames = [undefined];
    for (;;) {
      const name = cursor.cstring();
      if (name === '') break;
      fileNames.push(readLegacyFileEntry(cursor, name));
    }
  }
  cursor.seek(programStart);
  return {
    offset,
    format,
    version,
    addressSize,
    minimumInstructionLength,
    maximumOperationsPerInstruction,
    defaultIsStmt,
    lineBase,
    lineRange,
    opcodeBase,
    standardOpcodeLengths,
    includeDirectories,
    fileNames,
  };
}

function readLegacyFileEntry(cursor: ByteCursor, name: string): LineFileEntry {
  const directoryIndex = cursor.uleb128();
  const modificationTime = cursor.uleb128();
  const length = cursor.uleb128();
  return { name, directoryIndex, modificationTime, length };
}

interface EntryTableContext {
  readonly format: DwarfFormat;
  readonly addressSize: number;
  readonly version: number;
  readonly strings: LineStringSections;
}

/** A DWARF 5 directory or file table: a list of (content type, form) pairs, then the entries. */
function readEntryTable(cursor: ByteCursor, context: EntryTableContext): LineFileEntry[] {
  const formatCount = cursor.u8();
  const entryFormat: { contentType: number; form: number }[] = [];
  for (let i = 0; i < formatCount; i++) entryFormat.push({ contentType: cursor.uleb128(), form: cursor.uleb128() });
  const count = cursor.uleb128();
  const entries: LineFileEntry[] = [];
  for (let i = 0; i < count; i++) {
    let name = '';
    let directoryIndex = 0;
    let modificationTime: number | undefined;
    let length: number | undefined;
    let md5: string | undefined;
    for (const { contentType, form } of entryFormat) {
      checkEntryForm(contentType, form);
      const value = readFormValue(cursor, form, context);
      switch (contentType) {
        case DW_LNCT_path:
          name = entryString(value, context.strings);
          break;
        case DW_LNCT_directory_index:
          directoryIndex = entryNumber(value);
          break;
        case DW_LNCT_timestamp:
          modificationTime = value.kind === 'constant' ? value.value : undefined;
          break;
        case DW_LNCT_size:
          length = entryNumber(value);
          break;
        case DW_LNCT_MD5:
          if (value.kind === 'bytes16') md5 = Array.from(value.bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
          break;
        default:
          // Vendor content types (e.g. DW_LNCT_LLVM_source) are read and ignored.
          break;
      }
    }
    entries.push({ name, directoryIndex, modificationTime, length, md5 });
  }
  return entries;
}

const ENTRY_FORMS = new Set([
  DW_FORM_string, DW_FORM_line_strp, DW_FORM_strp, DW_FORM_strx, DW_FORM_strx1, DW_FORM_strx2, DW_FORM_strx3, DW_FORM_strx4,
  DW_FORM_udata, DW_FORM_data1, DW_FORM_data2, DW_FORM_data4, DW_FORM_data8, DW_FORM_data16, DW_FORM_block,
]);

function checkEntryForm(contentType: number, form: number): void {
  if (!ENTRY_FORMS.has(form)) {
    throw new DwarfFormatError(`line table entry format uses form 0x${form.toString(16)} for content type ${contentType}, which is not allowed there`);
  }
}

function entryString(value: FormValue, strings: LineStringSections): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'stringOffset':
      return value.section === 'lineStr' ? stringAt(strings.lineStr, value.offset, '.debug_line_str') : stringAt(strings.str, value.offset, '.debug_str');
    case 'stringIndex': {
      const { strOffsets, strOffsetsBase } = strings;
      if (!strOffsets || strOffsetsBase === undefined) throw new DwarfFormatError('line table uses DW_FORM_strx without .debug_str_offsets');
      const cursor = new ByteCursor(strOffsets, strOffsetsBase + value.index * 4);
      return stringAt(strings.str, cursor.u32(), '.debug_str');
    }
    default:
      throw new DwarfFormatError(`line table path has a non-string form (${value.kind})`);
  }
}

function entryNumber(value: FormValue): number {
  if (value.kind !== 'constant') throw new DwarfFormatError(`line table entry expected a constant, found ${value.kind}`);
  return value.value;
}

/**
 * Runs the state machine (DWARF 5 section 6.2.2). Its registers are local variables and
 * the common opcodes (special opcodes, one-byte LEB128 operands) are read straight from
 * the bytes: a large program has hundreds of thousands of rows, and this loop runs once,
 * mostly before the JIT has optimised it.
 */
function runProgram(cursor: ByteCursor, header: LineProgramHeader, rows: LineRowStore, warnings: string[]): LineSequence[] {
  const sequences: LineSequence[] = [];
  const fileNames = header.fileNames as (LineFileEntry | undefined)[];
  rows.dropUnfinishedSequence();
  const { opcodeBase, lineBase, lineRange, standardOpcodeLengths, minimumInstructionLength, maximumOperationsPerInstruction, defaultIsStmt } = header;
  const bytes = cursor.bytes;
  const end = cursor.end;
  let position = cursor.position;
  // The registers.
  let address = 0;
  let opIndex = 0;
  let file = 1;
  let line = 1;
  let column = 0;
  let isStmt = defaultIsStmt;
  let basicBlock = false;
  let prologueEnd = false;
  let epilogueBegin = false;
  let isa = 0;
  let discriminator = 0;
  /** Advances address and op_index by an operation advance (section 6.2.5.1). */
  const advance = (operationAdvance: number) => {
    if (maximumOperationsPerInstruction === 1) {
      address += minimumInstructionLength * operationAdvance;
    } else {
      const total = opIndex + operationAdvance;
      address += minimumInstructionLength * Math.floor(total / maximumOperationsPerInstruction);
      opIndex = total % maximumOperationsPerInstruction;
    }
  };
  /** Appends a row; the per-row flags reset after it. */
  const appendRow = (endSequence: boolean) => {
    rows.append(address, opIndex, file, line, column, isa, discriminator, isStmt, basicBlock, endSequence, prologueEnd, epilogueBegin);
    basicBlock = false;
    prologueEnd = false;
    epilogueBegin = false;
    discriminator = 0;
  };
  /** An unsigned LEB128 operand: one byte inline, longer ones through the cursor. */
  const uleb128 = () => {
    if (position < end && bytes[position] < 0x80) return bytes[position++];
    cursor.position = position;
    const value = cursor.uleb128();
    position = cursor.position;
    return value;
  };
  try {
    while (position < end) {
      const opcode = bytes[position++];
      if (opcode >= opcodeBase) {
        // Special opcode: advance address and line together, then append a row. (The
        // commonest opcode: written out here rather than through advance and appendRow.)
        const adjusted = opcode - opcodeBase;
        if (maximumOperationsPerInstruction === 1) address += minimumInstructionLength * Math.floor(adjusted / lineRange);
        else advance(Math.floor(adjusted / lineRange));
        line += lineBase + (adjusted % lineRange);
        rows.append(address, opIndex, file, line, column, isa, discriminator, isStmt, basicBlock, false, prologueEnd, epilogueBegin);
        basicBlock = false;
        prologueEnd = false;
        epilogueBegin = false;
        discriminator = 0;
        continue;
      }
      switch (opcode) {
        case 0: {
          const length = uleb128();
          if (length === 0) break;
          const extendedEnd = position + length;
          cursor.position = position;
          const extended = cursor.u8();
          switch (extended) {
            case DW_LNE_end_sequence:
              appendRow(true);
              if (rows.length > 0) sequences.push(rows.takeSequence(address));
              address = 0;
              opIndex = 0;
              file = 1;
              line = 1;
              column = 0;
              isStmt = defaultIsStmt;
              isa = 0;
              break;
            case DW_LNE_set_address:
              address = cursor.address(length - 1 === 4 ? 4 : 8);
              opIndex = 0;
              break;
            case DW_LNE_define_file: {
              const name = cursor.cstring();
              fileNames.push(readLegacyFileEntry(cursor, name));
              break;
            }
            case DW_LNE_set_discriminator:
              position = cursor.position;
              discriminator = uleb128();
              break;
            default:
              // Unknown extended opcodes carry their length, so they can be skipped.
              break;
          }
          cursor.seek(extendedEnd);
          position = extendedEnd;
          break;
        }
        case DW_LNS_copy:
          appendRow(false);
          break;
        case DW_LNS_advance_pc:
          advance(uleb128());
          break;
        case DW_LNS_advance_line:
          cursor.position = position;
          line += cursor.sleb128();
          position = cursor.position;
          break;
        case DW_LNS_set_file:
          file = uleb128();
          break;
        case DW_LNS_set_column:
          // Before nearly every row: a one-byte operand is read here.
          column = position < end && bytes[position] < 0x80 ? bytes[position++] : uleb128();
          break;
        case DW_LNS_negate_stmt:
          isStmt = !isStmt;
          break;
        case DW_LNS_set_basic_block:
          basicBlock = true;
          break;
        case DW_LNS_const_add_pc:
          advance(Math.floor((255 - opcodeBase) / lineRange));
          break;
        case DW_LNS_fixed_advance_pc:
          cursor.position = position;
          address += cursor.u16();
          position = cursor.position;
          opIndex = 0;
          break;
        case DW_LNS_set_prologue_end:
          prologueEnd = true;
          break;
        case DW_LNS_set_epilogue_begin:
          epilogueBegin = true;
          break;
        case DW_LNS_set_isa:
          isa = uleb128();
          break;
        default:
          // A standard opcode this reader does not know: skip its ULEB128 operands.
          for (let i = 0; i < (standardOpcodeLengths[opcode] ?? 0); i++) uleb128();
          break;
      }
    }
  } catch (error) {
    if (!(error instanceof DwarfFormatError)) throw error;
    warnings.push(`line program at ${hex(header.offset)}: ${error.message}; the rest of it is ignored`);
    rows.dropUnfinishedSequence();
    return sequences;
  }
  if (rows.length > 0) {
    warnings.push(`line program at ${hex(header.offset)} ends without DW_LNE_end_sequence; its last ${rows.length} rows are ignored`);
  }
  rows.dropUnfinishedSequence();
  return sequences;
}
