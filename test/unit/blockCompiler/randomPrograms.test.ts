// Differential tests: random loops of integer, floating-point, SIMD, load/store and branch
// instructions run on the interpreter and on the block compiler, compared after every run
// of a random budget (general and SIMD&FP registers, NZCV, FPSR, PC, exception registers,
// instruction count and all of RAM). SIMD&FP registers start with edge values (zeros,
// infinities, quiet and signalling NaNs, denormals, values at the integer limits) and FPCR
// with a random rounding mode, FZ or DN in some programs.
//
// The random words come from the decode table's own patterns, so register 31 (SP or
// ZR), reserved field values (UNDEFINED) and odd immediates all occur. A vector at
// VBAR_EL1 skips any instruction that faults, so aborts, UNDEFINED and BRK inside
// compiled blocks are exercised and the program keeps going; accesses outside RAM stop
// the run as an MMIO exit, which the harness skips like a VMM that ignores the access.

import * as assert from 'assert';
import { Cpu, Stop } from '../../../src/arch/cpu';
import { defaultDecodeTable } from '../../../src/arch/table';
import { SeededRandom } from '../integer/seededRandom';
import { CODE_BASE } from '../../support/cpuHarness';
import {
  ERET, RET, addImmediate, branch, branchConditional, branchWithLink, branchWithLinkToRegister,
  compareBranch, readElr, subsImmediate, testBranch, writeElr,
} from './a64Words';
import { Twins, blockBackend, describeEachBackend, makeTwins, runBoth } from './tierHarness';

const table = defaultDecodeTable();

const ARITHMETIC = [
  'ADD_addsub_imm', 'ADDS_addsub_imm', 'SUB_addsub_imm', 'SUBS_addsub_imm',
  'ADD_addsub_shift', 'ADDS_addsub_shift', 'SUB_addsub_shift', 'SUBS_addsub_shift',
  'ADD_addsub_ext', 'ADDS_addsub_ext', 'SUB_addsub_ext', 'SUBS_addsub_ext',
  'AND_log_imm', 'ORR_log_imm', 'EOR_log_imm', 'ANDS_log_imm',
  'AND_log_shift', 'BIC_log_shift', 'ORR_log_shift', 'ORN_log_shift', 'EOR_log_shift', 'EON_log_shift', 'ANDS_log_shift', 'BICS_log_shift',
  'MOVZ', 'MOVN', 'MOVK', 'ADR', 'ADRP', 'SBFM', 'UBFM', 'BFM', 'EXTR',
  'CSEL', 'CSINC', 'CSINV', 'CSNEG', 'CCMP_reg', 'CCMN_reg', 'CCMP_imm', 'CCMN_imm',
  'MADD', 'MSUB', 'SMADDL', 'SMSUBL', 'UMADDL', 'UMSUBL', 'UMULH', 'SMULH', 'UDIV', 'SDIV', 'UDIV', 'SDIV', 'LSLV', 'LSRV', 'ASRV', 'RORV', 'ADC', 'ADCS', 'SBC', 'SBCS',
  'RBIT', 'REV16', 'REV32_or_REV_32', 'REV_64', 'CLZ', 'CLS', 'BFM', 'EXTR', 'RORV', 'ADC', 'ADCS', 'SBC', 'SBCS',
];
/** Scalar FP groups the compiler translates, and SIMD groups whose executors it calls in place. */
const FLOATING = [
  'FP_2SRC', 'FP_2SRC', 'FP_3SRC', 'FP_3SRC', 'FP_1SRC', 'FP_IMM', 'FP_COMPARE', 'FP_CSELECT', 'FP_INT_CONVERT', 'FP_INT_CONVERT',
  'ASIMD_THREE_SAME', 'ASIMD_COPY', 'ASIMD_TWO_REG_MISC',
];
/** Encodings among FLOATING whose Rd field may name a general register. */
const GENERAL_DESTINATION = new Set(['FP_INT_CONVERT', 'ASIMD_COPY']);
const MEMORY = [
  'LDR_STR_unsigned_immediate', 'LDUR_STUR_unscaled', 'LDR_STR_immediate_pre', 'LDR_STR_immediate_post',
  'LDR_STR_register_offset', 'LDP_STP_offset', 'LDP_STP_pre', 'LDP_STP_post', 'LDNP_STNP', 'LDR_literal',
];

