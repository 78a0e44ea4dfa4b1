// C values as gdb prints them: `42`, `65 'A'`, `true`, `0.10000000000000001`,
// `0x40001234 <counter>`, `0x40001234 "hello"`, `{1, 2, 3}`, `"abc"`,
// `{x = 1, y = 2}`, `BLUE`, `(READ | EXEC)`, `{int (int)} 0x400010 <square>`,
// `<optimized out>`. `print` style adds gdb's "(type) " before pointers.

import type { DwarfType, StructMember } from '../dwarfTypes';
import { NO_DEBUG_TEXT_NAME, NO_DEBUG_TEXT_TYPE } from './builtinTypes';
import { cTypeName } from './typeName';
import { PRINT_MAX, REPEAT_THRESHOLD, characterLiteral, stringLiteral } from './charFormat';
import { CValue, MemoryReader } from './cValue';
import { EvaluationError } from './evaluationError';
import { formatFloat } from './floatBits';
import { arrayElement, byteSizeOf, isBooleanType, isCharType, isFloatType, resolved } from './typeFacts';

export interface FormatOptions {
  /** Integers, characters, booleans and enums as hexadecimal numbers (gdb's print/x; floats and pointers print as usual). */
  readonly hex?: boolean;
  /** gdb's `print` layout: pointers (other than `char *`) get a "(type) " prefix. Default: the `info locals` layout. */
  readonly printStyle?: boolean;
}

/** What the formatter needs from the program and the stopped guest. */
export interface FormatEnvironment {
  readonly memory: MemoryReader;
  /** gdb's `<symbol+offset>` text for an address (without the brackets), when a symbol names it. */
  symbolize(address: bigint): string | undefined;
}

export const OPTIMIZED_OUT = '<optimized out>';

/** The whole value as one line. */
export function formatValue(value: CValue, environment: FormatEnvironment, options: FormatOptions = {}): string {
  // Only a whole value gone is one <optimized out>; inside structs and arrays gdb
  // still shows each member or element (each scalar then says <optimized out>).
  if (value.isEntirelyOptimizedOut()) return OPTIMIZED_OUT;
  const text = formatInner(value, environment, options);
  if (options.printStyle && needsTypePrefix(value.type) && !text.startsWith('<')) return `(${cTypeName(value.type)}) ${text}`;
  return text;
}

/** gdb prints "(type) " before pointers, except plain `char *` whose string says enough. */
function needsTypePrefix(type: DwarfType): boolean {
  if (type.kind === 'qualified') return needsTypePrefix(type.target);
  if (type.kind === 'typedef') return resolved(type).kind === 'pointer';
  if (type.kind !== 'pointer') return false;
  let target = type.target;
  while (target.kind === 'qualified') target = target.target;
  return !(target.kind === 'base' && target.name === 'char');
}

function formatInner(value: CValue, environment: FormatEnvironment, options: FormatOptions): string {
  try {
    const type = resolved(value.type);
    switch (type.kind) {
      case 'struct':
      case 'union':
      case 'class':
        return formatRecord(value, type, environment, options);
      case 'array':
        return formatArray(value, environment, options);
      case 'function':
        return formatFunction(value, environment);
      case 'void':
        return 'void';
      case 'unknown':
        return `<${type.name ?? 'unknown type'}>`;
      default:
        return formatScalar(value, environment, options);
    }
  } catch (error) {
    if (error instanceof EvaluationError) return `<error: ${error.message}>`;
    throw error;
  }
}

function formatScalar(value: CValue, environment: FormatEnvironment, options: FormatOptions): string {
  if (value.synthetic) return '<synthetic pointer>';
  if (value.isOptimizedOut()) return OPTIMIZED_OUT;
  const type = resolved(value.type);
  if (type.kind === 'pointer' || type.kind === 'reference' || type.kind === 'rvalueReference') {
    return formatPointer(value.integer(), type.target, environment);
  }
  if (isFloatType(type)) return formatFloat(value.bytes());
  const integer = value.integer();
  // Hexadecimal is gdb's print/x: every integer-like scalar, enums and characters included, as a number.
  if (options.hex) return hexOf(integer, value.byteSize);
  if (type.kind === 'enum') return formatEnum(integer, type);
  if (isBooleanType(type)) return integer === 0n ? 'false' : integer === 1n ? 'true' : integer.toString();
  if (isCharType(type)) return `${integer} ${characterLiteral(Number(integer & 0xffn))}`;
  return integer.toString();
}

/** Two's complement hexadecimal in the type's width: -1 as int is 0xffffffff. */
export function hexOf(value: bigint, byteSize: number): string {
  return `0x${BigInt.asUintN(Math.max(1, byteSize) * 8, value).toString(16)}`;
}

function formatPointer(address: bigint, target: DwarfType, environment: FormatEnvironment): string {
  const text = `0x${address.toString(16)}`;
  const symbol = environment.symbolize(address);
  const withSymbol = symbol ? `${text} <${symbol}>` : text;
  if (resolved(target).kind === 'function' || address === 0n || !isCharType(target)) return withSymbol;
  return `${withSymbol} ${readCString(address, environment.memory)}`;
}

/** The string at a `char *`: up to 200 characters, "..." when longer, an error note when unreadable. */
export function readCString(address: bigint, memory: MemoryReader): string {
  const codes: number[] = [];
  const chunk = 64;
  for (let offset = 0; offset < PRINT_MAX; offset += chunk) {
    const length = Math.min(chunk, PRINT_MAX - offset);
    const bytes = readAvailable(memory, address + BigInt(offset), length);
    for (const byte of bytes) {
      if (byte === 0) return stringLiteral(codes, false);
      codes.push(byte);
    }
    if (bytes.length < length) {
      const failed = address + BigInt(offset + bytes.length);
      const error = `<error: Cannot access memory at address 0x${failed.toString(16)}>`;
      return codes.length === 0 ? error : `${stringLiteral(codes, false)}${error}`;
    }
  }
  return stringLiteral(codes, true);
}

