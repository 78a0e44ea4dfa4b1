// Call frame information (DWARF 5 section 6.4): CIEs and FDEs from .debug_frame
// (DWARF 32/64, CIE versions 1, 3, 4) and .eh_frame (LSB "Exception Frames": CIE id 0,
// CIE pointers relative to the field, augmentation strings such as "zR", "zPLR" and
// pointer encodings), and the CFA instruction interpreter that yields, for a PC, the
// rule to compute the CFA and the rule for each saved register.
//
// AArch64 DWARF register numbers (AAPCS64 "DWARF for the Arm 64-bit Architecture"):
// X0-X30 are 0-30, SP is 31, V0-V31 are 64-95. The return address column is X30.

import { ByteCursor, DwarfFormat, DwarfFormatError, hex } from './dwarfReader';
import { lastIndexAtOrBefore } from './sortedSearch';

export const DWARF_REGISTER_SP = 31;
export const DWARF_REGISTER_FP = 29;
export const DWARF_REGISTER_LR = 30;

// Primary opcodes live in the top two bits.
const DW_CFA_advance_loc = 0x40;
const DW_CFA_offset = 0x80;
const DW_CFA_restore = 0xc0;
// Extended opcodes.
const DW_CFA_nop = 0x00;
const DW_CFA_set_loc = 0x01;
const DW_CFA_advance_loc1 = 0x02;
const DW_CFA_advance_loc2 = 0x03;
const DW_CFA_advance_loc4 = 0x04;
const DW_CFA_offset_extended = 0x05;
const DW_CFA_restore_extended = 0x06;
const DW_CFA_undefined = 0x07;
const DW_CFA_same_value = 0x08;
const DW_CFA_register = 0x09;
const DW_CFA_remember_state = 0x0a;
const DW_CFA_restore_state = 0x0b;
const DW_CFA_def_cfa = 0x0c;
const DW_CFA_def_cfa_register = 0x0d;
const DW_CFA_def_cfa_offset = 0x0e;
const DW_CFA_def_cfa_expression = 0x0f;
const DW_CFA_expression = 0x10;
const DW_CFA_offset_extended_sf = 0x11;
const DW_CFA_def_cfa_sf = 0x12;
const DW_CFA_def_cfa_offset_sf = 0x13;
const DW_CFA_val_offset = 0x14;
const DW_CFA_val_offset_sf = 0x15;
const DW_CFA_val_expression = 0x16;
/** Same number as DW_CFA_GNU_window_save on SPARC: toggles "the return address is signed" (PAC). */
const DW_CFA_AARCH64_negate_ra_state = 0x2d;
const DW_CFA_GNU_args_size = 0x2e;
const DW_CFA_GNU_negative_offset_extended = 0x2f;

// .eh_frame pointer encodings (DW_EH_PE_*).
const DW_EH_PE_omit = 0xff;
const DW_EH_PE_absptr = 0x00;
const DW_EH_PE_uleb128 = 0x01;
const DW_EH_PE_udata2 = 0x02;
const DW_EH_PE_udata4 = 0x03;
const DW_EH_PE_udata8 = 0x04;
const DW_EH_PE_sleb128 = 0x09;
const DW_EH_PE_sdata2 = 0x0a;
const DW_EH_PE_sdata4 = 0x0b;
const DW_EH_PE_sdata8 = 0x0c;
const DW_EH_PE_pcrel = 0x10;
const DW_EH_PE_textrel = 0x20;
const DW_EH_PE_datarel = 0x30;
const DW_EH_PE_funcrel = 0x40;
const DW_EH_PE_aligned = 0x50;

export type RegisterRule =
  | { readonly kind: 'undefined' }
  | { readonly kind: 'sameValue' }
  /** Saved at CFA + offset. */
  | { readonly kind: 'offset'; readonly offset: number }
  /** The value is CFA + offset. */
  | { readonly kind: 'valOffset'; readonly offset: number }
  /** Held in another register. */
  | { readonly kind: 'register'; readonly register: number }
  /** Saved at the address the expression computes (the CFA pushed first). */
  | { readonly kind: 'expression'; readonly expression: Uint8Array }
  /** The value is what the expression computes (the CFA pushed first). */
  | { readonly kind: 'valExpression'; readonly expression: Uint8Array };

