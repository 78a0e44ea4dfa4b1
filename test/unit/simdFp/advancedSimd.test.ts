// Advanced SIMD instructions run on the CPU: a few forms of every encoding group, the
// aliases compilers and string routines rely on, saturation (FPSR.QC), upper-half zeroing
// and destination/source overlap.

import * as assert from 'assert';
import { runWords } from '../../support/cpuHarness';
import { FPSR, fillPattern, setD } from './fpRegisters';
import { lanes, range, setLanes } from './lanes';

const bytes16 = range(16, (i) => i);

describe('simdFp: Advanced SIMD modified immediate and copy', () => {
  it('MOVI, MVNI, ORR and BIC immediates', () => {
    assert.deepStrictEqual(lanes(runWords([0x4f07e7e0]), 0, 8), range(16, () => 255));
    assert.deepStrictEqual(lanes(runWords([0x6f002420]), 0, 32), [0xfffffeff, 0xfffffeff, 0xfffffeff, 0xfffffeff]);
    const orr = runWords([0x4f00b460], (c) => setLanes(c, 0, 16, [1, 2, 3, 4, 5, 6, 7, 8]));
    assert.deepStrictEqual(lanes(orr, 0, 16), [0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x307, 0x308]);
    const bic = runWords([0x2f0717e0], (c) => { fillPattern(c, 0); });
    assert.deepStrictEqual(lanes(bic, 0, 32), [0x89abcd00, 0x01234500, 0, 0], 'Q=0 zeroes the upper half');
    assert.deepStrictEqual(lanes(runWords([0x6f05e540]), 0, 64), [0xff00ff00ff00ff00n, 0xff00ff00ff00ff00n]);
    assert.deepStrictEqual(lanes(runWords([0x2f00e420], (c) => fillPattern(c, 0)), 0, 64), [0xffn, 0n]);
    assert.deepStrictEqual(Array.from(runWords([0x4f03f400]).VF32.subarray(0, 4)), [0.5, 0.5, 0.5, 0.5]);
  });

  it('DUP, UMOV, SMOV and INS (the mov aliases)', () => {
    let cpu = runWords([0x4e040c20], (c) => { c.X[1] = 0xaabbccdd_11223344n; });
    assert.deepStrictEqual(lanes(cpu, 0, 32), [0x11223344, 0x11223344, 0x11223344, 0x11223344]);
    cpu = runWords([0x4e070420], (c) => setLanes(c, 1, 8, bytes16));
    assert.deepStrictEqual(lanes(cpu, 0, 8), range(16, () => 3));
    cpu = runWords([0x0e073c20], (c) => { c.X[0] = -1n; setLanes(c, 1, 8, [0, 0, 0, 0x9a]); });
    assert.strictEqual(cpu.X[0], 0x9an);
    cpu = runWords([0x4e062c20], (c) => setLanes(c, 1, 16, [0, 0x8001]));
    assert.strictEqual(cpu.X[0], 0xffffffffffff8001n, 'smov sign-extends');
    cpu = runWords([0x4e183c20], (c) => setLanes(c, 1, 64, [1n, 0x1234n]));
    assert.strictEqual(cpu.X[0], 0x1234n);
    cpu = runWords([0x4e0c1c20], (c) => { setLanes(c, 0, 32, [1, 2, 3, 4]); c.X[1] = 0x77n; });
    assert.deepStrictEqual(lanes(cpu, 0, 32), [1, 0x77, 3, 4], 'INS keeps the other elements');
    cpu = runWords([0x6e1f0420], (c) => { setLanes(c, 0, 8, bytes16); setLanes(c, 1, 8, [0xee]); });
    assert.strictEqual(lanes(cpu, 0, 8)[15], 0xee);
    assert.strictEqual(lanes(cpu, 0, 8)[14], 14);
    cpu = runWords([0x5e1c0420], (c) => { fillPattern(c, 0); setLanes(c, 1, 32, [1, 2, 3, 4]); });
    assert.deepStrictEqual(lanes(cpu, 0, 32), [4, 0, 0, 0], 'mov s0, v1.s[3] zeroes the rest');
  });
});