const VECTOR_BASE = CODE_BASE + 0x800;
const PROGRAM = CODE_BASE + 0x1000;
const DATA = CODE_BASE + 0x40000;
/** Registers the random instructions do not write: data pointers, indices, the leaf address, the counter, LR. */
const PROTECTED = new Set([20, 21, 22, 23, 24, 25, 26, 28, 30]);
const WRITABLE = [...Array(32).keys()].filter((r) => !PROTECTED.has(r));

function encodingNamed(name: string) {
  const e = table.all.find((x) => x.name === name);
  if (e === undefined) throw new Error(`no encoding ${name}`);
  return e;
}

function randomWord(rng: SeededRandom, name: string): number {
  const e = encodingNamed(name);
  for (;;) {
    const word = rng.wordMatching(e.mask, e.value);
    if (table.lookup(word)?.name === name) return word;
  }
}

function withField(word: number, lsb: number, value: number): number {
  return ((word & ~(31 << lsb)) | (value << lsb)) >>> 0;
}

function unprotected(rng: SeededRandom, register: number): number {
  return PROTECTED.has(register) ? WRITABLE[rng.next32() % WRITABLE.length] : register;
}

function randomArithmetic(rng: SeededRandom): number {
  const word = randomWord(rng, ARITHMETIC[rng.next32() % ARITHMETIC.length]);
  return withField(word, 0, unprotected(rng, word & 31));
}

function randomFloating(rng: SeededRandom): number {
  const name = FLOATING[rng.next32() % FLOATING.length];
  const word = randomWord(rng, name);
  return GENERAL_DESTINATION.has(name) ? withField(word, 0, unprotected(rng, word & 31)) : word;
}

function randomMemory(rng: SeededRandom): number {
  const name = MEMORY[rng.next32() % MEMORY.length];
  let word = randomWord(rng, name);
  word = withField(word, 0, unprotected(rng, word & 31));
  if (name === 'LDR_literal') return word;
  word = withField(word, 5, [20, 21, 22, 23, 31][rng.next32() % 5]);
  if (name.startsWith('LDP') || name.startsWith('LDNP')) word = withField(word, 10, unprotected(rng, (word >>> 10) & 31));
  if (name === 'LDR_STR_register_offset') word = withField(word, 16, 24 + (rng.next32() & 1));
  return word;
}

/** A branch that skips 1..3 following instructions (conditional, or a B the trace follows). */
function randomForwardBranch(rng: SeededRandom): number {
  const skip = 4 * (2 + (rng.next32() % 3));
  const register = rng.next32() % 32;
  switch (rng.next32() % 5) {
    case 4: return branch(skip);
    case 0: return branchConditional(rng.next32() % 16, skip);
    case 1: return compareBranch((rng.next32() & 1) === 1, (rng.next32() & 1) === 1, register, skip);
    default: return testBranch((rng.next32() & 1) === 1, register, rng.next32() % 64, skip);
  }
}

interface RandomProgram {
  words: Map<number, number>;
  leaf: number;
}

/** Which instructions a program draws from: all groups, or no SIMD&FP (blocks WebAssembly can translate whole). */
type Mix = 'all' | 'integer';

