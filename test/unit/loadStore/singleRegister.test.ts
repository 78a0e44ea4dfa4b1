// LDR/STR and friends in every addressing mode: unsigned offset, unscaled, pre/post-index
// writeback, register offset, literal, unprivileged; sign and zero extension; SIMD&FP
// registers; prefetches.

import * as assert from 'assert';
import { Stop } from '../../../src/arch/cpu';
import { writeBack } from '../../../src/arch/encodings/loadStore/writeback';
import { makeCpu } from '../../support/cpuHarness';
import { CODE_BASE, DATA_BASE, fillCounting, hexX, prepare, run, vBytes } from './loadStoreHarness';

const D = BigInt(DATA_BASE);

describe('load/store register: general-purpose loads', () => {
  it('LDR (unsigned offset) of X, W, B, H zero-extends, and W loads clear bits 63:32', () => {
    const words = [
      0xf9400820, // ldr x0, [x1, #16]
      0xb9400822, // ldr w2, [x1, #8]
      0x39400c23, // ldrb w3, [x1, #3]
      0x79400c24, // ldrh w4, [x1, #6]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D;
      fillCounting(c, DATA_BASE, 32, 0x80);
      c.X[2] = c.X[3] = c.X[4] = 0xffffffffffffffffn;
    });
    assert.strictEqual(hexX(cpu, 0), '0x9796959493929190');
    assert.strictEqual(hexX(cpu, 2), '0x8b8a8988');
    assert.strictEqual(hexX(cpu, 3), '0x83');
    assert.strictEqual(hexX(cpu, 4), '0x8786');
  });

  it('sign-extends LDRSB/LDRSH to W and X and LDRSW to X', () => {
    const words = [
      0x39c00020, // ldrsb w0, [x1]
      0x39800022, // ldrsb x2, [x1]
      0x79c00023, // ldrsh w3, [x1]
      0x79800024, // ldrsh x4, [x1]
      0xb9800025, // ldrsw x5, [x1]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D;
      c.write32(DATA_BASE, 0x8000ff80);
    });
    assert.strictEqual(hexX(cpu, 0), '0xffffff80');
    assert.strictEqual(hexX(cpu, 2), '0xffffffffffffff80');
    assert.strictEqual(hexX(cpu, 3), '0xffffff80');
    assert.strictEqual(hexX(cpu, 4), '0xffffffffffffff80');
    assert.strictEqual(hexX(cpu, 5), '0xffffffff8000ff80');
  });

  it('positive values do not sign-extend', () => {
    const cpu = run([0x39800020, 0xb9800022], (c) => { // ldrsb x0, [x1]; ldrsw x2, [x1]
      c.X[1] = D;
      c.write32(DATA_BASE, 0x7fffff7f);
    });
    assert.strictEqual(hexX(cpu, 0), '0x7f');
    assert.strictEqual(hexX(cpu, 2), '0x7fffff7f');
  });

  it('LDUR takes negative and unaligned offsets', () => {
    const words = [
      0xf85f8020, // ldur x0, [x1, #-8]
      0xf8403022, // ldur x2, [x1, #3]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D + 8n;
      fillCounting(c, DATA_BASE, 32);
    });
    assert.strictEqual(hexX(cpu, 0), '0x706050403020100');
    assert.strictEqual(hexX(cpu, 2), '0x1211100f0e0d0c0b');
  });

  it('LDR literal loads X, W (LDRSW) and SIMD registers from PC-relative addresses', () => {
    const words = [
      0x58000081, // ldr x1, #16 (word 4)
      0x98000062, // ldrsw x2, #12 (word 4)
      0x9c000040, // ldr q0, #8 (word 4)
      0xd8000000, // prfm pldl1keep, #0
      0x89abcdef, // data
      0x01234567,
      0xdeadbeef,
      0xcafef00d,
    ];
    const cpu = prepare(words);
    assert.strictEqual(cpu.run(4), Stop.Budget);
    assert.strictEqual(hexX(cpu, 1), '0x123456789abcdef');
    assert.strictEqual(hexX(cpu, 2), '0xffffffff89abcdef');
    assert.strictEqual(vBytes(cpu, 0), 'efcdab8967452301efbeadde0df0feca');
  });
});

