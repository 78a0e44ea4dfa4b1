// Add/subtract: immediate, shifted register, extended register and with carry - results,
// NZCV at the 32- and 64-bit boundaries, SP operands, every shift and extend.

import * as assert from 'assert';
import { EDGES_32, EDGES_64, MASK_32, MASK_64, SweepRunner, addWithCarryReference, execute, flagText, flags } from './integerHarness';

// Encodings from llvm-mc -triple=aarch64 -show-encoding.
const ADDS_W0_W1_W2 = 0x2b020020;
const SUBS_W0_W1_W2 = 0x6b020020;
const ADDS_X0_X1_X2 = 0xab020020;
const SUBS_X0_X1_X2 = 0xeb020020;
const ADD_W0_W1_W2 = 0x0b020020;
const SUB_W0_W1_W2 = 0x4b020020;
const ADD_X0_X1_X2 = 0x8b020020;
const SUB_X0_X1_X2 = 0xcb020020;
const ADC_W0_W1_W2 = 0x1a020020;
const ADCS_W0_W1_W2 = 0x3a020020;
const SBC_W0_W1_W2 = 0x5a020020;
const SBCS_W0_W1_W2 = 0x7a020020;
const ADC_X0_X1_X2 = 0x9a020020;
const ADCS_X0_X1_X2 = 0xba020020;
const SBC_X0_X1_X2 = 0xda020020;
const SBCS_X0_X1_X2 = 0xfa020020;

const NOT = (value: bigint, datasize: number) => BigInt.asUintN(datasize, ~value);

