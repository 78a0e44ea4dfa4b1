// Differential tests of the scalar floating-point translations: dense random loops of the
// forms the block compiler translates inline (FADD/FSUB/FMUL/FDIV/FNMUL, the fused
// multiply-adds, FMOV/FABS/FNEG/FSQRT/FCVT, FMOV immediate, FCMP/FCMPE, FCSEL, FMOV to and
// from general registers, SCVTF/UCVTF, FCVTZS/FCVTZU) and of SIMD&FP loads and stores,
// over a few registers holding edge values, under each FPCR mode, against the interpreter.

import * as assert from 'assert';
import { Cpu } from '../../../src/arch/cpu';
import { blockSource } from '../../../src/arch/blockCompiler/compileBlock';
import { planBlock } from '../../../src/arch/blockCompiler/blockPlan';
import { SeededRandom } from '../integer/seededRandom';
import { CODE_BASE, DATA_BASE } from '../../support/cpuHarness';
import { ERET, addImmediate, branch, branchConditional, readElr, subsImmediate, writeElr } from './a64Words';
import { blockBackend, describeEachBackend, makeTwins, predecode, runBoth } from './tierHarness';

const VECTOR_BASE = CODE_BASE + 0x800;
const PROGRAM = CODE_BASE + 0x1000;
/** Returns past the faulting instruction (SIMD&FP traps when CPACR_EL1.FPEN says so). */
const SKIPPING_HANDLER = [readElr(27), addImmediate(27, 27, 4), writeElr(27), ERET];
/** FP operands come from V0-V5, general operands from X0-X5; results go to V0-V7 and X6-X13. */
const pickV = (rng: SeededRandom) => rng.next32() % 6;
const pickVd = (rng: SeededRandom) => rng.next32() % 8;
const pickX = (rng: SeededRandom) => rng.next32() % 6;
const pickXd = (rng: SeededRandom) => 6 + (rng.next32() % 8);
const type = (rng: SeededRandom) => rng.next32() & 1;   // single or double

/** One random instruction of a translated scalar FP form (field layouts as in the Arm ARM). */
const FORMS: ((rng: SeededRandom) => number)[] = [
  // FP data-processing (2 source): FMUL, FDIV, FADD, FSUB, FNMUL
  (rng) => 0x1e200800 | (type(rng) << 22) | (pickV(rng) << 16) | ([0, 1, 2, 3, 8][rng.next32() % 5] << 12) | (pickV(rng) << 5) | pickVd(rng),
  // FP data-processing (3 source): FMADD, FMSUB, FNMADD, FNMSUB
  (rng) => 0x1f000000 | (type(rng) << 22) | ((rng.next32() & 1) << 21) | (pickV(rng) << 16) | ((rng.next32() & 1) << 15) | (pickV(rng) << 10) | (pickV(rng) << 5) | pickVd(rng),
  // FP data-processing (1 source): FMOV, FABS, FNEG, FSQRT, FCVT to single or double
  (rng) => 0x1e204000 | (type(rng) << 22) | ([0, 1, 2, 3, 4, 5][rng.next32() % 6] << 15) | (pickV(rng) << 5) | pickVd(rng),
  // FMOV (scalar, immediate)
  (rng) => 0x1e201000 | (type(rng) << 22) | ((rng.next32() & 0xff) << 13) | pickVd(rng),
  // FCMP, FCMPE (register or #0.0)
  (rng) => 0x1e202000 | (type(rng) << 22) | (pickV(rng) << 16) | (pickV(rng) << 5) | ((rng.next32() & 3) << 3),
  // FCSEL
  (rng) => 0x1e200c00 | (type(rng) << 22) | (pickV(rng) << 16) | ((rng.next32() & 15) << 12) | (pickV(rng) << 5) | pickVd(rng),
  // FMOV Wd, Sn / Xd, Dn and FMOV Sd, Wn / Dd, Xn
  (rng) => {
    const sf = rng.next32() & 1;
    const toGeneral = (rng.next32() & 1) === 1;
    return 0x1e260000 | (sf << 31) | (sf << 22) | (toGeneral ? (pickV(rng) << 5) | pickXd(rng) : (1 << 16) | (pickX(rng) << 5) | pickVd(rng));
  },
  // SCVTF, UCVTF from W or X
  (rng) => 0x1e220000 | ((rng.next32() & 1) << 31) | (type(rng) << 22) | ((rng.next32() & 1) << 16) | (pickX(rng) << 5) | pickVd(rng),
  // FCVTZS, FCVTZU to W or X
  (rng) => 0x1e380000 | ((rng.next32() & 1) << 31) | (type(rng) << 22) | ((rng.next32() & 1) << 16) | (pickV(rng) << 5) | pickXd(rng),
  // LDR/STR (unsigned offset) of B/H/S/D/Q registers at [X20, #0..#63 scaled]
  (rng) => {
    const [size, opc] = [[0, 0], [1, 0], [2, 0], [3, 0], [0, 2]][rng.next32() % 5];
    return 0x3d000000 | (size << 30) | ((opc | (rng.next32() & 1)) << 22) | ((rng.next32() & 63) << 10) | (20 << 5) | pickVd(rng);
  },
  // LDP/STP (signed offset) of S/D/Q registers at [X21, #-8..#7 scaled]
  (rng) => 0x2d000000 | ((rng.next32() % 3) << 30) | ((rng.next32() & 1) << 22) | (((rng.next32() & 15) - 8 & 0x7f) << 15) | (pickVd(rng) << 10) | (21 << 5) | pickVd(rng),
  // LDR/STR (register offset) of D registers at [X20, X22, LSL #3]
  (rng) => 0xfc206800 | ((rng.next32() & 1) << 22) | (22 << 16) | (1 << 12) | (20 << 5) | pickVd(rng),
  // SCVTF/UCVTF and FCVTZS/FCVTZU with fraction bits (W forms take scale 32..63)
  (rng) => {
    const sf = rng.next32() & 1;
    const toInteger = (rng.next32() & 1) === 1;
    const scale = sf === 1 ? rng.next32() & 63 : 32 + (rng.next32() & 31);
    const [rmode, opcode] = toInteger ? [3, rng.next32() & 1] : [0, 2 | (rng.next32() & 1)];
    const registers = toInteger ? (pickV(rng) << 5) | pickXd(rng) : (pickX(rng) << 5) | pickVd(rng);
    return 0x1e000000 | (sf << 31) | (type(rng) << 22) | (rmode << 19) | (opcode << 16) | (scale << 10) | registers;
  },
];

