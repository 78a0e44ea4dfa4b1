// The one entry point the loader, the debugger and the adapter use: everything the
// ELF file says about the program (segments, symbols, lines, call frames, functions,
// variables and types). Loading throws only ElfError, for a file that cannot be
// loaded at all; anything wrong in symbols or DWARF becomes a line in `warnings`.

import * as path from 'path';
import { CallFrameTable, UnwindRow } from './callFrameInformation';
import { CompilationUnit } from './debugInfoEntries';
import { DebugInfo, DwarfFunction, ScopeFrame, VariableInfo } from './debugInfo';
import { DwarfFormatError, hex } from './dwarfReader';
import { LineProgram, LineRowStore, nextLineProgramOffset, parseLineProgram } from './dwarfLineProgram';
import { DwarfSections, dwarfSectionsFromElf } from './dwarfSections';
import { DwarfType, describeType } from './dwarfTypes';
import { ElfFile, ElfLoadOptions, ProgramHeader, parseElf } from './elfFile';
import { ElfSymbol, SymbolTable } from './elfSymbols';
import { FunctionLookup, FunctionSpan, locationsForLine } from './lineBreakpoints';
import { LineTable } from './lineTable';
import { EvaluatedLocation, ExpressionContext, ExpressionError, evaluateLocation, evaluateValue } from './locationExpression';
import { SourcePathResolver, commonSuffixLength, normalizeDwarfPath, pathSuffixMatches } from './sourcePaths';
import { Memory64Reader, RegisterReader, UnwoundFrame, unwind } from './unwinder';
import { analyzePrologue } from './prologueAnalysis';

export interface ProgramSymbolsOptions extends ElfLoadOptions {
  /** Path of the ELF file: its folder is a base folder for relative source paths. */
  readonly programPath?: string;
  /** DWARF path prefix -> local path prefix (like VS Code's "sourceFileMap"). */
  readonly sourceMap?: Readonly<Record<string, string>>;
  /** Folders for relative DWARF paths; default: the current directory, then the program's folder. */
  readonly baseFolders?: readonly string[];
  /** Overridable for tests; defaults to fs.existsSync. */
  readonly fileExists?: (localPath: string) => boolean;
}

export interface FunctionInfo {
  readonly name: string;
  readonly entry: number;
  readonly ranges: readonly { readonly low: number; readonly high: number }[];
  /** 'dwarf' when described by .debug_info, 'symbol' when only the symbol table knows it. */
  readonly source: 'dwarf' | 'symbol';
  readonly declPath?: string;
  readonly declLine?: number;
  readonly dwarf?: DwarfFunction;
  readonly symbol?: ElfSymbol;
}

export interface SourceFileInfo {
  readonly dwarfPath: string;
  /** The local file, when one exists (sourceMap and base folders applied). */
  readonly localPath?: string;
}

export interface SourcePosition {
  readonly dwarfPath: string;
  readonly localPath?: string;
  readonly line: number;
  readonly column: number;
}

export interface AddressLocation extends SourcePosition {
  /** Start of the line-table row that covers the address. */
  readonly rowAddress: number;
  readonly isStmt: boolean;
}

export interface LineBreakpointLocation extends SourcePosition {
  readonly address: number;
}

export interface FunctionLineRange {
  readonly dwarfPath: string;
  readonly firstLine: number;
  readonly lastLine: number;
}

export interface FrameContext {
  readRegister: RegisterReader;
  /** Little-endian memory reads of 1-8 bytes. */
  readMemory(address: bigint, size: number): bigint | undefined;
  /** The frame's CFA when the caller already knows it (from unwinding). */
  readonly cfa?: bigint;
  /** Resolves DW_OP_entry_value (see ExpressionContext.entryValue); without it entry values are unavailable. */
  entryValue?(expression: Uint8Array): bigint | undefined;
}

interface LineProgramDirectory {
  /** .debug_line offsets of the programs, ascending. */
  readonly offsets: readonly number[];
  readonly compDirs: ReadonlyMap<number, string | undefined>;
  readonly unitsByOffset: ReadonlyMap<number, readonly CompilationUnit[]>;
}

