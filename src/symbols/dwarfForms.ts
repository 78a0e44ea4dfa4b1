// DWARF attribute forms (DWARF 5 section 7.5.6) and the reader that turns the bytes
// of one attribute into a raw value. Indexed forms (strx, addrx, rnglistx, loclistx)
// stay indices here: they are resolved later against the unit's bases
// (DW_AT_str_offsets_base, DW_AT_addr_base, ...), which the unit DIE may list after
// the attribute that needs them.

import { ByteCursor, DwarfFormat, DwarfFormatError } from './dwarfReader';

export const DW_FORM_addr = 0x01;
export const DW_FORM_block2 = 0x03;
export const DW_FORM_block4 = 0x04;
export const DW_FORM_data2 = 0x05;
export const DW_FORM_data4 = 0x06;
export const DW_FORM_data8 = 0x07;
export const DW_FORM_string = 0x08;
export const DW_FORM_block = 0x09;
export const DW_FORM_block1 = 0x0a;
export const DW_FORM_data1 = 0x0b;
export const DW_FORM_flag = 0x0c;
export const DW_FORM_sdata = 0x0d;
export const DW_FORM_strp = 0x0e;
export const DW_FORM_udata = 0x0f;
export const DW_FORM_ref_addr = 0x10;
export const DW_FORM_ref1 = 0x11;
export const DW_FORM_ref2 = 0x12;
export const DW_FORM_ref4 = 0x13;
export const DW_FORM_ref8 = 0x14;
export const DW_FORM_ref_udata = 0x15;
export const DW_FORM_indirect = 0x16;
export const DW_FORM_sec_offset = 0x17;
export const DW_FORM_exprloc = 0x18;
export const DW_FORM_flag_present = 0x19;
export const DW_FORM_strx = 0x1a;
export const DW_FORM_addrx = 0x1b;
export const DW_FORM_ref_sup4 = 0x1c;
export const DW_FORM_strp_sup = 0x1d;
export const DW_FORM_data16 = 0x1e;
export const DW_FORM_line_strp = 0x1f;
export const DW_FORM_ref_sig8 = 0x20;
export const DW_FORM_implicit_const = 0x21;
export const DW_FORM_loclistx = 0x22;
export const DW_FORM_rnglistx = 0x23;
export const DW_FORM_ref_sup8 = 0x24;
export const DW_FORM_strx1 = 0x25;
export const DW_FORM_strx2 = 0x26;
export const DW_FORM_strx3 = 0x27;
export const DW_FORM_strx4 = 0x28;
export const DW_FORM_addrx1 = 0x29;
export const DW_FORM_addrx2 = 0x2a;
export const DW_FORM_addrx3 = 0x2b;
export const DW_FORM_addrx4 = 0x2c;
export const DW_FORM_GNU_addr_index = 0x1f01;
export const DW_FORM_GNU_str_index = 0x1f02;
export const DW_FORM_GNU_ref_alt = 0x1f20;
export const DW_FORM_GNU_strp_alt = 0x1f21;

export type FormValue =
  | { readonly kind: 'address'; readonly value: number }
  | { readonly kind: 'addressIndex'; readonly index: number }
  /** data1/2/4/8, udata: unsigned; sdata, implicit_const: signed. `big` keeps 64-bit data8 exact. */
  | { readonly kind: 'constant'; readonly value: number; readonly signed: boolean; readonly big?: bigint }
  | { readonly kind: 'block'; readonly bytes: Uint8Array; readonly isExpression: boolean }
  | { readonly kind: 'flag'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'stringOffset'; readonly section: 'str' | 'lineStr'; readonly offset: number }
  | { readonly kind: 'stringIndex'; readonly index: number }
  /** A reference inside the same unit: offset from the unit header. */
  | { readonly kind: 'unitReference'; readonly offset: number }
  /** A .debug_info offset (DW_FORM_ref_addr). */
  | { readonly kind: 'infoReference'; readonly offset: number }
  | { readonly kind: 'signature'; readonly value: bigint }
  | { readonly kind: 'sectionOffset'; readonly value: number }
  | { readonly kind: 'rangeListIndex'; readonly index: number }
  | { readonly kind: 'locationListIndex'; readonly index: number }
  | { readonly kind: 'bytes16'; readonly bytes: Uint8Array }
  /** Forms that point into a supplementary file, which is not supported. */
  | { readonly kind: 'unsupported'; readonly form: number };

export interface FormContext {
  readonly format: DwarfFormat;
  readonly addressSize: number;
  readonly version: number;
}

// DW_FORM_flag_present carries no bytes: every such attribute shares one value.
const FLAG_PRESENT: FormValue = Object.freeze({ kind: 'flag', value: true });