/** As many bytes as can be read from `address` (a read may stop at the end of RAM). */
function readAvailable(memory: MemoryReader, address: bigint, length: number): Uint8Array {
  const whole = memory.read(address, length);
  if (whole) return whole;
  const bytes: number[] = [];
  for (let i = 0; i < length; i++) {
    const one = memory.read(address + BigInt(i), 1);
    if (!one) break;
    bytes.push(one[0]);
  }
  return Uint8Array.from(bytes);
}

type EnumType = Extract<DwarfType, { kind: 'enum' }>;

/** gdb's "flag enum": every enumerator is zero or a single bit, and no two share a bit. */
export function isFlagEnum(type: EnumType): boolean {
  let mask = 0n;
  for (const enumerator of type.enumerators) {
    const value = BigInt(enumerator.value);
    if (value < 0n) return false;
    if (value === 0n) continue;
    if ((value & (value - 1n)) !== 0n || (mask & value) !== 0n) return false;
    mask |= value;
  }
  return true;
}

function formatEnum(value: bigint, type: EnumType): string {
  const exact = type.enumerators.find((enumerator) => BigInt(enumerator.value) === value);
  if (exact) return exact.name;
  if (!isFlagEnum(type) || value < 0n) return value.toString();
  let rest = value;
  const names: string[] = [];
  for (const enumerator of type.enumerators) {
    const bit = BigInt(enumerator.value);
    if (bit !== 0n && (rest & bit) !== 0n) {
      names.push(enumerator.name);
      rest &= ~bit;
    }
  }
  if (rest !== 0n) names.push(`unknown: 0x${rest.toString(16)}`);
  return names.length === 0 ? '0' : `(${names.join(' | ')})`;
}

function formatFunction(value: CValue, environment: FormatEnvironment): string {
  const address = value.address;
  const type = value.type === NO_DEBUG_TEXT_TYPE ? NO_DEBUG_TEXT_NAME : cTypeName(value.type);
  if (address === undefined) return `{${type}} <optimized out>`;
  const symbol = environment.symbolize(address);
  return `{${type}} 0x${address.toString(16)}${symbol ? ` <${symbol}>` : ''}`;
}

type RecordType = Extract<DwarfType, { kind: 'struct' | 'union' | 'class' }>;

function formatRecord(value: CValue, type: RecordType, environment: FormatEnvironment, options: FormatOptions): string {
  if (type.declaration && type.members.length === 0) return '<incomplete type>';
  if (type.members.length === 0) return '{<No data fields>}';
  const fields = type.members.map((member) => {
    const text = formatInner(memberValue(value, member), environment, options);
    return member.name === undefined ? text : `${member.name} = ${text}`;
  });
  return `{${fields.join(', ')}}`;
}

/** A member of a struct or union value (bit-fields extracted). */
export function memberValue(value: CValue, member: StructMember): CValue {
  if (member.bitSize !== undefined) {
    const bitOffset = member.bitOffset ?? member.offset * 8;
    return value.part(member.type, 0, { bitOffset, bitSize: member.bitSize });
  }
  return value.part(member.type, member.offset);
}

/** Element `index` of an array value. */
export function elementValue(value: CValue, index: number): CValue {
  const layout = arrayElement(value.type);
  if (!layout) throw new EvaluationError('cannot subscript something that is not an array');
  const size = byteSizeOf(layout.element) ?? 0;
  return value.part(layout.element, index * size);
}

function formatArray(value: CValue, environment: FormatEnvironment, options: FormatOptions): string {
  const layout = arrayElement(value.type)!;
  const count = layout.count ?? 0;
  const elementSize = byteSizeOf(layout.element) ?? 0;
  if (count === 0 || elementSize === 0) return '{}';
  if (isCharType(layout.element) && !options.hex) {
    const data = value.data();
    const total = count * elementSize;
    if (data.known.subarray(0, total).every((mask) => mask === 0xff)) {
      const codes = Array.from(data.bytes.subarray(0, total));
      // gdb drops one terminating NUL of a char array.
      if (codes[codes.length - 1] === 0) codes.pop();
      return stringLiteral(codes, false);
    }
  }
  const parts: string[] = [];
  let shown = 0;
  let index = 0;
  while (index < count && shown < PRINT_MAX) {
    const element = elementValue(value, index);
    let run = 1;
    while (index + run < count && sameContents(element, elementValue(value, index + run))) run++;
    const text = formatInner(element, environment, options);
    if (run > REPEAT_THRESHOLD) {
      parts.push(`${text} <repeats ${run} times>`);
      shown += REPEAT_THRESHOLD;
      index += run;
    } else {
      parts.push(text);
      shown += 1;
      index += 1;
    }
  }
  return `{${parts.join(', ')}${index < count ? '...' : ''}}`;
}

/** gdb compares array elements byte for byte (and availability) to find repeats. */
function sameContents(a: CValue, b: CValue): boolean {
  try {
    const left = a.data();
    const right = b.data();
    const size = a.byteSize;
    for (let i = 0; i < size; i++) {
      if (left.known[i] !== right.known[i]) return false;
      if ((left.bytes[i] & left.known[i]) !== (right.bytes[i] & right.known[i])) return false;
    }
    return true;
  } catch (error) {
    if (error instanceof EvaluationError) return false;
    throw error;
  }
}
