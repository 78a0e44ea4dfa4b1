// The CPU's direct RAM path for accesses at X[n] + immediate computes the RAM offset in
// 32-bit arithmetic from the low half of Xn. These cases would go wrong if it took an
// address it must not: a base above 4 GiB whose low half points into RAM, an access that
// runs past the end of RAM, a base just below RAM, an unaligned access; and a store it
// serves must still drop the decoded code it overwrites.

import * as assert from 'assert';
import { Cpu, Stop } from '../../../src/arch/cpu';
import { CODE_BASE, DATA_BASE, makeCpu } from '../../support/cpuHarness';

const RAM_SIZE = 1 << 20;
const RAM_END = CODE_BASE + RAM_SIZE;

const LDR_X0_X1_8 = 0xf9400420;
const LDR_X0_X1 = 0xf9400020;

/** One instruction per case; each reads or writes at X1 + 0..16 with data registers x2, x4, x5. */
const DIRECT_FORMS: [string, number][] = [
  ['ldr x0, [x1, #8]', LDR_X0_X1_8],
  ['str x2, [x1, #8]', 0xf9000422],
  ['ldr w0, [x1, #4]', 0xb9400420],
  ['str w2, [x1, #4]', 0xb9000422],
  ['ldrb w0, [x1, #1]', 0x39400420],
  ['strb w2, [x1, #1]', 0x39000422],
  ['ldp x4, x5, [x1, #16]', 0xa9411424],
  ['stp x4, x5, [x1, #16]', 0xa9011424],
  ['ldp x4, x5, [x1], #16', 0xa8c11424],
  ['stp x4, x5, [x1, #-16]!', 0xa9bf1424],
];

function registers(cpu: Cpu): string {
  return Buffer.from(cpu.registerBytes).toString('hex');
}

function ramBytes(cpu: Cpu): string {
  return Buffer.from(cpu.ramBytes).toString('hex');
}

describe('direct RAM path of base-plus-immediate loads and stores', () => {
  for (const [text, word] of DIRECT_FORMS) {
    it(`${text} with a base above 4 GiB whose low half is in RAM traps and changes nothing`, () => {
      const cpu = makeCpu([word], RAM_SIZE);
      cpu.setBlockCompilation(false);
      const base = 0x1_0000_0000 + DATA_BASE;
      cpu.X[1] = BigInt(base);
      cpu.X[2] = 0x1122334455667788n;
      cpu.X[4] = 0x0102030405060708n;
      cpu.X[5] = 0x1112131415161718n;
      const before = registers(cpu);
      const memoryBefore = ramBytes(cpu);

      assert.strictEqual(cpu.run(1), Stop.HypervisorTrap);
      assert.strictEqual(cpu.trap.far >= base - 16 && cpu.trap.far <= base + 16, true, `FAR 0x${cpu.trap.far.toString(16)}`);
      assert.strictEqual(registers(cpu), before);
      assert.strictEqual(ramBytes(cpu), memoryBefore);
    });
  }

  it('a doubleword that starts in RAM and ends past it traps', () => {
    const cpu = makeCpu([LDR_X0_X1], RAM_SIZE);
    cpu.setBlockCompilation(false);
    cpu.X[1] = BigInt(RAM_END - 4);
    assert.strictEqual(cpu.run(1), Stop.HypervisorTrap);
    assert.strictEqual(cpu.trap.far, RAM_END - 4);
    assert.strictEqual(cpu.X[0], 0n);
  });

  it('a base just below RAM plus its offset reads RAM', () => {
    const cpu = makeCpu([LDR_X0_X1_8], RAM_SIZE);
    cpu.setBlockCompilation(false);
    cpu.X[1] = BigInt(CODE_BASE - 8);
    assert.strictEqual(cpu.run(1), Stop.Budget);
    assert.strictEqual(cpu.X[0], BigInt(LDR_X0_X1_8));
  });

  it('an unaligned doubleword is read whole', () => {
    const cpu = makeCpu([LDR_X0_X1_8], RAM_SIZE);
    cpu.setBlockCompilation(false);
    for (let i = 0; i < 16; i++) cpu.write8(DATA_BASE + i, 0x10 + i);
    cpu.X[1] = BigInt(DATA_BASE - 5);
    assert.strictEqual(cpu.run(1), Stop.Budget);
    assert.strictEqual(cpu.X[0], 0x1a19181716151413n);
  });
});

describe('stores on the direct path drop the decoded code they overwrite', () => {
  const MOVZ_X0_1 = 0xd2800020;
  const MOVZ_X0_42 = 0xd2800540;
  const CBNZ_X3_16 = 0xb5000083;
  const MOVZ_X3_1 = 0xd2800023;
  const B_MINUS_16 = 0x17fffffc;
  const NOP = 0xd503201f;

  /**
   * Runs, at `at`: movz x0, #1; cbnz x3, +16; <store>; movz x3, #1; b -16; nop. The store
   * rewrites the first instruction after it has run once, and the second pass must run
   * the new word.
   */
  function runRewrite(store: number, at: number, setup: (cpu: Cpu) => void): Cpu {
    const cpu = makeCpu([], RAM_SIZE);
    cpu.setBlockCompilation(false);
    [MOVZ_X0_1, CBNZ_X3_16, store, MOVZ_X3_1, B_MINUS_16, NOP].forEach((w, i) => cpu.write32(at + 4 * i, w));
    cpu.pc = at;
    setup(cpu);
    assert.strictEqual(cpu.run(8), Stop.Budget);
    assert.strictEqual(cpu.pc, at + 24);
    return cpu;
  }

  it('str w2, [x1]', () => {
    const cpu = runRewrite(0xb9000022, CODE_BASE, (c) => { c.X[1] = BigInt(CODE_BASE); c.X[2] = BigInt(MOVZ_X0_42); });
    assert.strictEqual(cpu.X[0], 42n);
  });

  it('strb w2, [x1] (movz x0, #1 becomes movz x0, #2)', () => {
    const cpu = runRewrite(0x39000022, CODE_BASE, (c) => { c.X[1] = BigInt(CODE_BASE); c.X[2] = 0x40n; });
    assert.strictEqual(cpu.X[0], 2n);
  });

  it('stp x4, x5, [x1] whose second doubleword is the first of a code page', () => {
    const page = CODE_BASE + 0x1000;
    const cpu = runRewrite(0xa9001424, page, (c) => {
      c.X[1] = BigInt(page - 8);
      c.X[5] = (BigInt(CBNZ_X3_16) << 32n) | BigInt(MOVZ_X0_42);
    });
    assert.strictEqual(cpu.X[0], 42n);
  });
});
