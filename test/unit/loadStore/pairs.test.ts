// LDP/STP/LDPSW/LDNP/STNP of X, W, S, D and Q registers with signed offset, pre- and
// post-index.

import * as assert from 'assert';
import { DATA_BASE, fillCounting, hexX, run, vBytes } from './loadStoreHarness';

const D = BigInt(DATA_BASE);

describe('load/store register pair', () => {
  it('LDP X with a signed offset and STP X with a negative offset', () => {
    const words = [
      0xa9410440, // ldp x0, x1, [x2, #16]
      0xa93f9043, // stp x3, x4, [x2, #-8]
    ];
    const cpu = run(words, (c) => {
      c.X[2] = D + 8n;
      c.write64(DATA_BASE + 24, 0x1111n);
      c.write64(DATA_BASE + 32, 0x2222n);
      c.X[3] = 0xaaaan;
      c.X[4] = 0xbbbbn;
    });
    assert.strictEqual(cpu.X[0], 0x1111n);
    assert.strictEqual(cpu.X[1], 0x2222n);
    assert.strictEqual(cpu.read64(DATA_BASE), 0xaaaan);
    assert.strictEqual(cpu.read64(DATA_BASE + 8), 0xbbbbn);
    assert.strictEqual(cpu.X[2], D + 8n);
  });

  it('function prologue and epilogue: STP pre-index and LDP post-index on SP', () => {
    const words = [
      0xa9be7bfd, // stp x29, x30, [sp, #-32]!
      0xa8c27bfd, // ldp x29, x30, [sp], #32
    ];
    let sp0 = 0n;
    const cpu = run(words, (c) => {
      sp0 = c.X[31];
      c.X[29] = 0x1d1d1d1d1d1dn;
      c.X[30] = 0x3e3e3e3e3e3en;
    });
    assert.strictEqual(cpu.read64(Number(sp0) - 32), 0x1d1d1d1d1d1dn);
    assert.strictEqual(cpu.read64(Number(sp0) - 24), 0x3e3e3e3e3e3en);
    assert.strictEqual(cpu.X[29], 0x1d1d1d1d1d1dn);
    assert.strictEqual(cpu.X[31], sp0);
  });

  it('LDP W zero-extends; STP W post-index', () => {
    const words = [
      0x29408440, // ldp w0, w1, [x2, #4]
      0x28811043, // stp w3, w4, [x2], #8
    ];
    const cpu = run(words, (c) => {
      c.X[0] = c.X[1] = 0xffffffffffffffffn;
      c.X[2] = D;
      c.write32(DATA_BASE + 4, 0x80000001);
      c.write32(DATA_BASE + 8, 0x7ffffffe);
      c.X[3] = 0x1234567833333333n;
      c.X[4] = 0x4444444444444444n;
    });
    assert.strictEqual(hexX(cpu, 0), '0x80000001');
    assert.strictEqual(hexX(cpu, 1), '0x7ffffffe');
    assert.strictEqual(cpu.read32(DATA_BASE), 0x33333333);
    assert.strictEqual(cpu.read32(DATA_BASE + 4), 0x44444444);
    assert.strictEqual(cpu.X[2], D + 8n);
  });

  it('LDPSW sign-extends both words; pre-index writeback', () => {
    const words = [
      0x69400440, // ldpsw x0, x1, [x2]
      0x69ff1043, // ldpsw x3, x4, [x2, #-8]!
    ];
    const cpu = run(words, (c) => {
      c.X[2] = D + 8n;
      c.write32(DATA_BASE, 0xfffffffe);
      c.write32(DATA_BASE + 4, 5);
      c.write32(DATA_BASE + 8, 0x80000000);
      c.write32(DATA_BASE + 12, 0x7fffffff);
    });
    assert.strictEqual(hexX(cpu, 0), '0xffffffff80000000');
    assert.strictEqual(hexX(cpu, 1), '0x7fffffff');
    assert.strictEqual(hexX(cpu, 3), '0xfffffffffffffffe');
    assert.strictEqual(hexX(cpu, 4), '0x5');
    assert.strictEqual(cpu.X[2], D);
  });

  it('LDNP/STNP behave like LDP/STP', () => {
    const words = [
      0xa8410440, // ldnp x0, x1, [x2, #16]
      0x28011043, // stnp w3, w4, [x2, #8]
    ];
    const cpu = run(words, (c) => {
      c.X[2] = D;
      c.write64(DATA_BASE + 16, 7n);
      c.write64(DATA_BASE + 24, 8n);
      c.X[3] = 3n;
      c.X[4] = 4n;
    });
    assert.strictEqual(cpu.X[0], 7n);
    assert.strictEqual(cpu.X[1], 8n);
    assert.strictEqual(cpu.read32(DATA_BASE + 8), 3);
    assert.strictEqual(cpu.read32(DATA_BASE + 12), 4);
  });

  it('STP XZR, XZR stores zeros', () => {
    const cpu = run([0xa9007c5f], (c) => { // stp xzr, xzr, [x2]
      c.X[2] = D;
      c.write64(DATA_BASE, -1n);
      c.write64(DATA_BASE + 8, -1n);
    });
    assert.strictEqual(cpu.read64(DATA_BASE), 0n);
    assert.strictEqual(cpu.read64(DATA_BASE + 8), 0n);
  });

  it('unaligned LDP works (normal memory)', () => {
    const cpu = run([0xa9410440], (c) => { // ldp x0, x1, [x2, #16]
      c.X[2] = D + 1n;
      fillCounting(c, DATA_BASE, 48);
    });
    assert.strictEqual(hexX(cpu, 0), '0x1817161514131211');
    assert.strictEqual(hexX(cpu, 1), '0x201f1e1d1c1b1a19');
  });

  it('LDP with writeback and Rn == Rt ends with the written-back address (QEMU)', () => {
    const cpu = run([0xa9c10440], (c) => { // ldp x0, x1, [x2, #16]! (Rt2 = x1; base x2)
      c.X[2] = D;
    });
    assert.strictEqual(cpu.X[2], D + 16n);
    // Rt = Rn: ldp x2, x1, [x2, #16]!
    const aliased = run([0xa9c10442], (c) => {
      c.X[2] = D;
      c.write64(DATA_BASE + 16, 0x99n);
    });
    assert.strictEqual(aliased.X[2], D + 16n);
  });
});