const FP_EDGE_VALUES = [
  0, -0, 1, -1, 0.5, -2.5, 3, 1 / 3, -1e300, 1e-300, 5e-324, 2.2250738585072014e-308, 1.1754942e-38, 1e-45, Infinity, -Infinity,
  2 ** 31 - 0.5, -(2 ** 31), 2 ** 32 - 0.25, 2 ** 53, -(2 ** 53) - 2, 2 ** 63, 3.4028235e38, 1e39, 1e-40,
];
/** Magnitudes whose products, quotients and sums overflow or underflow (every other program uses only these). */
const FP_EXTREME_VALUES = [1e-160, -3e-170, 1e160, -1e300, 1e-300, 5e-324, 2.2250738585072014e-308, 3.4028235e38, -1e-40, 1.1754942e-38, 1e-20, -3e-25, 1e20];
const INTEGER_EDGE_VALUES = [0n, 1n, -1n, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn, 0x1f_ffff_ffff_ffffn, 0x20_0000_0000_0000n, 0x20_0000_0000_0001n, 0x3f_ffff_ffff_ffffn, 0x7fff_ffff_ffff_ffffn, -(2n ** 53n), 123456789n];
/** Reset value, each rounding mode, FZ, DN. */
const FPCR_MODES = [0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25];

function setVectorRegister(cpu: Cpu, rng: SeededRandom, r: number, values: readonly number[]): void {
  const pick = () => values[rng.next32() % values.length];
  for (let w = 0; w < 4; w++) cpu.V32[4 * r + w] = rng.next32();
  switch (rng.next32() % 7) {
    case 0: case 5: cpu.VF64[2 * r] = pick(); break;
    case 1: case 6: cpu.VF32[4 * r] = pick(); break;
    case 2: cpu.VF64[2 * r] = ((rng.next32() % 64) - 32) / 4; break;
    case 3: cpu.VF32[4 * r] = ((rng.next32() % 64) - 32) / 4; break;
    default: // a quiet or signalling NaN in both views
      cpu.V32[4 * r + 1] = (0x7ff00000 | (rng.next32() & 0x000fffff)) | ((rng.next32() & 1) << 19) | 1;
      cpu.V32[4 * r] = 0x7f800001 | (rng.next32() & 0x7fffff);
  }
}

/**
 * The forms WebAssembly blocks translate: all but FCVT and the single-precision fused
 * multiply-adds (which come out here too, and keep their loop in JavaScript).
 */
const WASM_FORMS = [FORMS[0], FORMS[0], ...FORMS];

