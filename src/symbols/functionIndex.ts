// The concrete functions of a program (subprogram DIEs with code): by address, by name,
// and all of them.
//
// Building the index walks each unit's DIEs once, stepping over their values by form
// size, and reads of each subprogram only what finding functions needs
// (DW_AT_declaration, the code ranges, DW_AT_entry_pc and where its name is), in place,
// into arrays of numbers: no object is made for the hundreds of thousands of DIEs a
// large program has, nor for its thousands of functions until one is asked for, and the
// units' layouts (dieLayout.ts) are made only when a DIE is (issue 7, launch time). A
// function's DIE, its names as strings, where it is declared and whether it is external
// are read when first asked for. A subprogram that takes its name from another DIE
// (DW_AT_abstract_origin of an out-of-line instance, DW_AT_specification of a C++
// member defined outside its class) is read through DebugInfoEntry, which follows them.

import type { CompilationUnit, DebugInfoEntry } from './debugInfoEntries';
import { AbbreviationPlan, skipAllValues } from './dieLayout';
import {
  DW_AT_abstract_origin,
  DW_AT_decl_file,
  DW_AT_decl_line,
  DW_AT_declaration,
  DW_AT_entry_pc,
  DW_AT_external,
  DW_AT_high_pc,
  DW_AT_language,
  DW_AT_linkage_name,
  DW_AT_low_pc,
  DW_AT_MIPS_linkage_name,
  DW_AT_name,
  DW_AT_ranges,
  DW_AT_specification,
  DW_TAG_class_type,
  DW_TAG_compile_unit,
  DW_TAG_inlined_subroutine,
  DW_TAG_namespace,
  DW_TAG_partial_unit,
  DW_TAG_structure_type,
  DW_TAG_subprogram,
} from './dwarfConstants';
import {
  DW_FORM_addr,
  DW_FORM_data1,
  DW_FORM_data2,
  DW_FORM_data4,
  DW_FORM_data8,
  DW_FORM_flag,
  DW_FORM_flag_present,
  DW_FORM_GNU_str_index,
  DW_FORM_line_strp,
  DW_FORM_string,
  DW_FORM_strp,
  DW_FORM_strx,
  DW_FORM_strx1,
  DW_FORM_strx2,
  DW_FORM_strx3,
  DW_FORM_strx4,
  VARIABLE_SIZE,
  skipLeb128,
  uleb128At,
} from './dwarfForms';
import { DwarfFormatError, hex, readUnsigned, stringAt } from './dwarfReader';
import type { AddressRange } from './rangeLists';
import { lastIndexAtOrBefore } from './sortedSearch';

/** DW_LANG_Mips_Assembler: DW_AT_language of assembler sources (GNU as, clang -g on .S). */
const DW_LANG_Mips_Assembler = 0x8001;

export interface DwarfFunction {
  /** Stable identity: "die:0x<offset>". */
  readonly key: string;
  readonly name: string;
  readonly linkageName?: string;
  readonly ranges: readonly AddressRange[];
  /** Where execution enters: DW_AT_entry_pc, DW_AT_low_pc, or the lowest range. */
  readonly entry: number;
  /** DWARF path of the declaring file. */
  readonly declPath?: string;
  readonly declLine?: number;
  readonly external: boolean;
  /** Described by an assembler (DW_LANG_Mips_Assembler): no prologue to skip. */
  readonly fromAssembly: boolean;
  /** Whether DW_TAG_inlined_subroutine DIEs lie below its DIE (without them, no call is inlined into it). */
  readonly containsInlinedCalls: boolean;
  readonly entryDie: DebugInfoEntry;
}

export interface FunctionIndexOptions {
  /** Keeps functions whose code is loadable (linkers leave discarded ones at 0). */
  readonly isCodeAddress: (address: number) => boolean;
  /** DWARF path of a file number of a unit's line program. */
  readonly filePath: (unit: CompilationUnit, fileNumber: number) => string | undefined;
}

