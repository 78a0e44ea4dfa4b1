// C semantics on CValues: conversions (casts and the implicit ones of assignment),
// array and function decay, integer arithmetic that wraps at the result type's width,
// floating-point arithmetic, pointer arithmetic scaled by the pointed-to size, and
// comparisons yielding int, as gdb's C language does them.

import type { DwarfType } from '../dwarfTypes';
import { BUILTIN, NO_DEBUG_DATA_TYPE, VOID_TYPE, pointerTo } from './builtinTypes';
import { CValue, MemoryReader } from './cValue';
import { EvaluationError } from './evaluationError';
import { cTypeName } from './typeName';
import { elementValue } from './valueFormatter';
import {
  arrayElement, byteSizeOf, commonArithmeticType, isArithmeticType, isBooleanType, isFloatType, isIntegerType, isPointerType,
  isRecordType, pointerTarget, promotedType, resolved, sameType,
} from './typeFacts';

/** The error gdb gives for a minimal symbol used without a cast. */
export function unknownTypeError(name: string): EvaluationError {
  return new EvaluationError(`'${name}' has unknown type; cast it to its declared type`);
}

/** Arrays become pointers to their first element, functions pointers to themselves (C 6.3.2.1). */
export function decay(value: CValue): CValue {
  const type = resolved(value.type);
  if (type.kind === 'array') {
    const address = value.address;
    if (address === undefined) return value;
    return CValue.fromInteger(pointerTo(arrayElement(type)!.element), address);
  }
  if (type.kind === 'function') {
    const address = value.address;
    if (address !== undefined) return CValue.fromInteger(pointerTo(value.type), address);
  }
  return value;
}

/** The value as a condition (`!`, `&&`, `?:`): non-zero scalars are true. */
export function isTrue(value: CValue): boolean {
  const scalar = decay(value);
  if (!isArithmeticType(scalar.type) && !isPointerType(scalar.type)) throw new EvaluationError('Argument to logical operation not a number or boolean.');
  const number = scalar.scalar();
  return typeof number === 'number' ? number !== 0 : number !== 0n;
}

export function intValue(value: bigint | boolean): CValue {
  return CValue.fromInteger(BUILTIN.int, typeof value === 'boolean' ? (value ? 1n : 0n) : value);
}

/** Converts a value to `target` as a C cast does. */
export function castValue(value: CValue, target: DwarfType, memory: MemoryReader): CValue {
  const to = resolved(target);
  const fromType = resolved(value.type);
  if (value.type === NO_DEBUG_DATA_TYPE || fromType === NO_DEBUG_DATA_TYPE) {
    // gdb reads a symbol without debug information as whatever type the user names.
    return CValue.inMemory(target, value.address!, memory);
  }
  if (to.kind === 'void') return CValue.fromBytes(VOID_TYPE, new Uint8Array(0));
  if (sameType(fromType, to) && (isRecordType(to) || to.kind === 'array')) return value.withType(target);
  if (isRecordType(to) || to.kind === 'array') {
    // Like gdb: an object in memory may be viewed as any other aggregate of the same size.
    const address = value.address;
    if (address !== undefined && byteSizeOf(fromType) === byteSizeOf(to)) return CValue.inMemory(target, address, memory);
    throw new EvaluationError('Invalid cast.');
  }
  const source = decay(value);
  const sourceType = resolved(source.type);
  if (!isArithmeticType(sourceType) && !isPointerType(sourceType)) throw new EvaluationError('Invalid cast.');
  const size = byteSizeOf(to) ?? 8;
  if (isFloatType(to)) {
    const number = source.scalar();
    return CValue.fromFloat(target, typeof number === 'number' ? number : Number(number));
  }
  if (isIntegerType(to) || isPointerType(to)) {
    const number = source.scalar();
    let integer: bigint;
    if (typeof number === 'number') {
      if (!Number.isFinite(number)) integer = 0n;
      else integer = BigInt(Math.trunc(number));
    } else {
      integer = number;
    }
    if (isBooleanType(to)) integer = integer !== 0n ? 1n : 0n;
    return CValue.fromInteger(target, BigInt.asUintN(size * 8, integer));
  }
  throw new EvaluationError('Invalid cast.');
}

/** An integer of `type` from any BigInt, wrapped to the type's width. */
export function integerOf(type: DwarfType, value: bigint): CValue {
  return CValue.fromInteger(type, BigInt.asUintN((byteSizeOf(type) ?? 8) * 8, value));
}

