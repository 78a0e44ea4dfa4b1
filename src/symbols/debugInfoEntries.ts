// .debug_info units and their debugging information entries (DIEs), DWARF 2 to 5.
//
// Unit headers are scanned when the reader is built. A unit's DIEs are found by one
// pass over its bytes the first time something asks for them (dieLayout.ts); a DIE
// becomes an object only when asked for, and reads its attribute values only when one
// of them is asked for. Attribute values are resolved on access against
// the unit's bases (DW_AT_str_offsets_base, DW_AT_addr_base, DW_AT_rnglists_base,
// DW_AT_loclists_base), because clang lists DW_AT_low_pc (addrx) before DW_AT_addr_base.
// Accessors never throw: an unreadable value is reported once in `warnings` and reads
// as undefined.

import { Abbreviation, parseAbbreviationTable } from './abbreviations';
import { ByteCursor, DwarfFormat, DwarfFormatError, hex, readUnsigned, stringAt } from './dwarfReader';
import { FormValue, VARIABLE_SIZE, readFormValue, skipLeb128, uleb128At } from './dwarfForms';
import { AbbreviationPlan, DieLayout, NO_DIE, abbreviationPlan, skipValues } from './dieLayout';
import {
  DW_AT_abstract_origin,
  DW_AT_addr_base,
  DW_AT_GNU_addr_base,
  DW_AT_high_pc,
  DW_AT_linkage_name,
  DW_AT_loclists_base,
  DW_AT_low_pc,
  DW_AT_MIPS_linkage_name,
  DW_AT_name,
  DW_AT_ranges,
  DW_AT_rnglists_base,
  DW_AT_specification,
  DW_AT_str_offsets_base,
  DW_UT_compile,
  DW_UT_partial,
  DW_UT_skeleton,
  DW_UT_split_compile,
  DW_UT_split_type,
  DW_UT_type,
} from './dwarfConstants';
import type { DwarfSections } from './dwarfSections';
import { AddressRange, readRangeList } from './rangeLists';

// Most DIEs are leaves: they share this one (frozen) empty list instead of each owning one.
const NO_CHILDREN: readonly DebugInfoEntry[] = Object.freeze([]);

/**
 * One DIE. Made on demand from the unit's layout (see dieLayout.ts), at most once per
 * DIE, so entries can be compared by identity. It keeps no attribute values: each
 * access reads its one value from .debug_info (a short-lived object), so that many
 * entries cost little memory and garbage collection.
 */
export class DebugInfoEntry {
  private childList: readonly DebugInfoEntry[] | undefined;

  constructor(
    readonly unit: CompilationUnit,
    /** Position in the unit's layout (0 is the unit DIE). */
    readonly index: number,
    readonly offset: number,
    private readonly plan: AbbreviationPlan,
  ) {}

  get tag(): number {
    return this.plan.tag;
  }

  get parent(): DebugInfoEntry | undefined {
    return this.unit.parentOf(this.index);
  }

  get children(): readonly DebugInfoEntry[] {
    if (!this.childList) this.childList = this.plan.hasChildren ? this.unit.childrenOf(this.index) : NO_CHILDREN;
    return this.childList;
  }

  has(attribute: number): boolean {
    return this.plan.abbreviation.attributeNames.includes(attribute);
  }

  raw(attribute: number): FormValue | undefined {
    const index = this.plan.abbreviation.attributeNames.indexOf(attribute);
    return index < 0 ? undefined : this.unit.readAttributeValue(this.offset, this.plan, index);
  }

  /** Attribute numbers present on this DIE. */
  attributes(): readonly number[] {
    return this.plan.abbreviation.attributeNames;
  }

  string(attribute: number): string | undefined {
    return this.unit.stringOf(this.raw(attribute));
  }

  /** A constant attribute; signedness follows the form (sdata/implicit_const signed, dataN unsigned). */
  constant(attribute: number): number | undefined {
    const value = this.raw(attribute);
    return value?.kind === 'constant' ? value.value : undefined;
  }

  flag(attribute: number): boolean {
    const value = this.raw(attribute);
    return value?.kind === 'flag' ? value.value : false;
  }

  address(attribute: number): number | undefined {
    return this.unit.addressOf(this.raw(attribute));
  }

  /** Bytes of a block or exprloc attribute. */
  block(attribute: number): Uint8Array | undefined {
    const value = this.raw(attribute);
    return value?.kind === 'block' ? value.bytes : undefined;
  }

