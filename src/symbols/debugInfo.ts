// The program as .debug_info describes it: functions with their code ranges, inlined
// calls (with the call site), lexical blocks, and the variables and parameters
// visible at a PC with their location descriptions and types.

import { CompilationUnit, DebugInfoEntry, DebugInfoReader } from './debugInfoEntries';
import { NO_DIE } from './dieLayout';
import { DwarfFunction, FunctionIndex } from './functionIndex';
import {
  DW_AT_call_column,
  DW_AT_call_file,
  DW_AT_call_line,
  DW_AT_comp_dir,
  DW_AT_const_value,
  DW_AT_decl_file,
  DW_AT_decl_line,
  DW_AT_declaration,
  DW_AT_entry_pc,
  DW_AT_frame_base,
  DW_AT_location,
  DW_AT_name,
  DW_AT_producer,
  DW_AT_specification,
  DW_AT_stmt_list,
  DW_AT_type,
  DW_TAG_formal_parameter,
  DW_TAG_inlined_subroutine,
  DW_TAG_lexical_block,
  DW_TAG_namespace,
  DW_TAG_variable,
} from './dwarfConstants';
import type { DwarfSections } from './dwarfSections';
import { LocationList, expressionAt, readLocationList } from './locationLists';
import type { AddressRange } from './rangeLists';
import { DwarfType, TypeResolver } from './dwarfTypes';
import { FormValue } from './dwarfForms';
import { hex } from './dwarfReader';

export type { DwarfFunction } from './functionIndex';

export interface InlinedCall {
  readonly key: string;
  /** Name of the inlined function. */
  readonly name: string;
  readonly ranges: readonly AddressRange[];
  readonly entry: number;
  /** The call site in the caller. */
  readonly callPath?: string;
  readonly callLine?: number;
  readonly callColumn?: number;
  readonly entryDie: DebugInfoEntry;
}

export type VariableLocation =
  | { readonly kind: 'expression'; readonly expression: Uint8Array }
  | { readonly kind: 'list'; readonly list: LocationList }
  /** DW_AT_const_value: the value itself (integers as bigint, other data as bytes). */
  | { readonly kind: 'constant'; readonly value: bigint | Uint8Array | string }
  /** No location: optimised out. */
  | { readonly kind: 'none' };

export interface VariableInfo {
  readonly name: string;
  readonly kind: 'parameter' | 'local' | 'global';
  readonly type: DwarfType;
  readonly declPath?: string;
  readonly declLine?: number;
  readonly location: VariableLocation;
  readonly entryDie: DebugInfoEntry;
}

/** One source-level frame at a PC: the function itself, or a call inlined into it. */
export interface ScopeFrame {
  readonly kind: 'function' | 'inlined';
  readonly name: string;
  /** The concrete function that holds the code (its frame base applies to inlined frames too). */
  readonly function: DwarfFunction;
  /** For inlined frames: the call. */
  readonly inlined?: InlinedCall;
  /** Parameters first, then locals of the blocks that hold the PC (inner names hide outer ones). */
  readonly variables: readonly VariableInfo[];
}

export interface CompileUnitInfo {
  readonly name?: string;
  readonly compilationDirectory?: string;
  readonly producer?: string;
  readonly lineProgramOffset?: number;
  readonly version: number;
  readonly unit: CompilationUnit;
}

export interface DebugInfoOptions {
  /** DWARF paths of a unit's line-program files, indexed by DWARF file number. */
  readonly filePathsOf?: (unit: CompilationUnit) => readonly (string | undefined)[] | undefined;
  /** Keeps functions whose entry is in loadable code (linkers leave discarded ones at 0). */
  readonly isCodeAddress?: (address: number) => boolean;
}

export class DebugInfo {
  readonly reader: DebugInfoReader;
  readonly types = new TypeResolver();
  private functionIndexCache: FunctionIndex | undefined;
  private readonly isCodeAddress: (address: number) => boolean;

  constructor(readonly sections: DwarfSections, readonly warnings: string[], private readonly options: DebugInfoOptions = {}) {
    this.reader = new DebugInfoReader(sections, warnings);
    this.isCodeAddress = options.isCodeAddress ?? (() => true);
  }

  compileUnits(): CompileUnitInfo[] {
    const result: CompileUnitInfo[] = [];
    for (const unit of this.reader.units) {
      const entry = unit.unitEntry();
      if (!entry) continue;
      const stmtList = entry.raw(DW_AT_stmt_list);
      result.push({
        name: entry.string(DW_AT_name),
        compilationDirectory: entry.string(DW_AT_comp_dir),
        producer: entry.string(DW_AT_producer),
        lineProgramOffset: stmtList?.kind === 'sectionOffset' || stmtList?.kind === 'constant' ? stmtList.value : undefined,
        version: unit.version,
        unit,
      });
    }
    return result;
  }

  /** Concrete functions (with code), sorted by entry address. */
  functions(): readonly DwarfFunction[] {
    return this.functionIndex().functions();
  }

  functionAt(address: number): DwarfFunction | undefined {
    return this.functionIndex().functionAt(address);
  }

