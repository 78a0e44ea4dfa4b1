import * as assert from 'assert';
import { addressFromValueText, formatHexDump } from '../../src/extension/hexDump';

describe('extension: memory hex dump', () => {
  it('prints 16 bytes a row with address, hex in two groups of 8, and ASCII', () => {
    const bytes = new Uint8Array([...Buffer.from('Hello, AArch64!\n'), 0x00, 0xff]);
    const text = formatHexDump(0x40001000n, bytes);
    assert.strictEqual(
      text,
      '0x0000000040001000  48 65 6c 6c 6f 2c 20 41  41 72 63 68 36 34 21 0a |Hello, AArch64!.|\n' +
      '0x0000000040001010  00 ff                                            |..|\n',
    );
  });

  it('marks unreadable bytes past the data as ??', () => {
    const text = formatHexDump(0x8n, new Uint8Array([1, 2]), 4);
    assert.strictEqual(text, '0x0000000000000008  01 02 ?? ??                                      |..  |\n');
  });

  it('reads the address out of evaluate results as the debug console prints them', () => {
    assert.strictEqual(addressFromValueText('0x40001000 <main>'), 0x40001000n);
    assert.strictEqual(addressFromValueText('1024'), 1024n);
    assert.strictEqual(addressFromValueText('(uint64_t *) 0x40000010'), 0x40000010n);
    assert.strictEqual(addressFromValueText('0xffffffffffffffff'), 0xffffffffffffffffn);
    assert.strictEqual(addressFromValueText('0x10000000000000000'), undefined);
    assert.strictEqual(addressFromValueText('error: no symbol "nope"'), undefined);
  });
});