/** Where a subprogram's abbreviation keeps the attributes the index reads (-1: it has none). */
interface SubprogramRecipe {
  readonly declaration: number;
  readonly lowPc: number;
  readonly highPc: number;
  readonly ranges: number;
  readonly entryPc: number;
  readonly name: number;
  readonly linkageName: number;
  readonly mipsLinkageName: number;
  /** Takes its name and declaration from DW_AT_abstract_origin or DW_AT_specification. */
  readonly hasOrigin: boolean;
  /** Set when all the index needs sits at fixed places in simple forms (nearly every C function). */
  readonly direct?: DirectRecipe;
}

/**
 * How to read a subprogram straight from its bytes: DW_AT_low_pc (DW_FORM_addr) and
 * DW_AT_high_pc (DW_FORM_addr or an unsigned constant, the size) and the name's place,
 * at fixed distances from its first value; no declaration flag, DW_AT_ranges,
 * DW_AT_entry_pc, linkage name or origin.
 */
interface DirectRecipe {
  readonly lowAt: number;
  readonly highAt: number;
  readonly highSize: number;
  readonly highIsAddress: boolean;
  /** -1 without DW_AT_name. */
  readonly nameAt: number;
  readonly nameKind: number;
  readonly nameSize: number;
  /** Bytes from the first value to the end of the last one read. */
  readonly extent: number;
}

const recipes = new WeakMap<AbbreviationPlan, SubprogramRecipe>();

function recipeOf(plan: AbbreviationPlan, unit: CompilationUnit): SubprogramRecipe {
  let recipe = recipes.get(plan);
  if (!recipe) {
    const names = plan.abbreviation.attributeNames;
    const indexes = {
      declaration: names.indexOf(DW_AT_declaration),
      lowPc: names.indexOf(DW_AT_low_pc),
      highPc: names.indexOf(DW_AT_high_pc),
      ranges: names.indexOf(DW_AT_ranges),
      entryPc: names.indexOf(DW_AT_entry_pc),
      name: names.indexOf(DW_AT_name),
      linkageName: names.indexOf(DW_AT_linkage_name),
      mipsLinkageName: names.indexOf(DW_AT_MIPS_linkage_name),
      hasOrigin: names.includes(DW_AT_abstract_origin) || names.includes(DW_AT_specification),
    };
    recipe = { ...indexes, direct: directRecipe(plan, unit, indexes) };
    recipes.set(plan, recipe);
  }
  return recipe;
}

function directRecipe(plan: AbbreviationPlan, unit: CompilationUnit, recipe: SubprogramRecipe): DirectRecipe | undefined {
  const { forms, valueOffsets } = plan;
  const absent = [recipe.declaration, recipe.ranges, recipe.entryPc, recipe.linkageName, recipe.mipsLinkageName];
  if (recipe.hasOrigin || absent.some((attribute) => attribute >= 0) || recipe.lowPc < 0 || recipe.highPc < 0) return undefined;
  const highForm = forms[recipe.highPc];
  const highSize = highForm === DW_FORM_addr ? unit.addressSize : constantSize(highForm);
  const nameKind = recipe.name < 0 ? NO_NAME : nameKindOf(forms[recipe.name]);
  const nameSize = nameKind === IN_STR || nameKind === IN_LINE_STR ? (unit.format === 64 ? 8 : 4) : nameKind === STR_INDEX ? fixedStrxSize(forms[recipe.name]) : 0;
  const places = [recipe.lowPc, recipe.highPc, ...(recipe.name < 0 ? [] : [recipe.name])];
  if (forms[recipe.lowPc] !== DW_FORM_addr || highSize === 0 || (recipe.name >= 0 && nameSize === 0) || places.some((attribute) => valueOffsets[attribute] === VARIABLE_SIZE)) {
    return undefined;
  }
  const nameAt = recipe.name < 0 ? -1 : valueOffsets[recipe.name];
  return {
    lowAt: valueOffsets[recipe.lowPc],
    highAt: valueOffsets[recipe.highPc],
    highSize,
    highIsAddress: highForm === DW_FORM_addr,
    nameAt,
    nameKind,
    nameSize,
    extent: Math.max(valueOffsets[recipe.lowPc] + unit.addressSize, valueOffsets[recipe.highPc] + highSize, nameAt + nameSize),
  };
}

