// What the debugger needs to know about the program: functions, source lines and
// call-frame unwinding. The adapter builds it from src/symbols (ELF symbols, DWARF
// line tables, CFI); a program without debug information gives a sparser one.

export interface FunctionInfo {
  name: string;
  /** Entry address. */
  start: number;
  /** One past the last byte (start + size; start + 4 when the size is unknown). */
  end: number;
}

export interface LineInfo {
  /** DWARF path of the source file. */
  path: string;
  line: number;
  column: number;
  /** Start address of the line-table row covering the address. */
  rowAddress: number;
  isStmt: boolean;
}

export interface ProgramSymbols {
  functionAt(address: number): FunctionInfo | undefined;
  functionByName(name: string): FunctionInfo | undefined;
  /** Name and offset for an address (`main`, `main+0x10`). */
  symbolize(address: number): string | undefined;
  /** The line-table row covering an address (line 0 rows included). */
  lineAt(address: number): LineInfo | undefined;
  /** Where a breakpoint on a function goes: past its prologue when DWARF describes it. */
  afterPrologue(entry: number): number;
  /** A data or function symbol by name (for console expressions). */
  symbolByName(name: string): { address: number; size: number; isFunction: boolean } | undefined;
}

/** Registers an unwinder works with: X0..X30, SP and PC of one frame. */
export interface FrameRegisters {
  pc: bigint;
  sp: bigint;
  /** X0..X30; undefined where the unwinder does not know the value. */
  x: (bigint | undefined)[];
}

export interface UnwindResult {
  /** The caller's registers. */
  caller: FrameRegisters;
  /** The canonical frame address of the frame that was unwound (its SP at the call). */
  cfa: bigint;
}

export interface CallFrameUnwinder {
  /**
   * The caller of `frame`, or undefined when the unwind table has no row for its PC
   * (the caller then falls back to the frame-pointer chain).
   */
  unwind(frame: FrameRegisters, readU64: (address: bigint) => bigint | undefined): UnwindResult | undefined;
}

/** A program with no symbols at all. */
export const NO_SYMBOLS: ProgramSymbols = {
  functionAt: () => undefined,
  functionByName: () => undefined,
  symbolize: () => undefined,
  lineAt: () => undefined,
  afterPrologue: entry => entry,
  symbolByName: () => undefined,
};
