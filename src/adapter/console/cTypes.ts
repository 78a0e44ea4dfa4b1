// The C types of the console language: the integer types of the AArch64 LP64 ABI,
// `_Bool`, pointers, `void` and code addresses, and the program's own types from
// DWARF (structs, unions, arrays, enums, floating point), which keep their DWARF type
// for printing.

import type { DwarfType } from '../../symbols/dwarfTypes';

export interface IntegerType {
  kind: 'integer';
  name: string;
  /** Size in bytes (16 for the 128-bit SIMD registers). */
  size: number;
  signed: boolean;
  /** The program's type (enum, char, bool...), for printing it as C does. */
  dwarf?: DwarfType;
}

export interface PointerType {
  kind: 'pointer';
  target: CType;
  dwarf?: DwarfType;
}

export interface FloatType {
  kind: 'float';
  name: string;
  size: number;
  dwarf?: DwarfType;
}

export interface RecordMember {
  name: string;
  offset: number;
  type: CType;
  bitSize?: number;
  /** Bit position from the start of the record (bit-fields). */
  bitOffset?: number;
}

/** A struct or union; members are resolved on demand (types may refer to themselves). */
export interface RecordType {
  kind: 'record';
  name: string;
  size: number;
  members: () => RecordMember[];
  dwarf: DwarfType;
}

export interface ArrayType {
  kind: 'array';
  element: CType;
  length: number | undefined;
  dwarf?: DwarfType;
}

export interface VoidType {
  kind: 'void';
}

/** A function (an ELF STT_FUNC symbol): its value is its address. */
export interface FunctionType {
  kind: 'function';
}

export type CType = IntegerType | PointerType | VoidType | FunctionType | FloatType | RecordType | ArrayType;

const integer = (name: string, size: number, signed: boolean): IntegerType => ({ kind: 'integer', name, size, signed });

export const INT8 = integer('int8_t', 1, true);
export const UINT8 = integer('uint8_t', 1, false);
export const INT16 = integer('int16_t', 2, true);
export const UINT16 = integer('uint16_t', 2, false);
export const INT = integer('int', 4, true);
export const UNSIGNED_INT = integer('unsigned int', 4, false);
export const LONG = integer('long', 8, true);
export const UNSIGNED_LONG = integer('unsigned long', 8, false);
export const INT32 = integer('int32_t', 4, true);
export const UINT32 = integer('uint32_t', 4, false);
export const INT64 = integer('int64_t', 8, true);
export const UINT64 = integer('uint64_t', 8, false);
export const UINT128 = integer('uint128_t', 16, false);
export const CHAR = integer('char', 1, false); // plain char is unsigned on AArch64 (AAPCS64)
export const BOOL = integer('_Bool', 1, false);
export const VOID: VoidType = { kind: 'void' };
export const FUNCTION: FunctionType = { kind: 'function' };

export const pointerTo = (target: CType): PointerType => ({ kind: 'pointer', target });

/** Named types a cast may use (multi-word names are joined by single spaces). */
const NAMED_TYPES: Record<string, CType> = {
  void: VOID,
  char: CHAR,
  'signed char': INT8,
  'unsigned char': UINT8,
  short: integer('short', 2, true),
  'short int': integer('short', 2, true),
  'signed short': integer('short', 2, true),
  'unsigned short': integer('unsigned short', 2, false),
  'unsigned short int': integer('unsigned short', 2, false),
  int: INT,
  signed: INT,
  'signed int': INT,
  unsigned: UNSIGNED_INT,
  'unsigned int': UNSIGNED_INT,
  long: LONG,
  'long int': LONG,
  'signed long': LONG,
  'long long': integer('long long', 8, true),
  'long long int': integer('long long', 8, true),
  'unsigned long': UNSIGNED_LONG,
  'unsigned long int': UNSIGNED_LONG,
  'unsigned long long': integer('unsigned long long', 8, false),
  'unsigned long long int': integer('unsigned long long', 8, false),
  _Bool: BOOL,
  bool: BOOL,
  int8_t: INT8,
  uint8_t: UINT8,
  int16_t: INT16,
  uint16_t: UINT16,
  int32_t: INT32,
  uint32_t: UINT32,
  int64_t: INT64,
  uint64_t: UINT64,
  intptr_t: integer('intptr_t', 8, true),
  uintptr_t: integer('uintptr_t', 8, false),
  size_t: integer('size_t', 8, false),
  ssize_t: integer('ssize_t', 8, true),
  ptrdiff_t: integer('ptrdiff_t', 8, true),
  __int128: integer('__int128', 16, true),
  'unsigned __int128': UINT128,
  uint128_t: UINT128,
};

/** Words that can start or continue a type name. */
export const TYPE_WORDS = new Set(Object.keys(NAMED_TYPES).flatMap(name => name.split(' ')).concat(['const', 'volatile']));

export function lookupNamedType(words: string[]): CType | undefined {
  const meaningful = words.filter(w => w !== 'const' && w !== 'volatile');
  return NAMED_TYPES[meaningful.join(' ')];
}

export function sizeOf(type: CType): number {
  switch (type.kind) {
    case 'integer': return type.size;
    case 'float': return type.size;
    case 'record': return type.size;
    case 'array': return sizeOf(type.element) * (type.length ?? 0);
    case 'pointer': return 8;
    case 'void': return 1; // GNU C: sizeof(void) == 1, which also makes void* arithmetic byte-wise
    case 'function': return 1;
  }
}

export function typeName(type: CType): string {
  switch (type.kind) {
    case 'integer': return type.name;
    case 'float': return type.name;
    case 'record': return type.name;
    case 'array': return `${typeName(type.element)} [${type.length ?? ''}]`;
    case 'void': return 'void';
    case 'function': return 'function';
    case 'pointer': {
      const inner = typeName(type.target);
      return inner.endsWith('*') ? `${inner}*` : `${inner} *`;
    }
  }
}

/** Wraps a mathematical value into the representable range of an integer type (C conversion). */
export function wrapToType(value: bigint, type: CType): bigint {
  if (type.kind === 'pointer' || type.kind === 'function') return BigInt.asUintN(64, value);
  if (type.kind === 'void' || type.kind === 'record' || type.kind === 'array') return 0n;
  if (type.kind === 'float') return BigInt.asUintN(type.size * 8, value);
  if (type === BOOL || type.name === '_Bool') return value === 0n ? 0n : 1n;
  const bits = type.size * 8;
  return type.signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}

/** C's integer promotions and usual arithmetic conversions, for two integer operands. */
export function commonIntegerType(a: IntegerType, b: IntegerType): IntegerType {
  const pa = promote(a);
  const pb = promote(b);
  if (pa.size !== pb.size) return pa.size > pb.size ? pa : pb;
  if (!pa.signed) return pa;
  if (!pb.signed) return pb;
  return pa;
}

export function promote(type: IntegerType): IntegerType {
  return type.size < 4 ? INT : type;
}
