// Advanced SIMD structure loads and stores: LD1-LD4/ST1-ST4 multiple structures
// (de-interleaving), single lanes, LDnR replication, and their post-index forms.

import * as assert from 'assert';
import type { Cpu } from '../../../src/arch/cpu';
import { DATA_BASE, fillCounting, run, vBytes } from './loadStoreHarness';

const D = BigInt(DATA_BASE);

/** Hex of the bytes produced by f(0..count-1), padded with `fill` to 16 bytes. */
function bytesHex(count: number, f: (i: number) => number, fill = 0): string {
  let text = '';
  for (let i = 0; i < 16; i++) text += (i < count ? f(i) : fill).toString(16).padStart(2, '0');
  return text;
}

function memoryHex(cpu: Cpu, offset: number, length: number): string {
  const start = DATA_BASE + offset - cpu.ramBase;
  return Buffer.from(cpu.ramBytes.subarray(start, start + length)).toString('hex');
}

/** Runs `word` with x0 = DATA_BASE, memory counting from 0, every V byte 0xff. */
function runStructure(word: number, x1 = 0n): Cpu {
  return run([word], (c) => {
    c.X[0] = D;
    c.X[1] = x1;
    fillCounting(c, DATA_BASE, 128);
    c.V8.fill(0xff);
  });
}

describe('Advanced SIMD load/store multiple structures', () => {
  it('LD1 one register: 16B, and 8B clears the upper half', () => {
    assert.strictEqual(vBytes(runStructure(0x4c407000), 0), bytesHex(16, (i) => i)); // ld1 { v0.16b }, [x0]
    assert.strictEqual(vBytes(runStructure(0x0c407000), 0), bytesHex(8, (i) => i)); // ld1 { v0.8b }, [x0]
  });

  it('LD1 two registers with immediate post-index', () => {
    const cpu = runStructure(0x4cdfa000); // ld1 { v0.16b, v1.16b }, [x0], #32
    assert.strictEqual(vBytes(cpu, 0), bytesHex(16, (i) => i));
    assert.strictEqual(vBytes(cpu, 1), bytesHex(16, (i) => 16 + i));
    assert.strictEqual(cpu.X[0], D + 32n);
  });

  it('LD1 four registers and three registers with register post-index', () => {
    const four = runStructure(0x4c402800); // ld1 { v0.4s, v1.4s, v2.4s, v3.4s }, [x0]
    for (let r = 0; r < 4; r++) assert.strictEqual(vBytes(four, r), bytesHex(16, (i) => 16 * r + i));
    assert.strictEqual(four.X[0], D);
    const three = runStructure(0x4cc16c00, 0x100n); // ld1 { v0.2d, v1.2d, v2.2d }, [x0], x1
    assert.strictEqual(vBytes(three, 2), bytesHex(16, (i) => 32 + i));
    assert.strictEqual(vBytes(three, 3), 'ff'.repeat(16));
    assert.strictEqual(three.X[0], D + 0x100n);
  });

  it('LD2 de-interleaves halfwords', () => {
    const cpu = runStructure(0x4c408400); // ld2 { v0.8h, v1.8h }, [x0]
    // Element e of v0 is memory halfword 2e, of v1 halfword 2e + 1.
    assert.strictEqual(vBytes(cpu, 0), bytesHex(16, (i) => 4 * (i >> 1) + (i & 1)));
    assert.strictEqual(vBytes(cpu, 1), bytesHex(16, (i) => 4 * (i >> 1) + 2 + (i & 1)));
  });

  it('LD3 de-interleaves bytes into three registers', () => {
    const cpu = runStructure(0x4c404000); // ld3 { v0.16b, v1.16b, v2.16b }, [x0]
    for (let r = 0; r < 3; r++) assert.strictEqual(vBytes(cpu, r), bytesHex(16, (i) => 3 * i + r));
  });

  it('LD4 of words with post-index, and LD4 of 8B clearing the upper halves', () => {
    const words = runStructure(0x4cdf0800); // ld4 { v0.4s, v1.4s, v2.4s, v3.4s }, [x0], #64
    for (let r = 0; r < 4; r++) assert.strictEqual(vBytes(words, r), bytesHex(16, (i) => 16 * (i >> 2) + 4 * r + (i & 3)));
    assert.strictEqual(words.X[0], D + 64n);
    const bytes = runStructure(0x0c400000); // ld4 { v0.8b, v1.8b, v2.8b, v3.8b }, [x0]
    for (let r = 0; r < 4; r++) assert.strictEqual(vBytes(bytes, r), bytesHex(8, (i) => 4 * i + r));
  });

  it('the register list wraps from v31 to v0', () => {
    const cpu = runStructure(0x0c40881f); // ld2 { v31.2s, v0.2s }, [x0]
    assert.strictEqual(vBytes(cpu, 31), bytesHex(8, (i) => 8 * (i >> 2) + (i & 3)));
    assert.strictEqual(vBytes(cpu, 0), bytesHex(8, (i) => 8 * (i >> 2) + 4 + (i & 3)));
  });

  it('ST2 interleaves words; ST1 of 1D post-index; ST4 of v28-v31', () => {
    const st2 = run([0x4c008800], (c) => { // st2 { v0.4s, v1.4s }, [x0]
      c.X[0] = D;
      for (let i = 0; i < 16; i++) { c.V8[i] = 0xa0 + i; c.V8[16 + i] = 0xb0 + i; }
    });
    assert.strictEqual(memoryHex(st2, 0, 32), 'a0a1a2a3b0b1b2b3a4a5a6a7b4b5b6b7a8a9aaabb8b9babbacadaeafbcbdbebf');
    const st1 = run([0x0c9f7c00], (c) => { // st1 { v0.1d }, [x0], #8
      c.X[0] = D;
      for (let i = 0; i < 16; i++) c.V8[i] = 0x10 + i;
    });
    assert.strictEqual(memoryHex(st1, 0, 16), '1011121314151617' + '00'.repeat(8));
    assert.strictEqual(st1.X[0], D + 8n);
    const st4 = run([0x4c00001c], (c) => { // st4 { v28.16b, v29.16b, v30.16b, v31.16b }, [x0]
      c.X[0] = D;
      for (let r = 0; r < 4; r++) for (let i = 0; i < 16; i++) c.V8[16 * (28 + r) + i] = 16 * r + i;
    });
    const expected = Array.from({ length: 64 }, (_, k) => (16 * (k & 3) + (k >> 2)).toString(16).padStart(2, '0')).join('');
    assert.strictEqual(memoryHex(st4, 0, 64), expected);
  });
});