/** loop: body; subs x28, x28, #1; b.ne loop; b . ; leaf: one instruction; ret. */
function randomProgram(rng: SeededRandom, length: number, mix: Mix): RandomProgram {
  const words = new Map<number, number>();
  let pc = PROGRAM;
  const put = (w: number) => { words.set(pc, w); pc += 4; };
  const calls: number[] = [];
  for (let i = 0; i < length; i++) {
    const kind = rng.next32() % 100;
    if (kind < 40) put(randomArithmetic(rng));
    else if (kind < 50) put(mix === 'all' ? randomFloating(rng) : randomArithmetic(rng));
    else if (kind < 80) put(randomMemory(rng));
    else if (kind < 93 && i < length - 4) put(randomForwardBranch(rng));
    else if (kind < 97) { calls.push(pc); put(0); }
    else put(branchWithLinkToRegister(26));
  }
  put(subsImmediate(28, 28, 1));
  put(branchConditional(1, PROGRAM - pc));
  put(branch(0));
  const leaf = pc;
  put(withField(randomArithmetic(rng), 0, 0));
  put(RET);
  for (const at of calls) words.set(at, branchWithLink(leaf - at));
  return { words, leaf };
}

/** FPCR: mostly the reset value; otherwise a rounding mode (RMode, bits 23:22), FZ (bit 24) or DN (bit 25). */
const FPCR_CHOICES = [0, 0, 0, 0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25, (1 << 24) | (1 << 25) | (2 << 22)];
const FP_EDGE_VALUES = [
  0, -0, 1, -1, 0.5, -1.5, 3, 1 / 3, 1e300, -1e-300, 5e-324, 2.2250738585072014e-308, 1.1754942e-38, 1e-45,
  Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 32 - 0.5, 2 ** 53, 2 ** 63, -(2 ** 63), 2 ** 64, 4294967295.75, 3.4028235e38, 1e39,
];

/** Low 64 bits of V[r]: an edge double, two edge singles, a NaN, a small integer, or random bits; random upper bits. */
function randomVectorRegister(cpu: Cpu, rng: SeededRandom, r: number): void {
  const pick = () => FP_EDGE_VALUES[rng.next32() % FP_EDGE_VALUES.length];
  for (let w = 0; w < 4; w++) cpu.V32[4 * r + w] = rng.next32();
  switch (rng.next32() % 6) {
    case 0: cpu.VF64[2 * r] = pick(); break;
    case 1: cpu.VF32[4 * r] = pick(); cpu.VF32[4 * r + 1] = pick(); break;
    case 2: cpu.VF64[2 * r] = (rng.next32() % 2000) - 1000; break;
    case 3: cpu.VF32[4 * r] = ((rng.next32() % 2000) - 1000) / 8; break;
    case 4: // a quiet or signalling NaN, double or single
      if ((rng.next32() & 1) === 1) { cpu.V32[4 * r + 1] = 0x7ff00000 | (rng.next32() & 0x000fffff) | 0x80000; cpu.V32[4 * r] = rng.next32(); }
      else { cpu.V32[4 * r] = 0x7f800001 + (rng.next32() & 0x7fffff); }
      break;
    default: break;
  }
}

const EDGE_VALUES = [0n, 1n, 2n, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn, 0x1_0000_0000n, 0x7fff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0xffff_ffff_ffff_ffffn];

/** The vector for exceptions from EL1 with SP_EL1: return past the faulting instruction. */
const SKIPPING_HANDLER = [readElr(27), addImmediate(27, 27, 4), writeElr(27), ERET];

function loadProgram(cpu: Cpu, rng: SeededRandom, program: RandomProgram): void {
  const put = (address: number, w: number) => cpu.ram.setUint32(address - cpu.ramBase, w, true);
  SKIPPING_HANDLER.forEach((w, i) => put(VECTOR_BASE + 0x200 + 4 * i, w));
  for (const [address, w] of program.words) put(address, w);
  cpu.vbarEl1 = BigInt(VECTOR_BASE);
  cpu.pc = PROGRAM;
  // Edge values and repeats make equal, adjacent and overflowing operands common.
  for (let r = 0; r < 31; r++) {
    const choice = rng.next32() % 4;
    if (choice === 0) cpu.X[r] = EDGE_VALUES[rng.next32() % EDGE_VALUES.length];
    else if (choice === 1 && r > 0) cpu.X[r] = cpu.X[rng.next32() % r];
    else cpu.X[r] = BigInt(rng.next32()) << 32n | BigInt(rng.next32());
  }
  for (let r = 20; r < 24; r++) cpu.X[r] = BigInt(DATA + 0x1000 + (rng.next32() % 0xe000));
  cpu.X[24] = BigInt(rng.next32() % 256);
  cpu.X[25] = BigInt(rng.next32() % 64);
  cpu.X[26] = BigInt(program.leaf);
  cpu.X[28] = 400n;
  cpu.X[31] = BigInt(DATA + 0x8000);
  cpu.nzcv = (rng.next32() & 0xf) << 28;
  for (let r = 0; r < 32; r++) randomVectorRegister(cpu, rng, r);
  cpu.fpcr = FPCR_CHOICES[rng.next32() % FPCR_CHOICES.length];
  cpu.fpsr = (rng.next32() & 1) === 1 ? 0x10 : 0;
  for (let i = 0; i < 0x10000; i += 4) cpu.ram.setUint32(DATA - cpu.ramBase + i, rng.next32(), true);
}

