// Data processing (1 and 2 source): bit and byte reversal, leading zero/sign counts,
// variable shifts, CRC32/CRC32C.

import * as assert from 'assert';
import { MASK_32, MASK_64, SweepRunner, execute, isUndefined } from './integerHarness';

const u64 = (v: bigint) => BigInt.asUintN(64, v);

function reverseBits(value: bigint, width: number): bigint {
  let result = 0n;
  for (let i = 0; i < width; i++) if ((value >> BigInt(i)) & 1n) result |= 1n << BigInt(width - 1 - i);
  return result;
}

function reverseBytes(value: bigint, bytes: number): bigint {
  let result = 0n;
  for (let i = 0; i < bytes; i++) result |= ((value >> BigInt(8 * i)) & 0xffn) << BigInt(8 * (bytes - 1 - i));
  return result;
}

function countLeadingZeros(value: bigint, width: number): bigint {
  let count = 0n;
  for (let i = width - 1; i >= 0 && ((value >> BigInt(i)) & 1n) === 0n; i--) count++;
  return count;
}

function countLeadingSignBits(value: bigint, width: number): bigint {
  const sign = (value >> BigInt(width - 1)) & 1n;
  let count = 0n;
  for (let i = width - 2; i >= 0 && ((value >> BigInt(i)) & 1n) === sign; i--) count++;
  return count;
}

