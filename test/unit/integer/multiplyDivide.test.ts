// Multiply (MADD ... UMULH) and divide (UDIV, SDIV) including the corner cases.

import * as assert from 'assert';
import { EDGES_32, EDGES_64, MASK_32, MASK_64, SweepRunner, execute } from './integerHarness';

const UDIV_W = 0x1ac20820;
const SDIV_W = 0x1ac20c20;
const UDIV_X = 0x9ac20820;
const SDIV_X = 0x9ac20c20;

const s32 = (v: bigint) => BigInt.asIntN(32, v);
const s64 = (v: bigint) => BigInt.asIntN(64, v);
const u64 = (v: bigint) => BigInt.asUintN(64, v);

describe('multiply and divide', () => {
  describe('division', () => {
    it('gives 0 for division by zero', () => {
      for (const word of [UDIV_W, SDIV_W, UDIV_X, SDIV_X]) {
        assert.strictEqual(execute(word, { 0: 99n, 1: 12345n, 2: 0n }).X[0], 0n, word.toString(16));
      }
      // Only the low word of the divisor counts for the 32-bit forms.
      assert.strictEqual(execute(UDIV_W, { 1: 10n, 2: 0x1_0000_0000n }).X[0], 0n);
    });
    it('gives INT_MIN for INT_MIN / -1', () => {
      assert.strictEqual(execute(SDIV_W, { 1: 0x8000_0000n, 2: MASK_32 }).X[0], 0x8000_0000n);
      assert.strictEqual(execute(SDIV_X, { 1: 0x8000_0000_0000_0000n, 2: MASK_64 }).X[0], 0x8000_0000_0000_0000n);
    });
    it('rounds toward zero', () => {
      assert.strictEqual(execute(SDIV_W, { 1: u64(-7n) & MASK_32, 2: 2n }).X[0], BigInt.asUintN(32, -3n));
      assert.strictEqual(execute(SDIV_X, { 1: u64(-7n), 2: 2n }).X[0], u64(-3n));
      assert.strictEqual(execute(SDIV_X, { 1: 7n, 2: u64(-2n) }).X[0], u64(-3n));
    });
    it('matches exact integer division over the boundary values', () => {
      const runner = new SweepRunner();
      for (const a of EDGES_32) for (const b of EDGES_32) {
        const udiv = b === 0n ? 0n : a / b;
        const sdiv = s32(b) === 0n ? 0n : BigInt.asUintN(32, s32(a) / s32(b));
        assert.strictEqual(runner.run(UDIV_W, { 1: a, 2: b }).X[0], udiv, `udiv w ${a} ${b}`);
        assert.strictEqual(runner.run(SDIV_W, { 1: a, 2: b }).X[0], sdiv, `sdiv w ${a} ${b}`);
      }
      for (const a of EDGES_64) for (const b of EDGES_64) {
        const udiv = b === 0n ? 0n : a / b;
        const sdiv = s64(b) === 0n ? 0n : u64(s64(a) / s64(b));
        assert.strictEqual(runner.run(UDIV_X, { 1: a, 2: b }).X[0], udiv, `udiv x ${a} ${b}`);
        assert.strictEqual(runner.run(SDIV_X, { 1: a, 2: b }).X[0], sdiv, `sdiv x ${a} ${b}`);
      }
    });
  });

  describe('multiplication', () => {
    const values = [0n, 1n, 3n, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn, 0x1_0000_0001n, 0x8000_0000_0000_0000n, 0xdead_beef_cafe_baben, MASK_64];
    const accumulator = 0x0123_4567_89ab_cdefn;

    it('MADD/MSUB (32 and 64-bit) and the MUL/MNEG aliases', () => {
      const runner = new SweepRunner();
      for (const a of values) for (const b of values) {
        const regs = { 1: a, 2: b, 3: accumulator };
        const m32 = (a & MASK_32) * (b & MASK_32);
        assert.strictEqual(runner.run(0x1b020c20 /* madd w0, w1, w2, w3 */, regs).X[0], BigInt.asUintN(32, (accumulator & MASK_32) + m32));
        assert.strictEqual(runner.run(0x1b028c20 /* msub w0, w1, w2, w3 */, regs).X[0], BigInt.asUintN(32, (accumulator & MASK_32) - m32));
        assert.strictEqual(runner.run(0x9b020c20 /* madd x0, x1, x2, x3 */, regs).X[0], u64(accumulator + a * b));
        assert.strictEqual(runner.run(0x9b028c20 /* msub x0, x1, x2, x3 */, regs).X[0], u64(accumulator - a * b));
        assert.strictEqual(runner.run(0x9b027c20 /* mul x0, x1, x2 */, regs).X[0], u64(a * b));
        assert.strictEqual(runner.run(0x1b02fc20 /* mneg w0, w1, w2 */, regs).X[0], BigInt.asUintN(32, -m32));
      }
    });

    it('long multiplies sign- or zero-extend the 32-bit operands', () => {
      const runner = new SweepRunner();
      for (const a of values) for (const b of values) {
        const regs = { 1: a, 2: b, 3: accumulator };
        const signed = s32(a & MASK_32) * s32(b & MASK_32);
        const unsigned = (a & MASK_32) * (b & MASK_32);
        assert.strictEqual(runner.run(0x9b220c20 /* smaddl x0, w1, w2, x3 */, regs).X[0], u64(accumulator + signed));
        assert.strictEqual(runner.run(0x9b228c20 /* smsubl x0, w1, w2, x3 */, regs).X[0], u64(accumulator - signed));
        assert.strictEqual(runner.run(0x9ba20c20 /* umaddl x0, w1, w2, x3 */, regs).X[0], u64(accumulator + unsigned));
        assert.strictEqual(runner.run(0x9ba28c20 /* umsubl x0, w1, w2, x3 */, regs).X[0], u64(accumulator - unsigned));
        assert.strictEqual(runner.run(0x9b227c20 /* smull x0, w1, w2 */, regs).X[0], u64(signed));
        assert.strictEqual(runner.run(0x9ba27c20 /* umull x0, w1, w2 */, regs).X[0], unsigned);
      }
    });

    it('SMULH/UMULH give the high half of the 128-bit product, with negative operands', () => {
      const runner = new SweepRunner();
      for (const a of values) for (const b of values) {
        const regs = { 1: a, 2: b };
        assert.strictEqual(runner.run(0x9b427c20 /* smulh x0, x1, x2 */, regs).X[0], u64((s64(a) * s64(b)) >> 64n), `smulh ${a} ${b}`);
        assert.strictEqual(runner.run(0x9bc27c20 /* umulh x0, x1, x2 */, regs).X[0], (a * b) >> 64n, `umulh ${a} ${b}`);
      }
      // -1 * -1 = 1: high half 0 signed, 0xff..fe unsigned.
      assert.strictEqual(execute(0x9b427c20, { 1: MASK_64, 2: MASK_64 }).X[0], 0n);
      assert.strictEqual(execute(0x9bc27c20, { 1: MASK_64, 2: MASK_64 }).X[0], MASK_64 - 1n);
      // -1 * 1 = -1: high half all ones signed, 0 unsigned.
      assert.strictEqual(execute(0x9b427c20, { 1: MASK_64, 2: 1n }).X[0], MASK_64);
      assert.strictEqual(execute(0x9bc27c20, { 1: MASK_64, 2: 1n }).X[0], 0n);
    });
  });
});