describe('simdFp: Advanced SIMD integer arithmetic', () => {
  it('ADD, SUB, MUL, MLA wrap per element', () => {
    let cpu = runWords([0x4ea28420], (c) => { setLanes(c, 1, 32, [1, 0xffffffff, 5, 6]); setLanes(c, 2, 32, [2, 1, 7, 8]); });
    assert.deepStrictEqual(lanes(cpu, 0, 32), [3, 0, 12, 14]);
    cpu = runWords([0x6ee28420], (c) => { setLanes(c, 1, 64, [0n, 10n]); setLanes(c, 2, 64, [1n, 3n]); });
    assert.deepStrictEqual(lanes(cpu, 0, 64), [0xffffffffffffffffn, 7n]);
    cpu = runWords([0x4e629c20], (c) => { setLanes(c, 1, 16, [300, 2, 3, 4, 5, 6, 7, 8]); setLanes(c, 2, 16, [300, 2, 2, 2, 2, 2, 2, 2]); });
    assert.deepStrictEqual(lanes(cpu, 0, 16), [(300 * 300) & 0xffff, 4, 6, 8, 10, 12, 14, 16]);
    cpu = runWords([0x4ea29420], (c) => {
      setLanes(c, 0, 32, [1, 1, 1, 1]); setLanes(c, 1, 32, [0x10000, 2, 3, 4]); setLanes(c, 2, 32, [0x10001, 2, 3, 4]);
    });
    assert.deepStrictEqual(lanes(cpu, 0, 32), [0x10001, 5, 10, 17], 'MLA keeps the low 32 bits of the product');
  });

  it('compares: CMEQ #0 (strlen), CMHI, CMTST, CMGT on 2D', () => {
    let cpu = runWords([0x4e209820], (c) => setLanes(c, 1, 8, [65, 66, 0, 67, 0]));
    assert.deepStrictEqual(lanes(cpu, 0, 8).slice(0, 6), [0, 0, 255, 0, 255, 255]);
    cpu = runWords([0x2e223420], (c) => { setLanes(c, 1, 8, [200, 1, 5]); setLanes(c, 2, 8, [100, 2, 5]); });
    assert.deepStrictEqual(lanes(cpu, 0, 8).slice(0, 3), [255, 0, 0]);
    cpu = runWords([0x0e628c20], (c) => { setLanes(c, 1, 16, [0x0f0, 0x100]); setLanes(c, 2, 16, [0x010, 0x0ff]); });
    assert.deepStrictEqual(lanes(cpu, 0, 16).slice(0, 2), [0xffff, 0]);
    cpu = runWords([0x4ee23420], (c) => { setLanes(c, 1, 64, [-1n, 5n]); setLanes(c, 2, 64, [0n, 4n]); });
    assert.deepStrictEqual(lanes(cpu, 0, 64), [0n, 0xffffffffffffffffn], 'signed 64-bit compare');
  });

  it('bitwise: AND, BSL, BIT, BIF, MVN and the MOV alias', () => {
    const setup = (c: Parameters<Parameters<typeof runWords>[1] & object>[0]) => {
      setLanes(c, 0, 32, [0xff00ff00, 0xff00ff00, 0xff00ff00, 0xff00ff00]);
      setLanes(c, 1, 32, [0x12345678, 0x12345678, 0x12345678, 0x12345678]);
      setLanes(c, 2, 32, [0x0000ffff, 0x0000ffff, 0x0000ffff, 0x0000ffff]);
    };
    assert.strictEqual(lanes(runWords([0x4e221c20], setup), 0, 32)[0], 0x00005678);
    const bsl = ((0xff00ff00 & 0x12345678) | (~0xff00ff00 & 0x0000ffff)) >>> 0;
    assert.deepStrictEqual(lanes(runWords([0x2e621c20], setup), 0, 32), [bsl, bsl, 0, 0], 'BSL: Vd selects between Vn and Vm');
    assert.strictEqual(lanes(runWords([0x6ea21c20], setup), 0, 32)[0], ((0xff00ff00 & ~0x0000ffff) | (0x12345678 & 0x0000ffff)) >>> 0);
    assert.strictEqual(lanes(runWords([0x6ee21c20], setup), 0, 32)[0], ((0xff00ff00 & 0x0000ffff) | (0x12345678 & ~0x0000ffff)) >>> 0);
    assert.strictEqual(lanes(runWords([0x6e205820], setup), 0, 32)[3], 0xedcba987);
    assert.deepStrictEqual(lanes(runWords([0x4ea11c20], setup), 0, 32), [0x12345678, 0x12345678, 0x12345678, 0x12345678]);
  });

  it('pairwise and across-lanes reductions', () => {
    const setup = (c: Parameters<Parameters<typeof runWords>[1] & object>[0]) => {
      setLanes(c, 1, 8, range(16, (i) => i * 10));
      setLanes(c, 2, 8, range(16, (i) => 255 - i));
    };
    assert.deepStrictEqual(lanes(runWords([0x4e22bc20], setup), 0, 8), [...range(8, (i) => (40 * i + 10) & 255), ...range(8, (i) => (509 - 4 * i) & 255)]);
    assert.deepStrictEqual(lanes(runWords([0x6e22a420], setup), 0, 8), [...range(8, (i) => 20 * i + 10), ...range(8, (i) => 255 - 2 * i)]);
    assert.strictEqual(lanes(runWords([0x4e31b820], setup), 0, 8)[0], (range(16, (i) => i * 10).reduce((a, b) => a + b)) & 255);
    assert.strictEqual(lanes(runWords([0x6e30a820], setup), 0, 8)[0], 150);
    assert.strictEqual(lanes(runWords([0x6e303820], setup), 0, 16)[0], 1200, 'UADDLV widens');
    const sminv = runWords([0x4eb1a820], (c) => setLanes(c, 1, 32, [5, 0xfffffffe, 3, 0x7fffffff]));
    assert.deepStrictEqual(lanes(sminv, 0, 32), [0xfffffffe, 0, 0, 0]);
    const uminv = runWords([0x6e71a820], (c) => setLanes(c, 1, 16, [9, 8, 7, 3, 9, 9, 9, 9]));
    assert.strictEqual(lanes(uminv, 0, 16)[0], 3);
  });

  it('max/min, absolute difference, ABS, NEG', () => {
    assert.deepStrictEqual(lanes(runWords([0x6ea26420], (c) => { setLanes(c, 1, 32, [1, 0xffffffff]); setLanes(c, 2, 32, [2, 3]); }), 0, 32).slice(0, 2), [2, 0xffffffff]);
    assert.deepStrictEqual(lanes(runWords([0x4e626c20], (c) => { setLanes(c, 1, 16, [1, 0xffff]); setLanes(c, 2, 16, [2, 3]); }), 0, 16).slice(0, 2), [1, 0xffff]);
    assert.deepStrictEqual(lanes(runWords([0x6e227420], (c) => { setLanes(c, 1, 8, [10, 3]); setLanes(c, 2, 8, [3, 10]); }), 0, 8).slice(0, 2), [7, 7]);
    assert.deepStrictEqual(lanes(runWords([0x4ea27420], (c) => { setLanes(c, 1, 32, [0xfffffffb]); setLanes(c, 2, 32, [5]); }), 0, 32)[0], 10);
    assert.deepStrictEqual(lanes(runWords([0x4ee0b820], (c) => setLanes(c, 1, 64, [-5n, 1n << 63n])), 0, 64), [5n, 1n << 63n]);
    assert.deepStrictEqual(lanes(runWords([0x6ea0b820], (c) => setLanes(c, 1, 32, [1, 0])), 0, 32).slice(0, 2), [0xffffffff, 0]);
  });

  it('saturating add/subtract set FPSR.QC', () => {
    let cpu = runWords([0x4e220c20], (c) => { setLanes(c, 1, 8, [100, 0x80]); setLanes(c, 2, 8, [100, 0xff]); });
    assert.deepStrictEqual(lanes(cpu, 0, 8).slice(0, 2), [127, 0x80]);
    assert.strictEqual(cpu.fpsr, FPSR.QC);
    cpu = runWords([0x6e622c20], (c) => { setLanes(c, 1, 16, [5, 10]); setLanes(c, 2, 16, [3, 20]); });
    assert.deepStrictEqual(lanes(cpu, 0, 16).slice(0, 2), [2, 0]);
    assert.strictEqual(cpu.fpsr, FPSR.QC);
    cpu = runWords([0x6e622c20], (c) => { setLanes(c, 1, 16, [5]); setLanes(c, 2, 16, [3]); });
    assert.strictEqual(cpu.fpsr, 0);
  });

  it('SQDMULH saturates the one overflowing product', () => {
    const cpu = runWords([0x4ea2b420], (c) => { setLanes(c, 1, 32, [0x80000000, 0x40000000]); setLanes(c, 2, 32, [0x80000000, 0x40000000]); });
    assert.deepStrictEqual(lanes(cpu, 0, 32).slice(0, 2), [0x7fffffff, 0x20000000]);
    assert.strictEqual(cpu.fpsr, FPSR.QC);
  });
});

