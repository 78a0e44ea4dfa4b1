// Differential tests of the Advanced SIMD floating-point translations: dense random loops
// of every form the block compiler translates inline (three same, by element, scalar
// pairwise, two-register miscellaneous, FMOV immediate) and their untranslated neighbours,
// over registers whose lanes hold edge values (NaNs, infinities, denormals, zeros of both
// signs, integers for the conversions), under each FPCR mode with FPSR.IXC set and clear,
// against the interpreter. Lanes are refreshed from memory by LDR Q inside the loop.

import * as assert from 'assert';
import { Cpu } from '../../../src/arch/cpu';
import { blockSource } from '../../../src/arch/blockCompiler/compileBlock';
import { planBlock } from '../../../src/arch/blockCompiler/blockPlan';
import { SeededRandom } from '../integer/seededRandom';
import { CODE_BASE, DATA_BASE } from '../../support/cpuHarness';
import { branch, branchConditional, subsImmediate } from './a64Words';
import { describeEachBackend, makeTwins, predecode, runBoth } from './tierHarness';
import type { BlockEngineStats } from '../../../src/arch/blockCompiler/blockEngine';

/** Sources and destinations are V0-V7, so results feed later instructions. */
const reg = (rng: SeededRandom) => rng.next32() % 8;
const one = (rng: SeededRandom) => rng.next32() & 1;
const pick = <T>(rng: SeededRandom, items: readonly T[]): T => items[rng.next32() % items.length];

/** Q and sz with the reserved .1d arrangement (sz = 1, Q = 0) left out. */
function arrangement(rng: SeededRandom): [number, number] {
  const sz = one(rng);
  return [sz === 1 ? 1 : one(rng), sz];
}

/** U:a:opcode<2:0> of every FP three-same form, translated or not (FMULX, FRECPS, FRSQRTS). */
const THREE_SAME_FORMS = [
  0b0_0_000, 0b0_1_000, 0b0_0_001, 0b0_1_001, 0b0_0_010, 0b0_1_010, 0b0_0_011, 0b0_0_100, 0b0_0_110, 0b0_1_110, 0b0_0_111, 0b0_1_111,
  0b1_0_000, 0b1_1_000, 0b1_0_010, 0b1_1_010, 0b1_0_011, 0b1_0_100, 0b1_1_100, 0b1_0_101, 0b1_1_101, 0b1_0_110, 0b1_1_110, 0b1_0_111,
];

/** The three-same forms WebAssembly blocks translate: FMLA, FMLS, FADD, FSUB, FADDP, FMUL, FDIV. */
const WASM_THREE_SAME_FORMS = [0b0_0_001, 0b0_1_001, 0b0_0_010, 0b0_1_010, 0b1_0_010, 0b1_0_011, 0b1_0_111];

function threeSame(rng: SeededRandom, forms = THREE_SAME_FORMS): number {
  const [q, sz] = arrangement(rng);
  const key = pick(rng, forms);
  return 0x0e20c400 | (q << 30) | ((key >>> 4) << 29) | (((key >>> 3) & 1) << 23) | (sz << 22) | (reg(rng) << 16) | ((key & 7) << 11) | (reg(rng) << 5) | reg(rng);
}

/** FMLA (0001), FMLS (0101), FMUL (1001) and FMULX (U = 1) by element, vector or scalar. */
function byElement(rng: SeededRandom, withFmulx = true): number {
  const [q, sz] = arrangement(rng);
  const scalar = (rng.next32() % 4) === 0;
  const u = withFmulx && (rng.next32() % 6) === 0 ? 1 : 0;
  const opcode = u === 1 ? 0b1001 : pick(rng, [0b0001, 0b0101, 0b1001]);
  const l = sz === 1 ? 0 : one(rng);
  const base = scalar ? 0x5f000000 : 0x0f000000 | (q << 30);
  return base | (u << 29) | ((2 | sz) << 22) | (l << 21) | (reg(rng) << 16) | (opcode << 12) | (one(rng) << 11) | (reg(rng) << 5) | reg(rng);
}

