// LSE atomics: each LD<op> and SWP returns the old value and stores the combination;
// the ST<op> aliases discard it; CAS and CASP succeed or fail on the comparison.

import * as assert from 'assert';
import type { Cpu } from '../../../src/arch/cpu';
import { FSC_ALIGNMENT } from '../../../src/arch/esr';
import { DATA_BASE, hexX, prepare, run } from './loadStoreHarness';

const D = BigInt(DATA_BASE);

function readSized(cpu: Cpu, bytes: number): bigint {
  switch (bytes) {
    case 1: return BigInt(cpu.read8(DATA_BASE));
    case 2: return BigInt(cpu.read16(DATA_BASE));
    case 4: return BigInt(cpu.read32(DATA_BASE));
    default: return cpu.read64(DATA_BASE);
  }
}

interface AtomicCase {
  text: string;
  word: number;
  bytes: number;
  memory: bigint;
  operand: bigint;
  /** Expected memory afterwards (the old value must land in x1). */
  stored: bigint;
}

/** All use Rs = x0/w0, Rt = x1/w1, Rn = x2; memory is 8 bytes at DATA_BASE filled with 0xee beyond `bytes`. */
const CASES: AtomicCase[] = [
  { text: 'ldadd w0, w1, [x2]', word: 0xb8200041, bytes: 4, memory: 0xfffffff0n, operand: 0x20n, stored: 0x10n },
  { text: 'ldadd x0, x1, [x2]', word: 0xf8200041, bytes: 8, memory: 0xfffffff0n, operand: 0x20n, stored: 0x100000010n },
  { text: 'ldaddb w0, w1, [x2]', word: 0x38200041, bytes: 1, memory: 0xffn, operand: 0x102n, stored: 0x01n },
  { text: 'ldaddh w0, w1, [x2]', word: 0x78200041, bytes: 2, memory: 0x8000n, operand: 0x8001n, stored: 0x0001n },
  { text: 'ldaddl w0, w1, [x2]', word: 0xb8600041, bytes: 4, memory: 5n, operand: 6n, stored: 11n },
  { text: 'ldaddal x0, x1, [x2]', word: 0xf8e00041, bytes: 8, memory: 0xffffffffffffffffn, operand: 2n, stored: 1n },
  { text: 'ldclr x0, x1, [x2]', word: 0xf8201041, bytes: 8, memory: 0xff00ff00ff00ff00n, operand: 0xf0f0f0f0f0f0f0f0n, stored: 0x0f000f000f000f00n },
  { text: 'ldclrab w0, w1, [x2]', word: 0x38a01041, bytes: 1, memory: 0xffn, operand: 0x0fn, stored: 0xf0n },
  { text: 'ldeor x0, x1, [x2]', word: 0xf8202041, bytes: 8, memory: 0xff00ff00ff00ff00n, operand: 0x0ff00ff00ff00ff0n, stored: 0xf0f0f0f0f0f0f0f0n },
  { text: 'ldset x0, x1, [x2]', word: 0xf8203041, bytes: 8, memory: 0x8000000000000001n, operand: 0x0100000000000010n, stored: 0x8100000000000011n },
  { text: 'ldsmax w0, w1, [x2] (negative memory)', word: 0xb8204041, bytes: 4, memory: 0xfffffffen, operand: 1n, stored: 1n },
  { text: 'ldsmin w0, w1, [x2]', word: 0xb8205041, bytes: 4, memory: 0xfffffffen, operand: 1n, stored: 0xfffffffen },
  { text: 'ldumax w0, w1, [x2]', word: 0xb8206041, bytes: 4, memory: 0xfffffffen, operand: 1n, stored: 0xfffffffen },
  { text: 'ldumin w0, w1, [x2]', word: 0xb8207041, bytes: 4, memory: 0xfffffffen, operand: 1n, stored: 1n },
  { text: 'ldsmaxb w0, w1, [x2] (0x80 is -128)', word: 0x38204041, bytes: 1, memory: 0x80n, operand: 0x7fn, stored: 0x7fn },
  { text: 'ldsminh w0, w1, [x2]', word: 0x78205041, bytes: 2, memory: 0x7fffn, operand: 0xffff8000n, stored: 0x8000n },
  { text: 'ldsmax x0, x1, [x2]', word: 0xf8204041, bytes: 8, memory: 0x8000000000000000n, operand: 0x7fffffffffffffffn, stored: 0x7fffffffffffffffn },
  { text: 'ldsmin x0, x1, [x2]', word: 0xf8205041, bytes: 8, memory: 0x8000000000000000n, operand: 0x7fffffffffffffffn, stored: 0x8000000000000000n },
  { text: 'ldumax x0, x1, [x2]', word: 0xf8206041, bytes: 8, memory: 0x8000000000000000n, operand: 0x7fffffffffffffffn, stored: 0x8000000000000000n },
  { text: 'ldumin x0, x1, [x2]', word: 0xf8207041, bytes: 8, memory: 0x8000000000000000n, operand: 0x7fffffffffffffffn, stored: 0x7fffffffffffffffn },
  { text: 'swp x0, x1, [x2]', word: 0xf8208041, bytes: 8, memory: 0x1111222233334444n, operand: 0x5555666677778888n, stored: 0x5555666677778888n },
  { text: 'swpalb w0, w1, [x2]', word: 0x38e08041, bytes: 1, memory: 0x12n, operand: 0x3456n, stored: 0x56n },
];

