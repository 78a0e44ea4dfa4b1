// FlagM: RMIF, SETF8, SETF16, CFINV, XAFLAG, AXFLAG.

import * as assert from 'assert';
import { execute, flagText, flags } from './integerHarness';

describe('flag manipulation', () => {
  it('RMIF rotates Xn and inserts the masked bits into NZCV', () => {
    // rmif x1, #3, #15: NZCV = bits 6:3 of x1.
    assert.strictEqual(flagText(flags(execute(0xba01842f, { 1: 0b1010_000n }, 0))), 'NzCv');
    assert.strictEqual(flagText(flags(execute(0xba01842f, { 1: 0b0101_000n }, 0))), 'nZcV');
    // Only the flags in the mask change: mask 0b0100 (Z) with the rotation wrapping bit 0 to the top.
    const rmifZ = (0xba01842f & ~0xf | 0b0100) >>> 0;
    assert.strictEqual(flagText(flags(execute(rmifZ, { 1: 0b100_000n }, 0b1011))), 'NZCV');
    assert.strictEqual(flagText(flags(execute(rmifZ, { 1: 0n }, 0b1111))), 'NzCV');
    // ROR by 63 moves bit b to bit b + 1 (mod 64), so bit 63 lands in bit 0 (V).
    const rmifRor63 = (0xba000000 | 63 << 15 | 0b00001 << 10 | 1 << 5 | 0b0001) >>> 0;   // rmif x1, #63, #1
    assert.strictEqual(flagText(flags(execute(rmifRor63, { 1: 0x8000_0000_0000_0000n }, 0))), 'nzcV');
  });

  it('SETF8 and SETF16 set N, Z, V from the low byte/halfword and keep C', () => {
    assert.strictEqual(flagText(flags(execute(0x3a00082d /* setf8 w1 */, { 1: 0x80n }, 0b0010))), 'NzCV');
    assert.strictEqual(flagText(flags(execute(0x3a00082d /* setf8 w1 */, { 1: 0x100n }, 0))), 'nZcV');
    assert.strictEqual(flagText(flags(execute(0x3a00082d /* setf8 w1 */, { 1: 0x7fn }, 0b1111))), 'nzCv');
    assert.strictEqual(flagText(flags(execute(0x3a00082d /* setf8 w1 */, { 1: 0x17fn }, 0b1111))), 'nzCV');
    assert.strictEqual(flagText(flags(execute(0x3a00482d /* setf16 w1 */, { 1: 0x18000n }, 0))), 'Nzcv');
    assert.strictEqual(flagText(flags(execute(0x3a00482d /* setf16 w1 */, { 1: 0x8000n }, 0))), 'NzcV');
    assert.strictEqual(flagText(flags(execute(0x3a00482d /* setf16 w1 */, { 1: 0xffff_0000n }, 0))), 'nZcV');
  });

  it('CFINV inverts C only', () => {
    assert.strictEqual(flagText(flags(execute(0xd500401f, {}, 0b1010))), 'Nzcv');
    assert.strictEqual(flagText(flags(execute(0xd500401f, {}, 0b0101))), 'nZCV');
  });

  it('XAFLAG and AXFLAG convert between the floating-point flag formats', () => {
    // XAFLAG (Arm ARM): N = !C & !Z, Z = Z & C, C = C | Z, V = !C & Z; AXFLAG: Z = Z | V, C = C & !V, N = V = 0.
    for (let nzcv = 0; nzcv < 16; nzcv++) {
      const Z = (nzcv >> 2) & 1, C = (nzcv >> 1) & 1, V = nzcv & 1;
      const xa = ((1 - C) & (1 - Z)) << 3 | (Z & C) << 2 | (C | Z) << 1 | ((1 - C) & Z);
      const ax = (Z | V) << 2 | (C & (1 - V)) << 1;
      assert.strictEqual(flagText(flags(execute(0xd500403f, {}, nzcv))), flagText(xa), `xaflag from ${flagText(nzcv)}`);
      assert.strictEqual(flagText(flags(execute(0xd500405f, {}, nzcv))), flagText(ax), `axflag from ${flagText(nzcv)}`);
    }
  });
});