export type CfaRule =
  | { readonly kind: 'registerOffset'; readonly register: number; readonly offset: number }
  | { readonly kind: 'expression'; readonly expression: Uint8Array };

export interface CommonInformationEntry {
  readonly offset: number;
  readonly format: DwarfFormat;
  readonly version: number;
  readonly augmentation: string;
  readonly addressSize: number;
  readonly codeAlignmentFactor: number;
  readonly dataAlignmentFactor: number;
  readonly returnAddressRegister: number;
  readonly initialInstructions: Uint8Array;
  /** DW_EH_PE_* encoding of FDE addresses ('R' augmentation); absptr otherwise. */
  readonly pointerEncoding: number;
  readonly lsdaEncoding?: number;
  readonly personality?: number;
  readonly isSignalFrame: boolean;
  /** Whether FDEs of this CIE have an augmentation data length ('z'). */
  readonly hasAugmentationData: boolean;
}

export interface FrameDescriptionEntry {
  readonly offset: number;
  readonly cie: CommonInformationEntry;
  readonly initialLocation: number;
  readonly addressRange: number;
  readonly instructions: Uint8Array;
  readonly lsda?: number;
  readonly source: '.debug_frame' | '.eh_frame';
}

export interface UnwindRow {
  /** First PC this row applies to. */
  readonly location: number;
  /** One past the last PC it applies to. */
  readonly endLocation: number;
  readonly cfa: CfaRule;
  /** Rules for registers that have one; absent registers follow the ABI default (see unwinder). */
  readonly registers: ReadonlyMap<number, RegisterRule>;
  readonly returnAddressRegister: number;
  /** DW_CFA_AARCH64_negate_ra_state parity: the return address carries a PAC signature. */
  readonly returnAddressSigned: boolean;
  /** The FDE it comes from; absent for rows recovered by prologue analysis. */
  readonly fde?: FrameDescriptionEntry;
}

export interface CallFrameSections {
  readonly frame?: Uint8Array;
  readonly ehFrame?: Uint8Array;
  /** Run-time address of .eh_frame, for DW_EH_PE_pcrel pointers. */
  readonly ehFrameAddress?: number;
  /** Addresses in .debug_frame default to this size (CIE v4 states its own). */
  readonly addressSize?: number;
}

/** The CFI of a program: every FDE of .debug_frame and .eh_frame, searchable by PC. */
export class CallFrameTable {
  /** FDEs sorted by initial location. */
  readonly entries: readonly FrameDescriptionEntry[];

  constructor(entries: FrameDescriptionEntry[]) {
    this.entries = entries.filter((entry) => entry.addressRange > 0).sort((a, b) => a.initialLocation - b.initialLocation);
  }

  static parse(sections: CallFrameSections, warnings: string[]): CallFrameTable {
    const entries: FrameDescriptionEntry[] = [];
    if (sections.frame) entries.push(...parseFrameSection(sections.frame, '.debug_frame', 0, sections.addressSize ?? 8, warnings));
    if (sections.ehFrame) entries.push(...parseFrameSection(sections.ehFrame, '.eh_frame', sections.ehFrameAddress ?? 0, 8, warnings));
    return new CallFrameTable(entries);
  }

  /** The FDE that covers a PC (.debug_frame first when both describe it). */
  entryFor(pc: number): FrameDescriptionEntry | undefined {
    const found = lastIndexAtOrBefore(this.entries.length, (i) => this.entries[i].initialLocation, pc);
    for (let i = found; i >= 0 && i > found - 8; i--) {
      const entry = this.entries[i];
      if (pc < entry.initialLocation + entry.addressRange) return entry;
    }
    return undefined;
  }

  /** The unwind rules in force at a PC, or undefined when no FDE covers it or its CFI is corrupt. */
  rowFor(pc: number, warnings?: string[]): UnwindRow | undefined {
    const fde = this.entryFor(pc);
    if (!fde) return undefined;
    try {
      const rows = computeRows(fde, pc);
      const last = rows[rows.length - 1];
      return last && pc >= last.location && pc < last.endLocation ? last : undefined;
    } catch (error) {
      if (!(error instanceof DwarfFormatError)) throw error;
      warnings?.push(`call frame information of the FDE at ${hex(fde.offset)} (${fde.source}): ${error.message}`);
      return undefined;
    }
  }