describe('load/store register: stores', () => {
  it('STR/STRB/STRH store the low bytes of the register', () => {
    const words = [
      0xf9000c20, // str x0, [x1, #24]
      0xb9000420, // str w0, [x1, #4]
      0x39000420, // strb w0, [x1, #1]
      0x79000420, // strh w0, [x1, #2]
    ];
    const cpu = run(words, (c) => {
      c.X[0] = 0x1122334455667788n;
      c.X[1] = D;
    });
    assert.strictEqual(cpu.read64(DATA_BASE + 24), 0x1122334455667788n);
    assert.strictEqual(cpu.read32(DATA_BASE + 4), 0x55667788);
    assert.strictEqual(cpu.read8(DATA_BASE + 1), 0x88);
    assert.strictEqual(cpu.read16(DATA_BASE + 2), 0x7788);
    assert.strictEqual(cpu.read8(DATA_BASE), 0);
  });

  it('STUR stores at an unaligned negative offset', () => {
    const cpu = run([0xb81fd020], (c) => { // stur w0, [x1, #-3]
      c.X[0] = 0xa1b2c3d4n;
      c.X[1] = D + 16n;
    });
    assert.strictEqual(cpu.read32(DATA_BASE + 13), 0xa1b2c3d4);
  });

  it('Rt = 31 is XZR: STR stores zero, LDR discards', () => {
    const cpu = run([0xf900003f, 0xf940003f], (c) => { // str xzr, [x1]; ldr xzr, [x1]
      c.X[1] = D;
      c.write64(DATA_BASE, 0xffffffffffffffffn);
    });
    assert.strictEqual(cpu.read64(DATA_BASE), 0n);
    assert.strictEqual(cpu.X[32], 0n, 'the zero slot stays zero');
  });
});

describe('load/store register: writeback', () => {
  it('pre-index adds the offset before the access and writes it back', () => {
    const cpu = run([0xf8408c20], (c) => { // ldr x0, [x1, #8]!
      c.X[1] = D;
      c.write64(DATA_BASE + 8, 0x42n);
    });
    assert.strictEqual(cpu.X[0], 0x42n);
    assert.strictEqual(cpu.X[1], D + 8n);
  });

  it('post-index accesses at the base and then adds the offset', () => {
    const cpu = run([0xb8404441, 0xb8404443], (c) => { // ldr w1, [x2], #4; ldr w3, [x2], #4
      c.X[2] = D;
      c.write32(DATA_BASE, 7);
      c.write32(DATA_BASE + 4, 9);
    });
    assert.strictEqual(cpu.X[1], 7n);
    assert.strictEqual(cpu.X[3], 9n);
    assert.strictEqual(cpu.X[2], D + 8n);
  });

  it('SP as base: push and pop with pre- and post-index', () => {
    const words = [
      0xf81f0fe3, // str x3, [sp, #-16]!
      0xf84107e4, // ldr x4, [sp], #16
    ];
    let sp0 = 0n;
    const cpu = run(words, (c) => {
      c.X[3] = 0x0123456789abcdefn;
      sp0 = c.X[31];
    });
    assert.strictEqual(cpu.X[4], 0x0123456789abcdefn);
    assert.strictEqual(cpu.X[31], sp0);
    assert.strictEqual(cpu.read64(Number(sp0) - 16), 0x0123456789abcdefn);
  });

  it('writeback carries into bits 63:32 and borrows from them', () => {
    const cpu = makeCpu([]);
    cpu.X[1] = 0xfffffff8n;
    writeBack(cpu, 1, cpu.W[2], cpu.W[3], 16);
    assert.strictEqual(hexX(cpu, 1), '0x100000008');
    writeBack(cpu, 1, cpu.W[2], cpu.W[3], -16);
    assert.strictEqual(hexX(cpu, 1), '0xfffffff8');
    cpu.X[1] = 8n;
    writeBack(cpu, 1, cpu.W[2], cpu.W[3], -16);
    assert.strictEqual(hexX(cpu, 1), '0xfffffffffffffff8');
    writeBack(cpu, 1, cpu.W[2], cpu.W[3], 8);
    assert.strictEqual(hexX(cpu, 1), '0x0');
  });

  it('QEMU choice for Rn == Rt: a load with writeback ends with the written-back address', () => {
    const post = run([0xf8408421], (c) => { // ldr x1, [x1], #8
      c.X[1] = D;
      c.write64(DATA_BASE, 0x5555n);
    });
    assert.strictEqual(post.X[1], D + 8n);
    const pre = run([0xf8408c21], (c) => { // ldr x1, [x1, #8]!
      c.X[1] = D;
      c.write64(DATA_BASE + 8, 0x5555n);
    });
    assert.strictEqual(pre.X[1], D + 8n);
  });

  it('QEMU choice for Rn == Rt: a store with writeback stores the original register', () => {
    const cpu = run([0xf8008421], (c) => { c.X[1] = D; }); // str x1, [x1], #8
    assert.strictEqual(cpu.read64(DATA_BASE), D);
    assert.strictEqual(cpu.X[1], D + 8n);
  });
});

