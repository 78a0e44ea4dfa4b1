// Scalar floating-point instructions run on the CPU: arithmetic, rounding modes, NaNs,
// signed zeros, subnormals and FZ, fused multiply-add, conversions, compares, moves.

import * as assert from 'assert';
import { runWords } from '../../support/cpuHarness';
import { FPCR, FPSR, dBits, fillPattern, sBits, setD, setDBits, setS, setSBits, upper } from './fpRegisters';

const FADD_D = 0x1e622820;
const FADD_S = 0x1e222820;
const FSUB_D = 0x1e623820;
const FDIV_S = 0x1e221820;
const FDIV_D = 0x1e621820;
const FMUL_D = 0x1e620820;
const FMADD_D = 0x1f420c20; // fmadd d0, d1, d2, d3
const FMSUB_D = 0x1f428c20;
const FNMADD_D = 0x1f620c20;
const FNMSUB_D = 0x1f628c20;
const FMADD_S = 0x1f020c20;
const FNMUL_D = 0x1e628820;
const FSQRT_D = 0x1e61c020;

function binaryD(word: number, a: number, b: number, fpcr = 0) {
  return runWords([word], (cpu) => { cpu.fpcr = fpcr; setD(cpu, 1, a); setD(cpu, 2, b); fillPattern(cpu, 0); });
}