/** DIEs whose children may be functions: C++ puts member functions and namespaces below the unit; C nests functions in functions (GNU C). */
const CONTAINERS: readonly number[] = [DW_TAG_namespace, DW_TAG_structure_type, DW_TAG_class_type, DW_TAG_subprogram];

// Where a function's name (or linkage name) is, as a kind and a number: its text is
// decoded only when asked for, and compared as bytes when looking functions up by name.
const NO_NAME = 0;
/** The number is an offset in .debug_str (DW_FORM_strp). */
const IN_STR = 1;
/** An offset in .debug_line_str (DW_FORM_line_strp). */
const IN_LINE_STR = 2;
/** An index into the unit's .debug_str_offsets (DW_FORM_strx*). */
const STR_INDEX = 3;
/** The position of a DW_FORM_string in .debug_info. */
const IN_INFO = 4;
/** Decoded when indexed (another form, or a name from an origin DIE): see `decodedNames`. */
const DECODED = 5;

const utf8 = new TextEncoder();

type NameField = 'name' | 'linkageName' | 'mipsLinkageName';

/** Whether the NUL-terminated bytes at `offset` of `bytes` are exactly `text` (UTF-8). */
function bytesAreText(bytes: Uint8Array, offset: number, text: Uint8Array): boolean {
  if (offset < 0 || offset + text.length >= bytes.length || bytes[offset + text.length] !== 0) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text[i]) return false;
  return true;
}

export class FunctionIndex {
  // One entry per function, in the order the units list them.
  private readonly units: CompilationUnit[] = [];
  private readonly dieOffsets: number[] = [];
  private readonly entries: number[] = [];
  private readonly assembly: boolean[] = [];
  private readonly inlined: boolean[] = [];
  private readonly nameKinds: number[] = [];
  private readonly nameNumbers: number[] = [];
  private readonly linkageKinds: number[] = [];
  private readonly linkageNumbers: number[] = [];
  private readonly mipsLinkageKinds: number[] = [];
  private readonly mipsLinkageNumbers: number[] = [];
  /** Names read when indexing (kind DECODED), by function. */
  private readonly decodedNames = new Map<number, { readonly name?: string; readonly linkageName?: string; readonly mipsLinkageName?: string }>();
  /** First and one-past-last range of each function in `lows`/`highs`. */
  private readonly firstRanges: number[] = [];
  private readonly lows: number[] = [];
  private readonly highs: number[] = [];
  /** Positions in `lows`/`highs` sorted by address, and the function of each range. */
  private readonly rangeOrder: Int32Array;
  private readonly rangeOwners: Int32Array;
  private readonly made: (IndexedFunction | undefined)[] = [];
  private sorted: readonly DwarfFunction[] | undefined;

  /** Indexes the functions of `units`; a unit whose DIEs cannot be read adds none (and a warning, through it). */
  constructor(units: readonly CompilationUnit[], private readonly options: FunctionIndexOptions) {
    for (const unit of units) {
      const functions = this.entries.length;
      const ranges = this.lows.length;
      const read = unit.guard(() => {
        this.collect(unit);
        return true;
      });
      if (!read) this.truncate(functions, ranges);
    }
    this.firstRanges.push(this.lows.length);
    const owners = new Int32Array(this.lows.length);
    for (let fn = 0; fn < this.entries.length; fn++) owners.fill(fn, this.firstRanges[fn], this.firstRanges[fn + 1]);
    const order = Array.from(this.lows.keys()).sort((a, b) => this.lows[a] - this.lows[b] || this.highs[a] - this.highs[b]);
    this.rangeOrder = Int32Array.from(order);
    this.rangeOwners = owners;
  }

  get count(): number {
    return this.entries.length;
  }

  /** Every function, sorted by entry address. */
  functions(): readonly DwarfFunction[] {
    if (!this.sorted) {
      const order = Array.from(this.entries.keys()).sort((a, b) => this.entries[a] - this.entries[b]);
      this.sorted = order.map((fn) => this.function(fn));
    }
    return this.sorted;
  }