/** Reads one attribute value of the given form. `implicitConst` comes from the abbreviation. */
export function readFormValue(cursor: ByteCursor, form: number, context: FormContext, implicitConst = 0): FormValue {
  switch (form) {
    case DW_FORM_addr:
      return { kind: 'address', value: cursor.address(context.addressSize) };
    case DW_FORM_addrx:
    case DW_FORM_GNU_addr_index:
      return { kind: 'addressIndex', index: cursor.uleb128() };
    case DW_FORM_addrx1:
      return { kind: 'addressIndex', index: cursor.u8() };
    case DW_FORM_addrx2:
      return { kind: 'addressIndex', index: cursor.u16() };
    case DW_FORM_addrx3:
      return { kind: 'addressIndex', index: cursor.u24() };
    case DW_FORM_addrx4:
      return { kind: 'addressIndex', index: cursor.u32() };
    case DW_FORM_data1:
      return { kind: 'constant', value: cursor.u8(), signed: false };
    case DW_FORM_data2:
      return { kind: 'constant', value: cursor.u16(), signed: false };
    case DW_FORM_data4:
      return { kind: 'constant', value: cursor.u32(), signed: false };
    case DW_FORM_data8: {
      const big = cursor.u64Big();
      return { kind: 'constant', value: Number(big), signed: false, big };
    }
    case DW_FORM_udata:
      return { kind: 'constant', value: cursor.uleb128(), signed: false };
    case DW_FORM_sdata:
      return { kind: 'constant', value: cursor.sleb128(), signed: true };
    case DW_FORM_implicit_const:
      return { kind: 'constant', value: implicitConst, signed: true };
    case DW_FORM_data16:
      return { kind: 'bytes16', bytes: cursor.bytesOf(16) };
    case DW_FORM_block1:
      return { kind: 'block', bytes: cursor.bytesOf(cursor.u8()), isExpression: false };
    case DW_FORM_block2:
      return { kind: 'block', bytes: cursor.bytesOf(cursor.u16()), isExpression: false };
    case DW_FORM_block4:
      return { kind: 'block', bytes: cursor.bytesOf(cursor.u32()), isExpression: false };
    case DW_FORM_block:
      return { kind: 'block', bytes: cursor.bytesOf(cursor.uleb128()), isExpression: false };
    case DW_FORM_exprloc:
      return { kind: 'block', bytes: cursor.bytesOf(cursor.uleb128()), isExpression: true };
    case DW_FORM_flag:
      return { kind: 'flag', value: cursor.u8() !== 0 };
    case DW_FORM_flag_present:
      return FLAG_PRESENT;
    case DW_FORM_string:
      return { kind: 'string', value: cursor.cstring() };
    case DW_FORM_strp:
      return { kind: 'stringOffset', section: 'str', offset: cursor.offset(context.format) };
    case DW_FORM_line_strp:
      return { kind: 'stringOffset', section: 'lineStr', offset: cursor.offset(context.format) };
    case DW_FORM_strx:
    case DW_FORM_GNU_str_index:
      return { kind: 'stringIndex', index: cursor.uleb128() };
    case DW_FORM_strx1:
      return { kind: 'stringIndex', index: cursor.u8() };
    case DW_FORM_strx2:
      return { kind: 'stringIndex', index: cursor.u16() };
    case DW_FORM_strx3:
      return { kind: 'stringIndex', index: cursor.u24() };
    case DW_FORM_strx4:
      return { kind: 'stringIndex', index: cursor.u32() };
    case DW_FORM_ref1:
      return { kind: 'unitReference', offset: cursor.u8() };
    case DW_FORM_ref2:
      return { kind: 'unitReference', offset: cursor.u16() };
    case DW_FORM_ref4:
      return { kind: 'unitReference', offset: cursor.u32() };
    case DW_FORM_ref8:
      return { kind: 'unitReference', offset: cursor.u64() };
    case DW_FORM_ref_udata:
      return { kind: 'unitReference', offset: cursor.uleb128() };
    case DW_FORM_ref_addr:
      // DWARF 2 sized DW_FORM_ref_addr like an address; later versions like an offset.
      return { kind: 'infoReference', offset: context.version <= 2 ? cursor.address(context.addressSize) : cursor.offset(context.format) };
    case DW_FORM_ref_sig8:
      return { kind: 'signature', value: cursor.u64Big() };
    case DW_FORM_sec_offset:
      return { kind: 'sectionOffset', value: cursor.offset(context.format) };
    case DW_FORM_loclistx:
      return { kind: 'locationListIndex', index: cursor.uleb128() };
    case DW_FORM_rnglistx:
      return { kind: 'rangeListIndex', index: cursor.uleb128() };
    case DW_FORM_ref_sup4:
      cursor.skip(4);
      return { kind: 'unsupported', form };
    case DW_FORM_ref_sup8:
      cursor.skip(8);
      return { kind: 'unsupported', form };
    case DW_FORM_strp_sup:
    case DW_FORM_GNU_ref_alt:
    case DW_FORM_GNU_strp_alt:
      cursor.offset(context.format);
      return { kind: 'unsupported', form };
    case DW_FORM_indirect:
      return readFormValue(cursor, cursor.uleb128(), context, implicitConst);
    default:
      throw new DwarfFormatError(`unknown attribute form 0x${form.toString(16)} at offset 0x${cursor.position.toString(16)}`);
  }
}

/** What `fixedFormSize` returns for forms whose size is in their bytes (LEB128, blocks, strings, indirect). */
export const VARIABLE_SIZE = -1;