  /** Every row of an FDE's table, for displays and tests. */
  rowsOf(fde: FrameDescriptionEntry): UnwindRow[] {
    return computeRows(fde);
  }
}

function parseFrameSection(
  section: Uint8Array,
  source: FrameDescriptionEntry['source'],
  sectionAddress: number,
  defaultAddressSize: number,
  warnings: string[],
): FrameDescriptionEntry[] {
  const isEh = source === '.eh_frame';
  const cies = new Map<number, CommonInformationEntry | null>();
  const entries: FrameDescriptionEntry[] = [];
  const cursor = new ByteCursor(section);
  const readCie = (offset: number): CommonInformationEntry | undefined => {
    if (!cies.has(offset)) {
      try {
        cies.set(offset, parseCie(section, offset, defaultAddressSize, sectionAddress));
      } catch (error) {
        if (!(error instanceof DwarfFormatError)) throw error;
        warnings.push(`${source}: CIE at ${hex(offset)}: ${error.message}`);
        cies.set(offset, null);
      }
    }
    return cies.get(offset) ?? undefined;
  };
  while (cursor.remaining >= 4) {
    const start = cursor.position;
    let unit;
    try {
      if (isEh && new ByteCursor(section, start).u32() === 0) break; // zero terminator
      unit = cursor.unit();
    } catch (error) {
      if (!(error instanceof DwarfFormatError)) throw error;
      warnings.push(`${source}: entry at ${hex(start)}: ${error.message}; the rest of the section is ignored`);
      break;
    }
    try {
      const { contents, format } = unit;
      const idPosition = contents.position;
      const id = format === 64 ? contents.u64Big() : BigInt(contents.u32());
      const isCie = isEh ? id === 0n : id === (format === 64 ? 0xffffffffffffffffn : 0xffffffffn);
      if (isCie) {
        readCie(start);
        continue;
      }
      const cieOffset = isEh ? idPosition - Number(id) : Number(id);
      const cie = readCie(cieOffset);
      if (!cie) {
        warnings.push(`${source}: FDE at ${hex(start)} refers to a missing or unreadable CIE at ${hex(cieOffset)}`);
        continue;
      }
      entries.push(parseFde(contents, start, cie, source, sectionAddress));
    } catch (error) {
      if (!(error instanceof DwarfFormatError)) throw error;
      warnings.push(`${source}: entry at ${hex(start)}: ${error.message}`);
    }
  }
  return entries;
}

function parseCie(section: Uint8Array, offset: number, defaultAddressSize: number, sectionAddress: number): CommonInformationEntry {
  const { contents: cursor, format } = new ByteCursor(section, offset).unit();
  if (format === 64) cursor.u64();
  else cursor.u32();
  const version = cursor.u8();
  if (version !== 1 && version !== 3 && version !== 4) throw new DwarfFormatError(`unsupported CIE version ${version}`);
  const augmentation = cursor.cstring();
  let addressSize = defaultAddressSize;
  if (version >= 4) {
    addressSize = cursor.u8();
    const segmentSelectorSize = cursor.u8();
    if (segmentSelectorSize !== 0) throw new DwarfFormatError('CIE uses segment selectors');
  }
  if (augmentation.includes('eh')) cursor.address(addressSize); // old GNU "eh" data pointer
  const codeAlignmentFactor = cursor.uleb128();
  const dataAlignmentFactor = cursor.sleb128();
  const returnAddressRegister = version === 1 ? cursor.u8() : cursor.uleb128();
  let pointerEncoding = DW_EH_PE_absptr;
  let lsdaEncoding: number | undefined;
  let personality: number | undefined;
  let isSignalFrame = false;
  const hasAugmentationData = augmentation.startsWith('z');
  if (hasAugmentationData) {
    const length = cursor.uleb128();
    const end = cursor.position + length;
    for (const letter of augmentation.slice(1)) {
      if (letter === 'R') pointerEncoding = cursor.u8();
      else if (letter === 'L') lsdaEncoding = cursor.u8();
      else if (letter === 'P') {
        const encoding = cursor.u8();
        personality = readEncodedPointer(cursor, encoding, addressSize, sectionAddress);
      } else if (letter === 'S') isSignalFrame = true;
      else break; // 'B' (BTI), 'G' (MTE) and unknown letters: the length lets us skip the rest.
    }
    cursor.seek(end);
  } else if (augmentation !== '' && augmentation !== 'eh') {
    throw new DwarfFormatError(`unknown CIE augmentation "${augmentation}"`);
  }
  return {
    offset,
    format,
    version,
    augmentation,
    addressSize,
    codeAlignmentFactor,
    dataAlignmentFactor,
    returnAddressRegister,
    initialInstructions: cursor.bytesOf(cursor.remaining),
    pointerEncoding,
    lsdaEncoding,
    personality,
    isSignalFrame,
    hasAugmentationData,
  };
}