describe('simdFp: scalar FP arithmetic', () => {
  it('adds doubles exactly without flags and zeroes the rest of the register', () => {
    const cpu = binaryD(FADD_D, 1.5, 2.25);
    assert.strictEqual(cpu.VF64[0], 3.75);
    assert.strictEqual(upper(cpu, 0), 0n);
    assert.strictEqual(cpu.fpsr, 0);
  });

  it('raises Inexact when the sum is rounded', () => {
    const cpu = binaryD(FADD_D, 1, 2 ** -60);
    assert.strictEqual(cpu.VF64[0], 1);
    assert.strictEqual(cpu.fpsr, FPSR.IXC);
  });

  it('rounds a single-precision quotient in each FPCR.RMode', () => {
    const third = (fpcr: number) => runWords([FDIV_S], (cpu) => { cpu.fpcr = fpcr; setS(cpu, 1, 1); setS(cpu, 2, 3); });
    assert.strictEqual(sBits(third(FPCR.RN), 0), 0x3eaaaaab);
    assert.strictEqual(sBits(third(FPCR.RP), 0), 0x3eaaaaab);
    assert.strictEqual(sBits(third(FPCR.RM), 0), 0x3eaaaaaa);
    assert.strictEqual(sBits(third(FPCR.RZ), 0), 0x3eaaaaaa);
    assert.strictEqual(third(FPCR.RZ).fpsr, FPSR.IXC);
    const negative = runWords([FDIV_S], (cpu) => { cpu.fpcr = FPCR.RM; setS(cpu, 1, -1); setS(cpu, 2, 3); });
    assert.strictEqual(sBits(negative, 0), 0xbeaaaaab);
  });

  it('rounds double results in directed modes', () => {
    assert.strictEqual(binaryD(FDIV_D, 1, 3, FPCR.RP).VF64[0], 0.33333333333333337);
    assert.strictEqual(binaryD(FDIV_D, 1, 3, FPCR.RM).VF64[0], 0.3333333333333333);
    assert.strictEqual(binaryD(FADD_D, 1, 2 ** -60, FPCR.RP).VF64[0], 1 + 2 ** -52);
    assert.strictEqual(binaryD(FADD_D, -1, -(2 ** -60), FPCR.RZ).VF64[0], -1);
  });

  it('overflows to infinity or the largest finite value by rounding mode', () => {
    const big = 2 ** 1023;
    let cpu = binaryD(FMUL_D, big, 4);
    assert.strictEqual(cpu.VF64[0], Infinity);
    assert.strictEqual(cpu.fpsr, FPSR.OFC | FPSR.IXC);
    cpu = binaryD(FMUL_D, big, 4, FPCR.RZ);
    assert.strictEqual(cpu.VF64[0], Number.MAX_VALUE);
    assert.strictEqual(cpu.fpsr, FPSR.OFC | FPSR.IXC);
    cpu = binaryD(FMUL_D, -big, 4, FPCR.RP);
    assert.strictEqual(cpu.VF64[0], -Number.MAX_VALUE);
  });

  it('gives signed zeros as IEEE 754 says', () => {
    assert.ok(Object.is(binaryD(FADD_D, 0, -0).VF64[0], 0));
    assert.ok(Object.is(binaryD(FADD_D, -0, -0).VF64[0], -0));
    assert.ok(Object.is(binaryD(FSUB_D, 5, 5).VF64[0], 0));
    assert.ok(Object.is(binaryD(FSUB_D, 5, 5, FPCR.RM).VF64[0], -0), 'x - x is -0 rounding toward -inf');
    assert.ok(Object.is(binaryD(FMUL_D, -2, 0).VF64[0], -0));
  });

  it('propagates NaNs: signalling first (quietened, Invalid), else the first quiet NaN', () => {
    const quietA = 0x7ff8000000001234n;
    const signallingB = 0x7ff0000000005678n;
    let cpu = runWords([FADD_D], (c) => { setDBits(c, 1, quietA); setDBits(c, 2, signallingB); });
    assert.strictEqual(dBits(cpu, 0), 0x7ff8000000005678n);
    assert.strictEqual(cpu.fpsr, FPSR.IOC);
    cpu = runWords([FADD_D], (c) => { setDBits(c, 1, quietA); setDBits(c, 2, 0xfff8000000000abcn); });
    assert.strictEqual(dBits(cpu, 0), quietA);
    assert.strictEqual(cpu.fpsr, 0);
    cpu = runWords([FADD_S], (c) => { setS(c, 1, 1); setSBits(c, 2, 0xffa00001); });
    assert.strictEqual(sBits(cpu, 0), 0xffe00001);
    assert.strictEqual(cpu.fpsr, FPSR.IOC);
  });

  it('returns the default NaN when FPCR.DN is set or the operation is invalid', () => {
    let cpu = runWords([FADD_D], (c) => { c.fpcr = FPCR.DN; setDBits(c, 1, 0xfff8000000001234n); setD(c, 2, 1); });
    assert.strictEqual(dBits(cpu, 0), 0x7ff8000000000000n);
    assert.strictEqual(cpu.fpsr, 0);
    cpu = binaryD(FSUB_D, Infinity, Infinity);
    assert.strictEqual(dBits(cpu, 0), 0x7ff8000000000000n);
    assert.strictEqual(cpu.fpsr, FPSR.IOC);
    cpu = binaryD(FDIV_D, 0, 0);
    assert.strictEqual(dBits(cpu, 0), 0x7ff8000000000000n);
    cpu = binaryD(FDIV_D, -1, 0);
    assert.strictEqual(cpu.VF64[0], -Infinity);
    assert.strictEqual(cpu.fpsr, FPSR.DZC);
    cpu = runWords([FSQRT_D], (c) => setD(c, 1, -1));
    assert.strictEqual(dBits(cpu, 0), 0x7ff8000000000000n);
    assert.strictEqual(cpu.fpsr, FPSR.IOC);
  });

  it('handles subnormals, and flushes them under FPCR.FZ', () => {
    let cpu = binaryD(FMUL_D, 2 ** -1000, 2 ** -30);
    assert.strictEqual(cpu.VF64[0], 2 ** -1030);
    assert.strictEqual(cpu.fpsr, 0, 'an exact subnormal result raises nothing');
    cpu = binaryD(FMUL_D, 2 ** -1000, 3 * 2 ** -75);
    assert.strictEqual(cpu.VF64[0], 2 ** -1073);
    assert.strictEqual(cpu.fpsr, FPSR.UFC | FPSR.IXC);
    cpu = binaryD(FMUL_D, 2 ** -1000, 2 ** -30, FPCR.FZ);
    assert.ok(Object.is(cpu.VF64[0], 0));
    assert.strictEqual(cpu.fpsr, FPSR.UFC);
    cpu = binaryD(FADD_D, 2 ** -1050, 1, FPCR.FZ);
    assert.strictEqual(cpu.VF64[0], 1);
    assert.strictEqual(cpu.fpsr, FPSR.IDC, 'a denormal input is flushed: exact, Input Denormal');
  });

  it('fuses multiply-add with a single rounding', () => {
    const a = 1 + 2 ** -30;
    const fused = runWords([FMADD_D], (c) => { setD(c, 1, a); setD(c, 2, a); setD(c, 3, -1); });
    assert.strictEqual(fused.VF64[0], 2 ** -29 + 2 ** -60);
    assert.strictEqual(fused.fpsr, 0);
    const separate = runWords([FMUL_D, 0x1e632800 /* fadd d0, d0, d3 */], (c) => { setD(c, 1, a); setD(c, 2, a); setD(c, 3, -1); });
    assert.strictEqual(separate.VF64[0], 2 ** -29);
    const single = runWords([FMADD_S], (c) => { setS(c, 1, 1 + 2 ** -12); setS(c, 2, 1 + 2 ** -12); setS(c, 3, -1); });
    assert.strictEqual(single.VF32[0], 2 ** -11 + 2 ** -24);
  });

  it('negates the operands of FMSUB, FNMADD, FNMSUB as the pseudocode does', () => {
    const run = (word: number) => runWords([word], (c) => { setD(c, 1, 2); setD(c, 2, 3); setD(c, 3, 10); }).VF64[0];
    assert.strictEqual(run(FMADD_D), 16);
    assert.strictEqual(run(FMSUB_D), 4);
    assert.strictEqual(run(FNMADD_D), -16);
    assert.strictEqual(run(FNMSUB_D), -4);
    // FMSUB negates Rn before NaN processing: a quiet NaN in Rn comes out with its sign flipped.
    const nan = runWords([FMSUB_D], (c) => { setDBits(c, 1, 0x7ff8000000000042n); setD(c, 2, 1); setD(c, 3, 1); });
    assert.strictEqual(dBits(nan, 0), 0xfff8000000000042n);
    // A quiet NaN addend with 0 * infinity is the default NaN with Invalid.
    const invalid = runWords([FMADD_D], (c) => { setD(c, 1, 0); setD(c, 2, Infinity); setDBits(c, 3, 0x7ff8000000000042n); });
    assert.strictEqual(dBits(invalid, 0), 0x7ff8000000000000n);
    assert.strictEqual(invalid.fpsr, FPSR.IOC);
  });

  it('FNMUL negates the product, NaN included', () => {
    assert.strictEqual(binaryD(FNMUL_D, 2, 3).VF64[0], -6);
    const cpu = runWords([FNMUL_D], (c) => { setDBits(c, 1, 0x7ff8000000000001n); setD(c, 2, 1); });
    assert.strictEqual(dBits(cpu, 0), 0xfff8000000000001n);
  });

  it('takes max/min of zeros and NaNs the Arm way', () => {
    assert.ok(Object.is(binaryD(0x1e624820, 0, -0).VF64[0], 0), 'fmax(+0, -0) = +0');
    assert.ok(Object.is(binaryD(0x1e625820, 0, -0).VF64[0], -0), 'fmin(+0, -0) = -0');
    const quiet = 0x7ff8000000000007n;
    let cpu = runWords([0x1e626820], (c) => { setDBits(c, 1, quiet); setD(c, 2, 5); });
    assert.strictEqual(cpu.VF64[0], 5, 'fmaxnm ignores one quiet NaN');
    cpu = runWords([0x1e624820], (c) => { setDBits(c, 1, quiet); setD(c, 2, 5); });
    assert.strictEqual(dBits(cpu, 0), quiet, 'fmax propagates it');
    cpu = runWords([0x1e627820], (c) => { setDBits(c, 1, 0x7ff0000000000007n); setD(c, 2, 5); });
    assert.strictEqual(dBits(cpu, 0), quiet, 'fminnm still propagates a signalling NaN');
    assert.strictEqual(cpu.fpsr, FPSR.IOC);
  });

  it('computes square roots with correct flags', () => {
    let cpu = runWords([FSQRT_D], (c) => setD(c, 1, 2));
    assert.strictEqual(cpu.VF64[0], Math.SQRT2);
    assert.strictEqual(cpu.fpsr, FPSR.IXC);
    cpu = runWords([0x1e21c020], (c) => setS(c, 1, 2.25));
    assert.strictEqual(cpu.VF32[0], 1.5);
    assert.strictEqual(cpu.fpsr, 0);
  });

  it('FABS/FNEG change only the sign bit, even of NaNs', () => {
    let cpu = runWords([0x1e60c020], (c) => setDBits(c, 1, 0xfff0000000000001n));
    assert.strictEqual(dBits(cpu, 0), 0x7ff0000000000001n);
    assert.strictEqual(cpu.fpsr, 0);
    cpu = runWords([0x1e214020], (c) => setS(c, 1, 3));
    assert.strictEqual(cpu.VF32[0], -3);
  });
});