/** Bytes a value of `form` takes when that does not depend on its contents, else VARIABLE_SIZE. Throws for unknown forms. */
export function fixedFormSize(form: number, context: FormContext): number {
  const offsetSize = context.format === 64 ? 8 : 4;
  switch (form) {
    case DW_FORM_flag_present:
    case DW_FORM_implicit_const:
      return 0;
    case DW_FORM_data1:
    case DW_FORM_ref1:
    case DW_FORM_flag:
    case DW_FORM_strx1:
    case DW_FORM_addrx1:
      return 1;
    case DW_FORM_data2:
    case DW_FORM_ref2:
    case DW_FORM_strx2:
    case DW_FORM_addrx2:
      return 2;
    case DW_FORM_strx3:
    case DW_FORM_addrx3:
      return 3;
    case DW_FORM_data4:
    case DW_FORM_ref4:
    case DW_FORM_strx4:
    case DW_FORM_addrx4:
    case DW_FORM_ref_sup4:
      return 4;
    case DW_FORM_data8:
    case DW_FORM_ref8:
    case DW_FORM_ref_sig8:
    case DW_FORM_ref_sup8:
      return 8;
    case DW_FORM_data16:
      return 16;
    case DW_FORM_addr:
      return context.addressSize;
    case DW_FORM_ref_addr:
      return context.version <= 2 ? context.addressSize : offsetSize;
    case DW_FORM_strp:
    case DW_FORM_line_strp:
    case DW_FORM_sec_offset:
    case DW_FORM_strp_sup:
    case DW_FORM_GNU_ref_alt:
    case DW_FORM_GNU_strp_alt:
      return offsetSize;
    case DW_FORM_udata:
    case DW_FORM_sdata:
    case DW_FORM_addrx:
    case DW_FORM_GNU_addr_index:
    case DW_FORM_strx:
    case DW_FORM_GNU_str_index:
    case DW_FORM_ref_udata:
    case DW_FORM_loclistx:
    case DW_FORM_rnglistx:
    case DW_FORM_block:
    case DW_FORM_exprloc:
    case DW_FORM_block1:
    case DW_FORM_block2:
    case DW_FORM_block4:
    case DW_FORM_string:
    case DW_FORM_indirect:
      return VARIABLE_SIZE;
    default:
      throw new DwarfFormatError(`unknown attribute form 0x${form.toString(16)}`);
  }
}

/**
 * The position after a value of `form` at `position` of `bytes`, without decoding it.
 * Reads only the length a variable-size value carries. Throws DwarfFormatError when the
 * value runs past `end` or its form is unknown.
 */
export function skipFormValue(bytes: Uint8Array, position: number, end: number, form: number, context: FormContext): number {
  const size = fixedFormSize(form, context);
  let next: number;
  if (size !== VARIABLE_SIZE) {
    next = position + size;
  } else {
    switch (form) {
      case DW_FORM_block1:
        next = position + 1 + (position < end ? bytes[position] : 0);
        break;
      case DW_FORM_block2:
        next = position + 2 + (position + 2 <= end ? bytes[position] | (bytes[position + 1] << 8) : 0);
        break;
      case DW_FORM_block4:
        next = position + 4 + (position + 4 <= end ? (bytes[position] | (bytes[position + 1] << 8) | (bytes[position + 2] << 16)) + bytes[position + 3] * 0x1000000 : 0);
        break;
      case DW_FORM_block:
      case DW_FORM_exprloc: {
        const lengthEnd = skipLeb128(bytes, position, end);
        next = lengthEnd + uleb128At(bytes, position, lengthEnd);
        break;
      }
      case DW_FORM_string: {
        const nul = bytes.indexOf(0, position);
        if (nul < 0 || nul >= end) throw new DwarfFormatError(`string at offset 0x${position.toString(16)} has no terminating NUL`);
        next = nul + 1;
        break;
      }
      case DW_FORM_indirect: {
        const formEnd = skipLeb128(bytes, position, end);
        return skipFormValue(bytes, formEnd, end, uleb128At(bytes, position, formEnd), context);
      }
      default:
        // udata, sdata and the LEB128 indices.
        next = skipLeb128(bytes, position, end);
        break;
    }
  }
  if (next > end) throw new DwarfFormatError(`attribute value at offset 0x${position.toString(16)} runs past the end (0x${end.toString(16)})`);
  return next;
}

/** The position after the LEB128 number at `position`. */
export function skipLeb128(bytes: Uint8Array, position: number, end: number): number {
  const limit = Math.min(end, position + 10);
  for (let at = position; at < limit; at++) {
    if ((bytes[at] & 0x80) === 0) return at + 1;
  }
  throw new DwarfFormatError(`LEB128 value at offset 0x${position.toString(16)} is too long or runs past the end`);
}

/** The unsigned LEB128 number in [position, end), as skipLeb128 delimited it. */
export function uleb128At(bytes: Uint8Array, position: number, end: number): number {
  let result = 0;
  let multiplier = 1;
  for (let at = position; at < end; at++) {
    result += (bytes[at] & 0x7f) * multiplier;
    multiplier *= 128;
  }
  return result;
}
