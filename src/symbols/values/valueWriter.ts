// Assignment's last step: the new bits of an lvalue go back to where each of its parts
// lives (guest memory, a frame register, a named register). Every part is checked
// before anything is written, so a refused assignment changes nothing.

import { bytesOfInteger, readBits, writeBits } from './bitBuffer';
import type { StoragePart } from './cValue';
import { EvaluationError, memoryError } from './evaluationError';
import { registerBits } from './locationValue';

/** The writable side of the guest, as the adapter provides it. Writers throw an Error when they cannot write. */
export interface StorageAccess {
  readMemory(address: bigint, length: number): Uint8Array | undefined;
  writeMemory?(address: bigint, bytes: Uint8Array): void;
  readRegister(dwarfRegister: number): bigint | undefined;
  writeRegister?(dwarfRegister: number, value: bigint): void;
  readNamedRegister?(name: string): bigint | undefined;
  writeNamedRegister?(name: string, value: bigint): void;
}

/** Writes `bits` (little-endian, bit 0 = the object's first bit) to every part of `storage`. */
export function writeStorage(storage: readonly StoragePart[], bits: Uint8Array, access: StorageAccess): void {
  for (const part of storage) checkWritable(part, access);
  for (const part of storage) {
    const value = readBits(bits, part.start, part.size);
    const place = part.place;
    switch (place.kind) {
      case 'memory':
        writeMemoryBits(place.address, place.bitOffset, part.size, value, access);
        break;
      case 'register': {
        const current = access.readRegister(place.register)!;
        access.writeRegister!(place.register, replaceBits(current, place.bitOffset, part.size, value, registerBits(place.register)));
        break;
      }
      case 'namedRegister': {
        const current = access.readNamedRegister!(place.name)!;
        access.writeNamedRegister!(place.name, replaceBits(current, place.bitOffset, part.size, value, 128));
        break;
      }
      case 'none':
        throw new EvaluationError(place.reason);
    }
  }
}

function checkWritable(part: StoragePart, access: StorageAccess): void {
  const place = part.place;
  switch (place.kind) {
    case 'none':
      throw new EvaluationError(place.reason);
    case 'memory':
      if (!access.writeMemory) throw new EvaluationError('Writing guest memory is not supported here.');
      return;
    case 'register':
      if (!access.writeRegister) throw new EvaluationError(`Cannot write register ${place.register} of this frame.`);
      if (access.readRegister(place.register) === undefined) throw new EvaluationError('value has been optimized out');
      return;
    case 'namedRegister':
      if (!access.writeNamedRegister || access.readNamedRegister?.(place.name) === undefined) throw new EvaluationError(`Cannot write register $${place.name}.`);
      return;
  }
}

function replaceBits(current: bigint, offset: number, size: number, value: bigint, width: number): bigint {
  const mask = ((1n << BigInt(size)) - 1n) << BigInt(offset);
  return BigInt.asUintN(width, (current & ~mask) | ((value << BigInt(offset)) & mask));
}

function writeMemoryBits(address: bigint, bitOffset: number, size: number, value: bigint, access: StorageAccess): void {
  const length = Math.ceil((bitOffset + size) / 8);
  let bytes: Uint8Array;
  if (bitOffset === 0 && size % 8 === 0) {
    bytes = bytesOfInteger(value, length);
  } else {
    // A bit-field shares its bytes with its neighbours: read, merge, write back.
    const current = access.readMemory(address, length);
    if (!current) throw memoryError(address);
    bytes = Uint8Array.from(current);
    writeBits(bytes, bitOffset, size, value);
  }
  try {
    access.writeMemory!(address, bytes);
  } catch (error) {
    if (error instanceof EvaluationError) throw error;
    throw memoryError(address);
  }
}