  /** The function whose code holds the address (ranges of several functions may nest: the innermost start wins). */
  functionAt(address: number): DwarfFunction | undefined {
    const fn = this.functionNumberAt(address);
    return fn < 0 ? undefined : this.function(fn);
  }

  /** The entry address of the function whose code holds the address, without making the function's object. */
  entryOfFunctionAt(address: number): number | undefined {
    const fn = this.functionNumberAt(address);
    return fn < 0 ? undefined : this.entries[fn];
  }

  private functionNumberAt(address: number): number {
    const order = this.rangeOrder;
    const found = lastIndexAtOrBefore(order.length, (i) => this.lows[order[i]], address);
    for (let i = found; i >= 0 && i > found - 16; i--) {
      if (address < this.highs[order[i]]) return this.rangeOwners[order[i]];
    }
    return -1;
  }

  /** Functions whose name or linkage name is `name`, in entry order. */
  functionsNamed(name: string): DwarfFunction[] {
    const found: DwarfFunction[] = [];
    // Names are compared as bytes, not decoded, except the one made up for a function without any.
    const query = { text: name, bytes: utf8.encode(name) };
    for (let fn = 0; fn < this.count; fn++) {
      const matches = !name.startsWith('<')
        ? this.nameIs(fn, this.nameKinds, this.nameNumbers, 'name', query) ||
          this.nameIs(fn, this.linkageKinds, this.linkageNumbers, 'linkageName', query) ||
          // DW_AT_MIPS_linkage_name counts when DW_AT_linkage_name gives no text.
          (this.mipsLinkageKinds[fn] !== NO_NAME &&
            this.text(fn, this.linkageKinds, this.linkageNumbers, 'linkageName') === undefined &&
            this.nameIs(fn, this.mipsLinkageKinds, this.mipsLinkageNumbers, 'mipsLinkageName', query))
        : this.nameOf(fn) === name || this.linkageNameOf(fn) === name;
      if (matches) found.push(this.function(fn));
    }
    // Stable: functions at the same entry keep their order, as in functions().
    return found.sort((a, b) => a.entry - b.entry);
  }

  /** Function number `fn` as an object (made once). */
  private function(fn: number): IndexedFunction {
    let made = this.made[fn];
    if (!made) {
      const ranges: AddressRange[] = [];
      for (let i = this.firstRanges[fn]; i < this.firstRanges[fn + 1]; i++) ranges.push({ low: this.lows[i], high: this.highs[i] });
      made = new IndexedFunction(
        this.units[fn], this.dieOffsets[fn], ranges, this.entries[fn], this.assembly[fn], this.inlined[fn], this.nameOf(fn), this.linkageNameOf(fn), this.options,
      );
      this.made[fn] = made;
    }
    return made;
  }

  private nameOf(fn: number): string {
    return this.text(fn, this.nameKinds, this.nameNumbers, 'name') ?? this.linkageNameOf(fn) ?? `<function at ${hex(this.entries[fn])}>`;
  }

  private linkageNameOf(fn: number): string | undefined {
    return this.text(fn, this.linkageKinds, this.linkageNumbers, 'linkageName') ?? this.text(fn, this.mipsLinkageKinds, this.mipsLinkageNumbers, 'mipsLinkageName');
  }

  /** A name's text; undefined when the function has none or it cannot be read (with a warning). */
  private text(fn: number, kinds: readonly number[], numbers: readonly number[], decoded: NameField): string | undefined {
    if (kinds[fn] === DECODED) return this.decodedNames.get(fn)?.[decoded];
    const unit = this.units[fn];
    return unit.guard(() => {
      const place = this.namePlace(fn, kinds[fn], numbers[fn]);
      return place && stringAt(place.section, place.offset, place.sectionName);
    });
  }