describe('load/store register: register offset', () => {
  const index = (option: string, word: number, xm: bigint, expectedOffset: number) =>
    it(`${option}`, () => {
      const cpu = run([word], (c) => {
        c.X[1] = D + 0x100n;
        c.X[2] = xm;
        for (let i = 0; i < 0x200; i += 8) c.write64(DATA_BASE + i, BigInt(i));
      });
      assert.strictEqual(cpu.X[0], BigInt(0x100 + expectedOffset));
    });
  index('[x1, x2]', 0xf8626820, 0x10n, 0x10);
  index('[x1, x2, lsl #3]', 0xf8627820, 2n, 16);
  index('[x1, x2, lsl #3] with a negative index', 0xf8627820, -4n, -32);
  index('[x1, w2, uxtw #3] ignores bits 63:32 and does not sign-extend', 0xf8625820, 0xffffffff00000003n, 24);
  index('[x1, w2, sxtw #3] sign-extends the W register', 0xf862d820, 0x00000000fffffffen, -16);
  index('[x1, x2, sxtx #3]', 0xf862f820, -1n, -8);

  it('LDR W with sxtw and no shift', () => {
    const cpu = run([0xb862c823], (c) => { // ldr w3, [x1, w2, sxtw]
      c.X[1] = D + 8n;
      c.X[2] = 0xfffffffcn; // -4 as a W register
      fillCounting(c, DATA_BASE, 16);
    });
    assert.strictEqual(hexX(cpu, 3), '0x7060504');
  });

  it('LDRB and STRH with 64-bit indexes', () => {
    const cpu = run([0x38626824, 0x78227825], (c) => { // ldrb w4, [x1, x2]; strh w5, [x1, x2, lsl #1]
      c.X[1] = D;
      c.X[2] = 3n;
      fillCounting(c, DATA_BASE, 16, 0x40);
      c.X[5] = 0xbeefn;
    });
    assert.strictEqual(cpu.X[4], 0x43n);
    assert.strictEqual(cpu.read16(DATA_BASE + 6), 0xbeef);
  });
});

describe('load/store register: unprivileged and prefetch', () => {
  it('LDTR/STTR/LDTRSH behave like LDUR/STUR at EL1', () => {
    const words = [
      0xf8408820, // ldtr x0, [x1, #8]
      0x381ff822, // sttrb w2, [x1, #-1]
      0x78802823, // ldtrsh x3, [x1, #2]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D + 16n;
      c.X[2] = 0x1abn;
      c.write64(DATA_BASE + 24, 0x1122n);
      c.write16(DATA_BASE + 18, 0x8001);
    });
    assert.strictEqual(cpu.X[0], 0x1122n);
    assert.strictEqual(cpu.read8(DATA_BASE + 15), 0xab);
    assert.strictEqual(hexX(cpu, 3), '0xffffffffffff8001');
  });

  it('PRFM/PRFUM do nothing, even for an address outside RAM', () => {
    const words = [
      0xf9800020, // prfm pldl1keep, [x1]
      0xf89fb033, // prfum pstl2strm, [x1, #-5]
      0xf8a27820, // prfm pldl1keep, [x1, x2, lsl #3]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = 0x1000n;
      c.X[2] = 5n;
    });
    assert.strictEqual(cpu.X[1], 0x1000n);
    assert.strictEqual(cpu.pc, CODE_BASE + 12);
  });
});

