// Inline translations of the floating-point forms of Advanced SIMD two-register
// miscellaneous on .4s/.2s/.2d: FABS, FNEG, FSQRT, SCVTF/UCVTF and FCVTZS/FCVTZU (integer
// lanes of the same width), FCMGT/FCMEQ/FCMLT/FCMGE/FCMLE against #0.0, and FCVTL/FCVTN
// between single and double. The reference semantics are the executors in
// encodings/simdFp (twoRegisterMiscForms.ts, fpConvertLanes.ts).

import { bit, bits } from '../decoder';
import { FPSR_IXC } from '../encodings/simdFp/fpControl';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';
import { NO_FLUSH, SINGLE, settledResult } from './translateFloatingPoint';
import {
  DOUBLE_LANES, LaneFormat, SINGLE_LANES, comparison, computeLanesOrExecute, laneCount, laneFormat, maskDestination, vectorDestination,
} from './vectorFpLanes';

interface Misc {
  readonly w: BlockWriter;
  readonly f: LaneFormat;
  readonly q: number;
  readonly n: number;
  readonly d: number;
  readonly lanes: number;
}

const SIGN_BIT = 0x80000000;

/** Writes `word(i)` to each 32-bit word of Vd's lanes (lane-wise forms that never trap or raise). */
function wordwise(v: Misc, word: (i: number) => string): void {
  v.w.checkFpAccess();
  const words = v.q === 1 ? 4 : 2;
  const statements = Array.from({ length: words }, (_, i) => `VW[${4 * v.d + i}] = ${word(i)};`);
  if (v.q === 0) statements.push(`VD[${2 * v.d + 1}] = 0;`);
  v.w.emit(statements.join(' '));
}

/** FABS and FNEG change only each lane's sign bit (its top word's bit 31), NaN or not. */
function sign(operator: string, mask: number) {
  return (v: Misc) => {
    const top = v.f === DOUBLE_LANES ? 1 : 0;
    wordwise(v, (i) => ((i & top) === top ? `(VW[${4 * v.n + i}] ${operator} ${mask})` : `VW[${4 * v.n + i}]`));
  };
}

function unaryOperands(v: Misc): string[][] {
  return Array.from({ length: v.lanes }, (_, e) => [v.f.element(v.n, e)]);
}

function squareRoot(v: Misc): void {
  const suffix = v.f.precision.suffix;
  computeLanesOrExecute(v.w, unaryOperands(v), {
    settled: ([a], r) => `${r} = ${settledResult(v.f.precision, `Math.sqrt(${a})`)};`,
    general: ([a]) => `fsqrt${suffix}(cpu, ${a})`,
  }, vectorDestination(v.f, v.q, v.d));
}

/** FCM<cc> #0.0; FCMLT/FCMLE compare zero with the element (op1/op2 as in the pseudocode). */
function compareWithZero(operator: string, zeroFirst: boolean) {
  return (v: Misc) => {
    const operands = unaryOperands(v).map(([a]) => (zeroFirst ? ['0', a] : [a, '0']));
    computeLanesOrExecute(v.w, operands, comparison(operator), maskDestination(v.f, v.q, v.d));
  };
}

/**
 * SCVTF/UCVTF from integer lanes of the lane's width: exact when the lane's format holds
 * the integer, rounded by the host (once: high word * 2^32 is exact, adding the low word
 * rounds) when settled. Otherwise 32-bit integers go through FixedToFP, which rounds in
 * FPCR's mode and raises Inexact, and 64-bit ones through the executor.
 */
function fromInteger(unsigned: boolean) {
  return (v: Misc) => {
    const { w, d, n } = v;
    w.checkFpAccess();
    if (v.f === SINGLE_LANES) {
      const integer = (e: number) => (unsigned ? `VW[${4 * n + e}]` : `(VW[${4 * n + e}] | 0)`);
      const lanes = Array.from({ length: v.lanes }, (_, e) =>
        `qa = ${integer(e)}; VS[${4 * d + e}] = st || Math.fround(qa) === qa ? qa : fromInteger32(cpu, qa, 0, false);`);
      w.emit(lanes.join(' ') + (v.q === 0 ? ` VD[${2 * d + 1}] = 0;` : ''));
      return;
    }
    const high = (e: number) => (unsigned ? `VW[${4 * n + 2 * e + 1}]` : `(VW[${4 * n + 2 * e + 1}] | 0)`);
    const exact = (e: number) => (unsigned ? `${high(e)} < 2097152` : `${high(e)} >= -2097152 && ${high(e)} < 2097152`);
    const value = (e: number) => `${high(e)} * 4294967296 + VW[${4 * n + 2 * e}]`;
    w.emit(`if (st || (${exact(0)} && ${exact(1)})) { VD[${2 * d}] = ${value(0)}; VD[${2 * d + 1}] = ${value(1)}; } else E[${w.index}](cpu);`);
  };
}

