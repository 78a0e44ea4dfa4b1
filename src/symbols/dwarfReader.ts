// A bounded little-endian byte cursor with the encodings DWARF uses: fixed-size
// integers, LEB128, NUL-terminated strings, the "initial length" that tells DWARF 32
// from DWARF 64, and target addresses of 4 or 8 bytes.
//
// Every read checks its bounds and throws DwarfFormatError, so a parser can wrap one
// unit (a CU, a line program, a CIE/FDE) in try/catch, record a warning and move on
// to the next unit: corrupt debug information degrades, it never takes the whole
// program down.
//
// Addresses and offsets are plain numbers (see docs/architecture.md). 64-bit values
// above 2^53 lose precision when turned into numbers; such values never name loadable
// memory here (linkers use all-ones "tombstones" for discarded code).

export class DwarfFormatError extends Error {
  override readonly name = 'DwarfFormatError';
}

export type DwarfFormat = 32 | 64;

export interface InitialLength {
  /** The unit length: the number of bytes that follow the initial length field. */
  readonly unitLength: number;
  readonly format: DwarfFormat;
}

const utf8 = new TextDecoder('utf-8');
const TWO_POW_32 = 4294967296;

export class ByteCursor {
  private readonly view: DataView;
  /** Absolute position in `bytes`. */
  position: number;

  /**
   * @param bytes the whole section (positions are section offsets)
   * @param start first readable byte
   * @param end one past the last readable byte
   */
  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    if (start < 0 || end > bytes.length || start > end) {
      throw new DwarfFormatError(`range 0x${start.toString(16)}-0x${end.toString(16)} lies outside ${bytes.length} bytes`);
    }
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.position = start;
  }

  get remaining(): number {
    return this.end - this.position;
  }

  atEnd(): boolean {
    return this.position >= this.end;
  }

  /** A cursor over [start, end) of the same bytes, with the same positions. */
  window(start: number, end: number): ByteCursor {
    if (start < 0 || end > this.end || start > end) {
      throw new DwarfFormatError(`range 0x${start.toString(16)}-0x${end.toString(16)} lies outside 0x${this.end.toString(16)}`);
    }
    return new ByteCursor(this.bytes, start, end);
  }

  private need(count: number): number {
    const at = this.position;
    if (count < 0 || at + count > this.end) {
      throw new DwarfFormatError(`read of ${count} bytes at offset 0x${at.toString(16)} runs past the end (0x${this.end.toString(16)})`);
    }
    this.position = at + count;
    return at;
  }

  seek(position: number): void {
    if (position < 0 || position > this.end) {
      throw new DwarfFormatError(`offset 0x${position.toString(16)} lies outside the data (end 0x${this.end.toString(16)})`);
    }
    this.position = position;
  }

  skip(count: number): void {
    this.need(count);
  }

  u8(): number {
    return this.view.getUint8(this.need(1));
  }

  i8(): number {
    return this.view.getInt8(this.need(1));
  }

  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }

  i16(): number {
    return this.view.getInt16(this.need(2), true);
  }

  /** Three bytes, as DW_FORM_strx3 / addrx3 use. */
  u24(): number {
    const at = this.need(3);
    return this.view.getUint16(at, true) | (this.view.getUint8(at + 2) << 16);
  }

  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }

  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }

  u64Big(): bigint {
    return this.view.getBigUint64(this.need(8), true);
  }

  i64Big(): bigint {
    return this.view.getBigInt64(this.need(8), true);
  }

  /** An unsigned 64-bit value as a number (lossy above 2^53, see the file comment). */
  u64(): number {
    const at = this.need(8);
    return this.view.getUint32(at + 4, true) * TWO_POW_32 + this.view.getUint32(at, true);
  }

  /** An unsigned integer of 1, 2, 4 or 8 bytes. */
  unsigned(size: number): number {
    switch (size) {
      case 1: return this.u8();
      case 2: return this.u16();
      case 4: return this.u32();
      case 8: return this.u64();
      default: throw new DwarfFormatError(`unsupported integer size ${size}`);
    }
  }

  /** A target address (DWARF address_size of 4 or 8). */
  address(addressSize: number): number {
    if (addressSize !== 4 && addressSize !== 8) {
      throw new DwarfFormatError(`unsupported address size ${addressSize}`);
    }
    return this.unsigned(addressSize);
  }

  /** A section offset: 4 bytes in DWARF 32, 8 bytes in DWARF 64. */
  offset(format: DwarfFormat): number {
    return format === 64 ? this.u64() : this.u32();
  }

  uleb128Big(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) return result;
      if (shift > 70n) throw new DwarfFormatError(`LEB128 value at offset 0x${this.position.toString(16)} is too long`);
    }
  }

  sleb128Big(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) {
        if (byte & 0x40) result -= 1n << shift;
        return result;
      }
      if (shift > 70n) throw new DwarfFormatError(`LEB128 value at offset 0x${this.position.toString(16)} is too long`);
    }
  }

  /** Unsigned LEB128 as a number; the fast path covers values below 2^28. */
  uleb128(): number {
    let result = 0;
    let multiplier = 1;
    for (let count = 0; count < 10; count++) {
      const byte = this.u8();
      result += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) return result;
      multiplier *= 128;
    }
    throw new DwarfFormatError(`LEB128 value at offset 0x${this.position.toString(16)} is too long`);
  }

  /** Signed LEB128 as a number (exact within ±2^53). */
  sleb128(): number {
    let result = 0;
    let multiplier = 1;
    for (let count = 0; count < 10; count++) {
      const byte = this.u8();
      result += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if ((byte & 0x80) === 0) {
        if (byte & 0x40) result -= multiplier;
        return result;
      }
    }
    throw new DwarfFormatError(`LEB128 value at offset 0x${this.position.toString(16)} is too long`);
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const start = this.position;
    const nul = this.bytes.indexOf(0, start);
    if (nul < 0 || nul >= this.end) {
      throw new DwarfFormatError(`string at offset 0x${start.toString(16)} has no terminating NUL`);
    }
    this.position = nul + 1;
    return utf8.decode(this.bytes.subarray(start, nul));
  }

  /** `count` bytes, shared with the underlying buffer. */
  bytesOf(count: number): Uint8Array {
    const at = this.need(count);
    return this.bytes.subarray(at, at + count);
  }

  /**
   * The initial length of a unit: 0xffffffff announces DWARF 64 and an 8-byte length;
   * 0xfffffff0-0xfffffffe are reserved.
   */
  initialLength(): InitialLength {
    const first = this.u32();
    if (first === 0xffffffff) return { unitLength: this.u64(), format: 64 };
    if (first >= 0xfffffff0) {
      throw new DwarfFormatError(`reserved initial length 0x${first.toString(16)} at offset 0x${(this.position - 4).toString(16)}`);
    }
    return { unitLength: first, format: 32 };
  }

  /**
   * Reads an initial length and returns a cursor over the unit's contents, leaving this
   * cursor after the unit. Throws if the unit claims more bytes than there are.
   */
  unit(): { contents: ByteCursor; format: DwarfFormat; unitStart: number; unitEnd: number } {
    const unitStart = this.position;
    const { unitLength, format } = this.initialLength();
    const contentStart = this.position;
    const unitEnd = contentStart + unitLength;
    if (unitEnd > this.end) {
      throw new DwarfFormatError(
        `unit at offset 0x${unitStart.toString(16)} claims 0x${unitLength.toString(16)} bytes but only 0x${(this.end - contentStart).toString(16)} remain`,
      );
    }
    this.position = unitEnd;
    return { contents: new ByteCursor(this.bytes, contentStart, unitEnd), format, unitStart, unitEnd };
  }
}