function requireArithmetic(value: CValue): void {
  if (!isArithmeticType(value.type)) throw new EvaluationError('Argument to arithmetic operation not a number or boolean.');
}

export function negate(value: CValue): CValue {
  requireArithmetic(value);
  const type = promotedType(value.type);
  if (isFloatType(type)) return CValue.fromFloat(type, -value.float());
  return integerOf(type, -value.integer());
}

export function unaryPlus(value: CValue): CValue {
  requireArithmetic(value);
  const type = promotedType(value.type);
  if (isFloatType(type)) return CValue.fromFloat(type, value.float());
  return integerOf(type, value.integer());
}

export function complement(value: CValue): CValue {
  if (!isIntegerType(value.type)) throw new EvaluationError('Argument to complement operation not an integer, boolean.');
  const type = promotedType(value.type);
  return integerOf(type, ~value.integer());
}

/** Binary arithmetic and bitwise operators, with pointer arithmetic for + and -. */
export function arithmetic(operator: string, leftValue: CValue, rightValue: CValue): CValue {
  const left = decay(leftValue);
  const right = decay(rightValue);
  if ((operator === '+' || operator === '-') && (isPointerType(left.type) || isPointerType(right.type))) return pointerArithmetic(operator, left, right);
  if (!isArithmeticType(left.type) || !isArithmeticType(right.type)) throw new EvaluationError('Argument to arithmetic operation not a number or boolean.');
  if (operator === '<<' || operator === '>>') {
    if (!isIntegerType(left.type) || !isIntegerType(right.type)) throw new EvaluationError('Integer only operation.');
    const type = promotedType(left.type);
    const count = right.integer();
    const value = castValue(left, type, nullMemory).integer();
    return integerOf(type, operator === '<<' ? value << count : value >> count);
  }
  const type = commonArithmeticType(left.type, right.type);
  if (isFloatType(type)) {
    if (['%', '&', '|', '^'].includes(operator)) throw new EvaluationError('Integer only operation.');
    const a = castValue(left, type, nullMemory).float();
    const b = castValue(right, type, nullMemory).float();
    const result = operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : a / b;
    return CValue.fromFloat(type, result);
  }
  const a = castValue(left, type, nullMemory).integer();
  const b = castValue(right, type, nullMemory).integer();
  switch (operator) {
    case '+':
      return integerOf(type, a + b);
    case '-':
      return integerOf(type, a - b);
    case '*':
      return integerOf(type, a * b);
    case '/':
      if (b === 0n) throw new EvaluationError('Division by zero');
      return integerOf(type, a / b);
    case '%':
      if (b === 0n) throw new EvaluationError('Division by zero');
      return integerOf(type, a % b);
    case '&':
      return integerOf(type, a & b);
    case '|':
      return integerOf(type, a | b);
    case '^':
      return integerOf(type, a ^ b);
  }
  throw new EvaluationError(`Unsupported operator ${operator}.`);
}

function targetSize(pointer: CValue): bigint {
  const target = pointerTarget(pointer.type)!;
  const kind = resolved(target).kind;
  // gdb, like GNU C, steps void and function pointers by one byte.
  if (kind === 'void' || kind === 'function') return 1n;
  const size = byteSizeOf(target);
  if (size === undefined) throw new EvaluationError(`Cannot perform pointer math on incomplete type "${cTypeName(target)}", try casting to a known type, or void *.`);
  return BigInt(size);
}

function pointerArithmetic(operator: '+' | '-', left: CValue, right: CValue): CValue {
  const leftIsPointer = isPointerType(left.type);
  const rightIsPointer = isPointerType(right.type);
  if (leftIsPointer && rightIsPointer) {
    if (operator === '+') throw new EvaluationError('Argument to arithmetic operation not a number or boolean.');
    const size = targetSize(left);
    if (size !== targetSize(right)) throw new EvaluationError('First argument of `-\' is a pointer and second argument is neither\nan integer nor a pointer of the same type.');
    return integerOf(BUILTIN.long, (BigInt.asIntN(64, left.integer()) - BigInt.asIntN(64, right.integer())) / size);
  }
  const pointer = leftIsPointer ? left : right;
  const offset = leftIsPointer ? right : left;
  if (!isIntegerType(offset.type)) throw new EvaluationError('Argument to arithmetic operation not a number or boolean.');
  if (operator === '-' && !leftIsPointer) throw new EvaluationError('Argument to arithmetic operation not a number or boolean.');
  const delta = offset.integer() * targetSize(pointer);
  return integerOf(pointer.type, operator === '+' ? pointer.integer() + delta : pointer.integer() - delta);
}

