// A C value: its type, its contents (read from guest memory when first needed, or
// assembled from registers, DWARF pieces and computations) and, for lvalues, where
// each of its bits is stored so that assignments can write them back.

import type { DwarfType } from '../dwarfTypes';
import { BitData, allKnown, allUnknown, bitsKnown, bytesOfInteger, copyBits, integerOfBytes, readBits } from './bitBuffer';
import { EvaluationError, OPTIMIZED_OUT_MESSAGE, memoryError } from './evaluationError';
import { byteSizeOf, isFloatType, isSignedType, resolved } from './typeFacts';
import { decodeFloat, encodeFloat } from './floatBits';

/** Guest memory as the value layer reads it. */
export interface MemoryReader {
  read(address: bigint, length: number): Uint8Array | undefined;
}

/** Where some bits of an lvalue live. */
export type StoragePlace =
  | { readonly kind: 'memory'; readonly address: bigint; readonly bitOffset: number }
  /** A DWARF-numbered register of the frame (X0-X30 0-30, SP 31, V0-V31 64-95). */
  | { readonly kind: 'register'; readonly register: number; readonly bitOffset: number }
  /** A register by its assembler name ($x0, $sp): the adapter's register file. */
  | { readonly kind: 'namedRegister'; readonly name: string; readonly bitOffset: number }
  /** Bits that exist nowhere (optimised out, computed): writing them is refused with `reason`. */
  | { readonly kind: 'none'; readonly reason: string };

/** Bits [start, start + size) of the object live at `place`. */
export interface StoragePart {
  readonly start: number;
  readonly size: number;
  readonly place: StoragePlace;
}

/** DW_OP_implicit_pointer: a pointer to a variable that has no address. */
export interface SyntheticPointer {
  readonly die: number;
  readonly offset: number;
}

/** How many bytes one value may pull from guest memory at once (gdb's max-value-size is 64 KiB). */
export const MAX_VALUE_BYTES = 65536;

type Contents =
  | { kind: 'memory'; address: bigint; memory: MemoryReader; loaded?: BitData }
  | { kind: 'data'; data: BitData };

export class CValue {
  private constructor(
    readonly type: DwarfType,
    private readonly contents: Contents,
    /** Where the value's bits are stored; undefined for values that are not lvalues. */
    readonly storage: readonly StoragePart[] | undefined,
    /** For values that are not lvalues: why (shown when an assignment is refused). */
    readonly notLvalueReason = 'Left operand of assignment is not an lvalue.',
    readonly synthetic?: SyntheticPointer,
  ) {}

  /** An object in guest memory, read when first needed. */
  static inMemory(type: DwarfType, address: bigint, memory: MemoryReader): CValue {
    const bits = (byteSizeOf(type) ?? 0) * 8;
    return new CValue(type, { kind: 'memory', address, memory }, [{ start: 0, size: bits, place: { kind: 'memory', address, bitOffset: 0 } }]);
  }

  /** A value whose bits are already known (or known to be unknown), stored at `storage` when an lvalue. */
  static fromData(type: DwarfType, data: BitData, storage?: readonly StoragePart[], notLvalueReason?: string): CValue {
    return new CValue(type, { kind: 'data', data }, storage, notLvalueReason);
  }

  /** A computed value (not an lvalue). */
  static fromBytes(type: DwarfType, bytes: Uint8Array): CValue {
    return new CValue(type, { kind: 'data', data: allKnown(bytes) }, undefined);
  }

  static fromInteger(type: DwarfType, value: bigint): CValue {
    return CValue.fromBytes(type, bytesOfInteger(value, byteSizeOf(type) ?? 8));
  }

  static fromFloat(type: DwarfType, value: number): CValue {
    return CValue.fromBytes(type, encodeFloat(value, byteSizeOf(type) ?? 8));
  }

  /** A value nothing is known about: every bit optimised out. */
  static optimizedOut(type: DwarfType): CValue {
    const size = byteSizeOf(type) ?? 0;
    return new CValue(type, { kind: 'data', data: allUnknown(size) }, [{ start: 0, size: size * 8, place: { kind: 'none', reason: OPTIMIZED_OUT_MESSAGE } }]);
  }

  static syntheticPointer(type: DwarfType, pointer: SyntheticPointer): CValue {
    const size = byteSizeOf(type) ?? 8;
    return new CValue(type, { kind: 'data', data: allUnknown(size) }, undefined, 'Attempt to modify a synthetic pointer.', pointer);
  }

  /** The same contents and storage seen as another type (casts between same-sized objects, lvalue-preserving). */
  withType(type: DwarfType): CValue {
    return new CValue(type, this.contents, this.storage, this.notLvalueReason, this.synthetic);
  }

  get byteSize(): number {
    return byteSizeOf(this.type) ?? 0;
  }

  /** The address of the whole object when it lives in memory as one block. */
  get address(): bigint | undefined {
    if (this.contents.kind === 'memory') return this.contents.address;
    // A bit-field or a value split over several places has no address of its own.
    const only = this.storage?.length === 1 ? this.storage[0] : undefined;
    if (only?.place.kind !== 'memory' || only.place.bitOffset !== 0 || only.start !== 0 || only.size !== this.byteSize * 8) return undefined;
    return only.place.address;
  }

  get isLvalue(): boolean {
    return this.storage !== undefined;
  }