function parseFde(
  cursor: ByteCursor,
  offset: number,
  cie: CommonInformationEntry,
  source: FrameDescriptionEntry['source'],
  sectionAddress: number,
): FrameDescriptionEntry {
  const encoding = source === '.eh_frame' ? cie.pointerEncoding : DW_EH_PE_absptr;
  const initialLocation = readEncodedPointer(cursor, encoding, cie.addressSize, sectionAddress);
  // The range uses the same value format but is never relative.
  const addressRange = readEncodedPointer(cursor, encoding & 0x0f, cie.addressSize, sectionAddress);
  let lsda: number | undefined;
  if (cie.hasAugmentationData) {
    const length = cursor.uleb128();
    const end = cursor.position + length;
    if (cie.lsdaEncoding !== undefined && cie.lsdaEncoding !== DW_EH_PE_omit && length > 0) {
      lsda = readEncodedPointer(cursor, cie.lsdaEncoding, cie.addressSize, sectionAddress);
    }
    cursor.seek(end);
  }
  return { offset, cie, initialLocation, addressRange, instructions: cursor.bytesOf(cursor.remaining), lsda, source };
}

/**
 * Reads a DW_EH_PE_* encoded pointer; pc-relative values are relative to the field's
 * run-time address. DW_EH_PE_indirect (0x80, used for personality routines) means the
 * value is where the real pointer is stored; unwinding never needs that pointer, so
 * the flag is ignored and the address is returned.
 */
function readEncodedPointer(cursor: ByteCursor, encoding: number, addressSize: number, sectionAddress: number): number {
  if (encoding === DW_EH_PE_omit) return 0;
  const fieldAddress = sectionAddress + cursor.position;
  let value: number;
  switch (encoding & 0x0f) {
    case DW_EH_PE_absptr:
      value = cursor.address(addressSize);
      break;
    case DW_EH_PE_uleb128:
      value = cursor.uleb128();
      break;
    case DW_EH_PE_udata2:
      value = cursor.u16();
      break;
    case DW_EH_PE_udata4:
      value = cursor.u32();
      break;
    case DW_EH_PE_udata8:
      value = cursor.u64();
      break;
    case DW_EH_PE_sleb128:
      value = cursor.sleb128();
      break;
    case DW_EH_PE_sdata2:
      value = cursor.i16();
      break;
    case DW_EH_PE_sdata4:
      value = cursor.i32();
      break;
    case DW_EH_PE_sdata8:
      value = Number(cursor.i64Big());
      break;
    default:
      throw new DwarfFormatError(`unknown pointer encoding 0x${encoding.toString(16)}`);
  }
  switch (encoding & 0x70) {
    case 0:
      break;
    case DW_EH_PE_pcrel:
      value += fieldAddress;
      break;
    case DW_EH_PE_textrel:
    case DW_EH_PE_datarel:
    case DW_EH_PE_funcrel:
    case DW_EH_PE_aligned:
      throw new DwarfFormatError(`pointer encoding 0x${encoding.toString(16)} needs a base this reader does not know`);
    default:
      throw new DwarfFormatError(`unknown pointer application 0x${(encoding & 0x70).toString(16)}`);
  }
  // Wrap 64-bit arithmetic the way the target would.
  if (value < 0) value += 2 ** 64;
  return value;
}

interface RowState {
  cfa: CfaRule;
  registers: Map<number, RegisterRule>;
  returnAddressSigned: boolean;
}

function cloneState(state: RowState): RowState {
  return { cfa: state.cfa, registers: new Map(state.registers), returnAddressSigned: state.returnAddressSigned };
}