describe('simdFp: scalar FP compare and select', () => {
  const compare = (word: number, a: number | bigint, b: number | bigint) => runWords([word], (c) => {
    if (typeof a === 'bigint') setDBits(c, 1, a); else setD(c, 1, a);
    if (typeof b === 'bigint') setDBits(c, 2, b); else setD(c, 2, b);
  });
  const FCMP = 0x1e622020;
  const FCMPE = 0x1e622030;

  it('sets NZCV: less 1000, equal 0110, greater 0010, unordered 0011', () => {
    assert.strictEqual(compare(FCMP, 1, 2).nzcv >>> 28, 0b1000);
    assert.strictEqual(compare(FCMP, 2, 2).nzcv >>> 28, 0b0110);
    assert.strictEqual(compare(FCMP, -0, 0).nzcv >>> 28, 0b0110);
    assert.strictEqual(compare(FCMP, 3, 2).nzcv >>> 28, 0b0010);
    const unordered = compare(FCMP, 0x7ff8000000000000n, 1);
    assert.strictEqual(unordered.nzcv >>> 28, 0b0011);
    assert.strictEqual(unordered.fpsr, 0, 'FCMP is quiet for quiet NaNs');
    assert.strictEqual(compare(FCMPE, 0x7ff8000000000000n, 1).fpsr, FPSR.IOC, 'FCMPE signals');
    assert.strictEqual(compare(FCMP, 1, 0x7ff0000000000001n).fpsr, FPSR.IOC, 'FCMP signals for sNaN');
  });

  it('compares with #0.0', () => {
    const cpu = runWords([0x1e202028], (c) => setS(c, 1, -0.5));
    assert.strictEqual(cpu.nzcv >>> 28, 0b1000);
  });

  it('FCCMP compares only when the condition holds', () => {
    const holds = runWords([0x1e620425], (c) => { c.nzcv = 0x40000000; setD(c, 1, 1); setD(c, 2, 1); });
    assert.strictEqual(holds.nzcv >>> 28, 0b0110);
    const fails = runWords([0x1e620425], (c) => { c.nzcv = 0; setD(c, 1, 1); setD(c, 2, 1); });
    assert.strictEqual(fails.nzcv >>> 28, 5);
  });

  it('FCSEL picks by condition', () => {
    const run = (z: number) => runWords([0x1e621c20], (c) => { c.z = z; setD(c, 1, 10); setD(c, 2, 20); }).VF64[0];
    assert.strictEqual(run(0), 10);
    assert.strictEqual(run(1), 20);
  });
});

