// C values from DWARF: the bytes of a variable gathered from where its location
// expression says it lives (memory, registers, pieces, implicit values), formatted by
// its type the way gdb prints them, and its children (members, elements, the target
// of a pointer) for the Variables view. Nothing optimized out is ever shown as a value.

import type { DwarfType, StructMember } from '../symbols/dwarfTypes';
import { describeType, sizeOfType, stripTypedefs } from '../symbols/dwarfTypes';
import type { EvaluatedLocation } from '../symbols/locationExpression';
import { charEscape } from './console/valueFormat';

export interface CValue {
  type: DwarfType;
  /** The value's bytes (little-endian), when known. */
  bytes?: Uint8Array;
  /** Why the value is not known ("optimized out"). */
  unavailable?: string;
  /** Where the whole value lives in memory, when it does. */
  address?: bigint;
  /** The DWARF register holding the whole value, when it does. */
  register?: number;
}

/** What reading values needs from the stopped guest. */
export interface ValueSource {
  /** User view of guest memory; throws where there is none. */
  readMemory(address: bigint, length: number): Uint8Array;
  /** A register of the frame, by DWARF number (X0-X30 0-30, SP 31, V0-V31 64-95); undefined if unknown. */
  readRegister(dwarfRegister: number): bigint | undefined;
  symbolize(address: bigint): string | undefined;
}

const MAX_STRING = 100;
const SUMMARY_ELEMENTS = 8;

/** The bytes of a located value of `type`, or why they are not available. */
export function valueFromLocation(type: DwarfType, location: EvaluatedLocation, source: ValueSource): CValue {
  const size = sizeOfType(type) ?? 8;
  const pieces = location.pieces;
  if (pieces.length === 1 && pieces[0].sizeInBits === undefined) {
    const part = pieces[0].part;
    switch (part.kind) {
      case 'memory':
        return readMemoryValue(type, part.address, source);
      case 'register': {
        const value = source.readRegister(part.register);
        if (value === undefined) return { type, unavailable: 'register not saved in this frame' };
        return { type, bytes: bigintBytes(value, size), register: part.register };
      }
      case 'value':
        return { type, bytes: bigintBytes(part.value, size) };
      case 'implicit':
        return { type, bytes: padTo(part.bytes, size) };
      case 'implicitPointer':
        return { type, unavailable: 'implicit pointer (optimized out)' };
      case 'unavailable':
        return { type, unavailable: part.reason };
    }
  }
  const bytes = new Uint8Array(size);
  let bitPosition = 0;
  for (const piece of pieces) {
    const bits = piece.sizeInBits ?? (size * 8 - bitPosition);
    const part = piece.part;
    let value: bigint | undefined;
    if (part.kind === 'memory') {
      try {
        value = bytesToBigint(source.readMemory(part.address, Math.ceil(bits / 8)));
      } catch {
        return { type, unavailable: `cannot read memory at 0x${part.address.toString(16)}` };
      }
    } else if (part.kind === 'register') {
      value = source.readRegister(part.register);
    } else if (part.kind === 'value') {
      value = part.value;
    } else if (part.kind === 'implicit') {
      value = bytesToBigint(part.bytes);
    }
    if (value === undefined) return { type, unavailable: part.kind === 'unavailable' ? part.reason : 'optimized out' };
    value = (value >> BigInt(piece.bitOffset ?? 0)) & ((1n << BigInt(bits)) - 1n);
    writeBits(bytes, bitPosition, bits, value);
    bitPosition += bits;
  }
  return { type, bytes };
}

export function readMemoryValue(type: DwarfType, address: bigint, source: ValueSource): CValue {
  const size = sizeOfType(type);
  if (size === undefined) return { type, address, unavailable: 'incomplete type' };
  try {
    return { type, address, bytes: source.readMemory(address, size) };
  } catch {
    return { type, address, unavailable: `cannot read memory at 0x${address.toString(16)}` };
  }
}

// ---- Formatting -------------------------------------------------------------------------

