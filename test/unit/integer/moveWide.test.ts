// Move wide (MOVZ/MOVN/MOVK), EXTR/ROR and PC-relative addressing (ADR/ADRP).

import * as assert from 'assert';
import { CODE_BASE } from '../../support/cpuHarness';
import { MASK_64, execute, isUndefined } from './integerHarness';

describe('move wide, extract and PC-relative', () => {
  it('MOVZ and MOVN build shifted constants and clear the rest', () => {
    assert.strictEqual(execute(0xd2e24680 /* movz x0, #0x1234, lsl #48 */, { 0: MASK_64 }).X[0], 0x1234_0000_0000_0000n);
    assert.strictEqual(execute(0x52bfffe0 /* movz w0, #0xffff, lsl #16 */, { 0: MASK_64 }).X[0], 0xffff_0000n);
    assert.strictEqual(execute(0x92800000 /* movn x0, #0 */).X[0], MASK_64);
    assert.strictEqual(execute(0x12800000 /* movn w0, #0 */).X[0], 0xffff_ffffn);
    assert.strictEqual(execute(0x92a24680 /* movn x0, #0x1234, lsl #16 */).X[0], BigInt.asUintN(64, ~0x1234_0000n));
  });

  it('MOVK replaces one halfword and keeps the others', () => {
    const x0 = 0x1111_2222_3333_4444n;
    assert.strictEqual(execute(0xf2d7dde0 /* movk x0, #0xbeef, lsl #32 */, { 0: x0 }).X[0], 0x1111_beef_3333_4444n);
    assert.strictEqual(execute(0xf29fffe0 /* movk x0, #0xffff */, { 0: x0 }).X[0], 0x1111_2222_3333_ffffn);
    // The 32-bit form also zeroes bits 63:32.
    assert.strictEqual(execute(0x72b95fc0 /* movk w0, #0xcafe, lsl #16 */, { 0: x0 }).X[0], 0xcafe_4444n);
  });

  it('is UNDEFINED for a 32-bit halfword 2 or 3 and for opc = 01', () => {
    assert.ok(isUndefined(0x52c00000), 'movz w0, #0, lsl #32');
    assert.ok(isUndefined(0x92800000 | (1 << 29)), 'opc 01');
  });

  it('EXTR extracts from the register pair at every split', () => {
    const x1 = 0x0123_4567_89ab_cdefn;
    const x2 = 0xfedc_ba98_7654_3210n;
    const pair = (x1 << 64n) | x2;
    for (const [word, lsb] of [[0x93c21020, 4n], [0x93c28020, 32n], [0x93c2f020, 60n], [0x93c20020, 0n]] as const) {
      assert.strictEqual(execute(word, { 1: x1, 2: x2 }).X[0], BigInt.asUintN(64, pair >> lsb), `lsb ${lsb}`);
    }
    assert.strictEqual(execute(0x13827c20 /* extr w0, w1, w2, #31 */, { 1: 1n, 2: 0x8000_0000n }).X[0], 3n);
    assert.strictEqual(execute(0x93c10420 /* ror x0, x1, #1 */, { 1: 1n }).X[0], 0x8000_0000_0000_0000n);
  });

  it('ADR and ADRP compute addresses from the instruction address, forwards and backwards', () => {
    // The word runs at CODE_BASE (0x40000000); llvm-mc encodings of the PC-relative forms.
    assert.strictEqual(execute(0x10000040 /* adr x0, #8 */).X[0], BigInt(CODE_BASE + 8));
    assert.strictEqual(execute(0x10ffffe0 /* adr x0, #-4 */).X[0], BigInt(CODE_BASE - 4));
    assert.strictEqual(execute(0xb0000001 /* adrp x1, #0x1000 */).X[1], BigInt(CODE_BASE + 0x1000));
    assert.strictEqual(execute(0xf0ffffe1 /* adrp x1, #-0x1000 */).X[1], BigInt(CODE_BASE - 0x1000));
    // ADRP clears the low 12 bits of the PC: at CODE_BASE + 4 it gives the same page.
    assert.strictEqual(execute([0xd2800005 /* mov x5, #0 */, 0x90000001 /* adrp x1, #0 */]).X[1], BigInt(CODE_BASE));
  });
});
