// Questions the value layer asks about C types: what a type is once typedefs and
// qualifiers are removed, its size, whether it is an integer, a character, a float, a
// pointer, and the C conversions (integer promotion, usual arithmetic conversions).

import { DwarfType, sizeOfType, stripTypedefs } from '../dwarfTypes';
import { BUILTIN } from './builtinTypes';

/** The type with typedefs and const/volatile removed: what decides how a value behaves. */
export function resolved(type: DwarfType): DwarfType {
  return stripTypedefs(type);
}

/** Size in bytes; gdb's conventions for void and functions (1), undefined for incomplete types. */
export function byteSizeOf(type: DwarfType): number | undefined {
  const stripped = resolved(type);
  if (stripped.kind === 'void' || stripped.kind === 'function') return 1;
  if (stripped.kind === 'enum' && stripped.byteSize === undefined) return stripped.underlying ? byteSizeOf(stripped.underlying) : 4;
  return sizeOfType(stripped);
}

export function isIntegerType(type: DwarfType): boolean {
  const stripped = resolved(type);
  if (stripped.kind === 'enum') return true;
  if (stripped.kind !== 'base') return false;
  return ['signed', 'unsigned', 'signedChar', 'unsignedChar', 'boolean', 'utf', 'address'].includes(stripped.encoding);
}

export function isFloatType(type: DwarfType): boolean {
  const stripped = resolved(type);
  return stripped.kind === 'base' && stripped.encoding === 'float';
}

export function isArithmeticType(type: DwarfType): boolean {
  return isIntegerType(type) || isFloatType(type);
}

export function isPointerType(type: DwarfType): boolean {
  const kind = resolved(type).kind;
  return kind === 'pointer' || kind === 'reference' || kind === 'rvalueReference';
}

export function isRecordType(type: DwarfType): boolean {
  const kind = resolved(type).kind;
  return kind === 'struct' || kind === 'union' || kind === 'class';
}

/** Whether values of the type are signed (enums follow their underlying type, else their enumerators). */
export function isSignedType(type: DwarfType): boolean {
  const stripped = resolved(type);
  if (stripped.kind === 'enum') {
    if (stripped.underlying) return isSignedType(stripped.underlying);
    return stripped.enumerators.some((enumerator) => enumerator.value < 0);
  }
  if (stripped.kind !== 'base') return false;
  return stripped.encoding === 'signed' || stripped.encoding === 'signedChar';
}

/** One-byte character types (char, signed char, unsigned char, int8_t, uint8_t): gdb prints them as characters. */
export function isCharType(type: DwarfType): boolean {
  const stripped = resolved(type);
  return stripped.kind === 'base' && stripped.byteSize === 1 && (stripped.encoding === 'signedChar' || stripped.encoding === 'unsignedChar');
}

export function isBooleanType(type: DwarfType): boolean {
  const stripped = resolved(type);
  return stripped.kind === 'base' && stripped.encoding === 'boolean';
}

/** The pointed-to type of a pointer, else undefined. */
export function pointerTarget(type: DwarfType): DwarfType | undefined {
  const stripped = resolved(type);
  return stripped.kind === 'pointer' || stripped.kind === 'reference' || stripped.kind === 'rvalueReference' ? stripped.target : undefined;
}

/** The element type of an array, with one dimension removed for multi-dimensional arrays. */
export function arrayElement(type: DwarfType): { element: DwarfType; count: number | undefined } | undefined {
  const stripped = resolved(type);
  if (stripped.kind !== 'array') return undefined;
  const [count, ...rest] = stripped.dimensions.length > 0 ? stripped.dimensions : [undefined];
  const element: DwarfType = rest.length > 0 ? { kind: 'array', element: stripped.element, dimensions: rest, dieOffset: stripped.dieOffset } : stripped.element;
  return { element, count };
}

/** C integer promotion: types narrower than int (and bool, char, enums of int size) become int or unsigned int. */
export function promotedType(type: DwarfType): DwarfType {
  const stripped = resolved(type);
  if (isFloatType(stripped)) return stripped;
  const size = byteSizeOf(stripped) ?? 4;
  if (size < 4) return BUILTIN.int;
  if (stripped.kind === 'enum' || (stripped.kind === 'base' && stripped.encoding === 'boolean')) {
    if (size === 4) return isSignedType(stripped) ? BUILTIN.int : BUILTIN.unsignedInt;
    return isSignedType(stripped) ? BUILTIN.long : BUILTIN.unsignedLong;
  }
  return stripped;
}

function integerRank(type: DwarfType): number {
  const stripped = resolved(type);
  const size = byteSizeOf(stripped) ?? 4;
  // long long outranks long at the same size (C 6.3.1.1).
  const isLongLong = stripped.kind === 'base' && stripped.name.includes('long long');
  return size * 2 + (isLongLong ? 1 : 0);
}

/** C's usual arithmetic conversions (6.3.1.8): the common type of a binary operation. */
export function commonArithmeticType(left: DwarfType, right: DwarfType): DwarfType {
  if (isFloatType(left) || isFloatType(right)) {
    const size = (type: DwarfType) => (isFloatType(type) ? byteSizeOf(type) ?? 8 : 0);
    const largest = Math.max(size(left), size(right));
    return largest >= 16 ? BUILTIN.longDouble : largest === 8 ? BUILTIN.double : BUILTIN.float;
  }
  const a = promotedType(left);
  const b = promotedType(right);
  const signedA = isSignedType(a);
  const signedB = isSignedType(b);
  const rankA = integerRank(a);
  const rankB = integerRank(b);
  if (signedA === signedB) return rankA >= rankB ? a : b;
  const [unsignedType, signedType] = signedA ? [b, a] : [a, b];
  if (integerRank(unsignedType) >= integerRank(signedType)) return unsignedType;
  if ((byteSizeOf(signedType) ?? 0) > (byteSizeOf(unsignedType) ?? 0)) return signedType;
  return unsignedVersionOf(signedType);
}

export function unsignedVersionOf(type: DwarfType): DwarfType {
  const size = byteSizeOf(type) ?? 4;
  if (size <= 4) return BUILTIN.unsignedInt;
  if (size === 8) return resolved(type).kind === 'base' && (resolved(type) as { name: string }).name.includes('long long') ? BUILTIN.unsignedLongLong : BUILTIN.unsignedLong;
  return BUILTIN.unsignedInt128;
}

/** Whether two types are the same C type once typedefs and qualifiers are removed (by DIE, or structurally for builtins). */
export function sameType(a: DwarfType, b: DwarfType): boolean {
  const left = resolved(a);
  const right = resolved(b);
  if (left === right) return true;
  if (left.kind !== right.kind) return false;
  switch (left.kind) {
    case 'base': {
      const other = right as typeof left;
      return left.byteSize === other.byteSize && left.encoding === other.encoding && left.name === other.name;
    }
    case 'pointer':
      return sameType(left.target, (right as typeof left).target);
    case 'struct':
    case 'union':
    case 'class':
    case 'enum': {
      const other = right as typeof left;
      return left.dieOffset === other.dieOffset || (left.name !== undefined && left.name === other.name && left.byteSize === other.byteSize);
    }
    case 'array': {
      const other = right as typeof left;
      return sameType(left.element, other.element) && left.dimensions.join(',') === other.dimensions.join(',');
    }
    case 'void':
      return true;
    default:
      return left.dieOffset === (right as { dieOffset: number }).dieOffset;
  }
}