/**
 * `predecoded`: the whole program counts as having run, so blocks compiled on first entry
 * span cold paths too; otherwise they grow only over code the interpreter has run.
 */
function runProgram(seed: number, length: number, hotThreshold: number, total: number, predecoded = false, mix: Mix = 'all'): Cpu {
  const rng = new SeededRandom(seed);
  const program = randomProgram(rng, length, mix);
  const state = rng.next32();
  const twins: Twins = makeTwins([], (cpu) => {
    loadProgram(cpu, new SeededRandom(state), program);
    if (predecoded) for (const address of program.words.keys()) cpu.fetch(address);
  }, hotThreshold);
  const budgets = new SeededRandom(seed * 31 + 7);
  let done = 0;
  while (done < total) {
    const budget = 1 + (budgets.next32() % 400);
    const stop = runBoth(twins, budget, `seed ${seed} after ${done}+${budget}`);
    done += budget;
    if (stop === Stop.HypervisorTrap) {
      // An access outside RAM: skip it, as a VMM that ignores unknown MMIO would.
      twins.reference.skipInstruction();
      twins.compiled.skipInstruction();
    } else if (stop !== Stop.Budget) {
      assert.fail(`seed ${seed}: unexpected stop ${stop} (${twins.reference.internalError})`);
    }
  }
  assert.ok(twins.compiled.blockCompilerStats!.blocksCompiled > 0, 'some blocks were compiled');
  return twins.compiled;
}

describeEachBackend('block compiler: random programs against the interpreter', function () {
  this.timeout(120_000);

  it('matches the interpreter with every block compiled on first entry over the whole program', () => {
    for (let seed = 1; seed <= 40; seed++) runProgram(seed, 24 + (seed % 40), 1, 6000, true);
  });

  it('matches the interpreter with blocks compiled on their second entry over code that has run', () => {
    for (let seed = 51; seed <= 80; seed++) runProgram(seed, 24 + (seed % 40), 2, 6000);
  });

  it('matches the interpreter while blocks become hot mid-run', () => {
    for (let seed = 101; seed <= 120; seed++) runProgram(seed, 16 + (seed % 24), 3, 6000);
  });

  it('matches the interpreter on long straight-line blocks', () => {
    for (let seed = 201; seed <= 206; seed++) runProgram(seed, 150, 1, 4000, true);
  });

  it('matches the interpreter on integer programs, most of whose blocks WebAssembly translates whole', () => {
    let wasmBlocks = 0;
    let blocks = 0;
    for (let seed = 301; seed <= 360; seed++) {
      const stats = runProgram(seed, 8 + (seed % 40), 1 + (seed % 3), 6000, seed % 2 === 0, 'integer').blockCompilerStats!;
      wasmBlocks += stats.wasmBlocks;
      blocks += stats.blocksCompiled;
    }
    if (blockBackend() === 'WebAssembly') assert.ok(wasmBlocks > blocks / 4, `${wasmBlocks} of ${blocks} blocks in WebAssembly`);
    else assert.strictEqual(wasmBlocks, 0);
  });
});