  /** Whether a name's bytes are `query` (false when it has none or it cannot be read). */
  private nameIs(fn: number, kinds: readonly number[], numbers: readonly number[], decoded: NameField, query: { readonly text: string; readonly bytes: Uint8Array }): boolean {
    const kind = kinds[fn];
    if (kind === NO_NAME) return false;
    if (kind === DECODED) return this.decodedNames.get(fn)?.[decoded] === query.text;
    const place = kind === STR_INDEX ? this.units[fn].guard(() => this.namePlace(fn, kind, numbers[fn])) : this.namePlace(fn, kind, numbers[fn]);
    return place !== undefined && bytesAreText(place.section, place.offset, query.bytes);
  }

  /** The section and offset of a name's NUL-terminated bytes. Throws DwarfFormatError for an unreadable string index. */
  private namePlace(fn: number, kind: number, number: number): { section: Uint8Array; offset: number; sectionName: string } | undefined {
    const sections = this.units[fn].sections;
    switch (kind) {
      case IN_STR:
        return sections.str && { section: sections.str, offset: number, sectionName: '.debug_str' };
      case IN_LINE_STR:
        return sections.lineStr && { section: sections.lineStr, offset: number, sectionName: '.debug_line_str' };
      case STR_INDEX:
        return sections.str && { section: sections.str, offset: this.units[fn].stringOffsetAtIndex(number), sectionName: '.debug_str' };
      case IN_INFO:
        return { section: sections.info!, offset: number, sectionName: '.debug_info' };
      default:
        return undefined;
    }
  }

  /**
   * Adds the functions of one unit: subprograms below the unit DIE, namespaces, classes,
   * structures and subprograms, found by one walk over the unit's DIEs that reads only
   * theirs. It does without the unit's layout (dieLayout.ts), which is made when a DIE
   * is first asked for: breakpoints and runToEntryPoint need only this index. Throws
   * DwarfFormatError where a DIE cannot be read.
   */
  private collect(unit: CompilationUnit): void {
    const info = unit.sections.info!;
    const end = unit.endOffset;
    const plans = unit.plans();
    // For each DIE whose children are being read: whether they are searched, and its function (-1: none).
    const searched: boolean[] = [];
    const openFunctions: number[] = [];
    /** How many of openFunctions are functions. */
    let functionsOpen = 0;
    let fromAssembly = false;
    let position = unit.firstEntryOffset;
    do {
      const offset = position;
      const codeEnd = skipLeb128(info, position, end);
      const code = uleb128At(info, position, codeEnd);
      position = codeEnd;
      if (code === 0) {
        // A null entry ends a list of siblings (before the unit DIE: the unit has none).
        if (searched.length === 0) return;
        searched.pop();
        if (openFunctions.pop()! >= 0) functionsOpen--;
        continue;
      }
      const plan = plans[code];
      if (!plan) throw new DwarfFormatError(`DIE at ${hex(offset)} uses unknown abbreviation code ${code}`);
      const tag = plan.tag;
      let fn = -1;
      let searchChildren = false;
      if (offset === unit.firstEntryOffset) {
        if (tag !== DW_TAG_compile_unit && tag !== DW_TAG_partial_unit) return;
        fromAssembly = unit.unitEntry()?.constant(DW_AT_language) === DW_LANG_Mips_Assembler;
        searchChildren = true;
      } else if (searched[searched.length - 1]) {
        if (tag === DW_TAG_subprogram) fn = this.addSubprogram(unit, offset, plan, fromAssembly);
        searchChildren = CONTAINERS.includes(tag);
      }
      if (tag === DW_TAG_inlined_subroutine && functionsOpen > 0) for (const open of openFunctions) if (open >= 0) this.inlined[open] = true;
      position = plan.fixedSize !== VARIABLE_SIZE ? position + plan.fixedSize : skipAllValues(info, position, end, plan, unit);
      if (position > end) throw new DwarfFormatError(`DIE at ${hex(offset)} runs past the end of its unit (${hex(end)})`);
      // Every DIE is read, as the unit's layout will read them (DW_AT_sibling is not trusted):
      // so a unit whose functions are indexed has a layout that holds their DIEs.
      if (!plan.hasChildren) continue;
      searched.push(searchChildren);
      openFunctions.push(fn);
      if (fn >= 0) functionsOpen++;
    } while (searched.length > 0 && position < end);
  }

