import * as assert from 'assert';
import { add32, add64, div32, div64, mul32, mul64, mulAdd32, mulAdd64, sqrt32, sqrt64 } from '../../../src/arch/encodings/simdFp/fpArithmetic';
import { DOUBLE, ExactValue, FloatFormat, SINGLE, exactOfDouble, roundExact } from '../../../src/arch/encodings/simdFp/exactRounding';
import { exactProduct, exactQuotient, exactSquareRoot, exactSum } from '../../../src/arch/encodings/simdFp/exactArithmetic';
import { FPCR_FZ, FPSR_IXC, FPSR_OFC, FPSR_UFC, FpEnvironment, Rounding } from '../../../src/arch/encodings/simdFp/fpControl';
import { Random } from './randomFloats';

const MODES = [Rounding.TieEven, Rounding.PosInf, Rounding.NegInf, Rounding.Zero];

function env(rounding: Rounding, fz = false, fpsr = 0): FpEnvironment {
  return { fpcr: (rounding << 22) | (fz ? FPCR_FZ : 0), fpsr };
}

/**
 * FPSR before each operation: clear, and with Inexact already raised (where results that
 * need no error term return early), so both paths meet the same operands.
 */
const STARTING_FPSR = [0, FPSR_IXC];

/** The reference: the exact value rounded once by exactRounding.ts. */
function reference(e: FpEnvironment, fmt: FloatFormat, v: ExactValue, rounding: Rounding): number {
  if (v.mantissa === 0n) return rounding === Rounding.NegInf ? -0 : 0;
  return roundExact(e, fmt, v, rounding);
}

function same(actual: number, expected: number, what: string): void {
  assert.ok(Object.is(actual, expected), `${what}: got ${actual}, expected ${expected}`);
}

