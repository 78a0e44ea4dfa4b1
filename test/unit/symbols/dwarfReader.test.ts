import * as assert from 'assert';
import { ByteCursor, DwarfFormatError, stringAt } from '../../../src/symbols/dwarfReader';
import { ByteWriter } from './byteWriter';

const cursorOf = (...bytes: number[]) => new ByteCursor(Uint8Array.from(bytes));

describe('symbols/dwarfReader', () => {
  it('decodes the unsigned LEB128 examples of DWARF 5 table 7.2', () => {
    assert.strictEqual(cursorOf(0x02).uleb128(), 2);
    assert.strictEqual(cursorOf(0x7f).uleb128(), 127);
    assert.strictEqual(cursorOf(0x80, 0x01).uleb128(), 128);
    assert.strictEqual(cursorOf(0x81, 0x01).uleb128(), 129);
    assert.strictEqual(cursorOf(0x82, 0x01).uleb128(), 130);
    assert.strictEqual(cursorOf(0xb9, 0x64).uleb128(), 12857);
    assert.strictEqual(cursorOf(0xff, 0xff, 0xff, 0xff, 0x0f).uleb128(), 0xffffffff);
  });

  it('decodes the signed LEB128 examples of DWARF 5 table 7.3', () => {
    assert.strictEqual(cursorOf(0x02).sleb128(), 2);
    assert.strictEqual(cursorOf(0x7e).sleb128(), -2);
    assert.strictEqual(cursorOf(0xff, 0x00).sleb128(), 127);
    assert.strictEqual(cursorOf(0x81, 0x7f).sleb128(), -127);
    assert.strictEqual(cursorOf(0x80, 0x01).sleb128(), 128);
    assert.strictEqual(cursorOf(0x80, 0x7f).sleb128(), -128);
    assert.strictEqual(cursorOf(0x81, 0x01).sleb128(), 129);
    assert.strictEqual(cursorOf(0xff, 0x7e).sleb128(), -129);
  });

  it('keeps 64-bit LEB128 values exact as BigInt', () => {
    const bytes = new ByteWriter().uleb(0xffffffffffffffffn).sleb(-0x8000000000000000n).toBytes();
    const cursor = new ByteCursor(bytes);
    assert.strictEqual(cursor.uleb128Big(), 0xffffffffffffffffn);
    assert.strictEqual(cursor.sleb128Big(), -0x8000000000000000n);
    assert.ok(cursor.atEnd());
  });

  it('reads fixed-size little-endian integers', () => {
    const cursor = cursorOf(0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    assert.strictEqual(cursor.u16(), 0x1234);
    assert.strictEqual(cursor.u32(), 0x12345678);
    assert.strictEqual(cursor.u24(), 0x030201);
    assert.strictEqual(cursor.i64Big(), -1n);
  });

  it('tells DWARF 32 from DWARF 64 by the initial length', () => {
    const dwarf32 = new ByteCursor(new ByteWriter().u32(4).u32(0xdeadbeef).toBytes());
    const unit32 = dwarf32.unit();
    assert.strictEqual(unit32.format, 32);
    assert.strictEqual(unit32.contents.u32(), 0xdeadbeef);
    const dwarf64 = new ByteCursor(new ByteWriter().u32(0xffffffff).u64(8).u64(0x1122334455667788n).toBytes());
    const unit64 = dwarf64.unit();
    assert.strictEqual(unit64.format, 64);
    assert.strictEqual(unit64.contents.u64Big(), 0x1122334455667788n);
    assert.ok(unit64.contents.atEnd());
    assert.strictEqual(unit64.unitEnd, 20);
  });

  it('refuses reserved initial lengths and units longer than the data', () => {
    assert.throws(() => new ByteCursor(new ByteWriter().u32(0xfffffff3).toBytes()).unit(), DwarfFormatError);
    assert.throws(() => new ByteCursor(new ByteWriter().u32(100).u32(0).toBytes()).unit(), /claims 0x64 bytes/);
  });

  it('throws DwarfFormatError instead of reading past the end', () => {
    assert.throws(() => cursorOf(0x01).u16(), DwarfFormatError);
    assert.throws(() => cursorOf(0x80, 0x80).uleb128(), DwarfFormatError);
    assert.throws(() => cursorOf(0x61, 0x62).cstring(), /no terminating NUL/);
    assert.throws(() => new ByteCursor(Uint8Array.of(1, 2, 3), 1, 2).u16(), DwarfFormatError);
  });

  it('reads strings out of string sections by offset', () => {
    const section = new ByteWriter().cstring('main').cstring('hello.c').toBytes();
    assert.strictEqual(stringAt(section, 5, '.debug_str'), 'hello.c');
    assert.throws(() => stringAt(section, 99, '.debug_str'), /outside \.debug_str/);
    assert.throws(() => stringAt(undefined, 0, '.debug_line_str'), /missing/);
  });
});