/** Scalar pairwise FMAXNMP, FMINNMP, FADDP, FMAXP, FMINP of .2s or .2d. */
function scalarPairwise(rng: SeededRandom): number {
  const [a, opcode] = pick(rng, [[0, 0b01100], [1, 0b01100], [0, 0b01101], [0, 0b01111], [1, 0b01111]]);
  return 0x7e300800 | (((a << 1) | one(rng)) << 22) | (opcode << 12) | (reg(rng) << 5) | reg(rng);
}

/** Two-register miscellaneous FP forms by U:a:opcode (translated ones and FRINT/FCVTNS/FRECPE neighbours). */
const MISC_FORMS = [
  0b0_1_01111, 0b1_1_01111, 0b1_1_11111, 0b0_0_11101, 0b1_0_11101, 0b0_1_11011, 0b1_1_11011,
  0b0_1_01100, 0b0_1_01101, 0b0_1_01110, 0b1_1_01100, 0b1_1_01101, 0b0_1_11001, 0b0_0_11010, 0b0_1_11101,
];

/** The two-register forms WebAssembly blocks translate: FABS, FNEG, FSQRT, SCVTF, UCVTF. */
const WASM_MISC_FORMS = [0b0_1_01111, 0b1_1_01111, 0b1_1_11111, 0b0_0_11101, 0b1_0_11101];

function twoRegisterMisc(rng: SeededRandom, forms = MISC_FORMS): number {
  const base = (q: number, u: number, size: number, opcode: number) =>
    0x0e200800 | (q << 30) | (u << 29) | (size << 22) | (opcode << 12) | (reg(rng) << 5) | reg(rng);
  if (forms === MISC_FORMS && (rng.next32() % 4) === 0) {
    // FCVTN/FCVTN2 and FCVTL/FCVTL2 (size 1: single and double; size 0: half, left to the executor).
    return base(one(rng), 0, (rng.next32() % 5) === 0 ? 0 : 1, pick(rng, [0b10110, 0b10111]));
  }
  const key = pick(rng, forms);
  const [q, sz] = arrangement(rng);
  return base(q, key >>> 6, (((key >>> 5) & 1) << 1) | sz, key & 31);
}

/** FMOV (vector, immediate) of .2s, .4s or .2d. */
function moveImmediate(rng: SeededRandom): number {
  const [q, op] = arrangement(rng);
  const imm8 = rng.next32() & 0xff;
  return 0x0f00f400 | (q << 30) | (op << 29) | ((imm8 >>> 5) << 16) | ((imm8 & 31) << 5) | reg(rng);
}

/** LDR Qt, [X20, #16 * (0..31)]: fresh edge values. */
function loadQ(rng: SeededRandom): number {
  return 0x3dc00000 | ((rng.next32() & 31) << 10) | (20 << 5) | reg(rng);
}

const FORMS: ((rng: SeededRandom) => number)[] = [
  threeSame, threeSame, threeSame, threeSame, byElement, byElement, scalarPairwise, twoRegisterMisc, twoRegisterMisc, twoRegisterMisc,
  moveImmediate, loadQ,
];

/** Only forms WebAssembly blocks translate (by element without FMULX), so whole loops become WebAssembly blocks. */
const WASM_FORMS: ((rng: SeededRandom) => number)[] = [
  (rng) => threeSame(rng, WASM_THREE_SAME_FORMS), (rng) => threeSame(rng, WASM_THREE_SAME_FORMS), (rng) => threeSame(rng, WASM_THREE_SAME_FORMS),
  (rng) => byElement(rng, false), (rng) => twoRegisterMisc(rng, WASM_MISC_FORMS), moveImmediate, loadQ,
];