  /** The DIE a reference attribute points to (possibly in another unit). */
  reference(attribute: number): DebugInfoEntry | undefined {
    const value = this.raw(attribute);
    if (!value) return undefined;
    if (value.kind === 'unitReference') return this.unit.reader.entryAt(this.unit.offset + value.offset);
    if (value.kind === 'infoReference') return this.unit.reader.entryAt(value.offset);
    return undefined;
  }

  /** DW_AT_name, following DW_AT_abstract_origin and DW_AT_specification when absent. */
  name(): string | undefined {
    return this.followOrigins((entry) => entry.string(DW_AT_name));
  }

  linkageName(): string | undefined {
    return this.followOrigins((entry) => entry.string(DW_AT_linkage_name) ?? entry.string(DW_AT_MIPS_linkage_name));
  }

  /** First value `read` finds on this DIE or the DIEs it refers to by abstract_origin/specification. */
  followOrigins<T>(read: (entry: DebugInfoEntry) => T | undefined): T | undefined {
    let entry: DebugInfoEntry | undefined = this;
    for (let depth = 0; entry && depth < 8; depth++) {
      const value = read(entry);
      if (value !== undefined) return value;
      entry = entry.reference(DW_AT_abstract_origin) ?? entry.reference(DW_AT_specification);
    }
    return undefined;
  }

  /** Code address ranges from DW_AT_low_pc/DW_AT_high_pc or DW_AT_ranges; empty when it has none. */
  ranges(): AddressRange[] {
    return this.unit.rangesOf(this.raw(DW_AT_low_pc), this.raw(DW_AT_high_pc), this.raw(DW_AT_ranges));
  }
}

export class CompilationUnit {
  /** Made entries by layout index; the unit DIE (index 0) can be made before the layout. */
  private readonly entries = new Map<number, DebugInfoEntry>();
  private layoutCache: DieLayout | undefined;
  private layoutFailed = false;
  private abbreviationCache: Map<number, Abbreviation> | undefined;
  /** Plans by abbreviation code, made one at a time (loading reads only the unit DIE) until plans() makes them all. */
  private readonly planList: AbbreviationPlan[] = [];
  private allPlanned = false;
  private valueCursor: ByteCursor | undefined;
  private readonly bases = new Map<number, number | undefined>();

  constructor(
    readonly reader: DebugInfoReader,
    readonly offset: number,
    /** One past the unit's last byte. */
    readonly endOffset: number,
    readonly format: DwarfFormat,
    readonly version: number,
    /** DW_UT_* (DWARF 5); DW_UT_compile for earlier versions. */
    readonly unitType: number,
    readonly addressSize: number,
    readonly abbreviationOffset: number,
    readonly firstEntryOffset: number,
  ) {}

  get sections(): DwarfSections {
    return this.reader.sections;
  }