describe('LSE atomic memory operations', () => {
  for (const c of CASES) {
    it(c.text, () => {
      const cpu = run([c.word], (setup) => {
        setup.write64(DATA_BASE, 0xeeeeeeeeeeeeeeeen);
        for (let i = 0; i < c.bytes; i++) setup.write8(DATA_BASE + i, Number((c.memory >> BigInt(8 * i)) & 0xffn));
        setup.X[0] = c.operand;
        setup.X[1] = 0xddddddddddddddddn;
        setup.X[2] = D;
      });
      assert.strictEqual(hexX(cpu, 1), '0x' + c.memory.toString(16), 'Rt receives the old value, zero-extended');
      assert.strictEqual(readSized(cpu, c.bytes), c.stored);
      if (c.bytes < 8) assert.strictEqual(cpu.read8(DATA_BASE + c.bytes), 0xee, 'bytes beyond the access are untouched');
      assert.strictEqual(cpu.X[0], c.operand, 'Rs is not written');
    });
  }

  it('STADD (Rt = WZR) updates memory and writes no register', () => {
    const cpu = run([0xb820005f, 0xf860005f], (c) => { // stadd w0, [x2]; staddl x0, [x2]
      c.X[0] = 3n;
      c.X[2] = D;
      c.write64(DATA_BASE, 0xfffffffffn);
    });
    assert.strictEqual(cpu.read64(DATA_BASE), 0xf00000005n, "the W add wraps within 32 bits, the X add does not");
    assert.strictEqual(cpu.X[32], 0n);
  });

  it('an unaligned LDADD takes an alignment fault and changes nothing', () => {
    const cpu = prepare([0xb8200041]); // ldadd w0, w1, [x2]
    cpu.X[0] = 1n;
    cpu.X[1] = 0x99n;
    cpu.X[2] = D + 2n;
    cpu.step();
    assert.strictEqual(cpu.esrEl1 & 0x3f, FSC_ALIGNMENT);
    assert.strictEqual(cpu.X[1], 0x99n);
    assert.strictEqual(cpu.read64(DATA_BASE), 0n);
  });
});