export function formatCValue(value: CValue, source: ValueSource, hex: boolean, depth = 0): string {
  if (value.unavailable !== undefined) return `<${value.unavailable}>`;
  const bytes = value.bytes!;
  const type = stripTypedefs(value.type);
  switch (type.kind) {
    case 'base': return formatBase(type, bytes, hex);
    case 'enum': {
      const raw = integerOf(bytes, type.underlying ? isSignedType(type.underlying) : false);
      const named = type.enumerators.find(e => BigInt(e.value) === raw);
      return named ? named.name : hex ? '0x' + BigInt.asUintN(bytes.length * 8, raw).toString(16) : raw.toString();
    }
    case 'pointer': case 'reference': case 'rvalueReference':
      return formatPointer(type.target, integerOf(bytes, false), source);
    case 'array': return formatArray(type, bytes, source, hex, depth);
    case 'struct': case 'union': case 'class': {
      if (depth > 1) return '{...}';
      const parts = type.members.slice(0, 6).map(m => `${m.name ?? '<anonymous>'} = ${formatCValue(memberValue(value, m), source, hex, depth + 1)}`);
      return `{${parts.join(', ')}${type.members.length > 6 ? ', ...' : ''}}`;
    }
    case 'function': return `{${describeType(type)}}`;
    default: return `<${describeType(value.type)}>`;
  }
}

function formatBase(type: Extract<DwarfType, { kind: 'base' }>, bytes: Uint8Array, hex: boolean): string {
  const unsigned = integerOf(bytes, false);
  switch (type.encoding) {
    case 'float': {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (bytes.length === 4) return formatFloat(view.getFloat32(0, true));
      if (bytes.length === 8) return formatFloat(view.getFloat64(0, true));
      return '0x' + unsigned.toString(16).padStart(bytes.length * 2, '0');
    }
    case 'boolean': return unsigned === 0n ? 'false' : unsigned === 1n ? 'true' : unsigned.toString();
    case 'signedChar': case 'unsignedChar': case 'utf': {
      const value = type.encoding === 'signedChar' ? BigInt.asIntN(bytes.length * 8, unsigned) : unsigned;
      if (hex) return '0x' + unsigned.toString(16);
      return bytes.length === 1 ? `${value} '${charEscape(Number(unsigned))}'` : value.toString();
    }
    case 'signed':
      return hex ? '0x' + unsigned.toString(16) : BigInt.asIntN(bytes.length * 8, unsigned).toString();
    default:
      return hex || type.encoding === 'address' ? '0x' + unsigned.toString(16) : unsigned.toString();
  }
}

function formatFloat(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e16 ? value.toFixed(0) : String(value);
}

function isCharType(type: DwarfType): boolean {
  const t = stripTypedefs(type);
  return t.kind === 'base' && (t.encoding === 'signedChar' || t.encoding === 'unsignedChar') && t.byteSize === 1;
}

function isSignedType(type: DwarfType): boolean {
  const t = stripTypedefs(type);
  return t.kind === 'base' && (t.encoding === 'signed' || t.encoding === 'signedChar');
}

function formatPointer(target: DwarfType, address: bigint, source: ValueSource): string {
  const text = '0x' + address.toString(16);
  if (address === 0n) return text;
  const t = stripTypedefs(target);
  if (isCharType(t)) return `${text} ${readCString(address, source)}`;
  if (t.kind === 'function' || t.kind === 'void') {
    const symbol = source.symbolize(address);
    return symbol ? `${text} <${symbol}>` : text;
  }
  return text;
}

/** `"text"` from a NUL-terminated string in guest memory (shortened, escaped). */
export function readCString(address: bigint, source: ValueSource): string {
  let text = '';
  for (let i = 0; i < MAX_STRING; i++) {
    let byte: number;
    try {
      byte = source.readMemory(address + BigInt(i), 1)[0];
    } catch {
      return `"${text}"<error: cannot read memory at 0x${(address + BigInt(i)).toString(16)}>`;
    }
    if (byte === 0) return `"${text}"`;
    text += byte === 34 ? '\\"' : charEscape(byte);
  }
  return `"${text}"...`;
}

function formatArray(type: Extract<DwarfType, { kind: 'array' }>, bytes: Uint8Array, source: ValueSource, hex: boolean, depth: number): string {
  const elements = arrayElements(type, bytes);
  if (isCharType(type.element) && type.dimensions.length === 1) {
    const end = bytes.indexOf(0);
    const chars = [...bytes.subarray(0, end < 0 ? bytes.length : end)].map(b => (b === 34 ? '\\"' : charEscape(b))).join('');
    return `"${chars}"`;
  }
  if (depth > 1) return '{...}';
  const shown = elements.slice(0, SUMMARY_ELEMENTS).map(e => formatCValue(e.value, source, hex, depth + 1));
  return `{${shown.join(', ')}${elements.length > SUMMARY_ELEMENTS ? ', ...' : ''}}`;
}

