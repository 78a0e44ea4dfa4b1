// Builds little-endian byte strings for hand-made DWARF and ELF test inputs.

export class ByteWriter {
  private readonly bytes: number[] = [];

  get length(): number {
    return this.bytes.length;
  }

  u8(...values: number[]): this {
    for (const value of values) this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value, value >> 8);
  }

  u32(value: number): this {
    return this.u8(value, value >>> 8, value >>> 16, value >>> 24);
  }

  u64(value: number | bigint): this {
    const big = BigInt.asUintN(64, BigInt(value));
    for (let i = 0n; i < 8n; i++) this.bytes.push(Number((big >> (8n * i)) & 0xffn));
    return this;
  }

  uleb(value: number | bigint): this {
    let big = BigInt(value);
    do {
      let byte = Number(big & 0x7fn);
      big >>= 7n;
      if (big !== 0n) byte |= 0x80;
      this.bytes.push(byte);
    } while (big !== 0n);
    return this;
  }

  sleb(value: number | bigint): this {
    let big = BigInt(value);
    for (;;) {
      const byte = Number(big & 0x7fn);
      big >>= 7n;
      const done = (big === 0n && (byte & 0x40) === 0) || (big === -1n && (byte & 0x40) !== 0);
      this.bytes.push(done ? byte : byte | 0x80);
      if (done) return this;
    }
  }

  cstring(text: string): this {
    for (const byte of new TextEncoder().encode(text)) this.bytes.push(byte);
    this.bytes.push(0);
    return this;
  }

  raw(data: ArrayLike<number>): this {
    for (let i = 0; i < data.length; i++) this.bytes.push(data[i] & 0xff);
    return this;
  }

  /** Overwrites a 32-bit value at `offset` (to patch lengths). */
  patchU32(offset: number, value: number): this {
    this.bytes[offset] = value & 0xff;
    this.bytes[offset + 1] = (value >>> 8) & 0xff;
    this.bytes[offset + 2] = (value >>> 16) & 0xff;
    this.bytes[offset + 3] = (value >>> 24) & 0xff;
    return this;
  }

  patchU64(offset: number, value: number): this {
    this.patchU32(offset, value % 2 ** 32);
    return this.patchU32(offset + 4, Math.floor(value / 2 ** 32));
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
