// Little-endian bit arithmetic on byte buffers: values are assembled from DWARF pieces
// and bit-field members at bit granularity, with a mask saying which bits are known
// (an optimised-out piece leaves its bits unknown).

/** Bytes plus a parallel mask: bit i of `known[n]` is set when bit i of `bytes[n]` is known. */
export interface BitData {
  readonly bytes: Uint8Array;
  readonly known: Uint8Array;
}

export function allKnown(bytes: Uint8Array): BitData {
  return { bytes, known: new Uint8Array(bytes.length).fill(0xff) };
}

export function allUnknown(length: number): BitData {
  return { bytes: new Uint8Array(length), known: new Uint8Array(length) };
}

/** Reads `size` bits starting at bit `start` as an unsigned integer. */
export function readBits(bytes: Uint8Array, start: number, size: number): bigint {
  let value = 0n;
  for (let bit = size - 1; bit >= 0; bit--) {
    const position = start + bit;
    const byte = bytes[position >> 3] ?? 0;
    value = (value << 1n) | BigInt((byte >> (position & 7)) & 1);
  }
  return value;
}

/** Writes the low `size` bits of `value` at bit `start`. */
export function writeBits(bytes: Uint8Array, start: number, size: number, value: bigint): void {
  for (let bit = 0; bit < size; bit++) {
    const position = start + bit;
    const index = position >> 3;
    if (index >= bytes.length) return;
    const mask = 1 << (position & 7);
    if ((value >> BigInt(bit)) & 1n) bytes[index] |= mask;
    else bytes[index] &= ~mask;
  }
}

/** Whether every bit in [start, start + size) is known. */
export function bitsKnown(known: Uint8Array, start: number, size: number): boolean {
  if ((start & 7) === 0 && (size & 7) === 0) {
    for (let index = start >> 3; index < (start + size) >> 3; index++) if (known[index] !== 0xff) return false;
    return true;
  }
  return readBits(known, start, size) === (1n << BigInt(size)) - 1n;
}

/** Copies `size` bits of `source` at `sourceStart` into `target` at `targetStart` (values and masks). */
export function copyBits(target: BitData, targetStart: number, source: BitData, sourceStart: number, size: number): void {
  if ((targetStart & 7) === 0 && (sourceStart & 7) === 0 && (size & 7) === 0) {
    const from = sourceStart >> 3;
    const to = targetStart >> 3;
    const length = Math.min(size >> 3, target.bytes.length - to, source.bytes.length - from);
    if (length <= 0) return;
    target.bytes.set(source.bytes.subarray(from, from + length), to);
    target.known.set(source.known.subarray(from, from + length), to);
    return;
  }
  for (let offset = 0; offset < size; offset += 32) {
    const chunk = Math.min(32, size - offset);
    writeBits(target.bytes, targetStart + offset, chunk, readBits(source.bytes, sourceStart + offset, chunk));
    writeBits(target.known, targetStart + offset, chunk, readBits(source.known, sourceStart + offset, chunk));
  }
}

/** `length` little-endian bytes of an integer (two's complement for negative values). */
export function bytesOfInteger(value: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let rest = BigInt.asUintN(length * 8, value);
  for (let i = 0; i < length; i++) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** The unsigned little-endian integer in `bytes`. */
export function integerOfBytes(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}