describe('simdFp: Advanced SIMD shifts, widening and narrowing', () => {
  it('shifts by immediate', () => {
    assert.deepStrictEqual(lanes(runWords([0x4f235420], (c) => setLanes(c, 1, 32, [1, 0x20000000])), 0, 32).slice(0, 2), [8, 0]);
    assert.deepStrictEqual(lanes(runWords([0x6f090420], (c) => setLanes(c, 1, 8, [0x80, 0x7f])), 0, 8).slice(0, 2), [1, 0]);
    assert.deepStrictEqual(lanes(runWords([0x4f110420], (c) => setLanes(c, 1, 16, [0x8000, 0x7fff])), 0, 16).slice(0, 2), [0xffff, 0]);
    assert.deepStrictEqual(lanes(runWords([0x0f0c8420], (c) => setLanes(c, 1, 16, [0x1234, 0xabcd])), 0, 8).slice(0, 2), [0x23, 0xbc]);
    assert.deepStrictEqual(lanes(runWords([0x0f0c8c20], (c) => setLanes(c, 1, 16, [0x0018, 0x0017])), 0, 8).slice(0, 2), [2, 1], 'RSHRN rounds');
    assert.deepStrictEqual(lanes(runWords([0x6f285420], (c) => { setLanes(c, 0, 32, [0xffffffff]); setLanes(c, 1, 32, [0x12345678]); }), 0, 32)[0], 0x345678ff);
    assert.deepStrictEqual(lanes(runWords([0x6f384420], (c) => { setLanes(c, 0, 32, [0xffffffff]); setLanes(c, 1, 32, [0x12345678]); }), 0, 32)[0], 0xff123456);
    assert.deepStrictEqual(lanes(runWords([0x6f441420], (c) => { setLanes(c, 0, 64, [1n, 2n]); setLanes(c, 1, 64, [0xf000000000000000n, 0n]); }), 0, 64), [16n, 2n]);
  });

  it('shifts by register (negative amounts shift right)', () => {
    const cpu = runWords([0x6ea24420], (c) => { setLanes(c, 1, 32, [0x80000000, 1, 0x10, 5]); setLanes(c, 2, 32, [0xff, 31, 0xfc, 32]); });
    assert.deepStrictEqual(lanes(cpu, 0, 32), [0x40000000, 0x80000000, 1, 0]);
    const signed = runWords([0x4ea24420], (c) => { setLanes(c, 1, 32, [0x80000000]); setLanes(c, 2, 32, [0xff]); });
    assert.strictEqual(lanes(signed, 0, 32)[0], 0xc0000000);
  });

  it('SXTL/UXTL (SSHLL/USHLL #0), XTN, SQXTN, UQXTN2', () => {
    assert.deepStrictEqual(lanes(runWords([0x0f08a420], (c) => setLanes(c, 1, 8, [0x80, 0x7f, 0xff])), 0, 16).slice(0, 3), [0xff80, 0x7f, 0xffff]);
    assert.deepStrictEqual(lanes(runWords([0x6f10a420], (c) => setLanes(c, 1, 16, [0, 0, 0, 0, 0xffff, 1, 2, 3])), 0, 32), [0xffff, 1, 2, 3]);
    assert.deepStrictEqual(lanes(runWords([0x0e212820], (c) => setLanes(c, 1, 16, [0x1234, 0xff01])), 0, 8).slice(0, 2), [0x34, 0x01]);
    const sqxtn = runWords([0x0e214820], (c) => setLanes(c, 1, 16, [0x1234, 0xff01, 5]));
    assert.deepStrictEqual(lanes(sqxtn, 0, 8).slice(0, 3), [0x7f, 0x80, 5]);
    assert.strictEqual(sqxtn.fpsr, FPSR.QC);
    const uqxtn2 = runWords([0x6e214820], (c) => { setLanes(c, 0, 8, bytes16); setLanes(c, 1, 16, [300, 7]); });
    assert.deepStrictEqual(lanes(uqxtn2, 0, 8).slice(0, 10), [0, 1, 2, 3, 4, 5, 6, 7, 255, 7], 'the 2 form keeps the lower half');
  });

  it('lengthening arithmetic: UADDL, UADDW, UMULL, SMULL2, UMLAL', () => {
    assert.deepStrictEqual(lanes(runWords([0x2e220020], (c) => { setLanes(c, 1, 8, [200]); setLanes(c, 2, 8, [100]); }), 0, 16)[0], 300);
    assert.deepStrictEqual(lanes(runWords([0x2e621020], (c) => { setLanes(c, 1, 32, [0xfffffff0]); setLanes(c, 2, 16, [0x20]); }), 0, 32)[0], 0x10);
    assert.deepStrictEqual(lanes(runWords([0x2ea2c020], (c) => { setLanes(c, 1, 32, [0xffffffff, 2]); setLanes(c, 2, 32, [0xffffffff, 3]); }), 0, 64), [0xfffffffe00000001n, 6n]);
    const smull2 = runWords([0x4e62c020], (c) => { setLanes(c, 1, 16, [0, 0, 0, 0, 0xffff, 2]); setLanes(c, 2, 16, [0, 0, 0, 0, 3, 0x8000]); });
    assert.deepStrictEqual(lanes(smull2, 0, 32).slice(0, 2), [0xfffffffd, 0xffff0000]);
    const umlal = runWords([0x2ea28020], (c) => { setLanes(c, 0, 64, [1n, 0xffffffffffffffffn]); setLanes(c, 1, 32, [0x10000, 1]); setLanes(c, 2, 32, [0x10000, 1]); });
    assert.deepStrictEqual(lanes(umlal, 0, 64), [0x100000001n, 0n]);
  });
});

