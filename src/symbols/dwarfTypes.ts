// C types from DWARF type DIEs (base, pointer, array, struct/union/class, enum,
// typedef, const/volatile/restrict/atomic, subroutine) and a describer that prints
// them with C declarator syntax ("const char *", "int [4][3]", "int (*)(int)").

import type { DebugInfoEntry } from './debugInfoEntries';
import {
  DW_AT_bit_offset,
  DW_AT_bit_size,
  DW_AT_byte_size,
  DW_AT_const_value,
  DW_AT_count,
  DW_AT_data_bit_offset,
  DW_AT_data_member_location,
  DW_AT_declaration,
  DW_AT_encoding,
  DW_AT_lower_bound,
  DW_AT_prototyped,
  DW_AT_type,
  DW_AT_upper_bound,
  DW_ATE_address,
  DW_ATE_boolean,
  DW_ATE_complex_float,
  DW_ATE_float,
  DW_ATE_signed,
  DW_ATE_signed_char,
  DW_ATE_unsigned,
  DW_ATE_unsigned_char,
  DW_ATE_UTF,
  DW_TAG_array_type,
  DW_TAG_atomic_type,
  DW_TAG_base_type,
  DW_TAG_class_type,
  DW_TAG_const_type,
  DW_TAG_enumeration_type,
  DW_TAG_enumerator,
  DW_TAG_formal_parameter,
  DW_TAG_member,
  DW_TAG_pointer_type,
  DW_TAG_reference_type,
  DW_TAG_restrict_type,
  DW_TAG_rvalue_reference_type,
  DW_TAG_structure_type,
  DW_TAG_subrange_type,
  DW_TAG_subroutine_type,
  DW_TAG_typedef,
  DW_TAG_union_type,
  DW_TAG_unspecified_parameters,
  DW_TAG_unspecified_type,
  DW_TAG_volatile_type,
} from './dwarfConstants';

export type BaseEncoding = 'signed' | 'unsigned' | 'signedChar' | 'unsignedChar' | 'boolean' | 'float' | 'complexFloat' | 'address' | 'utf' | 'other';

export interface StructMember {
  readonly name: string | undefined;
  readonly type: DwarfType;
  /** Byte offset in the enclosing struct (0 for union members). */
  readonly offset: number;
  readonly bitSize?: number;
  /** Bit offset from the start of the struct (DW_AT_data_bit_offset, or converted DW_AT_bit_offset). */
  readonly bitOffset?: number;
}

export interface Enumerator {
  readonly name: string;
  readonly value: number;
}

export type DwarfType =
  | { readonly kind: 'void' }
  | { readonly kind: 'base'; readonly name: string; readonly byteSize: number; readonly encoding: BaseEncoding; readonly dieOffset: number }
  | { readonly kind: 'pointer' | 'reference' | 'rvalueReference'; readonly byteSize: number; readonly target: DwarfType; readonly dieOffset: number }
  | { readonly kind: 'array'; readonly element: DwarfType; readonly dimensions: readonly (number | undefined)[]; readonly dieOffset: number }
  | {
      readonly kind: 'struct' | 'union' | 'class';
      readonly name: string | undefined;
      readonly byteSize: number | undefined;
      readonly members: readonly StructMember[];
      readonly declaration: boolean;
      readonly dieOffset: number;
    }
  | {
      readonly kind: 'enum';
      readonly name: string | undefined;
      readonly byteSize: number | undefined;
      readonly underlying: DwarfType | undefined;
      readonly enumerators: readonly Enumerator[];
      readonly dieOffset: number;
    }
  | { readonly kind: 'typedef'; readonly name: string; readonly target: DwarfType; readonly dieOffset: number }
  | { readonly kind: 'qualified'; readonly qualifier: 'const' | 'volatile' | 'restrict' | '_Atomic'; readonly target: DwarfType; readonly dieOffset: number }
  | {
      readonly kind: 'function';
      readonly returnType: DwarfType;
      readonly parameters: readonly DwarfType[];
      readonly variadic: boolean;
      readonly prototyped: boolean;
      readonly dieOffset: number;
    }
  | { readonly kind: 'unknown'; readonly tag: number; readonly name: string | undefined; readonly dieOffset: number };

