// Where a breakpoint on "file:line" goes, following what source debuggers do:
// - only is_stmt rows count;
// - a line without code moves to the next line that has code, staying inside the
//   function whose lines enclose it (a line between functions moves to the next one);
// - one location per function (or inlined instance): the lowest address of the line;
// - a location at a function's entry moves past the prologue when it is the
//   function's first row: to the first prologue_end row, else to the next statement
//   row (which optimised code often puts at the entry address itself).

import type { LineTable, LineTableRow, StatementRows } from './lineTable';

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
  /** functionAt(address)?.key, when that is cheaper (a line without code asks it for every row of the file). */
  functionKeyAt?(address: number): string | undefined;
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

function inSpan(span: FunctionSpan, address: number): boolean {
  return span.ranges.some((range) => address >= range.low && address < range.high);
}

/**
 * The breakpoint locations for `line` in the given files (DWARF paths already matched
 * to the user's file).
 */
export function locationsForLine(table: LineTable, paths: readonly string[], line: number, functions: FunctionLookup): LineLocation[] {
  // Only statement rows count. A large file has hundreds of thousands: a line with code
  // makes objects of its own rows only and looks up only their functions (issue 7, launch time).
  const functionOf = memoizedFunctionLookup(functions);
  let lineRows = table.statementRowsOnLine(paths, line);
  if (lineRows.length === 0) {
    const rows = table.statementRows(paths);
    const keyAt = (address: number) => (functions.functionKeyAt ? functions.functionKeyAt(address) : functionOf.get(address)?.key);
    lineRows = rowsOfNextLineWithCode(rows, line, keyAt).map((k) => rows.row(k));
  }
  if (lineRows.length === 0) return [];

  // One location per scope: the lowest address.
  const byScope = new Map<string, LineTableRow>();
  for (const row of lineRows) {
    const scope = functions.scopeKeyAt?.(row.address) ?? functionOf.get(row.address)?.key ?? `no function:${row.path}`;
    const previous = byScope.get(scope);
    if (!previous || row.address < previous.address) byScope.set(scope, row);
  }

  const locations = new Map<number, LineLocation>();
  for (const row of byScope.values()) {
    const placed = afterPrologue(row, functionOf.get(row.address));
    if (!locations.has(placed.address)) {
      locations.set(placed.address, { address: placed.address, path: placed.path, line: placed.line, column: placed.column });
    }
  }
  return [...locations.values()].sort((a, b) => a.address - b.address);
}

/** The function at an address, or undefined outside any function. */
interface AddressFunctionLookup {
  get(address: number): FunctionSpan | undefined;
}

function memoizedFunctionLookup(functions: FunctionLookup): AddressFunctionLookup {
  const known = new Map<number, FunctionSpan | undefined>();
  return {
    get(address) {
      if (known.has(address)) return known.get(address);
      const span = functions.functionAt(address);
      known.set(address, span);
      return span;
    },
  };
}

/** The rows of the next line after `line` that has code, within the enclosing function if any. */
function rowsOfNextLineWithCode(rows: StatementRows, line: number, keyAt: (address: number) => string | undefined): number[] {
  const keys: (string | undefined)[] = [];
  for (let k = 0; k < rows.count; k++) keys.push(keyAt(rows.address(k)));
  const enclosing = enclosingFunction(rows, keys, line);
  const inPool = (k: number) => enclosing === undefined || keys[k] === enclosing;
  let nextLine = Infinity;
  for (let k = 0; k < rows.count; k++) {
    const rowLine = rows.line(k);
    if (rowLine > line && rowLine < nextLine && inPool(k)) nextLine = rowLine;
  }
  const found: number[] = [];
  for (let k = 0; k < rows.count; k++) if (rows.line(k) === nextLine && inPool(k)) found.push(k);
  return found;
}

/**
 * The key of the function whose line span (first to last line of its rows in these
 * files) encloses `line`; the narrowest one when spans nest. `keys` are the rows' functions.
 */
function enclosingFunction(rows: StatementRows, keys: readonly (string | undefined)[], line: number): string | undefined {
  const spans = new Map<string, { first: number; last: number }>();
  for (let k = 0; k < rows.count; k++) {
    const key = keys[k];
    if (!key) continue;
    const rowLine = rows.line(k);
    const span = spans.get(key);
    if (!span) spans.set(key, { first: rowLine, last: rowLine });
    else {
      span.first = Math.min(span.first, rowLine);
      span.last = Math.max(span.last, rowLine);
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
  const sequence = row.sequence;
  // A later row at the entry (a statement the user picked in optimised code) stays put.
  if (row.index > 0 && sequence.address(row.index - 1) === span.entry) return row;
  // The first prologue_end statement in the function after it, else its next statement.
  const spanEnd = Math.max(...span.ranges.map((range) => range.high));
  let nextStatement = -1;
  for (let i = row.index + 1; i < sequence.rowCount; i++) {
    const address = sequence.address(i);
    if (address >= spanEnd) break; // rows are in address order
    if (!inSpan(span, address) || !sequence.isStmt(i)) continue;
    if (sequence.prologueEnd(i)) return sequence.row(i);
    if (nextStatement < 0 && sequence.line(i) > 0) nextStatement = i;
  }
  return nextStatement >= 0 ? sequence.row(nextStatement) : row;
}
