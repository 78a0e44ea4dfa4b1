// The program as the session sees it: src/symbols' ProgramSymbols (ELF symbols, DWARF
// lines, functions, call frames) in the shapes the debugger needs (its ProgramSymbols
// and CallFrameUnwinder interfaces), plus source-path mapping for the session.

import { DWARF_REGISTER_PC } from '../symbols/unwinder';
import { ProgramSymbols as SymbolReader, loadProgramSymbols } from '../symbols/programSymbols';
import { ProgramValues } from '../symbols/values';
import type {
  CallFrameUnwinder, FrameRegisters, FunctionInfo, LineInfo, ProgramSymbols, UnwindResult,
} from '../debugger/programSymbols';

export interface ProgramInfoOptions {
  programPath?: string;
  /** DWARF path prefix -> local path prefix. */
  sourceMap?: Record<string, string>;
  /** Folders relative DWARF paths resolve against, in order (cwd, then the program's folder). */
  baseFolders?: string[];
}

export interface BreakpointLocation {
  address: number;
  dwarfPath: string;
  localPath?: string;
  line: number;
  column: number;
}

export class ProgramInfo implements ProgramSymbols {
  readonly reader: SymbolReader;
  private valueLayer: ProgramValues | undefined;

  constructor(bytes: Uint8Array, options: ProgramInfoOptions = {}) {
    this.reader = loadProgramSymbols(bytes, {
      programPath: options.programPath,
      sourceMap: options.sourceMap,
      baseFolders: options.baseFolders,
    });
  }

  get warnings(): readonly string[] {
    return this.reader.warnings;
  }

  /** The warnings found while loading, without reading the parts loaded on first use (line table, call frames). */
  get warningsSoFar(): readonly string[] {
    return this.reader.warningsWithoutLoading;
  }

  // ---- Functions and symbols ---------------------------------------------------------------

  functionAt(address: number): FunctionInfo | undefined {
    const fn = this.reader.functionAt(address);
    if (!fn) return undefined;
    const range = fn.ranges.find(r => address >= r.low && address < r.high) ?? fn.ranges[0];
    return { name: fn.name, start: fn.entry, end: range ? range.high : fn.entry + 4 };
  }

  functionByName(name: string): FunctionInfo | undefined {
    const entry = this.reader.addressOfFunction(name);
    if (entry === undefined) return undefined;
    const fn = this.reader.functionAt(entry);
    const range = fn?.ranges.find(r => entry >= r.low && entry < r.high);
    return { name, start: entry, end: range ? range.high : entry + 4 };
  }

  symbolize(address: number): string | undefined {
    const named = this.reader.symbols.formatAddress(address);
    if (named) return named;
    const fn = this.reader.functionAt(address);
    if (!fn) return undefined;
    return address === fn.entry ? fn.name : `${fn.name}+0x${(address - fn.entry).toString(16)}`;
  }

  symbolByName(name: string): { address: number; size: number; isFunction: boolean } | undefined {
    const symbol = this.reader.symbolByName(name);
    if (symbol) return { address: symbol.value, size: symbol.size, isFunction: symbol.type === 'FUNC' || symbol.type === 'IFUNC' };
    const entry = this.reader.addressOfFunction(name);
    return entry === undefined ? undefined : { address: entry, size: 0, isFunction: true };
  }

  afterPrologue(entry: number): number {
    const fn = this.reader.functionAt(entry);
    const location = this.reader.locationForAddress(entry);
    if (!fn || fn.entry !== entry || !location) return entry;
    const placed = this.reader.addressesForLine(location.dwarfPath, location.line)
      .find(l => this.reader.functionAt(l.address)?.entry === entry);
    return placed ? placed.address : entry;
  }

  /** The C value layer for this program (scopes, values, expressions), made on first use. */
  get values(): ProgramValues {
    return (this.valueLayer ??= new ProgramValues(this.reader));
  }

  // ---- Lines -------------------------------------------------------------------------------

  lineAt(address: number): LineInfo | undefined {
    const location = this.reader.locationForAddress(address);
    if (!location) return undefined;
    return { path: location.dwarfPath, line: location.line, column: location.column, rowAddress: location.rowAddress, isStmt: location.isStmt };
  }

  /** Where a breakpoint on `sourcePath:line` goes (empty when no code belongs to it). */
  breakpointLocations(sourcePath: string, line: number): BreakpointLocation[] {
    return this.reader.addressesForLine(sourcePath, line);
  }

  /** The local file of a DWARF path, when it exists on this machine. */
  localPath(dwarfPath: string): string | undefined {
    return this.reader.localPathOf(dwarfPath);
  }

  // ---- Unwinding (CFI, else prologue analysis, else LR / frame pointer) -----------------------

  readonly unwinder: CallFrameUnwinder = {
    unwind: (frame: FrameRegisters, readU64: (address: bigint) => bigint | undefined): UnwindResult | undefined => {
      const result = this.reader.unwind(
        Number(frame.pc),
        register => (register <= 30 ? frame.x[register] : register === 31 ? frame.sp : register === DWARF_REGISTER_PC ? frame.pc : undefined),
        address => readU64(BigInt(address)),
      );
      if (!result) return undefined;
      const x: (bigint | undefined)[] = [];
      for (let n = 0; n <= 30; n++) x.push(result.readRegister(n));
      const fp = frame.x[29];
      // The frame-pointer rule does not know the caller's SP; the frame record is at least 16 bytes below it.
      const cfa = result.cfa !== undefined ? BigInt(result.cfa) : fp !== undefined ? fp + 16n : frame.sp;
      return { caller: { pc: BigInt(result.pc), sp: cfa, x }, cfa };
    },
  };
}