const ENCODINGS: Record<number, BaseEncoding> = {
  [DW_ATE_address]: 'address',
  [DW_ATE_boolean]: 'boolean',
  [DW_ATE_complex_float]: 'complexFloat',
  [DW_ATE_float]: 'float',
  [DW_ATE_signed]: 'signed',
  [DW_ATE_signed_char]: 'signedChar',
  [DW_ATE_unsigned]: 'unsigned',
  [DW_ATE_unsigned_char]: 'unsignedChar',
  [DW_ATE_UTF]: 'utf',
};

const QUALIFIERS: Record<number, 'const' | 'volatile' | 'restrict' | '_Atomic'> = {
  [DW_TAG_const_type]: 'const',
  [DW_TAG_volatile_type]: 'volatile',
  [DW_TAG_restrict_type]: 'restrict',
  [DW_TAG_atomic_type]: '_Atomic',
};

const VOID: DwarfType = { kind: 'void' };

/** Builds DwarfType values from DIEs, sharing one object per DIE so that recursive types terminate. */
export class TypeResolver {
  private readonly cache = new Map<number, DwarfType>();

  /** The type a DIE's DW_AT_type names; void when it has none. */
  typeOf(entry: DebugInfoEntry): DwarfType {
    const target = entry.reference(DW_AT_type);
    return target ? this.resolve(target) : VOID;
  }

  resolve(entry: DebugInfoEntry): DwarfType {
    const cached = this.cache.get(entry.offset);
    if (cached) return cached;
    return this.build(entry);
  }

  private build(entry: DebugInfoEntry): DwarfType {
    const dieOffset = entry.offset;
    const tag = entry.tag;
    const remember = <T extends DwarfType>(type: T): T => {
      this.cache.set(dieOffset, type);
      return type;
    };
    switch (tag) {
      case DW_TAG_base_type:
        return remember({
          kind: 'base',
          name: entry.name() ?? '?',
          byteSize: entry.constant(DW_AT_byte_size) ?? 0,
          encoding: ENCODINGS[entry.constant(DW_AT_encoding) ?? -1] ?? 'other',
          dieOffset,
        });
      case DW_TAG_unspecified_type:
        return remember({ kind: 'unknown', tag, name: entry.name(), dieOffset });
      case DW_TAG_pointer_type:
      case DW_TAG_reference_type:
      case DW_TAG_rvalue_reference_type: {
        const kind = tag === DW_TAG_pointer_type ? 'pointer' : tag === DW_TAG_reference_type ? 'reference' : 'rvalueReference';
        // Registered before the target is resolved: a struct may point to itself.
        const pointer = remember({ kind, byteSize: entry.constant(DW_AT_byte_size) ?? 8, target: VOID, dieOffset });
        (pointer as { target: DwarfType }).target = this.typeOf(entry);
        return pointer;
      }
      case DW_TAG_typedef: {
        const typedef = remember({ kind: 'typedef', name: entry.name() ?? '?', target: VOID, dieOffset });
        (typedef as { target: DwarfType }).target = this.typeOf(entry);
        return typedef;
      }
      case DW_TAG_const_type:
      case DW_TAG_volatile_type:
      case DW_TAG_restrict_type:
      case DW_TAG_atomic_type: {
        const qualified = remember({ kind: 'qualified', qualifier: QUALIFIERS[tag], target: VOID, dieOffset });
        (qualified as { target: DwarfType }).target = this.typeOf(entry);
        return qualified;
      }
      case DW_TAG_array_type: {
        const array = remember({ kind: 'array', element: VOID, dimensions: [] as (number | undefined)[], dieOffset });
        (array as { element: DwarfType }).element = this.typeOf(entry);
        for (const child of entry.children) {
          if (child.tag === DW_TAG_subrange_type) (array.dimensions as (number | undefined)[]).push(subrangeCount(child));
        }
        return array;
      }
      case DW_TAG_structure_type:
      case DW_TAG_union_type:
      case DW_TAG_class_type: {
        const kind = tag === DW_TAG_structure_type ? 'struct' : tag === DW_TAG_union_type ? 'union' : 'class';
        const members: StructMember[] = [];
        const record = remember({
          kind,
          name: entry.name(),
          byteSize: entry.constant(DW_AT_byte_size),
          members,
          declaration: entry.flag(DW_AT_declaration),
          dieOffset,
        });
        for (const child of entry.children) {
          if (child.tag === DW_TAG_member) members.push(this.member(child, record.byteSize));
        }
        return record;
      }
      case DW_TAG_enumeration_type: {
        const enumerators: Enumerator[] = [];
        for (const child of entry.children) {
          if (child.tag === DW_TAG_enumerator) enumerators.push({ name: child.name() ?? '?', value: child.constant(DW_AT_const_value) ?? 0 });
        }
        const enumeration = remember({
          kind: 'enum',
          name: entry.name(),
          byteSize: entry.constant(DW_AT_byte_size),
          underlying: undefined as DwarfType | undefined,
          enumerators,
          dieOffset,
        });
        const underlying = entry.reference(DW_AT_type);
        if (underlying) (enumeration as { underlying: DwarfType | undefined }).underlying = this.resolve(underlying);
        return enumeration;
      }
      case DW_TAG_subroutine_type: {
        const parameters: DwarfType[] = [];
        const fn = remember({
          kind: 'function',
          returnType: VOID,
          parameters,
          variadic: entry.children.some((child) => child.tag === DW_TAG_unspecified_parameters),
          prototyped: entry.flag(DW_AT_prototyped),
          dieOffset,
        });
        (fn as { returnType: DwarfType }).returnType = this.typeOf(entry);
        for (const child of entry.children) {
          if (child.tag === DW_TAG_formal_parameter) parameters.push(this.typeOf(child));
        }
        return fn;
      }
      default:
        return remember({ kind: 'unknown', tag, name: entry.name(), dieOffset });
    }
  }