describe('data processing (1 and 2 source)', () => {
  const values = [0n, 1n, 0x80n, 0x7fff_ffffn, 0x8000_0000n, MASK_32, 0x1_0000_0000n, 0x0123_4567_89ab_cdefn, 0x8000_0000_0000_0000n, 0xc000_0000_0000_0001n, 0x3fffn, MASK_64];

  it('RBIT, REV16, REV32, REV, CLZ, CLS match bit-by-bit references', () => {
    const runner = new SweepRunner();
    for (const v of values) {
      const w = v & MASK_32;
      const regs = { 1: v };
      assert.strictEqual(runner.run(0x5ac00020 /* rbit w0, w1 */, regs).X[0], reverseBits(w, 32));
      assert.strictEqual(runner.run(0xdac00020 /* rbit x0, x1 */, regs).X[0], reverseBits(v, 64));
      const rev16 = (x: bigint, halves: number) => {
        let r = 0n;
        for (let i = 0; i < halves; i++) r |= reverseBytes((x >> BigInt(16 * i)) & 0xffffn, 2) << BigInt(16 * i);
        return r;
      };
      assert.strictEqual(runner.run(0x5ac00420 /* rev16 w0, w1 */, regs).X[0], rev16(w, 2));
      assert.strictEqual(runner.run(0xdac00420 /* rev16 x0, x1 */, regs).X[0], rev16(v, 4));
      assert.strictEqual(runner.run(0xdac00820 /* rev32 x0, x1 */, regs).X[0], (reverseBytes(v >> 32n, 4) << 32n) | reverseBytes(v & MASK_32, 4));
      assert.strictEqual(runner.run(0x5ac00820 /* rev w0, w1 */, regs).X[0], reverseBytes(w, 4));
      assert.strictEqual(runner.run(0xdac00c20 /* rev x0, x1 */, regs).X[0], reverseBytes(v, 8));
      assert.strictEqual(runner.run(0x5ac01020 /* clz w0, w1 */, regs).X[0], countLeadingZeros(w, 32), `clz w ${v}`);
      assert.strictEqual(runner.run(0xdac01020 /* clz x0, x1 */, regs).X[0], countLeadingZeros(v, 64), `clz x ${v}`);
      assert.strictEqual(runner.run(0x5ac01420 /* cls w0, w1 */, regs).X[0], countLeadingSignBits(w, 32), `cls w ${v}`);
      assert.strictEqual(runner.run(0xdac01420 /* cls x0, x1 */, regs).X[0], countLeadingSignBits(v, 64), `cls x ${v}`);
    }
  });

  it('is UNDEFINED for REV with opcode 000011 in a 32-bit form', () => {
    assert.ok(isUndefined(0x5ac00c20));
  });

  it('shifts by a register modulo the data size', () => {
    const runner = new SweepRunner();
    const x1 = 0x8123_4567_89ab_cdefn;
    for (const amount of [0n, 1n, 4n, 31n, 32n, 33n, 63n, 64n, 65n, 0xffff_ff21n]) {
      const a32 = Number(amount & 31n);
      const a64 = amount & 63n;
      const w = x1 & MASK_32;
      const regs = { 1: x1, 2: amount };
      const rotate32 = ((w >> BigInt(a32)) | (w << BigInt(32 - a32))) & MASK_32;
      assert.strictEqual(runner.run(0x1ac22020 /* lsl w0, w1, w2 */, regs).X[0], (w << BigInt(a32)) & MASK_32);
      assert.strictEqual(runner.run(0x1ac22420 /* lsr w0, w1, w2 */, regs).X[0], w >> BigInt(a32));
      assert.strictEqual(runner.run(0x1ac22820 /* asr w0, w1, w2 */, regs).X[0], BigInt.asUintN(32, BigInt.asIntN(32, w) >> BigInt(a32)));
      assert.strictEqual(runner.run(0x1ac22c20 /* ror w0, w1, w2 */, regs).X[0], rotate32);
      assert.strictEqual(runner.run(0x9ac22020 /* lsl x0, x1, x2 */, regs).X[0], u64(x1 << a64), `lsl ${amount}`);
      assert.strictEqual(runner.run(0x9ac22420 /* lsr x0, x1, x2 */, regs).X[0], x1 >> a64, `lsr ${amount}`);
      assert.strictEqual(runner.run(0x9ac22820 /* asr x0, x1, x2 */, regs).X[0], u64(BigInt.asIntN(64, x1) >> a64), `asr ${amount}`);
      assert.strictEqual(runner.run(0x9ac22c20 /* ror x0, x1, x2 */, regs).X[0], u64((x1 >> a64) | (x1 << (64n - a64))), `ror ${amount}`);
    }
  });

  describe('CRC32', () => {
    const message = [...'123456789'].map((c) => BigInt(c.charCodeAt(0)));
    const bytesToWord = (bytes: bigint[]) => bytes.reduce((acc, b, i) => acc | (b << BigInt(8 * i)), 0n);

    function crcOf(byteWord: number, wordWord: number, doubleWord: number): bigint {
      // The 8 bytes "12345678" as one doubleword, then "9" as a byte; initial value ~0, final inversion.
      const runner = new SweepRunner();
      let crc = runner.run(doubleWord, { 0: 0xffff_ffffn, 1: bytesToWord(message.slice(0, 8)) }).X[0];
      crc = runner.run(byteWord, { 0: crc, 1: message[8] }).X[0];
      const viaDoubleword = crc ^ MASK_32;
      // The same message through the byte and word forms must agree.
      crc = 0xffff_ffffn;
      crc = runner.run(wordWord, { 0: crc, 1: bytesToWord(message.slice(0, 4)) }).X[0];
      for (const byte of message.slice(4)) crc = runner.run(byteWord, { 0: crc, 1: byte | 0xffff_ff00n }).X[0];
      assert.strictEqual(crc ^ MASK_32, viaDoubleword);
      return viaDoubleword;
    }

    it('CRC32B/W/X give the CRC-32 check value 0xCBF43926', () => {
      assert.strictEqual(crcOf(0x1ac14000, 0x1ac14800, 0x9ac14c00), 0xcbf4_3926n);
    });
    it('CRC32CB/CW/CX give the CRC-32C check value 0xE3069283', () => {
      assert.strictEqual(crcOf(0x1ac15000, 0x1ac15800, 0x9ac15c00), 0xe306_9283n);
    });
    it('CRC32H agrees with two CRC32B steps', () => {
      const viaHalfword = execute(0x1ac14400 /* crc32h w0, w0, w1 */, { 0: 0x1234_5678n, 1: 0xabcdn }).X[0];
      const first = execute(0x1ac14000, { 0: 0x1234_5678n, 1: 0xcdn }).X[0];
      const second = execute(0x1ac14000, { 0: first, 1: 0xabn }).X[0];
      assert.strictEqual(viaHalfword, second);
      const viaHalfwordC = execute(0x1ac15400 /* crc32ch w0, w0, w1 */, { 0: 0x1234_5678n, 1: 0xabcdn }).X[0];
      const firstC = execute(0x1ac15000, { 0: 0x1234_5678n, 1: 0xcdn }).X[0];
      assert.strictEqual(viaHalfwordC, execute(0x1ac15000, { 0: firstC, 1: 0xabn }).X[0]);
    });
    it('is UNDEFINED with a size that does not match sf', () => {
      assert.ok(isUndefined(0x9ac14000), 'crc32b with sf = 1');
      assert.ok(isUndefined(0x1ac14c00), 'crc32x with sf = 0');
    });
  });
});