  /** Runs `read`, turning a DwarfFormatError into a warning and undefined. */
  guard<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof DwarfFormatError)) throw error;
      this.reader.warn(`unit at ${hex(this.offset)}: ${error.message}`);
      return undefined;
    }
  }

  private abbreviations(): Map<number, Abbreviation> {
    if (!this.abbreviationCache) {
      const section = this.sections.abbrev;
      if (!section) throw new DwarfFormatError('.debug_abbrev is missing');
      this.abbreviationCache = parseAbbreviationTable(section, this.abbreviationOffset);
    }
    return this.abbreviationCache;
  }

  /** The unit's abbreviations as plans (see dieLayout.ts), indexed by abbreviation code. */
  plans(): AbbreviationPlan[] {
    if (!this.allPlanned) {
      for (const [code, abbreviation] of this.abbreviations()) this.planList[code] ??= abbreviationPlan(abbreviation, this);
      this.allPlanned = true;
    }
    return this.planList;
  }

  private planOf(code: number): AbbreviationPlan | undefined {
    const planned = this.planList[code];
    if (planned || this.allPlanned) return planned;
    const abbreviation = this.abbreviations().get(code);
    if (abbreviation) this.planList[code] = abbreviationPlan(abbreviation, this);
    return this.planList[code];
  }

  /** The unit's top DIE (DW_TAG_compile_unit ...); reading it needs no layout. */
  unitEntry(): DebugInfoEntry | undefined {
    const made = this.entries.get(0);
    if (made) return made;
    return this.guard(() => {
      return this.abbreviationCodeAt(this.firstEntryOffset) === 0 ? undefined : this.makeEntry(0, this.firstEntryOffset);
    });
  }

  /**
   * Where the unit's DIEs are, found by one pass over the unit on first use. Undefined
   * (with a warning) when a DIE cannot be read: the unit then has no DIEs below its top one.
   */
  layout(): DieLayout | undefined {
    if (!this.layoutCache && !this.layoutFailed) {
      this.layoutCache = this.guard(() => DieLayout.scan(this.reader.sections.info!, this.firstEntryOffset, this.endOffset, this.plans(), this));
      if (!this.layoutCache) this.layoutFailed = true;
    }
    return this.layoutCache;
  }

  /** The unit DIE, with its tree below it. Undefined (with a warning) when the unit is corrupt. */
  root(): DebugInfoEntry | undefined {
    return this.layout() ? this.unitEntry() : undefined;
  }

  entryAt(offset: number): DebugInfoEntry | undefined {
    const layout = this.layout();
    const index = layout ? layout.indexAt(offset) : NO_DIE;
    return index === NO_DIE ? undefined : this.entryAtIndex(index);
  }

  /** The entry at a layout index (which must come from this unit's layout). */
  entryAtIndex(index: number): DebugInfoEntry | undefined {
    const made = this.entries.get(index);
    if (made) return made;
    const layout = this.layout();
    if (!layout || index < 0 || index >= layout.count) return undefined;
    return this.guard(() => this.makeEntry(index, layout.offset(index)));
  }

  parentOf(index: number): DebugInfoEntry | undefined {
    const parent = index === 0 ? NO_DIE : this.layout()?.parent(index) ?? NO_DIE;
    return parent === NO_DIE ? undefined : this.entryAtIndex(parent);
  }

  childrenOf(index: number): readonly DebugInfoEntry[] {
    const layout = this.layout();
    if (!layout) return NO_CHILDREN;
    const children: DebugInfoEntry[] = [];
    for (let child = layout.firstChild(index); child !== NO_DIE; child = layout.nextSibling(child)) {
      const entry = this.entryAtIndex(child);
      if (entry) children.push(entry);
    }
    return children.length > 0 ? children : NO_CHILDREN;
  }

  private abbreviationCodeAt(offset: number): number {
    const info = this.reader.sections.info!;
    return uleb128At(info, offset, skipLeb128(info, offset, this.endOffset));
  }

  private makeEntry(index: number, offset: number): DebugInfoEntry {
    const entry = new DebugInfoEntry(this, index, offset, this.planAt(offset));
    this.entries.set(index, entry);
    return entry;
  }

  /** A string attribute's text (undefined, with a warning, when it cannot be read). */
  stringOf(value: FormValue | undefined): string | undefined {
    return value ? this.guard(() => this.resolveString(value)) : undefined;
  }

  /** An address attribute's address, resolving DW_FORM_addrx; undefined for other kinds. */
  addressOf(value: FormValue | undefined): number | undefined {
    if (value?.kind === 'address') return value.value;
    if (value?.kind === 'addressIndex') return this.guard(() => this.addressAtIndex(value.index));
    return undefined;
  }

  /** Code address ranges from DW_AT_low_pc/DW_AT_high_pc or DW_AT_ranges values; empty when there are none. */
  rangesOf(lowValue: FormValue | undefined, high: FormValue | undefined, ranges: FormValue | undefined): AddressRange[] {
    const low = this.addressOf(lowValue);
    if (low !== undefined && high) {
      // DWARF 4+: a constant high_pc is the size of the range.
      const end = high.kind === 'constant' ? low + high.value : this.addressOf(high);
      return end !== undefined && end > low ? [{ low, high: end }] : [];
    }
    if (!ranges) return [];
    return this.guard(() => this.rangeList(ranges)) ?? [];
  }

  /** Value number `attribute` of the plan's attributes of the DIE at `offset`; undefined (with a warning) when unreadable. */
  readAttributeValue(offset: number, plan: AbbreviationPlan, attribute: number): FormValue | undefined {
    try {
      return this.valueAt(offset, plan, attribute);
    } catch (error) {
      if (!(error instanceof DwarfFormatError)) throw error;
      this.reader.warn(`unit at ${hex(this.offset)}: ${error.message}`);
      return undefined;
    }
  }

  /**
   * Value number `attribute` of the DIE at `offset` as an unsigned little-endian number
   * of `size` bytes (its form's size), read without making a FormValue; undefined when
   * it lies outside the unit.
   */
  unsignedAt(offset: number, plan: AbbreviationPlan, attribute: number, size: number): number | undefined {
    const info = this.reader.sections.info!;
    try {
      const at = this.valuePosition(offset, plan, attribute);
      return at + size > this.endOffset ? undefined : readUnsigned(info, at, size);
    } catch (error) {
      if (!(error instanceof DwarfFormatError)) throw error;
      return undefined;
    }
  }

  /** The plan of the abbreviation of the DIE at `offset`. Throws DwarfFormatError for an unknown code. */
  planAt(offset: number): AbbreviationPlan {
    const code = this.abbreviationCodeAt(offset);
    const plan = this.planOf(code);
    if (!plan) throw new DwarfFormatError(`DIE at ${hex(offset)} uses unknown abbreviation code ${code}`);
    return plan;
  }

  /**
   * Value number `attribute` of the plan's attributes of the DIE at `offset`, read in
   * place: straight at its position when the values before it have fixed sizes, else
   * after stepping over them. Throws DwarfFormatError.
   */
  valueAt(offset: number, plan: AbbreviationPlan, attribute: number): FormValue {
    // Nothing reads values re-entrantly, so one cursor serves the unit.
    const cursor = (this.valueCursor ??= new ByteCursor(this.reader.sections.info!, this.firstEntryOffset, this.endOffset));
    cursor.seek(this.valuePosition(offset, plan, attribute));
    const { form, implicitConst } = plan.abbreviation.attributes[attribute];
    return readFormValue(cursor, form, this, implicitConst);
  }

  /** Where value number `attribute` of the DIE at `offset` starts in .debug_info. Throws DwarfFormatError. */
  valuePosition(offset: number, plan: AbbreviationPlan, attribute: number): number {
    const info = this.reader.sections.info!;
    const firstValue = skipLeb128(info, offset, this.endOffset);
    const valueOffset = plan.valueOffsets[attribute];
    return valueOffset !== VARIABLE_SIZE ? firstValue + valueOffset : skipValues(info, firstValue, this.endOffset, plan, 0, attribute, this);
  }

  /** The first of `attributes` the unit DIE has, as a number (DW_AT_str_offsets_base ...); looked up once per unit. */
  private baseAttribute(...attributes: number[]): number | undefined {
    const key = attributes[0];
    if (this.bases.has(key)) return this.bases.get(key);
    const entry = this.unitEntry();
    let base: number | undefined;
    for (const attribute of attributes) {
      const value = entry?.raw(attribute);
      if (value?.kind === 'sectionOffset' || value?.kind === 'constant') {
        base = value.value;
        break;
      }
    }
    this.bases.set(key, base);
    return base;
  }

  /** Size of the header that precedes offset tables in .debug_str_offsets/.debug_addr/... (DWARF 5 section 7.26-7.29). */
  private get tableHeaderSize(): number {
    return this.format === 64 ? 16 : 8;
  }

  resolveString(value: FormValue): string {
    switch (value.kind) {
      case 'string':
        return value.value;
      case 'stringOffset':
        return value.section === 'lineStr'
          ? stringAt(this.sections.lineStr, value.offset, '.debug_line_str')
          : stringAt(this.sections.str, value.offset, '.debug_str');
      case 'stringIndex':
        return stringAt(this.sections.str, this.stringOffsetAtIndex(value.index), '.debug_str');
      default:
        throw new DwarfFormatError(`attribute of kind ${value.kind} is not a string`);
    }
  }

  /** The .debug_str offset of entry `index` of this unit's .debug_str_offsets table (DW_FORM_strx). */
  stringOffsetAtIndex(index: number): number {
    const section = this.sections.strOffsets;
    if (!section) throw new DwarfFormatError('DW_FORM_strx used without .debug_str_offsets');
    const base = this.baseAttribute(DW_AT_str_offsets_base) ?? this.tableHeaderSize;
    const entrySize = this.format === 64 ? 8 : 4;
    return new ByteCursor(section, base + index * entrySize).offset(this.format);
  }

  /** Entry `index` of this unit's .debug_addr table. */
  addressAtIndex(index: number): number {
    const section = this.sections.addr;
    if (!section) throw new DwarfFormatError('an indexed address is used without .debug_addr');
    const base = this.baseAttribute(DW_AT_addr_base, DW_AT_GNU_addr_base) ?? this.tableHeaderSize;
    return new ByteCursor(section, base + index * this.addressSize).address(this.addressSize);
  }

  /** The unit's base address for range and location lists: the unit DIE's DW_AT_low_pc. */
  get baseAddress(): number {
    return this.unitEntry()?.address(DW_AT_low_pc) ?? 0;
  }

  /** Resolves a DW_FORM_rnglistx index to its .debug_rnglists offset. */
  private listOffset(index: number, section: Uint8Array | undefined, baseAttribute: number, name: string): number {
    if (!section) throw new DwarfFormatError(`${name} index used without ${name}`);
    const base = this.baseAttribute(baseAttribute) ?? this.tableHeaderSize + 4;
    const entrySize = this.format === 64 ? 8 : 4;
    return base + new ByteCursor(section, base + index * entrySize).offset(this.format);
  }

  rangeList(value: FormValue): AddressRange[] {
    if (this.version >= 5) {
      const offset =
        value.kind === 'rangeListIndex'
          ? this.listOffset(value.index, this.sections.rnglists, DW_AT_rnglists_base, '.debug_rnglists')
          : value.kind === 'sectionOffset' || value.kind === 'constant'
            ? value.value
            : undefined;
      if (offset === undefined) throw new DwarfFormatError(`DW_AT_ranges has unexpected kind ${value.kind}`);
      return readRangeList({ kind: 'rnglists', section: this.sections.rnglists, offset }, this);
    }
    if (value.kind !== 'sectionOffset' && value.kind !== 'constant') throw new DwarfFormatError(`DW_AT_ranges has unexpected kind ${value.kind}`);
    return readRangeList({ kind: 'ranges', section: this.sections.ranges, offset: value.value }, this);
  }

  /** The .debug_loclists offset of a DW_FORM_loclistx index. */
  locationListOffset(index: number): number {
    return this.listOffset(index, this.sections.loclists, DW_AT_loclists_base, '.debug_loclists');
  }
}