  private member(child: DebugInfoEntry, structSize: number | undefined): StructMember {
    const location = child.raw(DW_AT_data_member_location);
    // DWARF 2 gave member offsets as a DW_OP_plus_uconst expression; later versions as a constant.
    let offset = 0;
    if (location?.kind === 'constant') offset = location.value;
    else if (location?.kind === 'block' && location.bytes[0] === 0x23) offset = decodeUleb(location.bytes, 1);
    const bitSize = child.constant(DW_AT_bit_size);
    let bitOffset = child.constant(DW_AT_data_bit_offset);
    const legacyBitOffset = child.constant(DW_AT_bit_offset);
    if (bitOffset === undefined && legacyBitOffset !== undefined && bitSize !== undefined) {
      // DWARF 2/3 counted from the most significant bit of the storage unit (little-endian conversion).
      const storageBytes = child.constant(DW_AT_byte_size) ?? structSize ?? 4;
      bitOffset = offset * 8 + storageBytes * 8 - legacyBitOffset - bitSize;
    }
    return { name: child.name(), type: this.typeOf(child), offset, bitSize, bitOffset };
  }
}

function subrangeCount(subrange: DebugInfoEntry): number | undefined {
  const count = subrange.constant(DW_AT_count);
  if (count !== undefined) return count;
  const upper = subrange.raw(DW_AT_upper_bound);
  if (upper?.kind !== 'constant') return undefined; // flexible or variable-length array
  // A data-form upper bound of all ones is gcc's "unknown" for flexible arrays.
  if (!upper.signed && (upper.value === 0xffffffff || upper.value === 0xffff || upper.value === 0xff || upper.value >= 2 ** 63)) return undefined;
  const lower = subrange.constant(DW_AT_lower_bound) ?? 0;
  return upper.value - lower + 1;
}

function decodeUleb(bytes: Uint8Array, start: number): number {
  let result = 0;
  let multiplier = 1;
  for (let i = start; i < bytes.length; i++) {
    result += (bytes[i] & 0x7f) * multiplier;
    if ((bytes[i] & 0x80) === 0) break;
    multiplier *= 128;
  }
  return result;
}