/**
 * Runs the CIE's initial instructions, then the FDE's, and returns the rows of the
 * FDE's table in order. With `stopAt` it stops after the row that holds that PC.
 */
function computeRows(fde: FrameDescriptionEntry, stopAt?: number): UnwindRow[] {
  const { cie } = fde;
  const endOfFde = fde.initialLocation + fde.addressRange;
  const state: RowState = { cfa: { kind: 'registerOffset', register: DWARF_REGISTER_SP, offset: 0 }, registers: new Map(), returnAddressSigned: false };
  runInstructions(cie.initialInstructions, cie, state, undefined, () => true, () => fde.initialLocation);
  const initialRules = new Map(state.registers);
  const rows: UnwindRow[] = [];
  let location = fde.initialLocation;
  const pushRow = (end: number) =>
    rows.push({
      location,
      endLocation: end,
      cfa: state.cfa,
      registers: new Map(state.registers),
      returnAddressRegister: cie.returnAddressRegister,
      returnAddressSigned: state.returnAddressSigned,
      fde,
    });
  const advance = (newLocation: number): boolean => {
    // A row ends where the next begins.
    if (newLocation > location) {
      pushRow(Math.min(newLocation, endOfFde));
      if (stopAt !== undefined && stopAt < newLocation) return false;
    }
    location = newLocation;
    return true;
  };
  const finished = runInstructions(fde.instructions, cie, state, initialRules, advance, () => location);
  if (finished && location < endOfFde) pushRow(endOfFde);
  return rows;
}

/**
 * Interprets CFA instructions. `advance` is told each new location and returns false
 * to stop early; returns true when all instructions ran.
 */
