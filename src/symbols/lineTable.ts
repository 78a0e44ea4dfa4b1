// All line programs of a program merged into one address-ordered table: which source
// line an address belongs to, and which rows a source file has.
//
// The rows stay packed in their line programs (see LineSequence): a large program has
// hundreds of thousands of them, and a row becomes an object only when a query returns
// it. Searches over many rows (a file's statements, for breakpoints) read the packed
// fields.

import type { LineProgram, LineSequence } from './dwarfLineProgram';
import { lastIndexAtOrBefore } from './sortedSearch';

export interface LineTableRow {
  readonly address: number;
  /**
   * One past the last byte this row covers: the next row's address. Equal to `address`
   * when another row follows at the same address (optimised code puts several
   * statements at one address); such rows still mark where their line starts.
   */
  readonly endAddress: number;
  /** Full DWARF path of the file (see dwarfLineProgram filePaths). */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly isStmt: boolean;
  readonly prologueEnd: boolean;
  readonly epilogueBegin: boolean;
  readonly discriminator: number;
  /** The sequence this row belongs to, and the row's position in it. */
  readonly sequence: TableSequence;
  readonly index: number;
}

/**
 * One sequence of the table: its rows in program order (non-decreasing addresses),
 * without the end_sequence row and without rows that go backwards or name no file.
 */
export class TableSequence {
  readonly startAddress: number;
  readonly endAddress: number;
  readonly rowCount: number;

  /**
   * @param kept the line program's row of each table row, when some were dropped
   *   (undefined: row i is the program's row i)
   */
  constructor(
    private readonly program: LineProgram,
    private readonly source: LineSequence,
    private readonly kept: Int32Array | undefined,
    /** The DWARF file numbers the rows name, in order of first use. */
    private readonly fileNumbers: ReadonlySet<number>,
  ) {
    this.startAddress = source.startAddress;
    this.endAddress = source.endAddress;
    this.rowCount = kept ? kept.length : source.rowCount - 1;
  }

  /** The table rows of a program's sequence (one pass over them); undefined when none is left. */
  static of(program: LineProgram, source: LineSequence): TableSequence | undefined {
    const last = source.rowCount - 1;
    // A row that goes backwards is corrupt; one naming no file cannot be shown.
    const { dropped, fileNumbers } = source.rowsToKeep(program.filePaths);
    if (dropped.length === last) return undefined;
    if (dropped.length === 0) return new TableSequence(program, source, undefined, fileNumbers);
    const kept = new Int32Array(last - dropped.length);
    for (let i = 0, next = 0, count = 0; i < last; i++) {
      if (i === dropped[next]) next++;
      else kept[count++] = i;
    }
    return new TableSequence(program, source, kept, fileNumbers);
  }

  private sourceRow(index: number): number {
    return this.kept ? this.kept[index] : index;
  }

  address(index: number): number {
    return this.source.address(this.sourceRow(index));
  }

  line(index: number): number {
    return this.source.line(this.sourceRow(index));
  }

  isStmt(index: number): boolean {
    return this.source.isStmt(this.sourceRow(index));
  }

  prologueEnd(index: number): boolean {
    return this.source.prologueEnd(this.sourceRow(index));
  }

  /** The DWARF file number of a row (see fileNumbersOf). */
  fileNumber(index: number): number {
    return this.source.file(this.sourceRow(index));
  }

  /** The line program's file numbers that name `path`. */
  fileNumbersOf(path: string): number[] {
    const numbers: number[] = [];
    this.program.filePaths.forEach((candidate, number) => {
      if (candidate === path) numbers.push(number);
    });
    return numbers;
  }

  /** Paths of the files the rows name (each once). */
  paths(): Set<string> {
    return new Set([...this.fileNumbers].map((number) => this.program.filePaths[number]!));
  }

  /** Indexes of the statement rows of `line` that name one of `fileNumbers`. */
  statementsOnLine(line: number, fileNumbers: readonly number[]): number[] {
    const found: number[] = [];
    for (const sourceRow of this.source.rowsOnLine(line)) {
      const index = this.kept ? binarySearch(this.kept, sourceRow) : sourceRow;
      if (index >= 0 && this.isStmt(index) && fileNumbers.includes(this.fileNumber(index))) found.push(index);
    }
    return found;
  }

  row(index: number): LineTableRow {
    const at = this.sourceRow(index);
    const source = this.source;
    return {
      address: source.address(at),
      endAddress: source.address(at + 1),
      path: this.program.filePaths[source.file(at)]!,
      line: source.line(at),
      column: source.column(at),
      isStmt: source.isStmt(at),
      prologueEnd: source.prologueEnd(at),
      epilogueBegin: source.epilogueBegin(at),
      discriminator: source.discriminator(at),
      sequence: this,
      index,
    };
  }

  /** Index of the last row at or before `address` (rows are in address order), or -1. */
  lastRowAtOrBefore(address: number): number {
    return lastIndexAtOrBefore(this.rowCount, (i) => this.address(i), address);
  }
}