/**
 * FCVTZS/FCVTZU into integer lanes of the lane's width: every lane truncated within range
 * (Inexact when one had a fraction), else the executor (NaN, out of range, FZ). A
 * truncated double is an exact integer, and so are its quotient by 2^32 and the floor of
 * that: the two words of a 64-bit result come out exactly up to 2^64.
 */
function truncateToInteger(unsigned: boolean) {
  return (v: Misc) => {
    const { w, f, d, n } = v;
    w.checkFpAccess();
    const double = f === DOUBLE_LANES;
    const width = double ? 64 : 32;
    const [low, above] = unsigned ? [0, 2 ** width] : [-(2 ** (width - 1)), 2 ** (width - 1)];
    const results = Array.from({ length: v.lanes }, (_, e) => `q${e}`);
    const truncate = results.map((r, e) => `${r} = Math.trunc(${f.element(n, e)});`).join(' ');
    const inRange = results.map((r) => `${r} >= ${low} && ${r} < ${above}`).join(' && ');
    const inexact = results.map((r, e) => `${r} !== ${f.element(n, e)}`).join(' || ');
    const write = double
      ? results.map((r, e) => `VW[${4 * d + 2 * e}] = ${r} | 0; VW[${4 * d + 2 * e + 1}] = Math.floor(${r} / 4294967296) | 0;`).join(' ')
      : results.map((r, e) => `VW[${4 * d + e}] = ${r};`).join(' ') + (v.q === 0 ? ` VD[${2 * d + 1}] = 0;` : '');
    w.emit(`${truncate} if (${inRange} && ${NO_FLUSH}) { if (${inexact}) cpu.fpsr |= ${FPSR_IXC}; ${write} } else E[${w.index}](cpu);`);
  };
}

/** FCVTL/FCVTL2: the low or high two singles of Vn widened exactly to doubles. */
function widen(w: BlockWriter, q: number, n: number, d: number): void {
  const operands = [0, 1].map((e) => [SINGLE_LANES.element(n, 2 * q + e)]);
  computeLanesOrExecute(w, operands, { general: ([a]) => a, setsFlags: false }, vectorDestination(DOUBLE_LANES, 1, d));
}

/** FCVTN/FCVTN2: Vn's two doubles rounded to singles in the low half (rest zeroed) or the high half of Vd. */
function narrow(w: BlockWriter, q: number, n: number, d: number): void {
  const operands = [0, 1].map((e) => [DOUBLE_LANES.element(n, e)]);
  const destination = (results: string[]) => results.map((r, e) => `${SINGLE_LANES.element(d, 2 * q + e)} = ${r};`).join(' ')
    + (q === 0 ? ` VD[${2 * d + 1}] = 0;` : '');
  computeLanesOrExecute(w, operands, {
    settled: ([a], r) => `${r} = ${settledResult(SINGLE, a)};`,
    general: ([a]) => `toSingle(cpu, ${a})`,
  }, destination);
}

/** The translated forms by U:a:opcode (as twoRegisterMiscForms.ts keys FP_MISC). */
const FORMS: Record<number, (v: Misc) => void> = {
  0b0_1_01111: sign('&', ~SIGN_BIT), // FABS
  0b1_1_01111: sign('^', SIGN_BIT | 0), // FNEG
  0b1_1_11111: squareRoot,
  0b0_0_11101: fromInteger(false), // SCVTF
  0b1_0_11101: fromInteger(true), // UCVTF
  0b0_1_11011: truncateToInteger(false), // FCVTZS
  0b1_1_11011: truncateToInteger(true), // FCVTZU
  0b0_1_01100: compareWithZero('>', false), // FCMGT
  0b0_1_01101: compareWithZero('===', false), // FCMEQ
  0b0_1_01110: compareWithZero('>', true), // FCMLT
  0b1_1_01100: compareWithZero('>=', false), // FCMGE
  0b1_1_01101: compareWithZero('>=', true), // FCMLE
};

/** Advanced SIMD two-register miscellaneous, the floating-point forms above. */
export const TWO_REGISTER_MISC_FLOATING_POINT: Translator = (w, word) => {
  const q = bit(word, 30);
  const u = bit(word, 29);
  const size = bits(word, 22, 2);
  const opcode = bits(word, 12, 5);
  const n = bits(word, 5, 5);
  const d = bits(word, 0, 5);
  if ((opcode === 0b10110 || opcode === 0b10111) && u === 0 && size === 1) {
    w.checkFpAccess();
    if (opcode === 0b10111) widen(w, q, n, d);
    else narrow(w, q, n, d);
    return true;
  }
  const form = FORMS[(u << 6) | ((size >>> 1) << 5) | opcode];
  const f = laneFormat(size & 1, q);
  if (form === undefined || f === undefined) return false;
  form({ w, f, q, n, d, lanes: laneCount(f, q) });
  return true;
};