  /** Forgets the functions from number `functions` on and the ranges from `ranges` on (a unit that could not be read). */
  private truncate(functions: number, ranges: number): void {
    for (const column of [this.units, this.dieOffsets, this.entries, this.assembly, this.inlined, this.firstRanges, this.nameKinds, this.nameNumbers,
      this.linkageKinds, this.linkageNumbers, this.mipsLinkageKinds, this.mipsLinkageNumbers]) {
      column.length = Math.min(column.length, functions);
    }
    this.lows.length = ranges;
    this.highs.length = ranges;
    for (const fn of this.decodedNames.keys()) if (fn >= functions) this.decodedNames.delete(fn);
  }

  /** Adds the function a subprogram DIE describes, if it has code; its number, else -1. */
  private addSubprogram(unit: CompilationUnit, offset: number, plan: AbbreviationPlan, fromAssembly: boolean): number {
    const recipe = recipeOf(plan, unit);
    const direct = recipe.direct && this.addDirect(unit, offset, fromAssembly, recipe.direct);
    if (direct !== undefined) return direct;
    if (recipe.declaration >= 0 && isSetFlag(unit, offset, plan, recipe.declaration)) return -1;
    const firstRange = this.lows.length;
    if (!this.addSimpleRange(unit, offset, plan, recipe)) {
      const value = (attribute: number) => (attribute < 0 ? undefined : unit.readAttributeValue(offset, plan, attribute));
      for (const range of unit.rangesOf(value(recipe.lowPc), value(recipe.highPc), value(recipe.ranges))) this.addRange(range.low, range.high);
    }
    if (this.lows.length === firstRange) return -1;
    let entry = recipe.entryPc < 0 ? undefined : unit.addressOf(unit.readAttributeValue(offset, plan, recipe.entryPc));
    if (entry === undefined) {
      entry = this.lows[firstRange];
      for (let i = firstRange; i < this.lows.length; i++) if (this.lows[i] < entry) entry = this.lows[i];
    }
    const fn = this.addFunction(unit, offset, entry, fromAssembly, firstRange);
    if (recipe.hasOrigin) {
      // The DIEs it refers to may be anywhere in .debug_info: read through the units' layouts.
      const die = unit.entryAt(offset);
      this.decodedNames.set(fn, { name: die?.name(), linkageName: die?.linkageName() });
      this.addNamePlace(this.nameKinds, this.nameNumbers, DECODED, 0);
      this.addNamePlace(this.linkageKinds, this.linkageNumbers, DECODED, 0);
      this.addNamePlace(this.mipsLinkageKinds, this.mipsLinkageNumbers, NO_NAME, 0);
      return fn;
    }
    this.addName(fn, unit, offset, plan, recipe.name, this.nameKinds, this.nameNumbers, 'name');
    this.addName(fn, unit, offset, plan, recipe.linkageName, this.linkageKinds, this.linkageNumbers, 'linkageName');
    this.addName(fn, unit, offset, plan, recipe.mipsLinkageName, this.mipsLinkageKinds, this.mipsLinkageNumbers, 'mipsLinkageName');
    return fn;
  }

  /** Starts function number `this.count` (its ranges from `firstRange` on are already added); its names follow. */
  private addFunction(unit: CompilationUnit, offset: number, entry: number, fromAssembly: boolean, firstRange: number): number {
    this.units.push(unit);
    this.dieOffsets.push(offset);
    this.entries.push(entry);
    this.assembly.push(fromAssembly);
    this.inlined.push(false);
    this.firstRanges.push(firstRange);
    return this.entries.length - 1;
  }