export class ProgramSymbols {
  readonly symbols: SymbolTable;
  readonly sections: DwarfSections;
  readonly debugInfo: DebugInfo;
  /** Warnings found so far, without forcing the deferred parts (line table, call frames) to load. */
  private readonly warningsSoFar: string[];
  private lineTableCache: LineTable | undefined;
  private callFramesCache: CallFrameTable | undefined;
  private readingLinePrograms = false;
  /** Where the line programs are (found at load); undefined when finding them failed. */
  private readonly linePrograms: LineProgramDirectory | undefined;
  readonly sourcePaths: SourcePathResolver;
  private readonly filePathsByUnit = new Map<CompilationUnit, readonly (string | undefined)[]>();
  private functionsCache: FunctionInfo[] | undefined;

  constructor(readonly elf: ElfFile, options: ProgramSymbolsOptions = {}) {
    this.warningsSoFar = elf.warnings;
    const warnings = this.warningsSoFar;
    this.symbols = guarded(warnings, 'symbol table', () => SymbolTable.fromElf(elf, warnings), () => new SymbolTable([]));
    this.sections = dwarfSectionsFromElf(elf);
    this.debugInfo = new DebugInfo(this.sections, warnings, {
      filePathsOf: (unit) => {
        // File paths come from the unit's line program: reading the line table fills them in.
        if (!this.readingLinePrograms) void this.lineTable;
        return this.filePathsByUnit.get(unit);
      },
      isCodeAddress: (address) => elf.isExecutableAddress(address),
    });
    this.readingLinePrograms = true;
    try {
      this.linePrograms = guarded(warnings, '.debug_line', () => this.findLinePrograms(), () => undefined);
    } finally {
      this.readingLinePrograms = false;
    }
    const programFolder = options.programPath ? path.dirname(path.resolve(options.programPath)) : undefined;
    this.sourcePaths = new SourcePathResolver({
      sourceMap: options.sourceMap,
      baseFolders: options.baseFolders ?? [process.cwd(), ...(programFolder ? [programFolder] : [])],
      fileExists: options.fileExists,
    });
  }

  /**
   * Everything found wrong in symbols and DWARF. Reading it loads the deferred parts
   * (line table, call frames) so that their warnings are included.
   */
  get warnings(): string[] {
    void this.lineTable;
    void this.callFrames;
    return this.warningsSoFar;
  }

  /** Warnings found so far, without loading anything that is still deferred. */
  get warningsWithoutLoading(): readonly string[] {
    return this.warningsSoFar;
  }

  /** The .debug_line rows of all units, read on first use (large programs launch faster). */
  get lineTable(): LineTable {
    if (!this.lineTableCache) {
      this.readingLinePrograms = true;
      try {
        const directory = this.linePrograms;
        const programs = directory ? guarded(this.warningsSoFar, '.debug_line', () => this.readLinePrograms(directory), () => []) : [];
        this.lineTableCache = new LineTable(programs, (address) => this.elf.isExecutableAddress(address));
      } finally {
        this.readingLinePrograms = false;
      }
    }
    return this.lineTableCache;
  }

  /** .debug_frame / .eh_frame, read on first use. */
  get callFrames(): CallFrameTable {
    this.callFramesCache ??= guarded(
      this.warningsSoFar,
      'call frame information',
      () => CallFrameTable.parse({ frame: this.sections.frame, ehFrame: this.sections.ehFrame, ehFrameAddress: this.sections.ehFrameAddress }, this.warningsSoFar),
      () => new CallFrameTable([]),
    );
    return this.callFramesCache;
  }

  get entryPoint(): number {
    return this.elf.entryPoint;
  }

  get loadSegments(): ProgramHeader[] {
    return this.elf.loadSegments;
  }

  // ---- symbols and functions ----

  symbolByName(name: string): ElfSymbol | undefined {
    return this.symbols.byName(name);
  }