describe('simdFp: Advanced SIMD permutes and table lookup', () => {
  const two = (c: Parameters<Parameters<typeof runWords>[1] & object>[0]) => {
    setLanes(c, 1, 8, bytes16);
    setLanes(c, 2, 8, range(16, (i) => 16 + i));
  };

  it('EXT, ZIP, UZP, TRN, REV', () => {
    assert.deepStrictEqual(lanes(runWords([0x6e021820], two), 0, 8), range(16, (i) => i + 3));
    assert.deepStrictEqual(lanes(runWords([0x0e023820], two), 0, 8).slice(0, 8), [0, 16, 1, 17, 2, 18, 3, 19]);
    assert.deepStrictEqual(lanes(runWords([0x4e827820], two), 0, 32), [0x0b0a0908, 0x1b1a1918, 0x0f0e0d0c, 0x1f1e1d1c]);
    assert.deepStrictEqual(lanes(runWords([0x4e421820], two), 0, 16), [0x0100, 0x0504, 0x0908, 0x0d0c, 0x1110, 0x1514, 0x1918, 0x1d1c]);
    assert.deepStrictEqual(lanes(runWords([0x4e025820], two), 0, 8), range(16, (i) => 2 * i + 1));
    assert.deepStrictEqual(lanes(runWords([0x4e822820], two), 0, 32), [0x03020100, 0x13121110, 0x0b0a0908, 0x1b1a1918]);
    assert.deepStrictEqual(lanes(runWords([0x0e026820], two), 0, 8).slice(0, 8), [1, 17, 3, 19, 5, 21, 7, 23]);
    assert.deepStrictEqual(lanes(runWords([0x4e201820], two), 0, 8).slice(0, 4), [1, 0, 3, 2]);
    assert.deepStrictEqual(lanes(runWords([0x6e600820], two), 0, 16).slice(0, 4), [0x0302, 0x0100, 0x0706, 0x0504]);
    assert.deepStrictEqual(lanes(runWords([0x4ea00820], two), 0, 32), [0x07060504, 0x03020100, 0x0f0e0d0c, 0x0b0a0908]);
  });

  it('TBL gives 0 and TBX keeps Vd for out-of-range indices', () => {
    const setup = (c: Parameters<Parameters<typeof runWords>[1] & object>[0]) => {
      setLanes(c, 0, 8, range(16, () => 0xaa));
      setLanes(c, 1, 8, range(16, (i) => 100 + i));
      setLanes(c, 2, 8, range(16, (i) => 200 + i));
      setLanes(c, 3, 8, [0, 17, 31, 32, 255, 5, 16, 15]);
    };
    assert.deepStrictEqual(lanes(runWords([0x4e032020], setup), 0, 8).slice(0, 8), [100, 201, 215, 0, 0, 105, 200, 115]);
    assert.deepStrictEqual(lanes(runWords([0x0e031020], setup), 0, 8).slice(0, 8), [100, 0xaa, 0xaa, 0xaa, 0xaa, 105, 0xaa, 115]);
  });

  it('CNT, RBIT, CLZ, CLS', () => {
    assert.deepStrictEqual(lanes(runWords([0x0e205820], (c) => setLanes(c, 1, 8, [0xff, 0x81, 0])), 0, 8).slice(0, 3), [8, 2, 0]);
    assert.deepStrictEqual(lanes(runWords([0x6e605820], (c) => setLanes(c, 1, 8, [0x01, 0xf0])), 0, 8).slice(0, 2), [0x80, 0x0f]);
    assert.deepStrictEqual(lanes(runWords([0x6ea04820], (c) => setLanes(c, 1, 32, [1, 0, 0x80000000])), 0, 32).slice(0, 3), [31, 32, 0]);
    assert.deepStrictEqual(lanes(runWords([0x0e204820], (c) => setLanes(c, 1, 8, [0, 0xff, 1, 0x40])), 0, 8).slice(0, 4), [7, 7, 6, 0]);
  });
});