const FP_EDGE_VALUES = [
  0, -0, 1, -1, 0.5, -2.5, 3, 1 / 3, -1e300, 1e-300, 5e-324, 2.2250738585072014e-308, -2.225073858507201e-308, 1.1754942e-38,
  1.1754944e-38, 1e-45, -1e-40, Infinity, -Infinity, 2 ** 31 - 0.5, -(2 ** 31), 2 ** 32 - 0.25, 2 ** 53, -(2 ** 53) - 2, 2 ** 63,
  3.4028235e38, 3.4028236e38, 1e39, 1e-40, 1e-160, -3e-170, 1e160, 1e20, -3e-25, 7, -0.75, 1.5,
];
/** Integer lanes for SCVTF/UCVTF: words and doublewords around the exact and signed limits. */
const INTEGER_WORDS = [0, 1, -1, 7, 0x7fffffff, 0x80000000, 0xffffff, 0x1000001, 0xffffffff, 123456789, -16777217];
const INTEGER_DOUBLEWORDS = [0n, 1n, -1n, 0x1f_ffff_ffff_ffffn, 0x20_0000_0000_0000n, 0x20_0000_0000_0001n, -(2n ** 53n), 0x7fff_ffff_ffff_ffffn, 2n ** 63n];

/** Fills one 64-bit half (bytes at `offset` of `view`) with a random kind of content. */
function fillHalf(view: DataView, offset: number, rng: SeededRandom): void {
  const value = () => pick(rng, FP_EDGE_VALUES);
  const small = () => ((rng.next32() % 64) - 32) / 4;
  // Ordinary values (most lanes of real programs): the settled and general paths.
  const ordinary = () => (rng.next32() / 2 ** 32 - 0.5) * 2 ** ((rng.next32() % 40) - 20);
  switch (rng.next32() % 12) {
    case 9: case 10: view.setFloat64(offset, ordinary(), true); break;
    case 11: view.setFloat32(offset, ordinary(), true); view.setFloat32(offset + 4, ordinary(), true); break;
    case 0: view.setFloat64(offset, value(), true); break;
    case 1: view.setFloat32(offset, value(), true); view.setFloat32(offset + 4, value(), true); break;
    case 2: view.setFloat64(offset, small(), true); break;
    case 3: view.setFloat32(offset, small(), true); view.setFloat32(offset + 4, small(), true); break;
    case 4: // a quiet or signalling double NaN
      view.setUint32(offset + 4, 0x7ff00000 | (rng.next32() & 0x800fffff) | ((rng.next32() & 1) << 19) | 1, true);
      view.setUint32(offset, rng.next32(), true);
      break;
    case 5: // a single NaN beside a value
      view.setUint32(offset + 4 * one(rng), 0x7f800001 | (rng.next32() & 0x807fffff), true);
      break;
    case 6: view.setInt32(offset, pick(rng, INTEGER_WORDS), true); view.setInt32(offset + 4, pick(rng, INTEGER_WORDS), true); break;
    case 7: view.setBigUint64(offset, BigInt.asUintN(64, pick(rng, INTEGER_DOUBLEWORDS)), true); break;
    default: view.setUint32(offset, rng.next32(), true); view.setUint32(offset + 4, rng.next32(), true);
  }
}

/** Reset value, each rounding mode, FZ, DN, and all three together. */
const FPCR_MODES = [0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25, (1 << 22) | (1 << 24) | (1 << 25)];

/**
 * loop: 1 to 12 random instructions; subs x28, x28, #1; b.ne loop; b . (short bodies let
 * a flag one instruction fails to raise show before another raises it).
 */
function program(rng: SeededRandom, forms: typeof FORMS): number[] {
  const body = Array.from({ length: pick(rng, [1, 2, 3, 6, 12, 12]) }, () => pick(rng, forms)(rng) >>> 0);
  return [...body, subsImmediate(28, 28, 1), branchConditional(1, -4 * body.length), branch(0)];
}