  /** functionAt(address)?.entry, without making the function's object (for questions about many addresses). */
  entryOfFunctionAt(address: number): number | undefined {
    return this.functionIndex().entryOfFunctionAt(address);
  }

  /** Functions whose name or linkage name is `name`, in entry order. */
  functionsNamed(name: string): DwarfFunction[] {
    return this.functionIndex().functionsNamed(name);
  }

  private functionIndex(): FunctionIndex {
    this.functionIndexCache ??= new FunctionIndex(this.reader.units, {
      isCodeAddress: this.isCodeAddress,
      filePath: (unit, fileNumber) => this.filePath(unit, fileNumber),
    });
    return this.functionIndexCache;
  }

  /**
   * The source-level frames at a PC, innermost first: inlined calls (deepest first),
   * then the function that holds the code.
   */
  framesAt(address: number): ScopeFrame[] {
    const fn = this.functionAt(address);
    if (!fn) return [];
    const chain = this.scopeChain(fn, address);
    const frames: ScopeFrame[] = [];
    for (let i = chain.length - 1; i >= 0; i--) {
      const { die, blocks } = chain[i];
      const variables = this.scopeVariables([die, ...blocks]);
      if (i === 0) {
        frames.push({ kind: 'function', name: fn.name, function: fn, variables });
      } else {
        const inlined = this.inlinedCall(die);
        frames.push({ kind: 'inlined', name: inlined.name, function: fn, inlined, variables });
      }
    }
    return frames;
  }

  /** Inlined calls whose ranges hold the PC, outermost first (their variables are not read). */
  inlinedCallsAt(address: number): InlinedCall[] {
    const fn = this.functionAt(address);
    // Without inlined calls below it, its DIE need not be read (breakpoints ask this for every line).
    if (!fn || !fn.containsInlinedCalls) return [];
    return this.scopeChain(fn, address)
      .slice(1)
      .map((scope) => this.inlinedCall(scope.die));
  }

  /** The function's DIE and the inlined calls that hold the PC (outermost first), each with its lexical blocks there. */
  private scopeChain(fn: DwarfFunction, address: number): { die: DebugInfoEntry; blocks: DebugInfoEntry[] }[] {
    const chain: { die: DebugInfoEntry; blocks: DebugInfoEntry[] }[] = [{ die: fn.entryDie, blocks: [] }];
    this.descend(fn.entryDie, address, chain);
    return chain;
  }

  /** Every inlined instance of every function, for breakpoints on inlined code. */
  inlinedCallsIn(fn: DwarfFunction): InlinedCall[] {
    const result: InlinedCall[] = [];
    const visit = (die: DebugInfoEntry) => {
      for (const child of die.children) {
        if (child.tag === DW_TAG_inlined_subroutine) result.push(this.inlinedCall(child));
        if (child.tag === DW_TAG_inlined_subroutine || child.tag === DW_TAG_lexical_block) visit(child);
      }
    };
    visit(fn.entryDie);
    return result;
  }

  /**
   * Variables with static storage declared at unit (or namespace) level. Those without
   * a location (optimised away) are left out unless `includeOptimizedOut`.
   */
  globals(includeOptimizedOut = false): VariableInfo[] {
    const result: VariableInfo[] = [];
    for (const unit of this.reader.units) {
      const layout = unit.layout();
      if (!layout) continue;
      // The layout's tags say which DIEs are variables: only those become objects.
      const visit = (parent: number) => {
        for (let child = layout.firstChild(parent); child !== NO_DIE; child = layout.nextSibling(child)) {
          const tag = layout.tag(child);
          if (tag === DW_TAG_variable) {
            const die = unit.entryAtIndex(child);
            if (!die || die.flag(DW_AT_declaration)) continue;
            const variable = this.variable(die, 'global');
            if (variable && (includeOptimizedOut || variable.location.kind !== 'none')) result.push(variable);
          } else if (tag === DW_TAG_namespace) {
            visit(child);
          }
        }
      };
      if (unit.unitEntry()) visit(0);
    }
    return result;
  }

  /** The DW_AT_frame_base expression of a function at a PC (it may be a location list). */
  frameBaseAt(fn: DwarfFunction, pc: number): Uint8Array | undefined {
    const location = this.locationOf(fn.entryDie, DW_AT_frame_base);
    return location ? this.expressionAt(location, pc) : undefined;
  }

  /** The location expression in force at a PC, or undefined when the variable has none there. */
  expressionAt(location: VariableLocation, pc: number): Uint8Array | undefined {
    if (location.kind === 'expression') return location.expression;
    if (location.kind === 'list') return expressionAt(location.list, pc);
    return undefined;
  }

  private inlinedCall(die: DebugInfoEntry): InlinedCall {
    const ranges = die.ranges();
    const entry = die.address(DW_AT_entry_pc) ?? (ranges.length > 0 ? Math.min(...ranges.map((range) => range.low)) : 0);
    const callFile = die.constant(DW_AT_call_file);
    return {
      key: `die:${hex(die.offset)}`,
      name: die.name() ?? '<inlined>',
      ranges,
      entry,
      callPath: callFile === undefined ? undefined : this.filePath(die.unit, callFile),
      callLine: die.constant(DW_AT_call_line),
      callColumn: die.constant(DW_AT_call_column),
      entryDie: die,
    };
  }

