// All line programs of a program merged into one address-ordered table: which source
// line an address belongs to, and which rows a source file has.

import type { LineProgram } from './dwarfLineProgram';

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

export interface TableSequence {
  readonly startAddress: number;
  readonly endAddress: number;
  /** Rows in program order (non-decreasing addresses), without the end_sequence row. */
  readonly rows: readonly LineTableRow[];
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
  private readonly rowsByPath = new Map<string, LineTableRow[]>();

  /**
   * @param isCodeAddress keeps only sequences that start in loadable code; linkers
   *   leave the sequences of discarded functions at address 0 (or all-ones).
   */
  constructor(programs: readonly LineProgram[], isCodeAddress: (address: number) => boolean = () => true) {
    const sequences: TableSequence[] = [];
    for (const program of programs) {
      for (const sequence of program.sequences) {
        if (sequence.endAddress <= sequence.startAddress || !isCodeAddress(sequence.startAddress)) continue;
        const rows: LineTableRow[] = [];
        const tableSequence: TableSequence = { startAddress: sequence.startAddress, endAddress: sequence.endAddress, rows };
        // Read the packed rows directly: making the program's row objects too would double the garbage.
        const rowCount = sequence.rowCount;
        for (let i = 0; i + 1 < rowCount; i++) {
          const address = sequence.address(i);
          const endAddress = sequence.address(i + 1);
          // Rows must not go backwards; a corrupt one is dropped.
          if (endAddress < address) continue;
          const path = program.filePaths[sequence.file(i)];
          if (path === undefined) continue;
          rows.push({
            address,
            endAddress,
            path,
            line: sequence.line(i),
            column: sequence.column(i),
            isStmt: sequence.isStmt(i),
            prologueEnd: sequence.prologueEnd(i),
            epilogueBegin: sequence.epilogueBegin(i),
            discriminator: sequence.discriminator(i),
            sequence: tableSequence,
            index: rows.length,
          });
        }
        if (rows.length > 0) sequences.push(tableSequence);
      }
    }
    sequences.sort((a, b) => a.startAddress - b.startAddress);
    this.sequences = sequences;
    for (const sequence of sequences) {
      for (const row of sequence.rows) {
        const list = this.rowsByPath.get(row.path);
        if (list) list.push(row);
        else this.rowsByPath.set(row.path, [row]);
      }
    }
  }

  /** DWARF paths of the files that have at least one row. */
  paths(): string[] {
    return [...this.rowsByPath.keys()];
  }

  /** The rows of one file (DWARF path as returned by paths()), in address order. */
  rowsOfPath(path: string): readonly LineTableRow[] {
    return this.rowsByPath.get(path) ?? [];
  }

  /**
   * The row that covers an address: the last row at or before it. When that row is
   * not a statement but an earlier row at the same address is, the statement wins
   * (what a user stepping sees as "the line").
   */
  rowAt(address: number): LineTableRow | undefined {
    const sequence = this.sequenceAt(address);
    if (!sequence) return undefined;
    const rows = sequence.rows;
    let low = 0;
    let high = rows.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (rows[middle].address <= address) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found < 0 || address >= rows[found].endAddress) return undefined;
    const covering = rows[found];
    if (!covering.isStmt) {
      for (let i = found - 1; i >= 0 && rows[i].address === covering.address; i--) {
        if (rows[i].isStmt) return rows[i];
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
      for (const row of sequence.rows) {
        if (row.address >= low && row.address < high) result.push(row);
      }
    }
    return result.sort((a, b) => a.address - b.address);
  }

  private sequenceAt(address: number): TableSequence | undefined {
    const sequences = this.sequences;
    let low = 0;
    let high = sequences.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (sequences[middle].startAddress <= address) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    // Sequences may overlap when a linker kept duplicates; look back a little.
    for (let i = found; i >= 0 && i > found - 8; i--) {
      if (address < sequences[i].endAddress) return sequences[i];
    }
    return undefined;
  }
}