describe('Advanced SIMD load/store single structure', () => {
  it('LD1 to one lane keeps the other lanes (byte 15; word 1 with post-index)', () => {
    const byte = runStructure(0x4d401c00); // ld1 { v0.b }[15], [x0]
    assert.strictEqual(vBytes(byte, 0), 'ff'.repeat(15) + '00');
    const word = runStructure(0x0ddf9000); // ld1 { v0.s }[1], [x0], #4
    assert.strictEqual(vBytes(word, 0), 'ffffffff00010203' + 'ff'.repeat(8));
    assert.strictEqual(word.X[0], D + 4n);
  });

  it('LD2 halfword lane 5 with register post-index', () => {
    const cpu = runStructure(0x4de14800, 6n); // ld2 { v0.h, v1.h }[5], [x0], x1
    assert.strictEqual(vBytes(cpu, 0), 'ff'.repeat(10) + '0001' + 'ff'.repeat(4));
    assert.strictEqual(vBytes(cpu, 1), 'ff'.repeat(10) + '0203' + 'ff'.repeat(4));
    assert.strictEqual(cpu.X[0], D + 6n);
  });

  it('LD3 doubleword lane 1 and LD4 word lane 2', () => {
    const ld3 = runStructure(0x4d40a400); // ld3 { v0.d, v1.d, v2.d }[1], [x0]
    for (let r = 0; r < 3; r++) assert.strictEqual(vBytes(ld3, r), 'ff'.repeat(8) + bytesHex(8, (i) => 8 * r + i).slice(0, 16));
    const ld4 = runStructure(0x4d60a000); // ld4 { v0.s, v1.s, v2.s, v3.s }[2], [x0]
    for (let r = 0; r < 4; r++) assert.strictEqual(vBytes(ld4, r), 'ff'.repeat(8) + bytesHex(4, (i) => 4 * r + i).slice(0, 8) + 'ff'.repeat(4));
  });

  it('ST1 of lane d[1] and ST4 of byte lane 9 with post-index', () => {
    const st1 = run([0x4d008400], (c) => { // st1 { v0.d }[1], [x0]
      c.X[0] = D;
      for (let i = 0; i < 16; i++) c.V8[i] = 0x30 + i;
    });
    assert.strictEqual(memoryHex(st1, 0, 9), '38393a3b3c3d3e3f00');
    const st4 = run([0x4dbf2400], (c) => { // st4 { v0.b, v1.b, v2.b, v3.b }[9], [x0], #4
      c.X[0] = D;
      for (let r = 0; r < 4; r++) c.V8[16 * r + 9] = 0xc0 + r;
    });
    assert.strictEqual(memoryHex(st4, 0, 5), 'c0c1c2c300');
    assert.strictEqual(st4.X[0], D + 4n);
  });

  it('LD1R replicates to every lane (4S) and clears the upper half for 8B', () => {
    const fourS = runStructure(0x4d40c800); // ld1r { v0.4s }, [x0]
    assert.strictEqual(vBytes(fourS, 0), '00010203'.repeat(4));
    const eightB = run([0x0ddfc000], (c) => { // ld1r { v0.8b }, [x0], #1
      c.X[0] = D + 5n;
      fillCounting(c, DATA_BASE, 16);
      c.V8.fill(0xff);
    });
    assert.strictEqual(vBytes(eightB, 0), '05'.repeat(8) + '00'.repeat(8));
    assert.strictEqual(eightB.X[0], D + 6n);
  });

  it('LD2R, LD3R of 1D, LD4R with register post-index', () => {
    const ld2r = runStructure(0x4dffc400); // ld2r { v0.8h, v1.8h }, [x0], #4
    assert.strictEqual(vBytes(ld2r, 0), '0001'.repeat(8));
    assert.strictEqual(vBytes(ld2r, 1), '0203'.repeat(8));
    assert.strictEqual(ld2r.X[0], D + 4n);
    const ld3r = runStructure(0x0d40ec00); // ld3r { v0.1d, v1.1d, v2.1d }, [x0]
    for (let r = 0; r < 3; r++) assert.strictEqual(vBytes(ld3r, r), bytesHex(8, (i) => 8 * r + i));
    const ld4r = runStructure(0x0de1e800, 16n); // ld4r { v0.2s, v1.2s, v2.2s, v3.2s }, [x0], x1
    for (let r = 0; r < 4; r++) {
      const word = bytesHex(4, (i) => 4 * r + i).slice(0, 8);
      assert.strictEqual(vBytes(ld4r, r), word + word + '00'.repeat(8));
    }
    assert.strictEqual(ld4r.X[0], D + 16n);
  });
});