describe('load/store register pair: SIMD&FP', () => {
  it('LDP S and D load and clear the upper parts of both registers', () => {
    const words = [
      0x2d400440, // ldp s0, s1, [x2]
      0x6d410c42, // ldp d2, d3, [x2, #16]
    ];
    const cpu = run(words, (c) => {
      c.X[2] = D;
      c.V8.fill(0xee);
      fillCounting(c, DATA_BASE, 32);
    });
    assert.strictEqual(vBytes(cpu, 0), '00010203' + '00'.repeat(12));
    assert.strictEqual(vBytes(cpu, 1), '04050607' + '00'.repeat(12));
    assert.strictEqual(vBytes(cpu, 2), '1011121314151617' + '00'.repeat(8));
    assert.strictEqual(vBytes(cpu, 3), '18191a1b1c1d1e1f' + '00'.repeat(8));
  });

  it('LDP Q pre-index, STP D and S', () => {
    const words = [
      0xadc11444, // ldp q4, q5, [x2, #32]!
      0x6d040c42, // stp d2, d3, [x2, #64]
      0x2d0c0440, // stp s0, s1, [x2, #96]
    ];
    const cpu = run(words, (c) => {
      c.X[2] = D;
      fillCounting(c, DATA_BASE + 32, 32, 0x40);
      for (let i = 0; i < 16; i++) {
        c.V8[i] = 0xa0 + i;         // v0
        c.V8[16 + i] = 0xb0 + i;    // v1
        c.V8[32 + i] = 0xc0 + i;    // v2
        c.V8[48 + i] = 0xd0 + i;    // v3
      }
    });
    assert.strictEqual(vBytes(cpu, 4), '404142434445464748494a4b4c4d4e4f');
    assert.strictEqual(vBytes(cpu, 5), '505152535455565758595a5b5c5d5e5f');
    assert.strictEqual(cpu.X[2], D + 32n);
    assert.strictEqual(cpu.read64(DATA_BASE + 96), 0xc7c6c5c4c3c2c1c0n);
    assert.strictEqual(cpu.read64(DATA_BASE + 104), 0xd7d6d5d4d3d2d1d0n);
    assert.strictEqual(cpu.read32(DATA_BASE + 128), 0xa3a2a1a0);
    assert.strictEqual(cpu.read32(DATA_BASE + 132), 0xb3b2b1b0);
  });

  it('STP Q post-index stores both registers at the base; LDNP Q loads them back', () => {
    const words = [
      0xacbf1444, // stp q4, q5, [x2], #-32
      0xac401c46, // ldnp q6, q7, [x2]   (x2 now 32 lower: reads other memory)
    ];
    const cpu = run(words, (c) => {
      c.X[2] = D + 32n;
      fillCounting(c, DATA_BASE, 32, 0x80);
      for (let i = 0; i < 32; i++) c.V8[64 + i] = 0x10 + i; // v4, v5
    });
    const stored = Buffer.from(cpu.ramBytes.subarray(DATA_BASE + 32 - cpu.ramBase, DATA_BASE + 64 - cpu.ramBase)).toString('hex');
    assert.strictEqual(stored, '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f');
    assert.strictEqual(cpu.X[2], D);
    assert.strictEqual(vBytes(cpu, 6), '808182838485868788898a8b8c8d8e8f');
    assert.strictEqual(vBytes(cpu, 7), '909192939495969798999a9b9c9d9e9f');
  });
});
