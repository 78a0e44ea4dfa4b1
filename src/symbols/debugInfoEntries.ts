// .debug_info units and their debugging information entries (DIEs), DWARF 2 to 5.
//
// Unit headers are scanned when the reader is built; a unit's DIE tree is parsed the
// first time something asks for it. Attribute values are resolved on access against
// the unit's bases (DW_AT_str_offsets_base, DW_AT_addr_base, DW_AT_rnglists_base,
// DW_AT_loclists_base), because clang lists DW_AT_low_pc (addrx) before DW_AT_addr_base.
// Accessors never throw: an unreadable value is reported once in `warnings` and reads
// as undefined.

import { Abbreviation, parseAbbreviationTable } from './abbreviations';
import { ByteCursor, DwarfFormat, DwarfFormatError, hex, stringAt } from './dwarfReader';
import { FormValue, readFormValue } from './dwarfForms';
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
const NO_CHILDREN: DebugInfoEntry[] = Object.freeze([]) as unknown as DebugInfoEntry[];

/** Whether the abbreviation of `entry` says children follow it (leaves share NO_CHILDREN). */
function mayHaveChildren(entry: DebugInfoEntry): boolean {
  return entry.children !== NO_CHILDREN;
}

export class DebugInfoEntry {
  readonly children: DebugInfoEntry[];

  constructor(
    readonly offset: number,
    readonly tag: number,
    readonly unit: CompilationUnit,
    readonly parent: DebugInfoEntry | undefined,
    private readonly attributeNames: readonly number[],
    private readonly attributeValues: readonly FormValue[],
    hasChildren = true,
  ) {
    this.children = hasChildren ? [] : NO_CHILDREN;
  }

  has(attribute: number): boolean {
    return this.attributeNames.includes(attribute);
  }

  raw(attribute: number): FormValue | undefined {
    const index = this.attributeNames.indexOf(attribute);
    return index < 0 ? undefined : this.attributeValues[index];
  }

  /** Attribute numbers present on this DIE. */
  attributes(): readonly number[] {
    return this.attributeNames;
  }

  string(attribute: number): string | undefined {
    const value = this.raw(attribute);
    return value ? this.unit.guard(() => this.unit.resolveString(value)) : undefined;
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
    const value = this.raw(attribute);
    if (!value) return undefined;
    if (value.kind === 'address') return value.value;
    if (value.kind === 'addressIndex') return this.unit.guard(() => this.unit.addressAtIndex(value.index));
    return undefined;
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
    const low = this.address(DW_AT_low_pc);
    const high = this.raw(DW_AT_high_pc);
    if (low !== undefined && high) {
      // DWARF 4+: a constant high_pc is the size of the range.
      const end = high.kind === 'constant' ? low + high.value : this.address(DW_AT_high_pc);
      return end !== undefined && end > low ? [{ low, high: end }] : [];
    }
    const ranges = this.raw(DW_AT_ranges);
    if (!ranges) return [];
    return this.unit.guard(() => this.unit.rangeList(ranges)) ?? [];
  }
}

export class CompilationUnit {
  private tree: DebugInfoEntry | undefined;
  /** Every DIE of the tree in .debug_info order, i.e. sorted by offset (a Map of them costs more to build). */
  private readonly entriesByOffset: DebugInfoEntry[] = [];
  private unitEntryCache: DebugInfoEntry | undefined;
  private abbreviationCache: Map<number, Abbreviation> | undefined;
  private treeFailed = false;

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

  /** The unit's top DIE (DW_TAG_compile_unit ...) without its children. */
  unitEntry(): DebugInfoEntry | undefined {
    if (this.tree) return this.tree;
    if (!this.unitEntryCache) {
      this.unitEntryCache = this.guard(() => {
        const cursor = new ByteCursor(this.reader.sections.info!, this.firstEntryOffset, this.endOffset);
        return this.readEntry(cursor, undefined);
      });
    }
    return this.unitEntryCache;
  }

  /** The unit's DIE tree, parsed on first use. Undefined (with a warning) when corrupt. */
  root(): DebugInfoEntry | undefined {
    if (!this.tree && !this.treeFailed) {
      this.tree = this.guard(() => this.parseTree());
      if (!this.tree) this.treeFailed = true;
    }
    return this.tree;
  }

  entryAt(offset: number): DebugInfoEntry | undefined {
    this.root();
    const entries = this.entriesByOffset;
    let low = 0;
    let high = entries.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const middleOffset = entries[middle].offset;
      if (middleOffset === offset) return entries[middle];
      if (middleOffset < offset) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private parseTree(): DebugInfoEntry {
    const cursor = new ByteCursor(this.reader.sections.info!, this.firstEntryOffset, this.endOffset);
    const root = this.readEntry(cursor, undefined);
    if (!root) throw new DwarfFormatError('unit has no entries');
    this.entriesByOffset.push(root);
    const parents: DebugInfoEntry[] = mayHaveChildren(root) ? [root] : [];
    while (parents.length > 0 && !cursor.atEnd()) {
      const parent = parents[parents.length - 1];
      const entry = this.readEntry(cursor, parent);
      if (!entry) {
        parents.pop(); // a null entry ends a list of siblings
        continue;
      }
      parent.children.push(entry);
      this.entriesByOffset.push(entry);
      if (mayHaveChildren(entry)) parents.push(entry);
    }
    return root;
  }

  /** The DIE at the cursor; undefined for a null entry (code 0), which ends a list of siblings. */
  private readEntry(cursor: ByteCursor, parent: DebugInfoEntry | undefined): DebugInfoEntry | undefined {
    const offset = cursor.position;
    const code = cursor.uleb128();
    if (code === 0) return undefined;
    const abbreviation = this.abbreviations().get(code);
    if (!abbreviation) throw new DwarfFormatError(`DIE at ${hex(offset)} uses unknown abbreviation code ${code}`);
    const attributes = abbreviation.attributes;
    const values: FormValue[] = new Array(attributes.length);
    for (let i = 0; i < attributes.length; i++) values[i] = readFormValue(cursor, attributes[i].form, this, attributes[i].implicitConst);
    return new DebugInfoEntry(offset, abbreviation.tag, this, parent, abbreviation.attributeNames, values, abbreviation.hasChildren);
  }

  private baseAttribute(...attributes: number[]): number | undefined {
    const entry = this.unitEntry();
    for (const attribute of attributes) {
      const value = entry?.raw(attribute);
      if (value?.kind === 'sectionOffset' || value?.kind === 'constant') return value.value;
    }
    return undefined;
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
      case 'stringIndex': {
        const section = this.sections.strOffsets;
        if (!section) throw new DwarfFormatError('DW_FORM_strx used without .debug_str_offsets');
        const base = this.baseAttribute(DW_AT_str_offsets_base) ?? this.tableHeaderSize;
        const entrySize = this.format === 64 ? 8 : 4;
        const cursor = new ByteCursor(section, base + value.index * entrySize);
        return stringAt(this.sections.str, cursor.offset(this.format), '.debug_str');
      }
      default:
        throw new DwarfFormatError(`attribute of kind ${value.kind} is not a string`);
    }
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
