// Load/store exclusive with the Cpu's exclusive monitor, load-acquire/store-release,
// LDAPR/LDAPUR, and the alignment faults these accesses raise.

import * as assert from 'assert';
import { Stop } from '../../../src/arch/cpu';
import { EC, esrEc } from '../../../src/arch/esr';
import { FSC_ALIGNMENT } from '../../../src/arch/esr';
import { DATA_BASE, VECTOR_BASE, hexX, prepare, run } from './loadStoreHarness';

const D = BigInt(DATA_BASE);
const LDXR_X0_X1 = 0xc85f7c20;     // ldxr x0, [x1]
const STXR_W2_X3_X1 = 0xc8027c23;  // stxr w2, x3, [x1]
const STXR_W2_X3_X4 = 0xc8027c83;  // stxr w2, x3, [x4]

describe('load/store exclusive', () => {
  it('LDXR then STXR to the same address stores and writes status 0', () => {
    const cpu = run([LDXR_X0_X1, STXR_W2_X3_X1], (c) => {
      c.X[1] = D;
      c.X[2] = 0xffffffffffffffffn;
      c.X[3] = 0x77n;
      c.write64(DATA_BASE, 0x66n);
    });
    assert.strictEqual(cpu.X[0], 0x66n);
    assert.strictEqual(cpu.X[2], 0n);
    assert.strictEqual(cpu.read64(DATA_BASE), 0x77n);
    assert.strictEqual(cpu.exclusiveAddress, -1, 'the store closes the monitor');
  });

  it('STXR without a preceding LDXR fails: status 1, memory unchanged', () => {
    const cpu = run([STXR_W2_X3_X1], (c) => {
      c.X[1] = D;
      c.X[3] = 0x77n;
      c.write64(DATA_BASE, 0x66n);
    });
    assert.strictEqual(cpu.X[2], 1n);
    assert.strictEqual(cpu.read64(DATA_BASE), 0x66n);
  });

  it('STXR to a different address than the LDXR fails', () => {
    const cpu = run([LDXR_X0_X1, STXR_W2_X3_X4], (c) => {
      c.X[1] = D;
      c.X[4] = D + 8n;
      c.X[3] = 0x77n;
    });
    assert.strictEqual(cpu.X[2], 1n);
    assert.strictEqual(cpu.read64(DATA_BASE + 8), 0n);
  });

  it('a second STXR after a successful one fails (the monitor is closed)', () => {
    const cpu = run([LDXR_X0_X1, STXR_W2_X3_X1, 0xc8057c26], (c) => { // ...; stxr w5, x6, [x1]
      c.X[1] = D;
      c.X[3] = 1n;
      c.X[6] = 2n;
    });
    assert.strictEqual(cpu.X[2], 0n);
    assert.strictEqual(cpu.X[5], 1n);
    assert.strictEqual(cpu.read64(DATA_BASE), 1n);
  });

  it('CLREX between LDXR and STXR makes the store fail', () => {
    const cpu = prepare([LDXR_X0_X1, STXR_W2_X3_X1]);
    cpu.X[1] = D;
    cpu.X[3] = 0x77n;
    assert.strictEqual(cpu.step(), Stop.Budget);
    cpu.clearExclusive(); // what CLREX executes
    assert.strictEqual(cpu.step(), Stop.Budget);
    assert.strictEqual(cpu.X[2], 1n);
    assert.strictEqual(cpu.read64(DATA_BASE), 0n);
  });

  it('a store-exclusive of a different size than the load fails', () => {
    const cpu = run([0x885ffc20, 0x08027c23], (c) => { // ldaxr w0, [x1]; stxrb w2, w3, [x1]
      c.X[1] = D;
      c.X[3] = 0x55n;
    });
    assert.strictEqual(cpu.X[2], 1n);
    assert.strictEqual(cpu.read8(DATA_BASE), 0);
  });

  it('LDAXR/STLXR of W, and byte and halfword forms zero-extend', () => {
    const words = [
      0x885ffc20, // ldaxr w0, [x1]
      0x8802fc23, // stlxr w2, w3, [x1]
      0x085f7c24, // ldxrb w4, [x1]    (Rt = 4)
      0x08027c23, // stxrb w2, w3, [x1]
      0x485f7c25, // ldxrh w5, [x1]    (Rt = 5)
      0x48027c23, // stxrh w2, w3, [x1]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D;
      c.X[0] = c.X[4] = c.X[5] = 0xffffffffffffffffn;
      c.write32(DATA_BASE, 0x8899aabb);
      c.X[3] = 0x11223344n;
    });
    assert.strictEqual(hexX(cpu, 0), '0x8899aabb');
    assert.strictEqual(hexX(cpu, 4), '0x44');
    assert.strictEqual(hexX(cpu, 5), '0x3344');
    assert.strictEqual(cpu.X[2], 0n);
    assert.strictEqual(cpu.read32(DATA_BASE), 0x11223344);
  });

  it('LDXP/STXP of X registers and LDAXP/STLXP of W registers', () => {
    const words = [
      0xc87f1424, // ldxp x4, x5, [x1]
      0xc8221c26, // stxp w2, x6, x7, [x1]
      0x887f9428, // ldaxp w8, w5, [x1]  (Rt = 8)
      0x88229c26, // stlxp w2, w6, w7, [x1]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D;
      c.write64(DATA_BASE, 0x1111111122222222n);
      c.write64(DATA_BASE + 8, 0x3333333344444444n);
      c.X[6] = 0xaaaaaaaabbbbbbbbn;
      c.X[7] = 0xccccccccddddddddn;
    });
    assert.strictEqual(hexX(cpu, 4), '0x1111111122222222');
    assert.strictEqual(hexX(cpu, 8), '0xbbbbbbbb', 'the second LDAXP sees the STXP data');
    assert.strictEqual(hexX(cpu, 5), '0xaaaaaaaa');
    assert.strictEqual(cpu.X[2], 0n);
    assert.strictEqual(cpu.read32(DATA_BASE), 0xbbbbbbbb);
    assert.strictEqual(cpu.read32(DATA_BASE + 4), 0xdddddddd);
    assert.strictEqual(cpu.read64(DATA_BASE + 8), 0xccccccccddddddddn);
  });

  it('an unaligned LDXR takes an alignment fault to EL1 with nothing changed', () => {
    const cpu = prepare([LDXR_X0_X1]);
    cpu.X[1] = D + 4n;
    cpu.X[0] = 0x1234n;
    assert.strictEqual(cpu.step(), Stop.Budget);
    assert.strictEqual(esrEc(cpu.esrEl1), EC.DABT_CUR);
    assert.strictEqual(cpu.esrEl1 & 0x3f, FSC_ALIGNMENT);
    assert.strictEqual(cpu.farEl1, D + 4n);
    assert.strictEqual(cpu.elrEl1, BigInt(cpu.ramBase));
    assert.strictEqual(cpu.X[0], 0x1234n);
    assert.strictEqual(cpu.exclusiveAddress, -1);
    assert.strictEqual(cpu.pc, VECTOR_BASE + 0x200, 'execution continues at the current-EL SPx synchronous vector');
  });

  it('the load-exclusive sets loadExclusiveExecuted (for the step syndrome)', () => {
    const cpu = run([LDXR_X0_X1], (c) => { c.X[1] = D; });
    assert.strictEqual(cpu.loadExclusiveExecuted, true);
    assert.strictEqual(cpu.exclusiveAddress, DATA_BASE);
    assert.strictEqual(cpu.exclusiveSize, 8);
  });
});

