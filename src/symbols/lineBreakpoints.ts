// Where a breakpoint on "file:line" goes, following what source debuggers do:
// - only is_stmt rows count;
// - a line without code moves to the next line that has code, staying inside the
//   function whose lines enclose it (a line between functions moves to the next one);
// - one location per function (or inlined instance): the lowest address of the line;
// - a location at a function's entry moves past the prologue when it is the
//   function's first row: to the first prologue_end row, else to the next statement
//   row (which optimised code often puts at the entry address itself).

import type { LineTable, LineTableRow } from './lineTable';

export interface FunctionSpan {
  /** Stable identity of the function (e.g. its DIE offset or symbol value). */
  readonly key: string;
  readonly name: string;
  readonly entry: number;
  /** Address ranges [low, high) of its code. */
  readonly ranges: readonly { readonly low: number; readonly high: number }[];
  /** Prologue skipping only applies to functions described by DWARF (not assembly labels). */
  readonly skipPrologue: boolean;
}

export interface FunctionLookup {
  /** The function whose code holds the address. */
  functionAt(address: number): FunctionSpan | undefined;
  /**
   * Identity of the innermost scope that should get its own location (an inlined
   * instance, else the function). Defaults to the function key.
   */
  scopeKeyAt?(address: number): string | undefined;
}

export interface LineLocation {
  readonly address: number;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

function isCandidate(row: LineTableRow): boolean {
  return row.isStmt && row.line > 0;
}

function inSpan(span: FunctionSpan, address: number): boolean {
  return span.ranges.some((range) => address >= range.low && address < range.high);
}

/**
 * The breakpoint locations for `line` in the given files (DWARF paths already matched
 * to the user's file).
 */
export function locationsForLine(table: LineTable, paths: readonly string[], line: number, functions: FunctionLookup): LineLocation[] {
  const rows = paths.flatMap((path) => table.rowsOfPath(path)).filter(isCandidate);
  if (rows.length === 0) return [];
  // Looked up on demand: a large file has hundreds of thousands of rows, and a line with
  // code only needs the functions of its own rows (issue 7, launch time).
  const functionOf = memoizedFunctionLookup(functions);

  let lineRows = rows.filter((row) => row.line === line);
  if (lineRows.length === 0) lineRows = rowsOfNextLineWithCode(rows, line, functionOf);
  if (lineRows.length === 0) return [];

  // One location per scope: the lowest address.
  const byScope = new Map<string, LineTableRow>();
  for (const row of lineRows) {
    const scope = functions.scopeKeyAt?.(row.address) ?? functionOf.get(row)?.key ?? `no function:${row.path}`;
    const previous = byScope.get(scope);
    if (!previous || row.address < previous.address) byScope.set(scope, row);
  }

  const locations = new Map<number, LineLocation>();
  for (const row of byScope.values()) {
    const placed = afterPrologue(row, functionOf.get(row));
    if (!locations.has(placed.address)) {
      locations.set(placed.address, { address: placed.address, path: placed.path, line: placed.line, column: placed.column });
    }
  }
  return [...locations.values()].sort((a, b) => a.address - b.address);
}

/** The function of a line-table row, or undefined outside any function. */
interface RowFunctionLookup {
  get(row: LineTableRow): FunctionSpan | undefined;
}

function memoizedFunctionLookup(functions: FunctionLookup): RowFunctionLookup {
  const known = new Map<LineTableRow, FunctionSpan | undefined>();
  return {
    get(row) {
      if (known.has(row)) return known.get(row);
      const span = functions.functionAt(row.address);
      known.set(row, span);
      return span;
    },
  };
}

/** The rows of the next line after `line` that has code, within the enclosing function if any. */
function rowsOfNextLineWithCode(
  rows: readonly LineTableRow[],
  line: number,
  functionOf: RowFunctionLookup,
): LineTableRow[] {
  const enclosing = enclosingFunction(rows, line, functionOf);
  const pool = enclosing ? rows.filter((row) => functionOf.get(row)?.key === enclosing) : rows;
  let nextLine = Infinity;
  for (const row of pool) if (row.line > line && row.line < nextLine) nextLine = row.line;
  return pool.filter((row) => row.line === nextLine);
}

/**
 * The key of the function whose line span (first to last line of its rows in these
 * files) encloses `line`; the narrowest one when spans nest.
 */
function enclosingFunction(
  rows: readonly LineTableRow[],
  line: number,
  functionOf: RowFunctionLookup,
): string | undefined {
  const spans = new Map<string, { first: number; last: number }>();
  for (const row of rows) {
    const key = functionOf.get(row)?.key;
    if (!key) continue;
    const span = spans.get(key);
    if (!span) spans.set(key, { first: row.line, last: row.line });
    else {
      span.first = Math.min(span.first, row.line);
      span.last = Math.max(span.last, row.line);
    }
  }
  let best: string | undefined;
  let bestWidth = Infinity;
  for (const [key, span] of spans) {
    if (line > span.first && line < span.last && span.last - span.first < bestWidth) {
      best = key;
      bestWidth = span.last - span.first;
    }
  }
  return best;
}

function afterPrologue(row: LineTableRow, span: FunctionSpan | undefined): LineTableRow {
  if (!span || !span.skipPrologue || row.address !== span.entry) return row;
  const rows = row.sequence.rows;
  // A later row at the entry (a statement the user picked in optimised code) stays put.
  if (row.index > 0 && rows[row.index - 1].address === span.entry) return row;
  const following = rows.slice(row.index + 1).filter((candidate) => inSpan(span, candidate.address));
  const prologueEnd = following.find((candidate) => candidate.prologueEnd && candidate.isStmt);
  if (prologueEnd) return prologueEnd;
  return following.find(isCandidate) ?? row;
}