// ---- Children -----------------------------------------------------------------------------

export interface CChild {
  name: string;
  value: CValue;
  /** Appended to the parent's evaluate name (`.x`, `[3]`) or, for a dereference, wraps it. */
  evaluateName: (parent: string) => string;
}

/** Members, elements, or the pointed-to value; undefined for scalars. */
export function childrenOf(value: CValue, source: ValueSource): CChild[] | undefined {
  if (value.unavailable !== undefined || !value.bytes) return undefined;
  const type = stripTypedefs(value.type);
  switch (type.kind) {
    case 'struct': case 'union': case 'class':
      return type.members.map(m => ({ name: m.name ?? '<anonymous>', value: memberValue(value, m), evaluateName: p => `${p}.${m.name ?? ''}` }));
    case 'array':
      return arrayElements(type, value.bytes, value.address).slice(0, 1000).map((e, i) => ({ name: `[${i}]`, value: e.value, evaluateName: p => `${p}[${i}]` }));
    case 'pointer': case 'reference': case 'rvalueReference': {
      const target = stripTypedefs(type.target);
      const address = integerOf(value.bytes, false);
      if (address === 0n || target.kind === 'void' || target.kind === 'function' || sizeOfType(target) === undefined) return undefined;
      return [{ name: `*`, value: readMemoryValue(type.target, address, source), evaluateName: p => `*${p}` }];
    }
    default:
      return undefined;
  }
}

/** The element values of an array (the first dimension; inner dimensions stay arrays). */
function arrayElements(type: Extract<DwarfType, { kind: 'array' }>, bytes: Uint8Array, address?: bigint): { value: CValue }[] {
  const [count, ...inner] = type.dimensions;
  const elementType: DwarfType = inner.length > 0 ? { ...type, dimensions: inner } : type.element;
  const size = sizeOfType(elementType);
  if (!size) return [];
  const n = count ?? Math.floor(bytes.length / size);
  const result: { value: CValue }[] = [];
  for (let i = 0; i < n && (i + 1) * size <= bytes.length; i++) {
    result.push({ value: { type: elementType, bytes: bytes.subarray(i * size, (i + 1) * size), address: address === undefined ? undefined : address + BigInt(i * size) } });
  }
  return result;
}

export function memberValue(parent: CValue, member: StructMember): CValue {
  const size = sizeOfType(member.type) ?? 0;
  const bytes = parent.bytes!;
  if (member.bitSize !== undefined) {
    const start = member.bitOffset ?? member.offset * 8;
    const raw = (bytesToBigint(bytes) >> BigInt(start)) & ((1n << BigInt(member.bitSize)) - 1n);
    const signed = isSignedType(member.type) && (raw >> BigInt(member.bitSize - 1)) & 1n ? raw - (1n << BigInt(member.bitSize)) : raw;
    return { type: member.type, bytes: bigintBytes(signed, size) };
  }
  if (member.offset + size > bytes.length) return { type: member.type, unavailable: 'member outside its object' };
  return {
    type: member.type,
    bytes: bytes.subarray(member.offset, member.offset + size),
    address: parent.address === undefined ? undefined : parent.address + BigInt(member.offset),
  };
}

// ---- Bytes ----------------------------------------------------------------------------------

export function integerOf(bytes: Uint8Array, signed: boolean): bigint {
  const value = bytesToBigint(bytes);
  return signed ? BigInt.asIntN(bytes.length * 8, value) : value;
}

function bytesToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

export function bigintBytes(value: bigint, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let v = BigInt.asUintN(size * 8, value);
  for (let i = 0; i < size; i++) {
    bytes[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return bytes;
}

function padTo(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.length >= size) return bytes.subarray(0, size);
  const padded = new Uint8Array(size);
  padded.set(bytes);
  return padded;
}

function writeBits(target: Uint8Array, position: number, bits: number, value: bigint): void {
  for (let i = 0; i < bits; i++) {
    const bit = position + i;
    if (bit >= target.length * 8) return;
    if ((value >> BigInt(i)) & 1n) target[bit >> 3] |= 1 << (bit & 7);
  }
}