/** All units of .debug_info. */
export class DebugInfoReader {
  readonly units: readonly CompilationUnit[];
  private readonly reported = new Set<string>();

  constructor(readonly sections: DwarfSections, private readonly warnings: string[]) {
    this.units = this.scanUnits();
  }

  warn(message: string): void {
    if (this.reported.has(message) || this.reported.size > 200) return;
    this.reported.add(message);
    this.warnings.push(`.debug_info: ${message}`);
  }

  private scanUnits(): CompilationUnit[] {
    const section = this.sections.info;
    if (!section) return [];
    const units: CompilationUnit[] = [];
    const cursor = new ByteCursor(section);
    while (!cursor.atEnd()) {
      const start = cursor.position;
      try {
        const { contents, format, unitEnd } = cursor.unit();
        const version = contents.u16();
        if (version < 2 || version > 5) throw new DwarfFormatError(`unit at ${hex(start)} has unsupported version ${version}`);
        let unitType = DW_UT_compile;
        let addressSize: number;
        let abbreviationOffset: number;
        if (version >= 5) {
          unitType = contents.u8();
          addressSize = contents.u8();
          abbreviationOffset = contents.offset(format);
          if (unitType === DW_UT_skeleton || unitType === DW_UT_split_compile) contents.skip(8); // dwo_id
          else if (unitType === DW_UT_type || unitType === DW_UT_split_type) {
            contents.skip(8); // type_signature
            contents.offset(format); // type_offset
          } else if (unitType !== DW_UT_compile && unitType !== DW_UT_partial) {
            throw new DwarfFormatError(`unit at ${hex(start)} has unknown unit type ${unitType}`);
          }
        } else {
          abbreviationOffset = contents.offset(format);
          addressSize = contents.u8();
        }
        if (addressSize !== 4 && addressSize !== 8) throw new DwarfFormatError(`unit at ${hex(start)} has address size ${addressSize}`);
        units.push(new CompilationUnit(this, start, unitEnd, format, version, unitType, addressSize, abbreviationOffset, contents.position));
      } catch (error) {
        if (!(error instanceof DwarfFormatError)) throw error;
        this.warn(`${error.message}; the units after ${hex(start)} are ignored`);
        break;
      }
    }
    return units;
  }

  unitContaining(offset: number): CompilationUnit | undefined {
    let low = 0;
    let high = this.units.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const unit = this.units[middle];
      if (offset < unit.offset) high = middle - 1;
      else if (offset >= unit.endOffset) low = middle + 1;
      else return unit;
    }
    return undefined;
  }

  /** The DIE at a .debug_info offset. */
  entryAt(offset: number): DebugInfoEntry | undefined {
    return this.unitContaining(offset)?.entryAt(offset);
  }
}