  /** Records where a string attribute's text is; one of another form is decoded now. */
  private addName(
    fn: number,
    unit: CompilationUnit,
    offset: number,
    plan: AbbreviationPlan,
    attribute: number,
    kinds: number[],
    numbers: number[],
    decoded: NameField,
  ): void {
    if (attribute < 0) return this.addNamePlace(kinds, numbers, NO_NAME, 0);
    const form = plan.forms[attribute];
    const kind = nameKindOf(form);
    const number =
      kind === IN_STR || kind === IN_LINE_STR ? unit.unsignedAt(offset, plan, attribute, unit.format === 64 ? 8 : 4)
      : kind === IN_INFO ? unit.guard(() => unit.valuePosition(offset, plan, attribute))
      : kind === STR_INDEX ? (form === DW_FORM_strx || form === DW_FORM_GNU_str_index ? unit.guard(() => this.ulebAt(unit, offset, plan, attribute)) : unit.unsignedAt(offset, plan, attribute, fixedStrxSize(form)))
      : undefined;
    if (number !== undefined) return this.addNamePlace(kinds, numbers, kind, number);
    // Another form (or an unreadable value): decoded now, with the warning that brings.
    const text = unit.stringOf(unit.readAttributeValue(offset, plan, attribute));
    this.decodedNames.set(fn, { ...this.decodedNames.get(fn), [decoded]: text });
    this.addNamePlace(kinds, numbers, DECODED, 0);
  }

  private addNamePlace(kinds: number[], numbers: number[], kind: number, number: number): void {
    kinds.push(kind);
    numbers.push(number);
  }

  private ulebAt(unit: CompilationUnit, offset: number, plan: AbbreviationPlan, attribute: number): number {
    const info = unit.sections.info!;
    const at = unit.valuePosition(offset, plan, attribute);
    return uleb128At(info, at, skipLeb128(info, at, unit.endOffset));
  }

  /**
   * Adds a subprogram read straight from its bytes (see DirectRecipe): its function
   * number, -1 when it has no code, undefined when its bytes run past its unit (for
   * the general reading to report).
   */
  private addDirect(unit: CompilationUnit, offset: number, fromAssembly: boolean, recipe: DirectRecipe): number | undefined {
    const info = unit.sections.info!;
    const first = skipLeb128(info, offset, unit.endOffset);
    if (first + recipe.extent > unit.endOffset) return undefined;
    const low = readUnsigned(info, first + recipe.lowAt, unit.addressSize);
    const high = readUnsigned(info, first + recipe.highAt, recipe.highSize);
    // DWARF 4+: a constant DW_AT_high_pc is the size of the range.
    const end = recipe.highIsAddress ? high : low + high;
    if (end <= low || !this.options.isCodeAddress(low)) return -1;
    const fn = this.addFunction(unit, offset, low, fromAssembly, this.lows.length);
    this.lows.push(low);
    this.highs.push(end);
    this.nameKinds.push(recipe.nameKind);
    this.nameNumbers.push(recipe.nameAt < 0 ? 0 : readUnsigned(info, first + recipe.nameAt, recipe.nameSize));
    this.linkageKinds.push(NO_NAME);
    this.linkageNumbers.push(0);
    this.mipsLinkageKinds.push(NO_NAME);
    this.mipsLinkageNumbers.push(0);
    return fn;
  }

  /** A range that loadable code holds (linkers leave discarded functions at 0). */
  private addRange(low: number, high: number): void {
    if (!this.options.isCodeAddress(low)) return;
    this.lows.push(low);
    this.highs.push(high);
  }

  /**
   * The range of DW_AT_low_pc (DW_FORM_addr) and DW_AT_high_pc (an unsigned constant, the
   * size, or DW_FORM_addr), read straight from the bytes: what compilers emit for nearly
   * every function. False (nothing added) for other forms, which DebugInfoEntry's
   * readers handle.
   */
  private addSimpleRange(unit: CompilationUnit, offset: number, plan: AbbreviationPlan, recipe: SubprogramRecipe): boolean {
    if (recipe.lowPc < 0 || recipe.highPc < 0 || plan.forms[recipe.lowPc] !== DW_FORM_addr) return false;
    const highForm = plan.forms[recipe.highPc];
    const highSize = highForm === DW_FORM_addr ? unit.addressSize : constantSize(highForm);
    if (highSize === 0) return false;
    const low = unit.unsignedAt(offset, plan, recipe.lowPc, unit.addressSize);
    const high = unit.unsignedAt(offset, plan, recipe.highPc, highSize);
    if (low === undefined || high === undefined) return false;
    // DWARF 4+: a constant DW_AT_high_pc is the size of the range.
    const end = highForm === DW_FORM_addr ? high : low + high;
    if (end > low) this.addRange(low, end);
    return true;
  }
}