  /** Entry address of a function by name: DWARF first (it knows static functions per file), then symbols. */
  addressOfFunction(name: string): number | undefined {
    return this.safely(() => this.debugInfo.functionsNamed(name)[0]?.entry) ?? this.symbols.byName(name)?.value;
  }

  /** "main+0x10", or the hex address when no symbol names it. */
  formatAddress(address: number): string {
    return this.symbols.formatAddress(address) ?? this.functionAt(address)?.name ?? hex(address);
  }

  /** Functions from DWARF, plus those only the symbol table knows (assembly, libraries without -g). */
  functions(): readonly FunctionInfo[] {
    if (!this.functionsCache) {
      const result: FunctionInfo[] = [];
      const dwarfEntries = new Set<number>();
      for (const fn of this.safely(() => this.debugInfo.functions()) ?? []) {
        dwarfEntries.add(fn.entry);
        result.push(new DwarfFunctionInfo(fn));
      }
      for (const symbol of this.symbols.functions()) {
        if (dwarfEntries.has(symbol.value) || !this.elf.isExecutableAddress(symbol.value)) continue;
        result.push({ name: symbol.name, entry: symbol.value, ranges: symbol.size > 0 ? [{ low: symbol.value, high: symbol.value + symbol.size }] : [], source: 'symbol', symbol });
      }
      this.functionsCache = result.sort((a, b) => a.entry - b.entry);
    }
    return this.functionsCache;
  }

  functionAt(address: number): FunctionInfo | undefined {
    const fn = this.safely(() => this.debugInfo.functionAt(address));
    if (fn) return new DwarfFunctionInfo(fn);
    const symbol = this.symbols.functionContaining(address);
    if (symbol) return { name: symbol.name, entry: symbol.value, ranges: [{ low: symbol.value, high: symbol.value + symbol.size }], source: 'symbol', symbol };
    return undefined;
  }

  /** The source lines a function's code covers (in its own file). */
  functionLineRange(fn: FunctionInfo): FunctionLineRange | undefined {
    let dwarfPath = fn.declPath;
    let firstLine = fn.declLine ?? Infinity;
    let lastLine = fn.declLine ?? -Infinity;
    for (const range of fn.ranges) {
      for (const row of this.lineTable.rowsInRange(range.low, range.high)) {
        if (row.line === 0) continue;
        dwarfPath ??= row.path;
        if (row.path !== dwarfPath) continue;
        firstLine = Math.min(firstLine, row.line);
        lastLine = Math.max(lastLine, row.line);
      }
    }
    if (!dwarfPath || !Number.isFinite(firstLine)) return undefined;
    return { dwarfPath, firstLine, lastLine };
  }

  // ---- source lines ----

  sourceFiles(): SourceFileInfo[] {
    return this.lineTable
      .paths()
      .sort()
      .map((dwarfPath) => ({ dwarfPath, localPath: this.sourcePaths.toLocal(dwarfPath) }));
  }

  localPathOf(dwarfPath: string): string | undefined {
    return this.sourcePaths.toLocal(dwarfPath);
  }

  locationForAddress(address: number): AddressLocation | undefined {
    const location = this.lineTable.locationForAddress(address);
    if (!location) return undefined;
    return {
      dwarfPath: location.path,
      localPath: this.sourcePaths.toLocal(location.path),
      line: location.line,
      column: location.column,
      rowAddress: location.rowAddress,
      isStmt: location.isStmt,
    };
  }

