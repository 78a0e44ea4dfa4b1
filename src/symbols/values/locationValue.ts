// From where DWARF says a variable lives (an EvaluatedLocation: memory, a register, a
// computed value, implicit bytes, or pieces of those) to a CValue with its bits and the
// storage an assignment writes. Parts that are gone stay unknown: the formatter shows
// them as <optimized out>, never as a guessed value.

import type { DwarfType } from '../dwarfTypes';
import type { EvaluatedLocation, LocationPart } from '../locationExpression';
import { BitData, allKnown, allUnknown, bytesOfInteger, copyBits } from './bitBuffer';
import { CValue, MemoryReader, StoragePart, StoragePlace } from './cValue';
import { OPTIMIZED_OUT_MESSAGE } from './evaluationError';
import { byteSizeOf } from './typeFacts';

/** Register access in DWARF numbering (X0-X30 0-30, SP 31, V0-V31 64-95). */
export type DwarfRegisterReader = (dwarfRegister: number) => bigint | undefined;

/** Width in bits of a DWARF register: 128 for V0-V31, 64 for the rest. */
export function registerBits(register: number): number {
  return register >= 64 && register <= 95 ? 128 : 64;
}

const NOT_STORED = 'Left operand of assignment is not a modifiable lvalue.';

export function valueFromLocation(type: DwarfType, location: EvaluatedLocation, readRegister: DwarfRegisterReader, memory: MemoryReader): CValue {
  const size = byteSizeOf(type) ?? 0;
  const pieces = location.pieces;
  if (pieces.length === 1 && pieces[0].sizeInBits === undefined) {
    const part = pieces[0].part;
    switch (part.kind) {
      case 'memory':
        return CValue.inMemory(type, part.address, memory);
      case 'implicitPointer':
        return CValue.syntheticPointer(type, { die: part.die, offset: part.offset });
      case 'unavailable':
        return CValue.optimizedOut(type);
      default: {
        const { data, storage } = readPart(part, 0, size * 8, readRegister, memory);
        return CValue.fromData(type, data, storage);
      }
    }
  }
  const totalBits = Math.max(size * 8, pieces.reduce((sum, piece) => sum + (piece.sizeInBits ?? 0), 0));
  const data = allUnknown(Math.ceil(totalBits / 8));
  const storage: StoragePart[] = [];
  let position = 0;
  for (const piece of pieces) {
    const bits = piece.sizeInBits ?? size * 8 - position;
    const read = readPart(piece.part, piece.bitOffset ?? 0, bits, readRegister, memory);
    copyBits(data, position, read.data, 0, bits);
    for (const stored of read.storage) storage.push({ start: position + stored.start, size: stored.size, place: stored.place });
    position += bits;
  }
  return CValue.fromData(type, { bytes: data.bytes.subarray(0, Math.max(size, 0)), known: data.known.subarray(0, Math.max(size, 0)) }, storage);
}

/** `bits` bits of one location part, starting `bitOffset` bits into it. */
function readPart(part: LocationPart, bitOffset: number, bits: number, readRegister: DwarfRegisterReader, memory: MemoryReader): { data: BitData; storage: StoragePart[] } {
  const bytes = Math.ceil((bitOffset + bits) / 8);
  const unknown = (reason: string) => ({ data: allUnknown(Math.ceil(bits / 8)), storage: [{ start: 0, size: bits, place: { kind: 'none', reason } as StoragePlace }] });
  switch (part.kind) {
    case 'memory': {
      const read = memory.read(part.address + BigInt(bitOffset >> 3), Math.ceil(((bitOffset & 7) + bits) / 8));
      if (!read) return unknown(`Cannot access memory at address 0x${part.address.toString(16)}`);
      return shifted(allKnown(read), bitOffset & 7, bits, [
        { start: 0, size: bits, place: { kind: 'memory', address: part.address + BigInt(bitOffset >> 3), bitOffset: bitOffset & 7 } },
      ]);
    }
    case 'register':
      return readRegisters(part.register, bitOffset, bits, readRegister);
    case 'value':
      return shifted(allKnown(bytesOfInteger(part.value, Math.max(8, bytes))), bitOffset, bits, [{ start: 0, size: bits, place: { kind: 'none', reason: NOT_STORED } }]);
    case 'implicit': {
      const padded = new Uint8Array(Math.max(bytes, part.bytes.length));
      padded.set(part.bytes);
      return shifted(allKnown(padded), bitOffset, bits, [{ start: 0, size: bits, place: { kind: 'none', reason: NOT_STORED } }]);
    }
    case 'implicitPointer':
      return unknown('Attempt to modify a synthetic pointer.');
    case 'unavailable':
      return unknown(OPTIMIZED_OUT_MESSAGE);
  }
}

/** A value held in a register, continuing into the next registers when it is wider (gdb does the same). */
function readRegisters(first: number, bitOffset: number, bits: number, readRegister: DwarfRegisterReader): { data: BitData; storage: StoragePart[] } {
  const data = allUnknown(Math.ceil(bits / 8));
  const storage: StoragePart[] = [];
  let register = first;
  let offset = bitOffset;
  let position = 0;
  while (position < bits) {
    const width = registerBits(register);
    if (offset >= width) {
      offset -= width;
      register++;
      continue;
    }
    const take = Math.min(width - offset, bits - position);
    const value = readRegister(register);
    if (value !== undefined) {
      copyBits(data, position, allKnown(bytesOfInteger(value, width / 8)), offset, take);
      storage.push({ start: position, size: take, place: { kind: 'register', register, bitOffset: offset } });
    } else {
      storage.push({ start: position, size: take, place: { kind: 'none', reason: OPTIMIZED_OUT_MESSAGE } });
    }
    position += take;
    offset = 0;
    register++;
  }
  return { data, storage };
}

function shifted(source: BitData, bitOffset: number, bits: number, storage: StoragePart[]): { data: BitData; storage: StoragePart[] } {
  const data = allUnknown(Math.ceil(bits / 8));
  copyBits(data, 0, source, bitOffset, bits);
  return { data, storage };
}