describe('simdFp: FP arithmetic against the exact reference', () => {
  const random = new Random(12345);
  const ex = exactOfDouble;

  for (const rounding of MODES) {
    it(`binary64 + * / sqrt agree with exact rounding (RMode ${rounding})`, () => {
      for (let i = 0; i < 3000; i++) {
        const a = random.double();
        // Nearby operands make cancellation and close quotients likely.
        const b = i % 3 === 0 ? -a * (1 + random.below(1000) * 2 ** -52) : random.double();
        const cases: [string, (e: FpEnvironment) => number, ExactValue][] = [
          ['add', (e) => add64(e, a, b), exactSum(ex(a), ex(b))],
          ['mul', (e) => mul64(e, a, b), exactProduct(ex(a), ex(b))],
          ['div', (e) => div64(e, a, b), exactQuotient(ex(a), ex(b))],
          ['sqrt', (e) => sqrt64(e, Math.abs(a)), exactSquareRoot(ex(Math.abs(a)))],
        ];
        for (const [name, fast, exact] of cases) {
          for (const fpsr of STARTING_FPSR) {
            const fe = env(rounding, false, fpsr);
            const re = env(rounding, false, fpsr);
            same(fast(fe), reference(re, DOUBLE, exact, rounding), `${name}(${a}, ${b})`);
            assert.strictEqual(fe.fpsr, re.fpsr, `${name}(${a}, ${b}) flags`);
          }
        }
      }
    });

    it(`binary32 + * / sqrt agree with exact rounding (RMode ${rounding})`, () => {
      for (let i = 0; i < 3000; i++) {
        const a = random.single();
        const b = i % 3 === 0 ? Math.fround(-a * (1 + random.below(100) * 2 ** -23)) || 1 : random.single();
        const cases: [string, (e: FpEnvironment) => number, ExactValue][] = [
          ['add', (e) => add32(e, a, b), exactSum(ex(a), ex(b))],
          ['mul', (e) => mul32(e, a, b), exactProduct(ex(a), ex(b))],
          ['div', (e) => div32(e, a, b), exactQuotient(ex(a), ex(b))],
          ['sqrt', (e) => sqrt32(e, Math.abs(a)), exactSquareRoot(ex(Math.abs(a)))],
        ];
        for (const [name, fast, exact] of cases) {
          for (const fpsr of STARTING_FPSR) {
            const fe = env(rounding, false, fpsr);
            const re = env(rounding, false, fpsr);
            same(fast(fe), reference(re, SINGLE, exact, rounding), `${name}(${a}, ${b})`);
            assert.strictEqual(fe.fpsr, re.fpsr, `${name}(${a}, ${b}) flags`);
          }
        }
      }
    });

    it(`fused multiply-add rounds once (RMode ${rounding})`, () => {
      for (let i = 0; i < 4000; i++) {
        const wide = i % 2 === 0;
        const a = wide ? random.double(-600, 600) : random.single();
        const b = wide ? random.double(-600, 600) : random.single();
        // c close to -a*b makes a*b + c cancel, where a double rounding would show.
        let c = wide ? random.double(-1200, 1200) : random.single();
        if (i % 4 < 2) {
          const near = wide ? -(a * b) * (1 + random.below(4) * 2 ** -52) : Math.fround(-(a * b));
          if (near !== 0 && Number.isFinite(near)) c = near;
        }
        const exact = exactSum(exactProduct(ex(a), ex(b)), ex(c));
        for (const fpsr of STARTING_FPSR) {
          const fe = env(rounding, false, fpsr);
          const re = env(rounding, false, fpsr);
          const got = wide ? mulAdd64(fe, c, a, b) : mulAdd32(fe, c, a, b);
          same(got, reference(re, wide ? DOUBLE : SINGLE, exact, rounding), `fma(${a}, ${b}, ${c})`);
          assert.strictEqual(fe.fpsr, re.fpsr, `fma(${a}, ${b}, ${c}) flags`);
        }
      }
    });
  }

  it('fused multiply-add differs from multiply-then-add where double rounding shows', () => {
    // a*a = 1 + 2^-29 + 2^-60: a separate multiply rounds the 2^-60 away and the add then
    // cancels to exactly 2^-29; the fused result keeps the tail, exactly.
    const a = 1 + 2 ** -30;
    const e = env(Rounding.TieEven);
    assert.strictEqual(mulAdd64(e, -1, a, a), 2 ** -29 + 2 ** -60);
    assert.strictEqual(a * a - 1, 2 ** -29);
    assert.strictEqual(e.fpsr, 0, 'exact: no Inexact');
    const s = env(Rounding.TieEven);
    const a32 = 1 + 2 ** -12;
    assert.strictEqual(mulAdd32(s, -1, a32, a32), 2 ** -11 + 2 ** -24);
    assert.strictEqual(Math.fround(Math.fround(a32 * a32) - 1), 2 ** -11);
    assert.strictEqual(s.fpsr, 0);
  });

  it('fused multiply-add breaks a tie between the nearest doubles by the last bits of the error terms', () => {
    // 1.25 * b = 1 + 2^-54 exactly (uh = 1, ul = 2^-54); with the addend 2^-54 + 2^-106 the
    // error terms sum to 2^-53 + 2^-106, which rounds to 2^-53: th + v = 1 + 2^-53 is a tie
    // that only the dropped 2^-106 decides, upwards.
    const b = 3602879701896397 * 2 ** -52;
    const addend = 2 ** -54 + 2 ** -106;
    for (const fpsr of STARTING_FPSR) {
      const e = env(Rounding.TieEven, false, fpsr);
      assert.strictEqual(mulAdd64(e, addend, 1.25, b), 1 + 2 ** -52);
      assert.strictEqual(mulAdd64(e, -addend, -1.25, b), -1 - 2 ** -52);
      assert.strictEqual(e.fpsr, FPSR_IXC);
    }
  });

  it('flags overflow, underflow and inexact', () => {
    const e = env(Rounding.TieEven);
    assert.strictEqual(mul64(e, 2 ** 1000, 2 ** 1000), Infinity);
    assert.strictEqual(e.fpsr, FPSR_OFC | FPSR_IXC);
    const z = env(Rounding.Zero);
    assert.strictEqual(mul64(z, 2 ** 1000, 2 ** 1000), Number.MAX_VALUE);
    const u = env(Rounding.TieEven);
    // 1.5 * 2^-1074 is a tie between the two smallest subnormals: even wins.
    assert.strictEqual(mul64(u, 1.5 * 2 ** -600, 2 ** -474), 2 ** -1073);
    assert.strictEqual(u.fpsr, FPSR_UFC | FPSR_IXC);
    const f = env(Rounding.TieEven, true);
    assert.ok(Object.is(mul32(f, -(2 ** -100), 2 ** -30), -0));
    assert.strictEqual(f.fpsr, FPSR_UFC, 'flush to zero raises Underflow, not Inexact');
  });
});