  /** The value's bits; reads guest memory the first time. Throws EvaluationError when memory cannot be read. */
  data(): BitData {
    if (this.contents.kind === 'data') return this.contents.data;
    if (!this.contents.loaded) {
      const size = this.byteSize;
      if (size > MAX_VALUE_BYTES) throw new EvaluationError(`value requires ${size} bytes, which is more than max-value-size`);
      const bytes = size === 0 ? new Uint8Array(0) : this.contents.memory.read(this.contents.address, size);
      if (!bytes) throw memoryError(this.contents.address);
      this.contents.loaded = allKnown(bytes);
    }
    return this.contents.loaded;
  }

  /** True when some bit of the value is not known (optimised out). Reads memory. */
  isOptimizedOut(): boolean {
    if (this.synthetic) return false;
    const size = this.byteSize;
    return !bitsKnown(this.data().known, 0, size * 8);
  }

  /** True when no bit of the value is known: gdb then prints the whole value as <optimized out>. */
  isEntirelyOptimizedOut(): boolean {
    if (this.contents.kind === 'memory' || this.synthetic || resolved(this.type).kind === 'void') return false;
    return this.contents.data.known.every((mask) => mask === 0) && this.byteSize > 0;
  }

  /** The value's bytes, all bits known; throws "value has been optimized out" otherwise. */
  bytes(): Uint8Array {
    const data = this.data();
    if (!bitsKnown(data.known, 0, this.byteSize * 8)) throw new EvaluationError(OPTIMIZED_OUT_MESSAGE);
    return data.bytes.subarray(0, this.byteSize);
  }

  /** An integer, pointer, enum or bool value as a BigInt, signed or unsigned as its type says. */
  integer(): bigint {
    const raw = integerOfBytes(this.bytes());
    const bits = this.byteSize * 8;
    return isSignedType(this.type) ? BigInt.asIntN(bits, raw) : raw;
  }

  /** A floating-point value as a JS number (binary128 rounds to double). */
  float(): number {
    return decodeFloat(this.bytes());
  }

  /** The value as a number for arithmetic: floats as numbers, everything else as BigInt. */
  scalar(): bigint | number {
    return isFloatType(this.type) ? this.float() : this.integer();
  }

  /**
   * A part of the value: a member or an element at `byteOffset`, or a bit-field of
   * `bitSize` bits at `bitOffset` bits from the start. The part keeps the lvalue-ness
   * of the whole and stays lazy for values in memory.
   */
  part(type: DwarfType, byteOffset: number, bitField?: { bitOffset: number; bitSize: number }): CValue {
    if (!bitField && this.contents.kind === 'memory' && !this.contents.loaded) {
      return CValue.inMemory(type, this.contents.address + BigInt(byteOffset), this.contents.memory);
    }
    const size = byteSizeOf(type) ?? 0;
    const start = bitField ? bitField.bitOffset : byteOffset * 8;
    const bits = bitField ? bitField.bitSize : size * 8;
    const source = bitField ? this.bitFieldSource(start, bits) : this.data();
    const sourceStart = bitField ? start % 8 : start;
    const data = allUnknown(size);
    if (bitField) {
      const known = bitsKnown(source.known, sourceStart, bits);
      let value = readBits(source.bytes, sourceStart, bits);
      if (isSignedType(type) && bits > 0) value = BigInt.asIntN(bits, value);
      data.bytes.set(bytesOfInteger(value, size));
      data.known.fill(known ? 0xff : 0);
    } else {
      copyBits(data, 0, source, sourceStart, bits);
    }
    const storage = this.storage ? sliceStorage(this.storage, start, bits) : undefined;
    return CValue.fromData(type, data, storage, this.notLvalueReason);
  }

  /** The bytes that hold a bit-field, re-based so that bit `start % 8` is the field's first bit. */
  private bitFieldSource(start: number, bits: number): BitData {
    const first = Math.floor(start / 8);
    const last = Math.ceil((start + bits) / 8);
    if (this.contents.kind === 'memory' && !this.contents.loaded) {
      const bytes = this.contents.memory.read(this.contents.address + BigInt(first), last - first);
      if (!bytes) throw memoryError(this.contents.address + BigInt(first));
      return allKnown(bytes);
    }
    const data = this.data();
    return { bytes: data.bytes.subarray(first, last), known: data.known.subarray(first, last) };
  }
}

/** The storage of bits [start, start + size) of an object, re-based to start at bit 0. */
export function sliceStorage(parts: readonly StoragePart[], start: number, size: number): StoragePart[] {
  const result: StoragePart[] = [];
  for (const part of parts) {
    const from = Math.max(part.start, start);
    const to = Math.min(part.start + part.size, start + size);
    if (from >= to) continue;
    result.push({ start: from - start, size: to - from, place: advancePlace(part.place, from - part.start) });
  }
  return result;
}

function advancePlace(place: StoragePlace, bits: number): StoragePlace {
  switch (place.kind) {
    case 'memory': {
      const total = place.bitOffset + bits;
      return { kind: 'memory', address: place.address + BigInt(Math.floor(total / 8)), bitOffset: total % 8 };
    }
    case 'register':
    case 'namedRegister':
      return { ...place, bitOffset: place.bitOffset + bits };
    case 'none':
      return place;
  }
}