/** The type with typedefs and qualifiers removed. */
export function stripTypedefs(type: DwarfType): DwarfType {
  let current = type;
  for (let depth = 0; depth < 32 && (current.kind === 'typedef' || current.kind === 'qualified'); depth++) current = current.target;
  return current;
}

/** Size in bytes, when known. */
export function sizeOfType(type: DwarfType): number | undefined {
  const stripped = stripTypedefs(type);
  switch (stripped.kind) {
    case 'base':
    case 'pointer':
    case 'reference':
    case 'rvalueReference':
      return stripped.byteSize;
    case 'struct':
    case 'union':
    case 'class':
    case 'enum':
      return stripped.byteSize;
    case 'array': {
      const element = sizeOfType(stripped.element);
      if (element === undefined || stripped.dimensions.some((dimension) => dimension === undefined)) return undefined;
      return stripped.dimensions.reduce<number>((total, dimension) => total * (dimension ?? 0), element);
    }
    default:
      return undefined;
  }
}

/** The C spelling of a type: "unsigned int", "struct point *", "const char *", "int [4][3]", "int (*)(int, char)". */
export function describeType(type: DwarfType): string {
  return declarator(type, '').trim();
}

function withInner(base: string, inner: string): string {
  return inner === '' ? base : `${base} ${inner}`;
}

function declarator(type: DwarfType, inner: string, depth = 0): string {
  if (depth > 32) return withInner('...', inner);
  switch (type.kind) {
    case 'void':
      return withInner('void', inner);
    case 'base':
      return withInner(type.name, inner);
    case 'typedef':
      return withInner(type.name, inner);
    case 'struct':
    case 'union':
    case 'class':
      return withInner(`${type.kind} ${type.name ?? '<anonymous>'}`, inner);
    case 'enum':
      return withInner(`enum ${type.name ?? '<anonymous>'}`, inner);
    case 'unknown':
      return withInner(type.name ?? `<tag 0x${type.tag.toString(16)}>`, inner);
    case 'pointer':
    case 'reference':
    case 'rvalueReference': {
      const sigil = type.kind === 'pointer' ? '*' : type.kind === 'reference' ? '&' : '&&';
      return declarator(type.target, `${sigil}${inner}`, depth + 1);
    }
    case 'qualified':
      // A qualified pointer reads "T * const"; a qualified value reads "const T".
      if (type.target.kind === 'pointer') {
        const pointer = type.target;
        return declarator(pointer.target, `* ${type.qualifier}${inner === '' ? '' : ` ${inner}`}`, depth + 1);
      }
      // C has no qualified arrays: the qualifier belongs to the elements (GCC emits both forms).
      if (type.target.kind === 'array') {
        const array = type.target;
        const element = array.element;
        const alreadyQualified = element.kind === 'qualified' && element.qualifier === type.qualifier;
        const qualifiedElement: DwarfType = alreadyQualified ? element : { kind: 'qualified', qualifier: type.qualifier, target: element, dieOffset: type.dieOffset };
        return declarator({ ...array, element: qualifiedElement }, inner, depth + 1);
      }
      return `${type.qualifier} ${declarator(type.target, inner, depth + 1)}`;
    case 'array': {
      const dimensions = type.dimensions.map((dimension) => `[${dimension ?? ''}]`).join('') || '[]';
      const wrapped = inner.startsWith('*') || inner.startsWith('&') ? `(${inner})${dimensions}` : `${inner}${dimensions}`;
      return declarator(type.element, wrapped, depth + 1);
    }
    case 'function': {
      const parameters = type.parameters.map((parameter) => describeType(parameter));
      if (type.variadic) parameters.push('...');
      const list = parameters.length > 0 ? parameters.join(', ') : type.prototyped ? 'void' : '';
      const wrapped = inner.startsWith('*') || inner.startsWith('&') ? `(${inner})(${list})` : `${inner}(${list})`;
      return declarator(type.returnType, wrapped, depth + 1);
    }
  }
}