function runInstructions(
  instructions: Uint8Array,
  cie: CommonInformationEntry,
  state: RowState,
  initialRules: ReadonlyMap<number, RegisterRule> | undefined,
  advance: (newLocation: number) => boolean,
  currentLocation: () => number,
): boolean {
  const cursor = new ByteCursor(instructions);
  const stack: RowState[] = [];
  const codeFactor = cie.codeAlignmentFactor;
  const dataFactor = cie.dataAlignmentFactor;
  const restore = (register: number) => {
    const rule = initialRules?.get(register);
    if (rule) state.registers.set(register, rule);
    else state.registers.delete(register);
  };
  const setCfaRegister = (register: number) => {
    const offset = state.cfa.kind === 'registerOffset' ? state.cfa.offset : 0;
    state.cfa = { kind: 'registerOffset', register, offset };
  };
  const setCfaOffset = (offset: number) => {
    if (state.cfa.kind !== 'registerOffset') throw new DwarfFormatError('DW_CFA_def_cfa_offset after a CFA expression');
    state.cfa = { kind: 'registerOffset', register: state.cfa.register, offset };
  };
  while (!cursor.atEnd()) {
    const opcode = cursor.u8();
    const high = opcode & 0xc0;
    const low = opcode & 0x3f;
    if (high === DW_CFA_advance_loc) {
      if (!advance(currentLocation() + low * codeFactor)) return false;
      continue;
    }
    if (high === DW_CFA_offset) {
      state.registers.set(low, { kind: 'offset', offset: cursor.uleb128() * dataFactor });
      continue;
    }
    if (high === DW_CFA_restore) {
      restore(low);
      continue;
    }
    switch (opcode) {
      case DW_CFA_nop:
        break;
      case DW_CFA_set_loc:
        if (!advance(cursor.address(cie.addressSize))) return false;
        break;
      case DW_CFA_advance_loc1:
        if (!advance(currentLocation() + cursor.u8() * codeFactor)) return false;
        break;
      case DW_CFA_advance_loc2:
        if (!advance(currentLocation() + cursor.u16() * codeFactor)) return false;
        break;
      case DW_CFA_advance_loc4:
        if (!advance(currentLocation() + cursor.u32() * codeFactor)) return false;
        break;
      case DW_CFA_offset_extended:
        state.registers.set(cursor.uleb128(), { kind: 'offset', offset: cursor.uleb128() * dataFactor });
        break;
      case DW_CFA_offset_extended_sf:
        state.registers.set(cursor.uleb128(), { kind: 'offset', offset: cursor.sleb128() * dataFactor });
        break;
      case DW_CFA_GNU_negative_offset_extended:
        state.registers.set(cursor.uleb128(), { kind: 'offset', offset: -cursor.uleb128() * dataFactor });
        break;
      case DW_CFA_val_offset:
        state.registers.set(cursor.uleb128(), { kind: 'valOffset', offset: cursor.uleb128() * dataFactor });
        break;
      case DW_CFA_val_offset_sf:
        state.registers.set(cursor.uleb128(), { kind: 'valOffset', offset: cursor.sleb128() * dataFactor });
        break;
      case DW_CFA_restore_extended:
        restore(cursor.uleb128());
        break;
      case DW_CFA_undefined:
        state.registers.set(cursor.uleb128(), { kind: 'undefined' });
        break;
      case DW_CFA_same_value:
        state.registers.set(cursor.uleb128(), { kind: 'sameValue' });
        break;
      case DW_CFA_register: {
        const register = cursor.uleb128();
        state.registers.set(register, { kind: 'register', register: cursor.uleb128() });
        break;
      }
      case DW_CFA_remember_state:
        stack.push(cloneState(state));
        break;
      case DW_CFA_restore_state: {
        const saved = stack.pop();
        if (!saved) throw new DwarfFormatError('DW_CFA_restore_state without DW_CFA_remember_state');
        // The CFA rule is part of the remembered state as well (DWARF 5 section 6.4.2.4).
        state.cfa = saved.cfa;
        state.registers = saved.registers;
        state.returnAddressSigned = saved.returnAddressSigned;
        break;
      }
      case DW_CFA_def_cfa:
        state.cfa = { kind: 'registerOffset', register: cursor.uleb128(), offset: cursor.uleb128() };
        break;
      case DW_CFA_def_cfa_sf:
        state.cfa = { kind: 'registerOffset', register: cursor.uleb128(), offset: cursor.sleb128() * dataFactor };
        break;
      case DW_CFA_def_cfa_register:
        setCfaRegister(cursor.uleb128());
        break;
      case DW_CFA_def_cfa_offset:
        setCfaOffset(cursor.uleb128());
        break;
      case DW_CFA_def_cfa_offset_sf:
        setCfaOffset(cursor.sleb128() * dataFactor);
        break;
      case DW_CFA_def_cfa_expression:
        state.cfa = { kind: 'expression', expression: cursor.bytesOf(cursor.uleb128()) };
        break;
      case DW_CFA_expression: {
        const register = cursor.uleb128();
        state.registers.set(register, { kind: 'expression', expression: cursor.bytesOf(cursor.uleb128()) });
        break;
      }
      case DW_CFA_val_expression: {
        const register = cursor.uleb128();
        state.registers.set(register, { kind: 'valExpression', expression: cursor.bytesOf(cursor.uleb128()) });
        break;
      }
      case DW_CFA_AARCH64_negate_ra_state:
        state.returnAddressSigned = !state.returnAddressSigned;
        break;
      case DW_CFA_GNU_args_size:
        cursor.uleb128();
        break;
      default:
        throw new DwarfFormatError(`unknown CFA instruction 0x${opcode.toString(16)}`);
    }
  }
  return true;
}

/** A one-line description of a row, in llvm-objdump's style: "CFA=reg31+32: reg29=[CFA-32], reg30=[CFA-24]". */
export function describeUnwindRow(row: UnwindRow): string {
  const cfa = row.cfa.kind === 'registerOffset' ? `reg${row.cfa.register}${row.cfa.offset === 0 ? '' : row.cfa.offset > 0 ? `+${row.cfa.offset}` : row.cfa.offset}` : 'DW_OP expression';
  const rules = [...row.registers.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([register, rule]) => `reg${register}=${describeRule(rule)}`);
  return rules.length > 0 ? `CFA=${cfa}: ${rules.join(', ')}` : `CFA=${cfa}`;
}

function describeRule(rule: RegisterRule): string {
  const signed = (value: number) => (value < 0 ? `${value}` : `+${value}`);
  switch (rule.kind) {
    case 'undefined':
      return 'undefined';
    case 'sameValue':
      return 'same';
    case 'offset':
      return `[CFA${signed(rule.offset)}]`;
    case 'valOffset':
      return `CFA${signed(rule.offset)}`;
    case 'register':
      return `reg${rule.register}`;
    case 'expression':
      return '[expression]';
    case 'valExpression':
      return 'expression';
  }
}