describe('simdFp: Advanced SIMD floating point', () => {
  it('FADD and fused FMLA per lane', () => {
    const cpu = runWords([0x4e22d420], (c) => { c.VF32.set([1, 2, 3, 4], 4); c.VF32.set([0.5, 0.25, -3, 1e30], 8); });
    assert.deepStrictEqual(Array.from(cpu.VF32.subarray(0, 4)), [1.5, 2.25, 0, Math.fround(1e30)]);
    const a = 1 + 2 ** -30;
    const fmla = runWords([0x4e62cc20], (c) => { c.VF64.set([-1, 1], 0); c.VF64.set([a, 2], 2); c.VF64.set([a, 3], 4); });
    assert.deepStrictEqual(Array.from(fmla.VF64.subarray(0, 2)), [2 ** -29 + 2 ** -60, 7]);
  });

  it('compares produce lane masks; FCMGT #0.0 and FCMLE #0.0', () => {
    const eq = runWords([0x4e22e420], (c) => { c.VF32.set([1, NaN, -0, 2], 4); c.VF32.set([1, NaN, 0, 3], 8); });
    assert.deepStrictEqual(lanes(eq, 0, 32), [0xffffffff, 0, 0xffffffff, 0]);
    assert.strictEqual(eq.fpsr, 0, 'FCMEQ is quiet');
    const gt = runWords([0x4ee0c820], (c) => { c.VF64.set([1, -0], 2); });
    assert.deepStrictEqual(lanes(gt, 0, 64), [0xffffffffffffffffn, 0n]);
    const le = runWords([0x6ea0d820], (c) => { c.VF32.set([1, -1, 0, NaN], 4); });
    assert.deepStrictEqual(lanes(le, 0, 32), [0, 0xffffffff, 0xffffffff, 0]);
    assert.strictEqual(le.fpsr, FPSR.IOC, 'FCMLE signals on NaN');
  });

  it('FADDP, FMAXV, FMINNMV, scalar FADDP/FMAXP', () => {
    const faddp = runWords([0x6e22d420], (c) => { c.VF32.set([1, 2, 3, 4], 4); c.VF32.set([10, 20, 30, 40], 8); });
    assert.deepStrictEqual(Array.from(faddp.VF32.subarray(0, 4)), [3, 7, 30, 70]);
    assert.strictEqual(runWords([0x6e30f820], (c) => c.VF32.set([1, 9, -3, 4], 4)).VF32[0], 9);
    const nm = runWords([0x6eb0c820], (c) => { c.VF32.set([5, 9, 2, 4], 4); c.V32[5] = 0x7fc00000; });
    assert.strictEqual(nm.VF32[0], 2, 'FMINNMV skips a quiet NaN');
    assert.strictEqual(runWords([0x7e70d820], (c) => c.VF64.set([1.5, 2.25], 2)).VF64[0], 3.75);
    assert.strictEqual(runWords([0x7e30f820], (c) => c.VF32.set([1.5, 2.25, 100, 100], 4)).VF32[0], 2.25);
  });

  it('FABS, FNEG, FSQRT, FRINTN lanes', () => {
    assert.deepStrictEqual(Array.from(runWords([0x4ea0f820], (c) => c.VF32.set([-1, 2, -0, -3], 4)).VF32.subarray(0, 4)), [1, 2, 0, 3]);
    assert.deepStrictEqual(Array.from(runWords([0x6ee0f820], (c) => c.VF64.set([1, -2], 2)).VF64.subarray(0, 2)), [-1, 2]);
    assert.deepStrictEqual(Array.from(runWords([0x6ea1f820], (c) => c.VF32.set([4, 9, 16, 0.25], 4)).VF32.subarray(0, 4)), [2, 3, 4, 0.5]);
    assert.deepStrictEqual(Array.from(runWords([0x4e618820], (c) => c.VF64.set([2.5, -1.5], 2)).VF64.subarray(0, 2)), [2, -2]);
  });

  it('vector conversions: SCVTF, UCVTF, FCVTZS, FCVTZU #1, FCVTL, FCVTN', () => {
    assert.deepStrictEqual(Array.from(runWords([0x4e21d820], (c) => setLanes(c, 1, 32, [1, 0xffffffff, 7, 0x80000000])).VF32.subarray(0, 4)), [1, -1, 7, -(2 ** 31)]);
    assert.deepStrictEqual(Array.from(runWords([0x6e61d820], (c) => setLanes(c, 1, 64, [0xffffffffffffffffn, 3n])).VF64.subarray(0, 2)), [2 ** 64, 3]);
    const fcvtzs = runWords([0x4ea1b820], (c) => c.VF32.set([1.9, -1.9, 3e9, NaN], 4));
    assert.deepStrictEqual(lanes(fcvtzs, 0, 32), [1, 0xffffffff, 0x7fffffff, 0]);
    assert.strictEqual(fcvtzs.fpsr, FPSR.IOC | FPSR.IXC);
    assert.deepStrictEqual(lanes(runWords([0x6f7ffc20], (c) => c.VF64.set([2.75, -1], 2)), 0, 64), [5n, 0n]);
    assert.deepStrictEqual(Array.from(runWords([0x0e617820], (c) => c.VF32.set([1.5, -2.5, 9, 9], 4)).VF64.subarray(0, 2)), [1.5, -2.5]);
    const fcvtl2 = runWords([0x4e217820], (c) => setLanes(c, 1, 16, [0, 0, 0, 0, 0x3c00, 0xc000, 0x7c00, 0x0001]));
    assert.deepStrictEqual(Array.from(fcvtl2.VF32.subarray(0, 4)), [1, -2, Infinity, 2 ** -24]);
    const fcvtn2 = runWords([0x4e616820], (c) => { c.VF32.set([7, 8], 0); c.VF64.set([0.1, -4], 2); });
    assert.deepStrictEqual(Array.from(fcvtn2.VF32.subarray(0, 4)), [7, 8, Math.fround(0.1), -4]);
    assert.deepStrictEqual(Array.from(runWords([0x0e616820], (c) => { fillPattern(c, 0); c.VF64.set([1, 2], 2); }).VF32.subarray(0, 4)), [1, 2, 0, 0]);
  });

  it('by element: MUL, MLA reading Vd, FMUL, FMLA reading Vd', () => {
    assert.deepStrictEqual(lanes(runWords([0x4fa28020], (c) => { setLanes(c, 1, 32, [1, 2, 3, 4]); setLanes(c, 2, 32, [10, 100]); }), 0, 32), [100, 200, 300, 400]);
    // mla v0.8h, v1.8h, v0.h[7]: the element is read before any lane of v0 is written.
    const mla = runWords([0x6f700820], (c) => { setLanes(c, 0, 16, [1, 1, 1, 1, 1, 1, 1, 2]); setLanes(c, 1, 16, [1, 2, 3, 4, 5, 6, 7, 8]); });
    assert.deepStrictEqual(lanes(mla, 0, 16), [3, 5, 7, 9, 11, 13, 15, 18]);
    assert.deepStrictEqual(Array.from(runWords([0x4fc29820], (c) => { c.VF64.set([3, 4], 2); c.VF64.set([0, 0.5], 4); }).VF64.subarray(0, 2)), [1.5, 2]);
    const fmla = runWords([0x4f801020], (c) => { c.VF32.set([2, 1, 1, 1], 0); c.VF32.set([1, 2, 3, 4], 4); });
    assert.deepStrictEqual(Array.from(fmla.VF32.subarray(0, 4)), [4, 5, 7, 9]);
  });

  it('estimates follow the Arm ARM tables', () => {
    assert.strictEqual(runWords([0x5ea1d820], (c) => c.VF32.set([1], 4)).V32[0], 0x3f7f8000, 'frecpe 1.0');
    assert.strictEqual(runWords([0x7ee1d820], (c) => setD(c, 1, 4)).VF64[0], 0.4990234375, 'frsqrte 4.0');
    assert.deepStrictEqual(lanes(runWords([0x0ea1c820], (c) => setLanes(c, 1, 32, [0x80000000, 0x7fffffff])), 0, 32).slice(0, 2), [0xff800000, 0xffffffff]);
    const recps = runWords([0x4e22fc20], (c) => { c.VF32.set([2, 0, 1, 1], 4); c.VF32.set([0.5, Infinity, 3, 1], 8); });
    assert.deepStrictEqual(Array.from(recps.VF32.subarray(0, 4)), [1, 2, -1, 1], 'frecps = 2 - a*b; 0*inf gives 2');
  });
});