function setUp(cpu: Cpu, rng: SeededRandom, words: number[], fpcr: number): void {
  predecode(cpu, CODE_BASE, words.length);
  const registers = new DataView(cpu.V8.buffer, cpu.V8.byteOffset, cpu.V8.byteLength);
  for (let half = 0; half < 64; half++) fillHalf(registers, 8 * half, rng);
  const data = new DataView(cpu.ramBytes.buffer, cpu.ramBytes.byteOffset + (DATA_BASE - cpu.ramBase), 512);
  for (let half = 0; half < 64; half++) fillHalf(data, 8 * half, rng);
  cpu.X[20] = BigInt(DATA_BASE);
  cpu.X[28] = 40n;
  cpu.fpcr = fpcr;
  cpu.fpsr = one(rng) === 1 ? 0x10 : 0; // IXC already set or not
}

/** Runs one random loop on both tiers; returns the compiled twin's block statistics. */
function runSeed(seed: number, fpcr: number, forms = FORMS): BlockEngineStats {
  const rng = new SeededRandom(seed);
  const words = program(rng, forms);
  const state = rng.next32();
  const twins = makeTwins(words, (cpu) => setUp(cpu, new SeededRandom(state), words, fpcr), 1);
  for (let done = 0; done < 500; done += 43) runBoth(twins, 43, `seed ${seed}, FPCR ${fpcr.toString(16)}, after ${done}`);
  const stats = twins.compiled.blockCompilerStats!;
  assert.ok(stats.blocksCompiled > 0, 'the loop was compiled');
  return stats;
}

/** Runs `words` (then B .) once on both tiers with the given register contents and FPSR/FPCR. */
function runCase(words: number[], registers: (cpu: Cpu) => void, fpcr: number, fpsr: number): void {
  const program = [...words, branch(0)];
  const twins = makeTwins(program, (cpu) => {
    predecode(cpu, CODE_BASE, program.length);
    registers(cpu);
    cpu.fpcr = fpcr;
    cpu.fpsr = fpsr;
    }, 1);
  runBoth(twins, words.length + 1, `${words.map((w) => w.toString(16)).join(' ')}, FPCR ${fpcr.toString(16)}, FPSR ${fpsr.toString(16)}`);
}

describeEachBackend('block compiler: Advanced SIMD floating point against the interpreter', function () {
  this.timeout(240_000);

  for (const fpcr of FPCR_MODES) {
    it(`matches the interpreter with FPCR = 0x${fpcr.toString(16)}`, () => {
      for (let seed = 1; seed <= 200; seed++) runSeed(seed * 13 + fpcr, fpcr);
    });
  }
});