  /** DWARF paths of the line table that name the user's file (exact local match first, else by trailing components). */
  matchSourcePath(userPath: string): string[] {
    const paths = this.lineTable.paths();
    const wanted = normalizeDwarfPath(userPath);
    const exact = paths.filter((dwarfPath) => {
      const local = this.sourcePaths.toLocal(dwarfPath);
      return local !== undefined && normalizeDwarfPath(local) === wanted;
    });
    if (exact.length > 0) return exact;
    const queries = [...new Set([wanted, this.sourcePaths.toDwarf(userPath)])];
    let best: string[] = [];
    let bestLength = 0;
    for (const dwarfPath of paths) {
      for (const query of queries) {
        if (!pathSuffixMatches(dwarfPath, query)) continue;
        const length = commonSuffixLength(dwarfPath, query);
        if (length > bestLength) {
          best = [dwarfPath];
          bestLength = length;
        } else if (length === bestLength && !best.includes(dwarfPath)) {
          best.push(dwarfPath);
        }
      }
    }
    return best;
  }

  /**
   * Breakpoint addresses for `line` of a source file (any of "hello.c", "./hello.c",
   * "/abs/path/hello.c"). A line without code moves to the next line with code in the
   * same function; a function's first line moves past its prologue. Each location says
   * the line it really landed on.
   */
  addressesForLine(sourcePath: string, line: number): LineBreakpointLocation[] {
    const paths = this.matchSourcePath(sourcePath);
    if (paths.length === 0) return [];
    const keys = new Map<number, string>();
    const lookup: FunctionLookup = {
      functionAt: (address) => this.functionSpanAt(address),
      functionKeyAt: (address) => {
        // The key functionSpanAt gives, one string per function.
        const entry = this.safely(() => this.debugInfo.entryOfFunctionAt(address));
        if (entry === undefined) return this.functionSpanAt(address)?.key;
        let key = keys.get(entry);
        if (key === undefined) keys.set(entry, (key = `dwarf:${entry}`));
        return key;
      },
      scopeKeyAt: (address) => {
        const inlined = this.safely(() => this.debugInfo.inlinedCallsAt(address));
        return inlined && inlined.length > 0 ? inlined[inlined.length - 1].key : undefined;
      },
    };
    const locations = this.safely(() => locationsForLine(this.lineTable, paths, line, lookup)) ?? [];
    return locations.map((location) => ({
      address: location.address,
      dwarfPath: location.path,
      localPath: this.sourcePaths.toLocal(location.path),
      line: location.line,
      column: location.column,
    }));
  }

  private functionSpanAt(address: number): FunctionSpan | undefined {
    // As functionAt, without making a FunctionInfo: a breakpoint on a line without code asks this for every row of the file.
    const fn = this.safely(() => this.debugInfo.functionAt(address));
    if (fn) return { key: `dwarf:${fn.entry}`, name: fn.name, entry: fn.entry, ranges: fn.ranges, skipPrologue: !fn.fromAssembly };
    const symbol = this.symbols.functionContaining(address);
    if (!symbol) return undefined;
    return { key: `symbol:${symbol.value}`, name: symbol.name, entry: symbol.value, ranges: [{ low: symbol.value, high: symbol.value + symbol.size }], skipPrologue: false };
  }

  // ---- call frames ----

  /** The CFI row in force at a PC (CFA rule and saved registers), from CFI or prologue analysis. */
  unwindRow(pc: number): UnwindRow | undefined {
    return this.callFrames.rowFor(pc, this.warningsSoFar) ?? this.prologueRow(pc);
  }

  /** The caller's registers, from CFI, else prologue analysis, else the entry/frame-pointer rules. */
  unwind(pc: number, readRegister: RegisterReader, readMemory64: Memory64Reader): UnwoundFrame | undefined {
    return unwind(pc, readRegister, readMemory64, {
      rowFor: (address) => this.unwindRow(address),
      isFunctionEntry: (address) => this.functionAt(address)?.entry === address,
    });
  }

  /** The CFA at a PC: SP/X29 plus the offset the CFI (or prologue analysis) gives. */
  canonicalFrameAddress(pc: number, readRegister: RegisterReader): bigint | undefined {
    const row = this.unwindRow(pc);
    if (!row) return undefined;
    if (row.cfa.kind === 'registerOffset') {
      const base = readRegister(row.cfa.register);
      return base === undefined ? undefined : BigInt.asUintN(64, base + BigInt(row.cfa.offset));
    }
    try {
      return evaluateValue(row.cfa.expression, { readRegister, readMemory: () => undefined });
    } catch (error) {
      if (error instanceof ExpressionError) return undefined;
      throw error;
    }
  }