describe('add/subtract', () => {
  describe('NZCV at the boundaries (checked against the AddWithCarry pseudocode)', () => {
    const cases = [
      { name: 'adds w', word: ADDS_W0_W1_W2, datasize: 32, subtract: false, edges: EDGES_32 },
      { name: 'subs w', word: SUBS_W0_W1_W2, datasize: 32, subtract: true, edges: EDGES_32 },
      { name: 'adds x', word: ADDS_X0_X1_X2, datasize: 64, subtract: false, edges: EDGES_64 },
      { name: 'subs x', word: SUBS_X0_X1_X2, datasize: 64, subtract: true, edges: EDGES_64 },
    ];
    for (const { name, word, datasize, subtract, edges } of cases) {
      it(name, () => {
        for (const a of edges) for (const b of edges) {
          // High garbage in the 32-bit operands must be ignored.
          const highGarbage = datasize === 32 ? 0xdead_beef_0000_0000n : 0n;
          const cpu = execute(word, { 1: a | highGarbage, 2: b | highGarbage });
          const expected = addWithCarryReference(a, subtract ? NOT(b, datasize) : b, subtract ? 1 : 0, datasize);
          const message = `${name} 0x${a.toString(16)}, 0x${b.toString(16)}`;
          assert.strictEqual(cpu.X[0], expected.result, message);
          assert.strictEqual(flagText(flags(cpu)), flagText(expected.nzcv), message);
        }
      });
    }
  });

  it('knows the classic cases by heart (independent of the reference model)', () => {
    // 0 - 1: negative, borrow (C clear), no overflow.
    assert.strictEqual(flagText(flags(execute(SUBS_W0_W1_W2, { 1: 0n, 2: 1n }))), 'Nzcv');
    // 1 - 1: zero, no borrow (C set).
    assert.strictEqual(flagText(flags(execute(SUBS_X0_X1_X2, { 1: 1n, 2: 1n }))), 'nZCv');
    // INT32_MIN - 1 overflows to positive.
    assert.strictEqual(flagText(flags(execute(SUBS_W0_W1_W2, { 1: 0x8000_0000n, 2: 1n }))), 'nzCV');
    // INT32_MAX + 1 overflows to negative.
    assert.strictEqual(flagText(flags(execute(ADDS_W0_W1_W2, { 1: 0x7fff_ffffn, 2: 1n }))), 'NzcV');
    // 0xffffffff + 1 = 0 with carry.
    assert.strictEqual(flagText(flags(execute(ADDS_W0_W1_W2, { 1: 0xffff_ffffn, 2: 1n }))), 'nZCv');
    // 64-bit: INT64_MIN - 1 and UINT64_MAX + 1.
    assert.strictEqual(flagText(flags(execute(SUBS_X0_X1_X2, { 1: 0x8000_0000_0000_0000n, 2: 1n }))), 'nzCV');
    assert.strictEqual(flagText(flags(execute(ADDS_X0_X1_X2, { 1: MASK_64, 2: 1n }))), 'nZCv');
    // 0x80000000 as a 64-bit value is positive: no 32-bit flags leak into the 64-bit form.
    assert.strictEqual(flagText(flags(execute(ADDS_X0_X1_X2, { 1: 0x8000_0000n, 2: 0x8000_0000n }))), 'nzcv');
    // 0 - 0: zero and carry set.
    assert.strictEqual(flagText(flags(execute(SUBS_X0_X1_X2, { 1: 0n, 2: 0n }))), 'nZCv');
  });

  it('non-flag-setting forms wrap and leave NZCV alone, and 32-bit results clear bits 63:32', () => {
    const cpu32 = execute(ADD_W0_W1_W2, { 0: MASK_64, 1: 0xffff_ffffn, 2: 2n }, 0b1010);
    assert.strictEqual(cpu32.X[0], 1n);
    assert.strictEqual(flags(cpu32), 0b1010);
    assert.strictEqual(execute(SUB_W0_W1_W2, { 1: 0n, 2: 1n }).X[0], 0xffff_ffffn);
    assert.strictEqual(execute(ADD_X0_X1_X2, { 1: MASK_64, 2: 2n }).X[0], 1n);
    assert.strictEqual(execute(SUB_X0_X1_X2, { 1: 0n, 2: 1n }).X[0], MASK_64);
  });

  describe('immediate', () => {
    it('compares and sets flags, with the 12-bit shift', () => {
      assert.strictEqual(flagText(flags(execute(0x7100003f /* cmp w1, #0 */, { 1: 0n }))), 'nZCv');
      assert.strictEqual(flagText(flags(execute(0xf100043f /* cmp x1, #1 */, { 1: 0n }))), 'Nzcv');
      assert.strictEqual(flagText(flags(execute(0xb100043f /* cmn x1, #1 */, { 1: MASK_64 }))), 'nZCv');
      const cmpShifted = execute(0x7140043f /* cmp w1, #1, lsl #12 */, { 1: 0x1000n });
      assert.strictEqual(flagText(flags(cmpShifted)), 'nZCv');
      const adds = execute(0xb13ffc20 /* adds x0, x1, #4095 */, { 1: 0x7fff_ffff_ffff_f001n });
      assert.strictEqual(adds.X[0], 0x8000_0000_0000_0000n);
      assert.strictEqual(flagText(flags(adds)), 'NzcV');
      const subs = execute(0x717ffc20 /* subs w0, w1, #4095, lsl #12 */, { 1: 0xfff000n });
      assert.strictEqual(subs.X[0], 0n);
      assert.strictEqual(flagText(flags(subs)), 'nZCv');
    });

    it('uses SP for register 31 where the encoding says so', () => {
      const sp = 0x4008_0000n;
      assert.strictEqual(execute(0x910043ff /* add sp, sp, #16 */, { 31: sp }).X[31], sp + 16n);
      assert.strictEqual(execute(0xd14043ff /* sub sp, sp, #16, lsl #12 */, { 31: sp }).X[31], sp - 0x10000n);
      assert.strictEqual(execute(0x910003e0 /* mov x0, sp */, { 31: sp }).X[0], sp);
      assert.strictEqual(execute(0x9100003f /* mov sp, x1 */, { 1: 0x1234n }).X[31], 0x1234n);
      assert.strictEqual(execute(0x110013e0 /* add w0, wsp, #4 */, { 31: 0x1_ffff_fffen }).X[0], 2n);
      const adds = execute(0xb10023e0 /* adds x0, sp, #8 */, { 31: sp });
      assert.strictEqual(adds.X[0], sp + 8n);
      // CMP's destination is XZR: SP is untouched.
      assert.strictEqual(execute(0xf100043f /* cmp x1, #1 */, { 1: 5n, 31: sp }).X[31], sp);
    });
  });

  describe('shifted register', () => {
    const x1 = 0x8123_4567_89ab_cdefn;
    const x2 = 0xf000_0000_0000_0011n;
    /** ShiftReg() on unbounded integers: LSL, LSR, ASR. */
    const shiftReference = (value: bigint, type: number, amount: number, datasize: number): bigint => {
      const v = BigInt.asUintN(datasize, value);
      const a = BigInt(amount);
      if (type === 0) return BigInt.asUintN(datasize, v << a);
      if (type === 1) return v >> a;
      return BigInt.asUintN(datasize, BigInt.asIntN(datasize, v) >> a);
    };
    it('matches ShiftReg and AddWithCarry for every shift type and amount', () => {
      const runner = new SweepRunner();
      // add/adds/sub/subs <R>0, <R>1, <R>2, <shift> #<amount> with sf and op:S above.
      for (const datasize of [32, 64]) for (let opS = 0; opS < 4; opS++) for (let type = 0; type < 3; type++) for (let amount = 0; amount < datasize; amount++) {
        const word = ((datasize === 64 ? 1 << 31 : 0) | opS << 29 | 0x0b020020 | type << 22 | amount << 10) >>> 0;
        const subtract = opS >= 2;
        const operand2 = shiftReference(x2, type, amount, datasize);
        const expected = addWithCarryReference(x1, subtract ? NOT(operand2, datasize) : operand2, subtract ? 1 : 0, datasize);
        const cpu = runner.run(word, { 1: x1, 2: x2 }, 0b0101);
        const message = `${word.toString(16)} shift ${type} #${amount}`;
        assert.strictEqual(cpu.X[0], expected.result, message);
        assert.strictEqual(flagText(flags(cpu)), flagText((opS & 1) === 1 ? expected.nzcv : 0b0101), message);
      }
    });
    it('applies LSL, LSR and ASR to operand 2 (64-bit)', () => {
      assert.strictEqual(execute(0x8b020c20 /* add x0, x1, x2, lsl #3 */, { 1: x1, 2: x2 }).X[0], BigInt.asUintN(64, x1 + (x2 << 3n)));
      assert.strictEqual(execute(0x8b420c20 /* add x0, x1, x2, lsr #3 */, { 1: x1, 2: x2 }).X[0], BigInt.asUintN(64, x1 + (x2 >> 3n)));
      assert.strictEqual(execute(0x8b82fc20 /* add x0, x1, x2, asr #63 */, { 1: x1, 2: x2 }).X[0], x1 - 1n);
      assert.strictEqual(execute(0xcb02fc20 /* sub x0, x1, x2, lsl #63 */, { 1: x1, 2: x2 }).X[0], BigInt.asUintN(64, x1 - (1n << 63n)));
    });
    it('applies them to 32-bit operands', () => {
      assert.strictEqual(execute(0x0b827c20 /* add w0, w1, w2, asr #31 */, { 1: 10n, 2: 0x8000_0000n }).X[0], 9n);
      assert.strictEqual(execute(0x4b420420 /* sub w0, w1, w2, lsr #1 */, { 1: 0n, 2: 0xffff_ffffn }).X[0], 0x8000_0001n);
    });
    it('sets flags from the shifted operand', () => {
      const subs = execute(0xeb821020 /* subs x0, x1, x2, asr #4 */, { 1: 0n, 2: 0x8000_0000_0000_0000n });
      assert.strictEqual(subs.X[0], 0x0800_0000_0000_0000n);
      assert.strictEqual(flagText(flags(subs)), 'nzcv');
      const adds = execute(0x2b021020 /* adds w0, w1, w2, lsl #4 */, { 1: 0x10n, 2: 0x0fff_ffffn });
      assert.strictEqual(adds.X[0], 0n);
      assert.strictEqual(flagText(flags(adds)), 'nZCv');
      assert.strictEqual(flagText(flags(execute(0xeb02043f /* cmp x1, x2, lsl #1 */, { 1: 4n, 2: 2n }))), 'nZCv');
    });
    it('negates (NEG/NEGS read XZR as Rn)', () => {
      assert.strictEqual(execute(0xcb0203e0 /* neg x0, x2 */, { 2: 5n }).X[0], BigInt.asUintN(64, -5n));
      const negs = execute(0x6b0203e0 /* negs w0, w2 */, { 2: 0x8000_0000n });
      assert.strictEqual(negs.X[0], 0x8000_0000n);
      assert.strictEqual(flagText(flags(negs)), 'NzcV');
    });
  });

  describe('extended register', () => {
    // add x0, x1, w2|x2, <extend> #<amount> for every extend and amount: (option << 13) | (imm3 << 10).
    const ADD_X0_X1_EXT = 0x8b220020;
    const ADD_W0_W1_EXT = 0x0b220020;
    const SUBS_X0_X1_EXT = 0xeb220020;
    const operand = 0x8765_4321_fedc_ba98n;
    const base = 0x1000n;
    const extend64 = (option: number, value: bigint): bigint => {
      const size = [8, 16, 32, 64][option & 3];
      const field = BigInt.asUintN(size, value);
      return option >= 4 ? BigInt.asUintN(64, BigInt.asIntN(size, field)) : field;
    };
    it('extends and shifts every way (64-bit)', () => {
      for (let option = 0; option < 8; option++) for (let shift = 0; shift <= 4; shift++) {
        const word = ADD_X0_X1_EXT | (option << 13) | (shift << 10);
        const expected = BigInt.asUintN(64, base + (extend64(option, operand) << BigInt(shift)));
        assert.strictEqual(execute(word, { 1: base, 2: operand }).X[0], expected, `option ${option} shift ${shift}`);
      }
    });
    it('extends and shifts every way (32-bit)', () => {
      for (let option = 0; option < 8; option++) for (let shift = 0; shift <= 4; shift++) {
        const word = ADD_W0_W1_EXT | (option << 13) | (shift << 10);
        const expected = BigInt.asUintN(32, base + (extend64(option, operand) << BigInt(shift)));
        assert.strictEqual(execute(word, { 1: base, 2: operand }).X[0], expected, `option ${option} shift ${shift}`);
      }
    });
    it('sets flags from the extended operand', () => {
      for (let option = 0; option < 8; option++) {
        const word = SUBS_X0_X1_EXT | (option << 13) | (2 << 10);
        const operand2 = BigInt.asUintN(64, extend64(option, operand) << 2n);
        const expected = addWithCarryReference(base, NOT(operand2, 64), 1, 64);
        const cpu = execute(word, { 1: base, 2: operand });
        assert.strictEqual(cpu.X[0], expected.result, `option ${option}`);
        assert.strictEqual(flagText(flags(cpu)), flagText(expected.nzcv), `option ${option}`);
      }
    });
    it('uses SP as Rd and Rn', () => {
      const sp = 0x4008_0000n;
      assert.strictEqual(execute(0xcb2163ff /* sub sp, sp, x1 */, { 1: 0x100n, 31: sp }).X[31], sp - 0x100n);
      assert.strictEqual(execute(0x8b216be0 /* add x0, sp, x1, lsl #2 */, { 1: 3n, 31: sp }).X[0], sp + 12n);
      assert.strictEqual(execute(0x8b22c3ff /* add sp, sp, w2, sxtw */, { 2: 0xffff_fff0n, 31: sp }).X[31], sp - 16n);
      const cmp = execute(0xeb2263ff /* cmp sp, x2 */, { 2: sp, 31: sp });
      assert.strictEqual(flagText(flags(cmp)), 'nZCv');
      assert.strictEqual(cmp.X[31], sp);
    });
  });

  describe('with carry', () => {
    it('adds and subtracts the carry flag (ADC/SBC, 32 and 64-bit)', () => {
      assert.strictEqual(execute(ADC_W0_W1_W2, { 1: 0xffff_ffffn, 2: 0n }, 0b0010).X[0], 0n);
      assert.strictEqual(execute(ADC_W0_W1_W2, { 1: 5n, 2: 6n }, 0).X[0], 11n);
      assert.strictEqual(execute(ADC_X0_X1_X2, { 1: MASK_64, 2: 1n }, 0b0010).X[0], 1n);
      assert.strictEqual(execute(SBC_W0_W1_W2, { 1: 5n, 2: 6n }, 0b0010).X[0], MASK_32);
      assert.strictEqual(execute(SBC_W0_W1_W2, { 1: 5n, 2: 6n }, 0).X[0], 0xffff_fffen);
      assert.strictEqual(execute(SBC_X0_X1_X2, { 1: 0n, 2: 0n }, 0).X[0], MASK_64);
      assert.strictEqual(execute(SBC_X0_X1_X2, { 1: 10n, 2: 3n }, 0b0010).X[0], 7n);
      assert.strictEqual(flags(execute(ADC_X0_X1_X2, { 1: MASK_64, 2: 1n }, 0b0010)), 0b0010, 'ADC leaves NZCV alone');
    });
    it('computes NZCV with the carry in (ADCS/SBCS) at the boundaries', () => {
      const cases = [
        { word: ADCS_W0_W1_W2, datasize: 32, subtract: false, edges: EDGES_32 },
        { word: SBCS_W0_W1_W2, datasize: 32, subtract: true, edges: EDGES_32 },
        { word: ADCS_X0_X1_X2, datasize: 64, subtract: false, edges: EDGES_64 },
        { word: SBCS_X0_X1_X2, datasize: 64, subtract: true, edges: EDGES_64 },
      ];
      for (const { word, datasize, subtract, edges } of cases) {
        for (const a of edges) for (const b of edges) for (const carry of [0, 1]) {
          const cpu = execute(word, { 1: a, 2: b }, carry << 1);
          const expected = addWithCarryReference(a, subtract ? NOT(b, datasize) : b, carry, datasize);
          const message = `${word.toString(16)} 0x${a.toString(16)}, 0x${b.toString(16)}, C=${carry}`;
          assert.strictEqual(cpu.X[0], expected.result, message);
          assert.strictEqual(flagText(flags(cpu)), flagText(expected.nzcv), message);
        }
      }
    });
  });
});
