import * as assert from 'assert';
import { DecodeTable, compilePattern } from '../../src/arch/decoder';

describe('decode table', () => {
  it('compiles patterns to mask and value', () => {
    const { mask, value } = compilePattern('1101_0100_001i_iiii_iiii_iiii_iii0_0000');
    assert.strictEqual(mask, 0xffe0001f);
    assert.strictEqual(value, 0xd4200000);
  });
  it('prefers the more specific line', () => {
    const mk = (name: string, pattern: string) => ({ name, pattern, decode: () => undefined, disasm: () => name });
    const t = new DecodeTable([mk('general', '1101_0100_xxxx_xxxx_xxxx_xxxx_xxxx_xxxx'), mk('brk', '1101_0100_001i_iiii_iiii_iiii_iii0_0000')]);
    assert.strictEqual(t.lookup(0xd4200000)?.name, 'brk');
    assert.strictEqual(t.lookup(0xd4000001)?.name, 'general');
  });
});