  private prologueRow(pc: number): UnwindRow | undefined {
    const fn = this.functionAt(pc);
    if (!fn) return undefined;
    const range = fn.ranges.find((candidate) => pc >= candidate.low && pc < candidate.high) ?? fn.ranges[0];
    if (!range || fn.entry > pc) return undefined;
    const code = this.codeBytes(fn.entry, Math.min(pc, range.high) - fn.entry);
    return code ? analyzePrologue(code, fn.entry, pc, range.high) : undefined;
  }

  private codeBytes(address: number, length: number): Uint8Array | undefined {
    const segment = this.elf.segmentContaining(address);
    if (!segment || address + length > segment.virtualAddress + segment.fileSize) return undefined;
    const start = segment.offset + (address - segment.virtualAddress);
    return this.elf.bytes.subarray(start, start + length);
  }

  // ---- functions, variables and types ----

  /** Source-level frames at a PC, innermost first (inlined calls, then the function). */
  framesAt(pc: number): ScopeFrame[] {
    return this.safely(() => this.debugInfo.framesAt(pc)) ?? [];
  }

  /** Global and file-static variables; `includeOptimizedOut` adds those the compiler removed (shown as <optimized out>). */
  globals(includeOptimizedOut = false): VariableInfo[] {
    return this.safely(() => this.debugInfo.globals(includeOptimizedOut)) ?? [];
  }

  /** Where a variable lives at `pc` in `frame` (memory address, register, value, pieces or unavailable). */
  locateVariable(variable: VariableInfo, frame: ScopeFrame | undefined, pc: number, context: FrameContext): EvaluatedLocation {
    return (
      this.safely(() => this.evaluateVariableLocation(variable, frame, pc, context)) ?? {
        pieces: [{ part: { kind: 'unavailable', reason: 'the debug information for this variable is corrupt' } }],
      }
    );
  }

  private evaluateVariableLocation(variable: VariableInfo, frame: ScopeFrame | undefined, pc: number, context: FrameContext): EvaluatedLocation {
    const location = variable.location;
    if (location.kind === 'constant') {
      const value = location.value;
      if (typeof value === 'bigint') return { pieces: [{ part: { kind: 'value', value } }] };
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      return { pieces: [{ part: { kind: 'implicit', bytes } }] };
    }
    const expression = this.debugInfo.expressionAt(location, pc);
    if (!expression) return { pieces: [{ part: { kind: 'unavailable', reason: 'optimized out' } }] };
    const unit = variable.entryDie.unit;
    let cfa: bigint | undefined | null = context.cfa ?? null;
    const callFrameCfa = () => {
      if (cfa === null) cfa = this.canonicalFrameAddress(pc, context.readRegister);
      return cfa;
    };
    const base: Omit<ExpressionContext, 'frameBase'> = {
      addressSize: unit.addressSize,
      format: unit.format,
      readRegister: context.readRegister,
      readMemory: (address, size) => context.readMemory(address, size),
      callFrameCfa,
      addressAt: (index) => unit.guard(() => unit.addressAtIndex(index)),
      entryValue: context.entryValue ? (block) => context.entryValue!(block) : undefined,
    };
    const frameBase = () => {
      if (!frame) return undefined;
      const frameBaseExpression = this.debugInfo.frameBaseAt(frame.function, pc);
      if (!frameBaseExpression) return undefined;
      try {
        return evaluateValue(frameBaseExpression, base);
      } catch (error) {
        if (error instanceof ExpressionError) return undefined;
        throw error;
      }
    };
    try {
      return evaluateLocation(expression, { ...base, frameBase });
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      return { pieces: [{ part: { kind: 'unavailable', reason: error.message } }] };
    }
  }

  describeType(type: DwarfType): string {
    return describeType(type);
  }