describe('simdFp: Advanced SIMD scalar forms', () => {
  it('ADDP, ADD, SUB, CMEQ on D registers zero the upper half', () => {
    assert.deepStrictEqual(lanes(runWords([0x5ef1b820], (c) => { fillPattern(c, 0); setLanes(c, 1, 64, [5n, 7n]); }), 0, 64), [12n, 0n]);
    assert.deepStrictEqual(lanes(runWords([0x5ee28420], (c) => { setLanes(c, 1, 64, [5n, 9n]); setLanes(c, 2, 64, [7n, 9n]); }), 0, 64), [12n, 0n]);
    assert.deepStrictEqual(lanes(runWords([0x7ee28420], (c) => { setLanes(c, 1, 64, [5n]); setLanes(c, 2, 64, [7n]); }), 0, 64), [0xfffffffffffffffen, 0n]);
    assert.deepStrictEqual(lanes(runWords([0x7ee28c20], (c) => { setLanes(c, 1, 64, [5n, 1n]); setLanes(c, 2, 64, [5n, 2n]); }), 0, 64), [0xffffffffffffffffn, 0n]);
  });

  it('saturating scalars: UQSHL #3, SQSHRN, SQRDMULH by element, SQDMULL', () => {
    const uqshl = runWords([0x7f0b7420], (c) => setLanes(c, 1, 8, [0x40, 0xff]));
    assert.deepStrictEqual(lanes(uqshl, 0, 8).slice(0, 2), [0xff, 0]);
    assert.strictEqual(uqshl.fpsr, FPSR.QC);
    const sqshrn = runWords([0x5f1c9420], (c) => setLanes(c, 1, 32, [0x00012345, 0x7fffffff]));
    assert.deepStrictEqual(lanes(sqshrn, 0, 16).slice(0, 2), [0x1234, 0], 'only element 0 is narrowed');
    assert.strictEqual(sqshrn.fpsr, 0, 'other lanes do not saturate a scalar');
    const sqrdmulh = runWords([0x5f52d020], (c) => { setLanes(c, 1, 16, [0x4000]); setLanes(c, 2, 16, [0, 0x4000]); });
    assert.strictEqual(lanes(sqrdmulh, 0, 16)[0], 0x2000);
    const sqdmull = runWords([0x5ea2d020], (c) => { setLanes(c, 1, 32, [0x80000000]); setLanes(c, 2, 32, [0x80000000]); });
    assert.deepStrictEqual(lanes(sqdmull, 0, 64), [0x7fffffffffffffffn, 0n]);
    assert.strictEqual(sqdmull.fpsr, FPSR.QC);
  });

  it('scalar FP: FCVTZS s, SCVTF d, FMULX', () => {
    assert.strictEqual(runWords([0x5ea1b820], (c) => c.VF32.set([-7.9], 4)).V32[0], 0xfffffff9);
    assert.strictEqual(runWords([0x5e61d820], (c) => setLanes(c, 1, 64, [-3n])).VF64[0], -3);
    assert.strictEqual(runWords([0x5e22dc20], (c) => { c.VF32.set([-0], 4); c.VF32.set([Infinity], 8); }).VF32[0], -2);
  });
});