/** ==, !=, <, <=, >, >= on numbers and pointers: an int 0 or 1. */
export function compare(operator: string, leftValue: CValue, rightValue: CValue): CValue {
  const left = decay(leftValue);
  const right = decay(rightValue);
  let order: number;
  if (isPointerType(left.type) || isPointerType(right.type)) {
    if (!isPointerType(left.type) && !isIntegerType(left.type)) throw new EvaluationError('Invalid type combination in ordering comparison.');
    if (!isPointerType(right.type) && !isIntegerType(right.type)) throw new EvaluationError('Invalid type combination in ordering comparison.');
    const a = BigInt.asUintN(64, left.integer());
    const b = BigInt.asUintN(64, right.integer());
    order = a < b ? -1 : a > b ? 1 : 0;
  } else {
    if (!isArithmeticType(left.type) || !isArithmeticType(right.type)) throw new EvaluationError('Invalid type combination in equality test.');
    const type = commonArithmeticType(left.type, right.type);
    const a = castValue(left, type, nullMemory).scalar();
    const b = castValue(right, type, nullMemory).scalar();
    if (typeof a === 'number' || typeof b === 'number') {
      const x = Number(a);
      const y = Number(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return intValue(operator === '!=');
      order = x < y ? -1 : x > y ? 1 : 0;
    } else {
      order = a < b ? -1 : a > b ? 1 : 0;
    }
  }
  switch (operator) {
    case '==':
      return intValue(order === 0);
    case '!=':
      return intValue(order !== 0);
    case '<':
      return intValue(order < 0);
    case '<=':
      return intValue(order <= 0);
    case '>':
      return intValue(order > 0);
    default:
      return intValue(order >= 0);
  }
}

/** `array[index]` and `pointer[index]` (and C's `index[array]`). */
export function subscript(arrayValue: CValue, indexValue: CValue, memory: MemoryReader): CValue {
  let base = arrayValue;
  let index = indexValue;
  if (!isPointerType(base.type) && resolved(base.type).kind !== 'array' && (isPointerType(index.type) || resolved(index.type).kind === 'array')) {
    [base, index] = [index, base];
  }
  if (!isIntegerType(index.type)) throw new EvaluationError('Argument to arithmetic operation not a number or boolean.');
  const position = index.integer();
  const layout = arrayElement(base.type);
  if (layout) {
    const address = base.address;
    const size = BigInt(byteSizeOf(layout.element) ?? 0);
    if (address !== undefined) return CValue.inMemory(layout.element, address + position * size, memory);
    if (position < 0n || (layout.count !== undefined && position >= BigInt(layout.count))) throw new EvaluationError('no such vector element');
    return elementValue(base, Number(position));
  }
  if (isPointerType(base.type)) return dereference(arithmetic('+', base, index), memory);
  throw new EvaluationError(`cannot subscript something of type \`${cTypeName(base.type)}'`);
}

/** `*value`: pointers, arrays (their first element), and integers read as int, as gdb allows. */
export function dereference(value: CValue, memory: MemoryReader): CValue {
  const type = resolved(value.type);
  if (type.kind === 'array') return subscript(value, intValue(0n), memory);
  if (type.kind === 'function') return value;
  if (isPointerType(type)) {
    const target = pointerTarget(type)!;
    if (resolved(target).kind === 'void') throw new EvaluationError('Attempt to dereference a generic pointer.');
    return CValue.inMemory(target, BigInt.asUintN(64, value.integer()), memory);
  }
  if (isIntegerType(type)) return CValue.inMemory(BUILTIN.int, BigInt.asUintN(64, value.integer()), memory);
  throw new EvaluationError('Attempt to take contents of a non-pointer value.');
}

/** `&value`: objects in memory only. */
export function addressOf(value: CValue): CValue {
  const address = value.address;
  if (address === undefined || !value.isLvalue) {
    if (value.storage?.some((part) => part.place.kind === 'register')) throw new EvaluationError('Attempt to take address of value not located in memory (it is in a register).');
    throw new EvaluationError('Attempt to take address of value not located in memory.');
  }
  return CValue.fromInteger(pointerTo(value.type), address);
}

const nullMemory: MemoryReader = { read: () => undefined };