describe('simdFp: scalar FP moves and conversions', () => {
  it('FMOV immediate, register and general-register forms', () => {
    assert.strictEqual(runWords([0x1e7e9000]).VF64[0], -1.25);
    assert.strictEqual(runWords([0x1e27f000]).VF32[0], 31);
    let cpu = runWords([0x9e660020], (c) => setDBits(c, 1, 0x8000000000000001n));
    assert.strictEqual(cpu.X[0], 0x8000000000000001n);
    cpu = runWords([0x9e670020], (c) => { fillPattern(c, 0); c.X[1] = 0x123456789n; });
    assert.strictEqual(dBits(cpu, 0), 0x123456789n);
    assert.strictEqual(upper(cpu, 0), 0n);
    cpu = runWords([0x1e270020], (c) => { fillPattern(c, 0); c.X[1] = 0xffffffff_3f800000n; });
    assert.strictEqual(cpu.V64[0], 0x3f800000n, 'fmov s0, w1 zeroes bits above 32');
    cpu = runWords([0x1e260020], (c) => { c.X[0] = -1n; setS(c, 1, 1); });
    assert.strictEqual(cpu.X[0], 0x3f800000n);
    cpu = runWords([0x9eae0020], (c) => { c.V64[3] = 0xabcdefn; });
    assert.strictEqual(cpu.X[0], 0xabcdefn, 'fmov x0, v1.d[1]');
    cpu = runWords([0x9eaf0020], (c) => { fillPattern(c, 0); c.X[1] = 7n; });
    assert.strictEqual(cpu.V64[1], 7n, 'fmov v0.d[1], x1 writes the upper half');
    assert.strictEqual(cpu.V64[0], 0x0123456789abcdefn, '... and keeps the lower half');
  });

  it('converts between half, single and double precision', () => {
    let cpu = runWords([0x1e624020], (c) => setD(c, 1, 1 / 3));
    assert.strictEqual(cpu.VF32[0], Math.fround(1 / 3));
    assert.strictEqual(cpu.fpsr, FPSR.IXC);
    cpu = runWords([0x1e22c020], (c) => setSBits(c, 1, 0x7f800001));
    assert.strictEqual(dBits(cpu, 0), 0x7ff8000020000000n, 'a signalling NaN keeps its payload, quietened');
    assert.strictEqual(cpu.fpsr, FPSR.IOC);
    cpu = runWords([0x1e23c020], (c) => setS(c, 1, 65504));
    assert.strictEqual(cpu.V16[0], 0x7bff);
    assert.strictEqual(cpu.V64[0], 0x7bffn);
    cpu = runWords([0x1e23c020], (c) => setS(c, 1, 65520));
    assert.strictEqual(cpu.V16[0], 0x7c00, 'rounds to infinity');
    assert.strictEqual(cpu.fpsr, FPSR.OFC | FPSR.IXC);
    cpu = runWords([0x1ee24020], (c) => { c.V16[8] = 0x3555; });
    assert.strictEqual(cpu.VF32[0], 0.333251953125);
    cpu = runWords([0x1ee2c020], (c) => { c.V16[8] = 0x0001; });
    assert.strictEqual(cpu.VF64[0], 2 ** -24, 'half subnormals are exact');
    cpu = runWords([0x1e63c020], (c) => setD(c, 1, 1 + 2 ** -11));
    assert.strictEqual(cpu.V16[0], 0x3c00, 'ties to even');
  });

  it('rounds to integral values', () => {
    const frint = (word: number, x: number, fpcr = 0) => runWords([word], (c) => { c.fpcr = fpcr; setD(c, 1, x); });
    assert.strictEqual(frint(0x1e644020, 2.5).VF64[0], 2);
    assert.strictEqual(frint(0x1e644020, 3.5).VF64[0], 4);
    assert.strictEqual(frint(0x1e664020, 2.5).VF64[0], 3);
    assert.strictEqual(frint(0x1e664020, -2.5).VF64[0], -3);
    assert.strictEqual(frint(0x1e654020, -0.5).VF64[0], -1);
    assert.ok(Object.is(frint(0x1e64c020, -0.5).VF64[0], -0));
    assert.ok(Object.is(frint(0x1e65c020, -0.7).VF64[0], -0));
    assert.strictEqual(frint(0x1e654020, 2.5).fpsr, 0, 'only FRINTX signals Inexact');
    assert.strictEqual(frint(0x1e674020, 2.5).fpsr, FPSR.IXC);
    assert.strictEqual(frint(0x1e67c020, 2.1, FPCR.RP).VF64[0], 3, 'FRINTI follows FPCR');
    assert.strictEqual(frint(0x1e674020, 2 ** 60 + 2 ** 9).VF64[0], 2 ** 60 + 2 ** 9);
  });

  it('converts to integers with rounding, saturation and NaN -> 0', () => {
    const toInt = (word: number, x: number) => runWords([word], (c) => { c.X[0] = 0xdeadn; setD(c, 1, x); });
    assert.strictEqual(toInt(0x1e780020, 3.9).X[0], 3n);
    assert.strictEqual(toInt(0x1e780020, -3.9).X[0], 0xfffffffdn, 'W result zero-extended');
    assert.strictEqual(toInt(0x1e780020, 3.9).fpsr, FPSR.IXC);
    let cpu = toInt(0x1e780020, 1e10);
    assert.strictEqual(cpu.X[0], 0x7fffffffn);
    assert.strictEqual(cpu.fpsr, FPSR.IOC, 'saturation: Invalid, not Inexact');
    cpu = runWords([0x1e780020], (c) => setDBits(c, 1, 0x7ff8000000000000n));
    assert.strictEqual(cpu.X[0], 0n);
    assert.strictEqual(cpu.fpsr, FPSR.IOC);
    assert.strictEqual(toInt(0x1e790020, -1.5).X[0], 0n);
    assert.strictEqual(toInt(0x1e790020, -1.5).fpsr, FPSR.IOC);
    assert.strictEqual(toInt(0x1e790020, -0.5).fpsr, FPSR.IXC);
    assert.strictEqual(toInt(0x9e780020, -(2 ** 63)).X[0], 0x8000000000000000n);
    assert.strictEqual(toInt(0x9e780020, 2 ** 63).X[0], 0x7fffffffffffffffn);
    assert.strictEqual(toInt(0x9e600020, 2.5).X[0], 2n, 'fcvtns ties to even');
    assert.strictEqual(toInt(0x9e640020, 2.5).X[0], 3n, 'fcvtas ties away');
    assert.strictEqual(toInt(0x9e700020, -2.5).XS[0], -3n, 'fcvtms');
    assert.strictEqual(toInt(0x9e680020, 2.1).X[0], 3n, 'fcvtps');
    assert.strictEqual(toInt(0x1e58f020, 1.5).X[0], 24n, 'fixed point: #4 fraction bits');
    cpu = runWords([0x9e390020], (c) => setS(c, 1, 2 ** 64));
    assert.strictEqual(cpu.X[0], 0xffffffffffffffffn);
    assert.strictEqual(runWords([0x1e380020], (c) => setS(c, 1, -7.5)).X[0], 0xfffffff9n);
  });

  it('converts from integers, rounding in FPCR mode', () => {
    let cpu = runWords([0x9e620020], (c) => { c.X[1] = 0x7fffffffffffffffn; });
    assert.strictEqual(cpu.VF64[0], 2 ** 63);
    assert.strictEqual(cpu.fpsr, FPSR.IXC);
    cpu = runWords([0x9e620020], (c) => { c.fpcr = FPCR.RZ; c.X[1] = 0x7fffffffffffffffn; });
    assert.strictEqual(cpu.VF64[0], 2 ** 63 - 1024);
    cpu = runWords([0x1e230020], (c) => { c.X[1] = 0xffffffffn; });
    assert.strictEqual(cpu.VF32[0], 2 ** 32);
    cpu = runWords([0x1e42f420], (c) => { c.X[1] = 0xfffffff4n; });
    assert.strictEqual(cpu.VF64[0], -1.5, 'scvtf #3: -12 / 8');
    cpu = runWords([0x9e630020], (c) => { c.X[1] = 0xffffffffffffffffn; });
    assert.strictEqual(cpu.VF64[0], 2 ** 64);
    // 2^60 + 2^36 + 1 is just above a single-precision tie: a double rounding would go down.
    cpu = runWords([0x9e220020], (c) => { c.X[1] = (1n << 60n) + (1n << 36n) + 1n; });
    assert.strictEqual(cpu.VF32[0], 2 ** 60 + 2 ** 37);
  });
});