/** loop: 12 random FP instructions; subs x28, x28, #1; b.ne loop; b . */
function program(rng: SeededRandom, forms = FORMS): number[] {
  const words: number[] = [];
  for (let i = 0; i < 12; i++) words.push(forms[rng.next32() % forms.length](rng) >>> 0);
  return [...words, subsImmediate(28, 28, 1), branchConditional(1, -4 * 12), branch(0)];
}

function loadProgram(cpu: Cpu, rng: SeededRandom, words: number[], fpcr: number, cpacr: number): void {
  const put = (address: number, w: number) => cpu.ram.setUint32(address - cpu.ramBase, w, true);
  SKIPPING_HANDLER.forEach((w, i) => put(VECTOR_BASE + 0x200 + 4 * i, w));
  words.forEach((w, i) => put(PROGRAM + 4 * i, w));
  for (let i = 0; i < 0x1000; i += 4) cpu.ram.setUint32(DATA_BASE - cpu.ramBase + i, rng.next32(), true);
  cpu.vbarEl1 = BigInt(VECTOR_BASE);
  cpu.pc = PROGRAM;
  const values = (rng.next32() & 1) === 1 ? FP_EDGE_VALUES : FP_EXTREME_VALUES;
  for (let r = 0; r < 32; r++) setVectorRegister(cpu, rng, r, values);
  for (let r = 0; r < 6; r++) cpu.X[r] = BigInt.asUintN(64, INTEGER_EDGE_VALUES[rng.next32() % INTEGER_EDGE_VALUES.length]);
  cpu.X[20] = BigInt(DATA_BASE + 0x100);
  cpu.X[21] = BigInt(DATA_BASE + 0x800);
  cpu.X[22] = BigInt(rng.next32() % 64);
  cpu.X[28] = 50n;
  cpu.nzcv = (rng.next32() & 15) << 28;
  cpu.fpcr = fpcr;
  cpu.fpsr = (rng.next32() & 1) === 1 ? 0x10 : 0;   // IXC already set or not
  cpu.cpacrEl1 = cpacr;
  for (let i = 0; i < words.length; i++) cpu.fetch(PROGRAM + 4 * i);
}

function runSeed(seed: number, fpcr: number, cpacr = 0x300000, forms = FORMS): Cpu {
  const rng = new SeededRandom(seed);
  const words = program(rng, forms);
  const state = rng.next32();
  const twins = makeTwins([], (cpu) => loadProgram(cpu, new SeededRandom(state), words, fpcr, cpacr), 1);
  for (let done = 0; done < 400; done += 37) runBoth(twins, 37, `seed ${seed}, FPCR ${fpcr.toString(16)}, after ${done}`);
  assert.ok(twins.compiled.blockCompilerStats!.blocksCompiled > 0, 'the loop was compiled');
  return twins.compiled;
}

describeEachBackend('block compiler: scalar floating point against the interpreter', function () {
  this.timeout(120_000);

  for (const fpcr of FPCR_MODES) {
    it(`matches the interpreter with FPCR = 0x${fpcr.toString(16)}`, () => {
      for (let seed = 1; seed <= 150; seed++) runSeed(seed * 7 + fpcr, fpcr);
    });
  }

  it('matches the interpreter on loops of the forms WebAssembly blocks translate', () => {
    let wasmBlocks = 0;
    for (const fpcr of FPCR_MODES) {
      for (let seed = 1; seed <= 60; seed++) wasmBlocks += runSeed(seed * 11 + fpcr, fpcr, 0x300000, WASM_FORMS).blockCompilerStats!.wasmBlocks;
    }
    if (blockBackend() === 'WebAssembly') assert.ok(wasmBlocks >= 60, `${wasmBlocks} WebAssembly blocks`);
  });

  it('takes the SIMD&FP access trap where the interpreter takes it (CPACR_EL1.FPEN = 0b00 and 0b01)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      runSeed(seed, 0, 0);
      runSeed(seed, 0, 0x100000);
    }
  });

  it('translates the scalar forms inline instead of calling the executor', () => {
    // fadd d0, d1, d2; fmadd s3, s4, s5, s6; fcmp d0, d1; fcvtzs x6, d0; b .
    const words = [0x1e622820, 0x1f051883, 0x1e612000, 0x9e780006, branch(0)];
    const twins = makeTwins(words);
    predecode(twins.compiled, CODE_BASE, words.length);
    const source = blockSource(twins.compiled, planBlock(twins.compiled, CODE_BASE));
    assert.match(source, /fadd64\(cpu, qa, qb\)/);
    assert.match(source, /fmuladd32\(cpu, qa, qb, qc\)/);
    assert.match(source, /Math\.trunc/);
    assert.strictEqual(source.match(/E\[\d\]\(cpu\)/g)?.length, 2, 'only the arithmetic slow paths call executors');
  });
});