describe('block compiler: Advanced SIMD floating point against the interpreter', function () {
  this.timeout(240_000);

  for (const fpcr of FPCR_MODES) {
    it(`matches the interpreter on loops of the forms WebAssembly blocks translate, FPCR = 0x${fpcr.toString(16)}`, () => {
      let wasmBlocks = 0;
      for (let seed = 1; seed <= 150; seed++) wasmBlocks += runSeed(seed * 17 + fpcr, fpcr, WASM_FORMS).wasmBlocks;
      assert.ok(wasmBlocks >= 75, `${wasmBlocks} WebAssembly blocks in 150 loops`);
    });
  }

  it('rounds a fused single-precision lane whose double sum is a tie the way the interpreter does', () => {
    // c + a * b with c = 1 + 2^-23, a = 1 + 2^-23, b = 2^-24 - 2^-47: the exact sum lies just
    // below the single midpoint 1 + 3 * 2^-24, which is what the double sum rounds to.
    const lanes = (cpu: Cpu) => {
      for (let e = 0; e < 4; e++) {
        cpu.VF32[e] = 1 + 2 ** -23;
        cpu.VF32[4 + e] = 1 + 2 ** -23;
        cpu.VF32[8 + e] = e === 3 ? -(2 ** -24 - 2 ** -47) : 2 ** -24 - 2 ** -47;
      }
    };
    for (const fpsr of [0, 0x10]) {
      runCase([0x4e22cc20], lanes, 0, fpsr); // fmla v0.4s, v1.4s, v2.4s
      runCase([0x4ea2cc20], lanes, 0, fpsr); // fmls v0.4s, v1.4s, v2.4s
      runCase([0x4f829020], lanes, 0, fpsr); // fmul v0.4s, v1.4s, v2.s[0] (exact product, for contrast)
      runCase([0x4f821020], lanes, 0, fpsr); // fmla v0.4s, v1.4s, v2.s[0]
    }
  });

  it('converts integers and floating-point values at the exactness and range limits as the interpreter does', () => {
    const conversions = [
      0x4e61d820, 0x6e61d820, 0x4e21d820, 0x6e21d820, 0x0e21d820, // scvtf/ucvtf v0.2d, v1.2d; .4s; scvtf v0.2s
      0x4ee1b820, 0x6ee1b820, 0x4ea1b820, 0x6ea1b820, 0x0ea1b820, // fcvtzs/fcvtzu v0.2d, v1.2d; .4s; fcvtzs v0.2s
    ];
    const doublewords = [...INTEGER_DOUBLEWORDS, 2n ** 53n - 1n, -(2n ** 53n) - 1n, 2n ** 53n + 2n];
    const doubles = [2 ** 53, 2 ** 53 + 2, -(2 ** 53), -(2 ** 53) - 2, 2 ** 63, -(2 ** 63), 2 ** 64, -0.5, -1, 0.75, 2 ** 52 + 0.5];
    const singles = [2 ** 31, 2 ** 31 - 128, -(2 ** 31), -(2 ** 31) - 256, 2 ** 32, 2 ** 32 - 256, -0.5, -1, 16777217, 0.75];
    // V1 holds the value in every lane, or the value and its negation (one lane may need the executor).
    const contents: ((cpu: Cpu) => void)[] = [-1, 1].flatMap((other) => [
      ...doublewords.map((x) => (cpu: Cpu) => { cpu.V64[2] = BigInt.asUintN(64, x); cpu.V64[3] = BigInt.asUintN(64, BigInt(other) * x); }),
      ...INTEGER_WORDS.map((x) => (cpu: Cpu) => { for (let e = 0; e < 4; e++) cpu.V32[4 + e] = e === 2 ? other * x : x; }),
      ...doubles.map((x) => (cpu: Cpu) => { cpu.VF64[2] = x; cpu.VF64[3] = other * x; }),
      ...singles.map((x) => (cpu: Cpu) => { for (let e = 0; e < 4; e++) cpu.VF32[4 + e] = e === 1 ? other * x : x; }),
    ]);
    for (const fpcr of FPCR_MODES) {
      for (const fpsr of [0, 0x10]) {
        for (const word of conversions) for (const content of contents) runCase([word], content, fpcr, fpsr);
      }
    }
  });

  it('translates the vector forms inline instead of calling the executor unconditionally', () => {
    const words = [
      0x4e61cc40, // fmla v0.2d, v2.2d, v1.2d
      0x4e22d420, // fadd v0.4s, v1.4s, v2.4s
      0x6e62fc20, // fdiv v0.2d, v1.2d, v2.2d
      0x4fc19040, // fmul v0.2d, v2.2d, v1.d[0]
      0x7e70d820, // faddp d0, v1.2d
      0x4e61d863, // scvtf v3.2d, v3.2d
      0x4ea1b820, // fcvtzs v0.4s, v1.4s
      0x4e62e420, // fcmeq v0.2d, v1.2d, v2.2d
      0x4ea0f820, // fabs v0.4s, v1.4s
      0x6f03f407, // fmov v7.2d, #0.5
      0x0e616820, // fcvtn v0.2s, v1.2d
      branch(0),
    ];
    const twins = makeTwins(words);
    predecode(twins.compiled, CODE_BASE, words.length);
    const source = blockSource(twins.compiled, planBlock(twins.compiled, CODE_BASE));
    assert.doesNotMatch(source, /^E\[\d+\]\(cpu\);$/m, 'no executor call outside a slow path');
    assert.match(source, /fusedLanes64\(cpu, 0, 4, 2, 1, 2, false\)/);
    assert.match(source, /normalOrNaN32\(Math\.fround\(VS\[4\] \+ VS\[8\]\)\)/);
  });
});