describe('load-acquire / store-release', () => {
  it('LDAR/STLR/LDARB/STLRH/LDLAR/STLLR access like plain loads and stores', () => {
    const words = [
      0xc8dffc20, // ldar x0, [x1]
      0x889ffc23, // stlr w3, [x1]       -> DATA_BASE: 0x33333333
      0x08dffc24, // ldarb w4, [x1]
      0x489ffc25, // stlrh w5, [x1]      -> low half 0x5555
      0xc8df7c26, // ldlar x6, [x1]
      0xc89f7c27, // stllr x7, [x1]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D;
      c.write64(DATA_BASE, 0x0102030405060708n);
      c.X[3] = 0xffffffff33333333n;
      c.X[5] = 0x5555n;
      c.X[7] = 0x7777777777777777n;
    });
    assert.strictEqual(hexX(cpu, 0), '0x102030405060708');
    assert.strictEqual(hexX(cpu, 4), '0x33');
    assert.strictEqual(hexX(cpu, 6), '0x102030433335555');
    assert.strictEqual(cpu.read64(DATA_BASE), 0x7777777777777777n);
  });

  it('LDAPR and LDAPRB', () => {
    const cpu = run([0xf8bfc020, 0x38bfc022], (c) => { // ldapr x0, [x1]; ldaprb w2, [x1]
      c.X[1] = D;
      c.write64(DATA_BASE, 0xf0e0d0c0b0a09080n);
    });
    assert.strictEqual(hexX(cpu, 0), '0xf0e0d0c0b0a09080');
    assert.strictEqual(hexX(cpu, 2), '0x80');
  });

  it('LDAPURH, LDAPURSB and STLUR use the signed immediate offset', () => {
    const words = [
      0x595fe020, // ldapurh w0, [x1, #-2]
      0x19801022, // ldapursb x2, [x1, #1]
      0x99004023, // stlur w3, [x1, #4]
    ];
    const cpu = run(words, (c) => {
      c.X[1] = D + 4n;
      c.write16(DATA_BASE + 2, 0xbeef);
      c.write8(DATA_BASE + 5, 0x80);
      c.X[3] = 0xabcdef01n;
    });
    assert.strictEqual(hexX(cpu, 0), '0xbeef');
    assert.strictEqual(hexX(cpu, 2), '0xffffffffffffff80');
    assert.strictEqual(cpu.read32(DATA_BASE + 8), 0xabcdef01);
  });

  it('an unaligned STLR faults with WnR set and does not store', () => {
    const cpu = prepare([0x889ffc23]); // stlr w3, [x1]
    cpu.X[1] = D + 2n;
    cpu.X[3] = 0xffffffffn;
    cpu.step();
    assert.strictEqual(cpu.esrEl1 & 0x3f, FSC_ALIGNMENT);
    assert.strictEqual((cpu.esrEl1 >>> 6) & 1, 1);
    assert.strictEqual(cpu.read32(DATA_BASE), 0);
  });
});