/** Where a string of this form is (see NO_NAME ...); DECODED for forms read otherwise. */
function nameKindOf(form: number): number {
  switch (form) {
    case DW_FORM_strp: return IN_STR;
    case DW_FORM_line_strp: return IN_LINE_STR;
    case DW_FORM_string: return IN_INFO;
    case DW_FORM_strx:
    case DW_FORM_GNU_str_index:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4:
      return STR_INDEX;
    default:
      return DECODED;
  }
}

/** Bytes of a DW_FORM_strx1..4 index; 0 for the LEB128 forms. */
function fixedStrxSize(form: number): number {
  switch (form) {
    case DW_FORM_strx1: return 1;
    case DW_FORM_strx2: return 2;
    case DW_FORM_strx3: return 3;
    case DW_FORM_strx4: return 4;
    default: return 0;
  }
}

/** Bytes of an unsigned data form; 0 for other forms. */
function constantSize(form: number): number {
  switch (form) {
    case DW_FORM_data1: return 1;
    case DW_FORM_data2: return 2;
    case DW_FORM_data4: return 4;
    case DW_FORM_data8: return 8;
    default: return 0;
  }
}

/** Whether a flag attribute is set: DW_FORM_flag_present, or a DW_FORM_flag other than 0. */
function isSetFlag(unit: CompilationUnit, offset: number, plan: AbbreviationPlan, attribute: number): boolean {
  const form = plan.forms[attribute];
  if (form === DW_FORM_flag_present) return true;
  if (form !== DW_FORM_flag) return false;
  return (unit.unsignedAt(offset, plan, attribute, 1) ?? 0) !== 0;
}

interface Declaration {
  readonly path?: string;
  readonly line?: number;
  readonly external: boolean;
}

/**
 * A function of the index. Its DIE, and what only some callers need (where it is
 * declared, whether it is external), are read when first asked for.
 */
class IndexedFunction implements DwarfFunction {
  private die: DebugInfoEntry | undefined;
  private declaration: Declaration | undefined;

  constructor(
    private readonly unit: CompilationUnit,
    /** Of the subprogram DIE in .debug_info. */
    private readonly offset: number,
    readonly ranges: readonly AddressRange[],
    readonly entry: number,
    readonly fromAssembly: boolean,
    readonly containsInlinedCalls: boolean,
    readonly name: string,
    readonly linkageName: string | undefined,
    private readonly options: FunctionIndexOptions,
  ) {}

  get key(): string {
    return `die:${hex(this.offset)}`;
  }

  get entryDie(): DebugInfoEntry {
    if (!this.die) {
      const die = this.unit.entryAt(this.offset);
      // The index read this DIE, so the unit's layout has it.
      if (!die) throw new DwarfFormatError(`the DIE of ${this.name} at ${hex(this.offset)} cannot be read`);
      this.die = die;
    }
    return this.die;
  }

  get declPath(): string | undefined {
    return this.declared().path;
  }

  get declLine(): number | undefined {
    return this.declared().line;
  }

  get external(): boolean {
    return this.declared().external;
  }

  /** DW_AT_decl_file, DW_AT_decl_line and DW_AT_external, here or on the DIEs this one refers to. */
  private declared(): Declaration {
    if (!this.declaration) {
      const die = this.entryDie;
      const fileDie = die.followOrigins((origin) => (origin.has(DW_AT_decl_file) ? origin : undefined));
      const file = fileDie?.constant(DW_AT_decl_file);
      this.declaration = {
        path: fileDie && file !== undefined ? this.options.filePath(fileDie.unit, file) : undefined,
        line: die.followOrigins((origin) => origin.constant(DW_AT_decl_line)),
        external: die.followOrigins((origin) => (origin.flag(DW_AT_external) ? true : undefined)) ?? false,
      };
    }
    return this.declaration;
  }
}