/** Reads a NUL-terminated string at `offset` of a string section (.debug_str, .debug_line_str, .strtab). */
export function stringAt(section: Uint8Array | undefined, offset: number, sectionName: string): string {
  if (!section) throw new DwarfFormatError(`string offset 0x${offset.toString(16)} refers to ${sectionName}, which is missing`);
  if (offset < 0 || offset >= section.length) {
    throw new DwarfFormatError(`string offset 0x${offset.toString(16)} lies outside ${sectionName} (0x${section.length.toString(16)} bytes)`);
  }
  const nul = section.indexOf(0, offset);
  if (nul < 0) throw new DwarfFormatError(`string at offset 0x${offset.toString(16)} of ${sectionName} has no terminating NUL`);
  return utf8.decode(section.subarray(offset, nul));
}

/**
 * The unsigned little-endian number of `size` (1 to 8) bytes at `at`, read without a
 * cursor (callers check the bounds); eight bytes as two halves, rounded once like u64.
 */
export function readUnsigned(bytes: Uint8Array, at: number, size: number): number {
  if (size > 4) return readUnsigned(bytes, at + 4, size - 4) * TWO_POW_32 + readUnsigned(bytes, at, 4);
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 256 + bytes[at + i];
  return value;
}

/** Hex with a 0x prefix, for messages. */
export function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}