  // ---- internals ----

  /**
   * Finds the line programs without running them: the units' DW_AT_stmt_list and a walk
   * over the section's unit lengths. Cheap, so it runs at load and reports a broken
   * .debug_line or .debug_info right away; the programs themselves run on first use.
   */
  private findLinePrograms(): LineProgramDirectory {
    const compDirs = new Map<number, string | undefined>();
    const unitsByOffset = new Map<number, CompilationUnit[]>();
    const section = this.sections.line;
    if (!section) return { offsets: [], compDirs, unitsByOffset };
    for (const info of this.safely(() => this.debugInfo.compileUnits()) ?? []) {
      if (info.lineProgramOffset === undefined) continue;
      compDirs.set(info.lineProgramOffset, info.compilationDirectory);
      const list = unitsByOffset.get(info.lineProgramOffset) ?? [];
      list.push(info.unit);
      unitsByOffset.set(info.lineProgramOffset, list);
    }
    // Walk the section too: programs that no unit names (no .debug_info) still count.
    const offsets = new Set<number>(compDirs.keys());
    try {
      for (let offset = 0; offset < section.length; offset = nextLineProgramOffset(section, offset)) offsets.add(offset);
    } catch (error) {
      if (!(error instanceof DwarfFormatError)) throw error;
      this.warningsSoFar.push(`.debug_line: ${error.message}; line programs after it are found only through .debug_info`);
    }
    return { offsets: [...offsets].sort((a, b) => a - b), compDirs, unitsByOffset };
  }

  private readLinePrograms(directory: LineProgramDirectory): LineProgram[] {
    const section = this.sections.line;
    if (!section) return [];
    const programs: LineProgram[] = [];
    const rows = new LineRowStore(section.length);
    for (const offset of directory.offsets) {
      try {
        const program = parseLineProgram(section, offset, this.sections, directory.compDirs.get(offset), this.warningsSoFar, rows);
        programs.push(program);
        for (const unit of directory.unitsByOffset.get(offset) ?? []) this.filePathsByUnit.set(unit, program.filePaths);
      } catch (error) {
        if (!(error instanceof DwarfFormatError)) throw error;
        this.warningsSoFar.push(`.debug_line: line program at ${hex(offset)}: ${error.message}`);
      }
    }
    rows.trim();
    return programs;
  }

  /** Runs a DWARF query; a format error becomes a warning and undefined. */
  private safely<T>(query: () => T): T | undefined {
    try {
      return query();
    } catch (error) {
      if (!(error instanceof DwarfFormatError) && !(error instanceof RangeError) && !(error instanceof TypeError)) throw error;
      this.warningsSoFar.push(`debug information: ${error.message}`);
      return undefined;
    }
  }
}

/** A DWARF function as FunctionInfo; where it is declared is read only when asked for (it needs the function's DIE). */
class DwarfFunctionInfo implements FunctionInfo {
  readonly name: string;
  readonly entry: number;
  readonly ranges: readonly { readonly low: number; readonly high: number }[];
  readonly source = 'dwarf';

  constructor(readonly dwarf: DwarfFunction) {
    this.name = dwarf.name;
    this.entry = dwarf.entry;
    this.ranges = dwarf.ranges;
  }

  get declPath(): string | undefined {
    return this.dwarf.declPath;
  }

  get declLine(): number | undefined {
    return this.dwarf.declLine;
  }
}

function guarded<T>(warnings: string[], what: string, read: () => T, fallback: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    warnings.push(`${what}: ${error.message}; ignored`);
    return fallback();
  }
}

/**
 * Loads the symbols and debug information of an AArch64 ELF64 executable. Throws
 * ElfError only when the file cannot be loaded at all; problems in symbol tables or
 * DWARF end up in `warnings`.
 */
export function loadProgramSymbols(bytes: Uint8Array, options: ProgramSymbolsOptions = {}): ProgramSymbols {
  const elf = parseElf(bytes, options);
  return new ProgramSymbols(elf, options);
}