  /** Walks lexical blocks and inlined calls that hold the PC, extending `chain` at each inlined call. */
  private descend(die: DebugInfoEntry, address: number, chain: { die: DebugInfoEntry; blocks: DebugInfoEntry[] }[]): void {
    for (const child of die.children) {
      if (child.tag !== DW_TAG_lexical_block && child.tag !== DW_TAG_inlined_subroutine) continue;
      const ranges = child.ranges();
      const holds = ranges.some((range) => address >= range.low && address < range.high);
      // A lexical block without ranges is a scope the compiler did not place: keep its declarations visible.
      if (child.tag === DW_TAG_lexical_block && (holds || ranges.length === 0)) {
        chain[chain.length - 1].blocks.push(child);
        this.descend(child, address, chain);
      } else if (child.tag === DW_TAG_inlined_subroutine && holds) {
        chain.push({ die: child, blocks: [] });
        this.descend(child, address, chain);
      }
    }
  }

  private scopeVariables(scopes: readonly DebugInfoEntry[]): VariableInfo[] {
    const parameters: VariableInfo[] = [];
    const locals: VariableInfo[] = [];
    for (const scope of scopes) {
      for (const child of scope.children) {
        if (child.tag === DW_TAG_formal_parameter) {
          const variable = this.variable(child, 'parameter');
          if (variable) parameters.push(variable);
        } else if (child.tag === DW_TAG_variable) {
          const variable = this.variable(child, 'local');
          if (variable) locals.push(variable);
        }
      }
    }
    // Inner scopes come later in `scopes`: keep the last declaration of each name.
    const seen = new Set<string>();
    const visibleLocals: VariableInfo[] = [];
    for (let i = locals.length - 1; i >= 0; i--) {
      if (seen.has(locals[i].name)) continue;
      seen.add(locals[i].name);
      visibleLocals.unshift(locals[i]);
    }
    return [...parameters, ...visibleLocals];
  }

  private variable(die: DebugInfoEntry, kind: VariableInfo['kind']): VariableInfo | undefined {
    const name = die.name();
    if (!name) return undefined;
    const declaration = this.declaration(die);
    const typeDie = die.followOrigins((origin) => (origin.has(DW_AT_type) ? origin : undefined));
    return {
      name,
      kind,
      type: typeDie ? this.types.typeOf(typeDie) : { kind: 'void' },
      declPath: declaration.path,
      declLine: declaration.line,
      location: this.variableLocation(die),
      entryDie: die,
    };
  }

  private variableLocation(die: DebugInfoEntry): VariableLocation {
    const location = this.locationOf(die, DW_AT_location);
    if (location) return location;
    const constant = die.raw(DW_AT_const_value) ?? die.reference(DW_AT_specification)?.raw(DW_AT_const_value);
    if (constant) {
      if (constant.kind === 'constant') return { kind: 'constant', value: constant.big ?? BigInt(constant.value) };
      if (constant.kind === 'block' || constant.kind === 'bytes16') return { kind: 'constant', value: constant.bytes };
      if (constant.kind === 'string' || constant.kind === 'stringOffset' || constant.kind === 'stringIndex') {
        const text = die.string(DW_AT_const_value);
        if (text !== undefined) return { kind: 'constant', value: text };
      }
    }
    return { kind: 'none' };
  }

  /** DW_AT_location / DW_AT_frame_base as an expression or a location list. */
  private locationOf(die: DebugInfoEntry, attribute: number): VariableLocation | undefined {
    const value: FormValue | undefined = die.raw(attribute);
    if (!value) return undefined;
    if (value.kind === 'block') return { kind: 'expression', expression: value.bytes };
    const unit = die.unit;
    const list = unit.guard(() => {
      if (value.kind === 'locationListIndex') {
        return readLocationList('loclists', this.sections.loclists, unit.locationListOffset(value.index), unit);
      }
      // DWARF 2/3 used data4/data8 for location list offsets; DWARF 4+ uses sec_offset.
      if (value.kind === 'sectionOffset' || (value.kind === 'constant' && unit.version < 4)) {
        return unit.version >= 5
          ? readLocationList('loclists', this.sections.loclists, value.value, unit)
          : readLocationList('loc', this.sections.loc, value.value, unit);
      }
      return undefined;
    });
    return list ? { kind: 'list', list } : undefined;
  }

  private declaration(die: DebugInfoEntry): { path?: string; line?: number } {
    const fileDie = die.followOrigins((origin) => (origin.has(DW_AT_decl_file) ? origin : undefined));
    const file = fileDie?.constant(DW_AT_decl_file);
    return {
      path: fileDie && file !== undefined ? this.filePath(fileDie.unit, file) : undefined,
      line: die.followOrigins((origin) => origin.constant(DW_AT_decl_line)),
    };
  }

  private filePath(unit: CompilationUnit, fileNumber: number): string | undefined {
    return this.options.filePathsOf?.(unit)?.[fileNumber];
  }
}