/** Where `value` is in the ascending `values`, or -1. */
function binarySearch(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (values[middle] === value) return middle;
    if (values[middle] < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The statement rows (is_stmt, line > 0) of some files, packed: a large file has
 * hundreds of thousands, and a breakpoint needs only a few of them as objects.
 */
export class StatementRows {
  private constructor(
    readonly count: number,
    private readonly sequenceOf: readonly TableSequence[],
    private readonly indexes: readonly number[],
    private readonly addresses: readonly number[],
    private readonly lines: readonly number[],
  ) {}

  /** Rows of `paths` in that order, each file's rows in address order. */
  static of(sequences: readonly TableSequence[], paths: readonly string[]): StatementRows {
    const sequenceOf: TableSequence[] = [];
    const indexes: number[] = [];
    const addresses: number[] = [];
    const lines: number[] = [];
    for (const path of paths) {
      for (const sequence of sequences) {
        const numbers = sequence.fileNumbersOf(path);
        if (numbers.length === 0) continue;
        for (let i = 0; i < sequence.rowCount; i++) {
          const line = sequence.line(i);
          if (line <= 0 || !sequence.isStmt(i) || !numbers.includes(sequence.fileNumber(i))) continue;
          sequenceOf.push(sequence);
          indexes.push(i);
          addresses.push(sequence.address(i));
          lines.push(line);
        }
      }
    }
    return new StatementRows(indexes.length, sequenceOf, indexes, addresses, lines);
  }

  address(k: number): number {
    return this.addresses[k];
  }

  line(k: number): number {
    return this.lines[k];
  }

  row(k: number): LineTableRow {
    return this.sequenceOf[k].row(this.indexes[k]);
  }
}

export interface SourceLocation {
  /** Full DWARF path of the file. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  /** Address of the row that covers the queried address. */
  readonly rowAddress: number;
  readonly isStmt: boolean;
  readonly discriminator: number;
}

export class LineTable {
  /** Sequences sorted by start address. */
  readonly sequences: readonly TableSequence[];
  private readonly pathList: string[];

  /**
   * @param isCodeAddress keeps only sequences that start in loadable code; linkers
   *   leave the sequences of discarded functions at address 0 (or all-ones).
   */
  constructor(programs: readonly LineProgram[], isCodeAddress: (address: number) => boolean = () => true) {
    const sequences: TableSequence[] = [];
    for (const program of programs) {
      for (const source of program.sequences) {
        if (source.endAddress <= source.startAddress || !isCodeAddress(source.startAddress)) continue;
        const sequence = TableSequence.of(program, source);
        if (sequence) sequences.push(sequence);
      }
    }
    sequences.sort((a, b) => a.startAddress - b.startAddress);
    this.sequences = sequences;
    const paths = new Set<string>();
    for (const sequence of sequences) for (const path of sequence.paths()) paths.add(path);
    this.pathList = [...paths];
  }

  /** DWARF paths of the files that have at least one row. */
  paths(): string[] {
    return [...this.pathList];
  }

  /** The statement rows of some files (DWARF paths as returned by paths()). */
  statementRows(paths: readonly string[]): StatementRows {
    return StatementRows.of(this.sequences, paths);
  }

  /**
   * The statement rows of one line of some files: those of `paths[0]` first, each
   * file's in address order (the order of statementRows). Only these become objects.
   */
  statementRowsOnLine(paths: readonly string[], line: number): LineTableRow[] {
    const rows: LineTableRow[] = [];
    if (line <= 0) return rows;
    for (const path of paths) {
      for (const sequence of this.sequences) {
        const numbers = sequence.fileNumbersOf(path);
        if (numbers.length === 0) continue;
        for (const index of sequence.statementsOnLine(line, numbers)) rows.push(sequence.row(index));
      }
    }
    return rows;
  }

  /**
   * The row that covers an address: the last row at or before it. When that row is
   * not a statement but an earlier row at the same address is, the statement wins
   * (what a user stepping sees as "the line").
   */
  rowAt(address: number): LineTableRow | undefined {
    const sequence = this.sequenceAt(address);
    if (!sequence) return undefined;
    const found = sequence.lastRowAtOrBefore(address);
    if (found < 0) return undefined;
    const covering = sequence.row(found);
    if (address >= covering.endAddress) return undefined;
    if (!covering.isStmt) {
      for (let i = found - 1; i >= 0 && sequence.address(i) === covering.address; i--) {
        if (sequence.isStmt(i)) return sequence.row(i);
      }
    }
    return covering;
  }

  locationForAddress(address: number): SourceLocation | undefined {
    const row = this.rowAt(address);
    if (!row) return undefined;
    return {
      path: row.path,
      line: row.line,
      column: row.column,
      rowAddress: row.address,
      isStmt: row.isStmt,
      discriminator: row.discriminator,
    };
  }

  /** Rows whose start address lies in [low, high), in address order. */
  rowsInRange(low: number, high: number): LineTableRow[] {
    const result: LineTableRow[] = [];
    for (const sequence of this.sequences) {
      if (sequence.endAddress <= low || sequence.startAddress >= high) continue;
      for (let i = 0; i < sequence.rowCount; i++) {
        const address = sequence.address(i);
        if (address >= low && address < high) result.push(sequence.row(i));
      }
    }
    return result.sort((a, b) => a.address - b.address);
  }

  private sequenceAt(address: number): TableSequence | undefined {
    const sequences = this.sequences;
    const found = lastIndexAtOrBefore(sequences.length, (i) => sequences[i].startAddress, address);
    // Sequences may overlap when a linker kept duplicates; look back a little.
    for (let i = found; i >= 0 && i > found - 8; i--) {
      if (address < sequences[i].endAddress) return sequences[i];
    }
    return undefined;
  }
}