describe('load/store register: SIMD&FP', () => {
  it('LDR B/H/S/D load the low bytes and clear the rest of the Q register', () => {
    const words = [
      0x3d400020, // ldr b0, [x1]
      0x7d400421, // ldr h1, [x1, #2]
      0xbd400422, // ldr s2, [x1, #4]
      0xfd400423, // ldr d3, [x1, #8]
      0x3dc00424, // ldr q4, [x1, #16]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D;
      fillCounting(c, DATA_BASE, 32, 0xa0);
      c.V8.fill(0xff);
    });
    const zeros = (n: number) => '00'.repeat(n);
    assert.strictEqual(vBytes(cpu, 0), 'a0' + zeros(15));
    assert.strictEqual(vBytes(cpu, 1), 'a2a3' + zeros(14));
    assert.strictEqual(vBytes(cpu, 2), 'a4a5a6a7' + zeros(12));
    assert.strictEqual(vBytes(cpu, 3), 'a8a9aaabacadaeaf' + zeros(8));
    assert.strictEqual(vBytes(cpu, 4), 'b0b1b2b3b4b5b6b7b8b9babbbcbdbebf');
  });

  it('STR B/H/S/D/Q store the low bytes of the register', () => {
    const words = [
      0x3d000020, // str b0, [x1]
      0x7d000420, // str h0, [x1, #2]
      0xbd000420, // str s0, [x1, #4]
      0xfd000420, // str d0, [x1, #8]
      0x3d800420, // str q0, [x1, #16]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D;
      for (let i = 0; i < 16; i++) c.V8[i] = 0x10 + i;
    });
    const memory = Buffer.from(cpu.ramBytes.subarray(DATA_BASE - cpu.ramBase, DATA_BASE - cpu.ramBase + 32)).toString('hex');
    assert.strictEqual(memory, '10001011101112131011121314151617' + '101112131415161718191a1b1c1d1e1f');
  });

  it('LDUR Q unaligned, LDR Q pre-index, STR Q post-index', () => {
    const words = [
      0x3cdff021, // ldur q1, [x1, #-1]
      0x3cc20c22, // ldr q2, [x1, #32]!
      0x3c9f0422, // str q2, [x1], #-16
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D + 16n;
      fillCounting(c, DATA_BASE, 64);
    });
    assert.strictEqual(vBytes(cpu, 1), '0f101112131415161718191a1b1c1d1e');
    assert.strictEqual(vBytes(cpu, 2), '303132333435363738393a3b3c3d3e3f');
    assert.strictEqual(cpu.X[1], D + 32n);
    assert.strictEqual(cpu.read8(DATA_BASE + 48), 0x30);
  });

  it('register offset scales by the SIMD size: D by 8, Q by 16, B unscaled with uxtw', () => {
    const words = [
      0xfc627823, // ldr d3, [x1, x2, lsl #3]
      0x3ce27824, // ldr q4, [x1, x2, lsl #4]
      0x3c624825, // ldr b5, [x1, w2, uxtw]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D;
      c.X[2] = 2n;
      fillCounting(c, DATA_BASE, 64);
    });
    assert.strictEqual(vBytes(cpu, 3), '1011121314151617' + '00'.repeat(8));
    assert.strictEqual(vBytes(cpu, 4), '202122232425262728292a2b2c2d2e2f');
    assert.strictEqual(vBytes(cpu, 5), '02' + '00'.repeat(15));
  });
});
