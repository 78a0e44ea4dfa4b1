// Logical (immediate) with DecodeBitMasks, and logical (shifted register) including ROR
// and the inverting forms.

import * as assert from 'assert';
import { decodeBitMasks, decodeLogicalImmediate } from '../../../src/arch/encodings/integer/bitMasks';
import { MASK_64, SweepRunner, execute, flagText, flags, isUndefined } from './integerHarness';

describe('logical', () => {
  describe('DecodeBitMasks', () => {
    it('decodes element sizes, runs and rotations', () => {
      assert.strictEqual(decodeLogicalImmediate(1, 0b000000, 0, 64), 1n);
      assert.strictEqual(decodeLogicalImmediate(1, 0b000111, 0, 64), 0xffn);
      assert.strictEqual(decodeLogicalImmediate(1, 0b000000, 1, 64), 0x8000_0000_0000_0000n);
      assert.strictEqual(decodeLogicalImmediate(0, 0b111100, 0, 64), 0x5555_5555_5555_5555n);
      assert.strictEqual(decodeLogicalImmediate(0, 0b111100, 1, 64), 0xaaaa_aaaa_aaaa_aaaan);
      assert.strictEqual(decodeLogicalImmediate(0, 0b110000, 0, 64), 0x0101_0101_0101_0101n);
      assert.strictEqual(decodeLogicalImmediate(0, 0b001111, 16, 32), 0xffff_0000n);
      assert.strictEqual(decodeLogicalImmediate(0, 0b110011, 4, 32), 0xf0f0_f0f0n);
      assert.strictEqual(decodeLogicalImmediate(0, 0b011110, 31, 32), 0xffff_fffen);   // ROR(0x7fffffff, 31)
    });
    it('rejects the reserved all-ones element and the empty size', () => {
      assert.strictEqual(decodeLogicalImmediate(1, 0b111111, 0, 64), undefined);
      assert.strictEqual(decodeLogicalImmediate(0, 0b011111, 0, 32), undefined);
      assert.strictEqual(decodeLogicalImmediate(0, 0b111101, 0, 64), undefined);
      assert.strictEqual(decodeLogicalImmediate(0, 0b111110, 0, 64), undefined);
      assert.strictEqual(decodeLogicalImmediate(0, 0b111111, 0, 64), undefined);
    });
    it('gives the bitfield tmask (not reserved for bitfields)', () => {
      const masks = decodeBitMasks(1, 63, 0, false, 64);
      assert.deepStrictEqual(masks, { wmask: MASK_64, tmask: MASK_64 });
      // UBFM x, x, #60, #3 (ubfiz #4, #4): wmask = ROR(0xf, 60) = 0xf0, tmask = ones(3 - 60 + 64 + 1 = 8).
      assert.deepStrictEqual(decodeBitMasks(1, 3, 60, false, 64), { wmask: 0xf0n, tmask: 0xffn });
    });
  });

  describe('immediate', () => {
    const x1 = 0x1234_5678_9abc_def0n;
    it('executes AND, ORR, EOR, ANDS', () => {
      assert.strictEqual(execute(0x92401c20 /* and x0, x1, #0xff */, { 1: x1 }).X[0], 0xf0n);
      assert.strictEqual(execute(0x3204cc20 /* orr w0, w1, #0xf0f0f0f0 */, { 1: x1 }).X[0], 0xfafc_fef0n);
      assert.strictEqual(execute(0xd200f020 /* eor x0, x1, #0x5555555555555555 */, { 1: x1 }).X[0], x1 ^ 0x5555_5555_5555_5555n);
      const ands32 = execute(0x72010020 /* ands w0, w1, #0x80000000 */, { 1: 0x8000_0000n });
      assert.strictEqual(ands32.X[0], 0x8000_0000n);
      assert.strictEqual(flagText(flags(ands32)), 'Nzcv');
      const ands64 = execute(0xf2410020 /* ands x0, x1, #0x8000000000000000 */, { 1: 0x7fff_ffff_ffff_ffffn }, 0b0011);
      assert.strictEqual(ands64.X[0], 0n);
      assert.strictEqual(flagText(flags(ands64)), 'nZcv', 'C and V are cleared');
      assert.strictEqual(flagText(flags(execute(0xf240003f /* tst x1, #0x1 */, { 1: 3n }))), 'nzcv');
    });
    it('writes SP for AND with Rd = 31 and reads XZR for MOV (bitmask)', () => {
      assert.strictEqual(execute(0x927cec3f /* and sp, x1, #0xfffffffffffffff0 */, { 1: 0x4000_1237n }).X[31], 0x4000_1230n);
      assert.strictEqual(execute(0xb2089fe0 /* mov x0, #0xff00ff00ff00ff00 */, { 0: 5n }).X[0], 0xff00_ff00_ff00_ff00n);
    });
    it('is UNDEFINED for N = 1 in a 32-bit form and for reserved immediates', () => {
      assert.ok(isUndefined(0x12400020), 'and w0, w1 with N = 1');
      assert.ok(isUndefined(0x9240fc20), 'and x0, x1 with an all-ones element');
    });
  });

  describe('shifted register', () => {
    const x1 = 0xf0f0_ff00_1234_5678n;
    const x2 = 0x8000_0000_0000_00ffn;
    const ror64 = (v: bigint, n: bigint) => BigInt.asUintN(64, (v >> n) | (v << (64n - n)));
    const not64 = (v: bigint) => BigInt.asUintN(64, ~v);
    it('matches a reference for every operation, shift type and amount (32 and 64-bit)', () => {
      const runner = new SweepRunner();
      const shiftReference = (value: bigint, type: number, amount: number, datasize: number): bigint => {
        const mask = (1n << BigInt(datasize)) - 1n;
        const v = value & mask;
        const a = BigInt(amount);
        switch (type) {
          case 0: return (v << a) & mask;
          case 1: return v >> a;
          case 2: return BigInt.asUintN(datasize, BigInt.asIntN(datasize, v) >> a);
          default: return ((v >> a) | (v << (BigInt(datasize) - a))) & mask;
        }
      };
      for (const datasize of [32, 64]) for (let opc = 0; opc < 4; opc++) for (const invert of [0, 1]) for (let type = 0; type < 4; type++) {
        for (let amount = 0; amount < datasize; amount++) {
          // <op> <R>0, <R>1, <R>2, <shift> #<amount>
          const word = ((datasize === 64 ? 1 << 31 : 0) | opc << 29 | 0x0a020020 | type << 22 | invert << 21 | amount << 10) >>> 0;
          const mask = (1n << BigInt(datasize)) - 1n;
          let operand2 = shiftReference(x2, type, amount, datasize);
          if (invert) operand2 ^= mask;
          const a = x1 & mask;
          const result = [a & operand2, a | operand2, a ^ operand2, a & operand2][opc];
          const cpu = runner.run(word, { 1: x1, 2: x2 }, 0b0011);
          const message = `${word.toString(16)}`;
          assert.strictEqual(cpu.X[0], result, message);
          const expectedFlags = opc === 3 ? (Number(result >> BigInt(datasize - 1)) << 3) | (result === 0n ? 0b0100 : 0) : 0b0011;
          assert.strictEqual(flagText(flags(cpu)), flagText(expectedFlags), message);
        }
      }
    });

    it('computes every operation with every shift (64-bit)', () => {
      assert.strictEqual(execute(0x8ac22020 /* and x0, x1, x2, ror #8 */, { 1: x1, 2: x2 }).X[0], x1 & ror64(x2, 8n));
      assert.strictEqual(execute(0x8a220020 /* bic x0, x1, x2 */, { 1: x1, 2: x2 }).X[0], x1 & not64(x2));
      assert.strictEqual(execute(0xaa42f020 /* orr x0, x1, x2, lsr #60 */, { 1: x1, 2: x2 }).X[0], x1 | (x2 >> 60n));
      assert.strictEqual(execute(0xaaa2fc20 /* orn x0, x1, x2, asr #63 */, { 1: x1, 2: x2 }).X[0], x1);
      assert.strictEqual(execute(0xca220420 /* eon x0, x1, x2, lsl #1 */, { 1: x1, 2: x2 }).X[0], x1 ^ not64(BigInt.asUintN(64, x2 << 1n)));
    });
    it('computes 32-bit forms and clears bits 63:32', () => {
      assert.strictEqual(execute(0x0ac21020 /* and w0, w1, w2, ror #4 */, { 1: x1, 2: x2 }).X[0], 0x1234_5678n & 0xf000_000fn);
      assert.strictEqual(execute(0x0a221020 /* bic w0, w1, w2, lsl #4 */, { 1: x1, 2: x2 }).X[0], 0x1234_5678n & ~0xff0n);
      assert.strictEqual(execute(0x2a220020 /* orn w0, w1, w2 */, { 1: 0n, 2: x2 }).X[0], 0xffff_ff00n);
      assert.strictEqual(execute(0x4ac27c20 /* eor w0, w1, w2, ror #31 */, { 1: 0n, 2: 1n }).X[0], 2n);
    });
    it('sets N and Z and clears C and V for ANDS, BICS and TST', () => {
      const ands = execute(0xea020020 /* ands x0, x1, x2 */, { 1: x1, 2: x2 }, 0b0011);
      assert.strictEqual(ands.X[0], 0x8000_0000_0000_0078n);
      assert.strictEqual(flagText(flags(ands)), 'Nzcv');
      const bics = execute(0x6a220020 /* bics w0, w1, w2 */, { 1: 0xffn, 2: 0xffn }, 0b1011);
      assert.strictEqual(bics.X[0], 0n);
      assert.strictEqual(flagText(flags(bics)), 'nZcv');
      assert.strictEqual(flagText(flags(execute(0xea42fc3f /* tst x1, x2, lsr #63 */, { 1: 1n, 2: x2 }))), 'nzcv');
    });
    it('moves and inverts registers (MOV, MVN)', () => {
      assert.strictEqual(execute(0xaa0203e0 /* mov x0, x2 */, { 2: x2 }).X[0], x2);
      assert.strictEqual(execute(0x2a0203e0 /* mov w0, w2 */, { 0: MASK_64, 2: x2 }).X[0], 0xffn);
      assert.strictEqual(execute(0xaa2203e0 /* mvn x0, x2 */, { 2: x2 }).X[0], not64(x2));
    });
    it('is UNDEFINED for a 32-bit shift amount of 32 or more', () => {
      assert.ok(isUndefined(0x0a028020), 'and w0, w1, w2, lsl #32');
    });
  });
});