describe('LSE compare and swap', () => {
  const cas = (word: number, memory: bigint, compare: bigint, newValue: bigint) => run([word], (c) => {
    c.write64(DATA_BASE, memory);
    c.X[0] = compare;
    c.X[1] = newValue;
    c.X[2] = D;
  });

  it('CAS W succeeds when memory equals Ws: stores Wt, Ws gets the old value', () => {
    const cpu = cas(0x88a07c41, 0xaaaaaaaa12345678n, 0xffffffff12345678n, 0x9abcdef0n); // cas w0, w1, [x2]
    assert.strictEqual(cpu.read64(DATA_BASE), 0xaaaaaaaa9abcdef0n);
    assert.strictEqual(hexX(cpu, 0), '0x12345678');
  });

  it('CAS W fails when memory differs: memory unchanged, Ws gets the old value', () => {
    const cpu = cas(0x88a07c41, 0x12345678n, 0x12345679n, 0x9abcdef0n);
    assert.strictEqual(cpu.read64(DATA_BASE), 0x12345678n);
    assert.strictEqual(hexX(cpu, 0), '0x12345678');
  });

  it('CAS X success and failure', () => {
    const ok = cas(0xc8a07c41, 0x8000000000000001n, 0x8000000000000001n, 0x42n); // cas x0, x1, [x2]
    assert.strictEqual(ok.read64(DATA_BASE), 0x42n);
    assert.strictEqual(ok.X[0], 0x8000000000000001n);
    const fail = cas(0xc8a07c41, 0x8000000000000001n, 0x1n, 0x42n);
    assert.strictEqual(fail.read64(DATA_BASE), 0x8000000000000001n);
    assert.strictEqual(fail.X[0], 0x8000000000000001n);
  });

  it('CASB compares only the low byte of Ws; CASALH and CASAL behave the same', () => {
    const byte = cas(0x08a07c41, 0x7f7fn, 0xffffff7fn, 0x1n); // casb w0, w1, [x2]
    assert.strictEqual(byte.read64(DATA_BASE), 0x7f01n);
    assert.strictEqual(hexX(byte, 0), '0x7f');
    const half = cas(0x48e0fc41, 0xabcdn, 0xabcdn, 0x1234n); // casalh w0, w1, [x2]
    assert.strictEqual(half.read64(DATA_BASE), 0x1234n);
    const acquireRelease = cas(0xc8e0fc41, 5n, 6n, 7n); // casal x0, x1, [x2]
    assert.strictEqual(acquireRelease.read64(DATA_BASE), 5n);
    assert.strictEqual(acquireRelease.X[0], 5n);
  });

  it('CASP W: success stores both words, failure stores nothing; Ws pair gets the old pair', () => {
    const word = 0x08247c46; // casp w4, w5, w6, w7, [x2]
    const setup = (memory: bigint, w4: bigint) => (c: Cpu) => {
      c.write64(DATA_BASE, memory);
      c.X[4] = w4;
      c.X[5] = 0x22222222n;
      c.X[6] = 0x66666666n;
      c.X[7] = 0x77777777n;
      c.X[2] = D;
    };
    const ok = run([word], setup(0x2222222211111111n, 0x11111111n));
    assert.strictEqual(ok.read64(DATA_BASE), 0x7777777766666666n);
    assert.strictEqual(hexX(ok, 4), '0x11111111');
    assert.strictEqual(hexX(ok, 5), '0x22222222');
    const fail = run([word], setup(0x2222222311111111n, 0x11111111n));
    assert.strictEqual(fail.read64(DATA_BASE), 0x2222222311111111n);
    assert.strictEqual(hexX(fail, 5), '0x22222223');
  });

  it('CASPAL X: compares and swaps two doublewords', () => {
    const cpu = run([0x4864fc46], (c) => { // caspal x4, x5, x6, x7, [x2]
      c.write64(DATA_BASE, 0x1n);
      c.write64(DATA_BASE + 8, 0x2n);
      c.X[4] = 1n;
      c.X[5] = 2n;
      c.X[6] = 0xaaaaaaaaaaaaaaaan;
      c.X[7] = 0xbbbbbbbbbbbbbbbbn;
      c.X[2] = D;
    });
    assert.strictEqual(cpu.read64(DATA_BASE), 0xaaaaaaaaaaaaaaaan);
    assert.strictEqual(cpu.read64(DATA_BASE + 8), 0xbbbbbbbbbbbbbbbbn);
    assert.strictEqual(cpu.X[4], 1n);
    assert.strictEqual(cpu.X[5], 2n);
  });
});
