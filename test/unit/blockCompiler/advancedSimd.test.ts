// Differential tests of the inline Advanced SIMD integer translations: dense random loops
// of every translated form (each encoding group alone, then all mixed), at random
// arrangements over a few registers, so Vd = Vn = Vm and chains through one register
// are common, with random and edge-valued contents, against the interpreter. A quarter
// of the words are other random words of the same group (forms left to the executor,
// reserved arrangements that are UNDEFINED and skipped by the exception handler).

import * as assert from 'assert';
import { Cpu } from '../../../src/arch/cpu';
import { blockSource } from '../../../src/arch/blockCompiler/compileBlock';
import { planBlock } from '../../../src/arch/blockCompiler/blockPlan';
import { BlockWriter } from '../../../src/arch/blockCompiler/blockWriter';
import { ADVANCED_SIMD_TRANSLATORS } from '../../../src/arch/blockCompiler/translateAdvancedSimd';
import { SeededRandom } from '../integer/seededRandom';
import { CODE_BASE } from '../../support/cpuHarness';
import { ERET, addImmediate, branch, branchConditional, readElr, subsImmediate, writeElr } from './a64Words';
import { describeEachBackend, makeTwins, predecode, runBoth } from './tierHarness';
import type { BlockEngineStats } from '../../../src/arch/blockCompiler/blockEngine';

const VECTOR_BASE = CODE_BASE + 0x800;
const PROGRAM = CODE_BASE + 0x1000;
const SKIPPING_HANDLER = [readElr(27), addImmediate(27, 27, 4), writeElr(27), ERET];

type Random = SeededRandom;
const below = (rng: Random, n: number) => rng.next32() % n;
const pick = <T>(rng: Random, items: readonly T[]): T => items[below(rng, items.length)];
/** Mostly V0-V3 (so operands and results collide), sometimes any register. */
const vreg = (rng: Random) => (below(rng, 4) === 0 ? below(rng, 32) : below(rng, 4));
/** General registers for the copy group: X0-X7 and 31 (ZR, or a discarded write); never the loop counter X28. */
const xreg = (rng: Random) => pick(rng, [0, 1, 2, 3, 4, 5, 6, 7, 31]);

/** A valid element size up to `maxSize` and Q (64-bit elements only in 128-bit vectors). */
function arrangement(rng: Random, maxSize: number, minSize = 0): [number, number] {
  const size = minSize + below(rng, maxSize - minSize + 1);
  return [size, size === 3 ? 1 : below(rng, 2)];
}

/** Three same: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd. */
function threeSame(u: number, opcode: number, maxSize: number, minSize = 0) {
  return (rng: Random) => {
    const [size, q] = arrangement(rng, maxSize, minSize);
    return 0x0e200400 | (q << 30) | (u << 29) | (size << 22) | (vreg(rng) << 16) | (opcode << 11) | (vreg(rng) << 5) | vreg(rng);
  };
}

/** Shift by immediate: 0 Q U 011110 immh immb opcode 1 Rn Rd, immh's top bit giving the size. */
function shiftImmediate(u: number, opcode: number, maxSize: number) {
  return (rng: Random) => {
    const [size, q] = arrangement(rng, maxSize);
    const immhImmb = (8 << size) | below(rng, 8 << size);
    return 0x0f000400 | (q << 30) | (u << 29) | (immhImmb << 16) | (opcode << 11) | (vreg(rng) << 5) | vreg(rng);
  };
}

/** Three different: 0 Q U 01110 size 1 Rm opcode 00 Rn Rd (size 0..2). */
function threeDifferent(u: number, opcode: number) {
  return (rng: Random) => {
    const [size, q] = arrangement(rng, 2);
    return 0x0e200000 | (q << 30) | (u << 29) | (size << 22) | (vreg(rng) << 16) | (opcode << 12) | (vreg(rng) << 5) | vreg(rng);
  };
}

/** Two-register misc: 0 Q U 01110 size 10000 opcode 10 Rn Rd. */
function twoRegisterMisc(u: number, opcode: number, maxSize: number) {
  return (rng: Random) => {
    const [size, q] = arrangement(rng, maxSize);
    return 0x0e200800 | (q << 30) | (u << 29) | (size << 22) | (opcode << 12) | (vreg(rng) << 5) | vreg(rng);
  };
}

/** Across lanes: 0 Q U 01110 size 11000 opcode 10 Rn Rd (no 2S form). */
function acrossLanes(u: number, opcode: number, maxSize = 2) {
  return (rng: Random) => {
    const [size, q] = arrangement(rng, maxSize);
    return 0x0e300800 | ((size === 2 ? 1 : q) << 30) | (u << 29) | (size << 22) | (opcode << 12) | (vreg(rng) << 5) | vreg(rng);
  };
}

/** Copy: 0 Q op 01110000 imm5 0 imm4 1 Rn Rd, imm5 = index:1:0..0 for the element size. */
function copy(op: number, imm4: number | undefined, fixedQ: number | undefined, sizes: readonly number[], general: 'n' | 'd' | undefined) {
  return (rng: Random) => {
    const size = pick(rng, sizes);
    const q = fixedQ ?? (size === 3 ? 1 : below(rng, 2));
    const imm5 = ((below(rng, 16) << 1) | 1) << size & 0x1f;
    const field4 = imm4 ?? below(rng, 16);
    const n = general === 'n' ? xreg(rng) : vreg(rng);
    const d = general === 'd' ? xreg(rng) : vreg(rng);
    return 0x0e000400 | (q << 30) | (op << 29) | (imm5 << 16) | (field4 << 11) | (n << 5) | d;
  };
}

/** Every translated form, in valid arrangements only. */
const GROUPS: Record<string, ((rng: Random) => number)[]> = {
  'three same': [
    // AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF (U:size selects)
    threeSame(0, 0b00011, 3), threeSame(1, 0b00011, 3),
    threeSame(0, 0b10000, 3), threeSame(1, 0b10000, 3), // ADD, SUB
    threeSame(0, 0b10011, 2), threeSame(0, 0b10010, 2), threeSame(1, 0b10010, 2), // MUL, MLA, MLS
    threeSame(0, 0b10001, 3), threeSame(1, 0b10001, 3), // CMTST, CMEQ
    threeSame(0, 0b00110, 3), threeSame(1, 0b00110, 3), threeSame(0, 0b00111, 3), threeSame(1, 0b00111, 3), // CMGT, CMHI, CMGE, CMHS
    threeSame(0, 0b01100, 2), threeSame(1, 0b01100, 2), threeSame(0, 0b01101, 2), threeSame(1, 0b01101, 2), // S/UMAX, S/UMIN
    threeSame(0, 0b01110, 2), threeSame(1, 0b01110, 2), threeSame(0, 0b01111, 2), threeSame(1, 0b01111, 2), // S/UABD, S/UABA
    threeSame(0, 0b10111, 3), // ADDP
    threeSame(0, 0b10100, 2), threeSame(1, 0b10100, 2), threeSame(0, 0b10101, 2), threeSame(1, 0b10101, 2), // S/UMAXP, S/UMINP
  ],
  'shift by immediate': [
    shiftImmediate(0, 0b00000, 3), shiftImmediate(1, 0b00000, 3), // SSHR, USHR
    shiftImmediate(0, 0b00010, 3), shiftImmediate(1, 0b00010, 3), // SSRA, USRA
    shiftImmediate(0, 0b01010, 3), // SHL
    shiftImmediate(0, 0b10000, 2), // SHRN(2)
    shiftImmediate(0, 0b10100, 2), shiftImmediate(1, 0b10100, 2), // SSHLL(2), USHLL(2)
  ],
  'three different': [0b0000, 0b0001, 0b0010, 0b0011, 0b1000, 0b1010, 0b1100].flatMap((opcode) => [threeDifferent(0, opcode), threeDifferent(1, opcode)]),
  'two-register misc': [
    twoRegisterMisc(0, 0b00000, 2), twoRegisterMisc(1, 0b00000, 1), twoRegisterMisc(0, 0b00001, 0), // REV64, REV32, REV16
    twoRegisterMisc(1, 0b00101, 0), twoRegisterMisc(0, 0b00101, 0), // NOT, CNT
    twoRegisterMisc(0, 0b01011, 3), twoRegisterMisc(1, 0b01011, 3), // ABS, NEG
    // CMGT, CMEQ, CMLT, CMGE, CMLE against zero
    twoRegisterMisc(0, 0b01000, 3), twoRegisterMisc(0, 0b01001, 3), twoRegisterMisc(0, 0b01010, 3), twoRegisterMisc(1, 0b01000, 3), twoRegisterMisc(1, 0b01001, 3),
    twoRegisterMisc(0, 0b10010, 2), twoRegisterMisc(1, 0b10011, 2), // XTN(2), SHLL(2)
  ],
  permute: [1, 2, 3, 5, 6, 7].map((opcode) => (rng: Random) => {
    const [size, q] = arrangement(rng, 3);
    return 0x0e000800 | (q << 30) | (size << 22) | (vreg(rng) << 16) | (opcode << 12) | (vreg(rng) << 5) | vreg(rng);
  }),
  extract: [(rng: Random) => {
    const q = below(rng, 2);
    return 0x2e000000 | (q << 30) | (vreg(rng) << 16) | (below(rng, 8 << q) << 11) | (vreg(rng) << 5) | vreg(rng);
  }],
  copy: [
    copy(1, undefined, 1, [0, 1, 2, 3], undefined), // INS (element)
    copy(0, 0b0000, undefined, [0, 1, 2, 3], undefined), // DUP (element)
    copy(0, 0b0001, undefined, [0, 1, 2, 3], 'n'), // DUP (general)
    copy(0, 0b0011, 1, [0, 1, 2, 3], 'n'), // INS (general)
    copy(0, 0b0101, undefined, [0, 1], 'd'), copy(0, 0b0101, 1, [2], 'd'), // SMOV
    copy(0, 0b0111, 0, [0, 1, 2], 'd'), copy(0, 0b0111, 1, [3], 'd'), // UMOV
  ],
  'modified immediate': [(rng: Random) => {
    // MOVI, MVNI, ORR, BIC: 0 Q op 0111100000 abc cmode 0 1 defgh Rd (cmode 1111 is FMOV).
    const imm8 = pick(rng, [0, 0xff, 0x80, 0x7f, below(rng, 256)]);
    return 0x0f000400 | (below(rng, 2) << 30) | (below(rng, 2) << 29) | ((imm8 >> 5) << 16) | (below(rng, 15) << 12) | ((imm8 & 31) << 5) | vreg(rng);
  }],
  'across lanes': [
    acrossLanes(0, 0b11011), acrossLanes(0, 0b00011), acrossLanes(1, 0b00011), // ADDV, SADDLV, UADDLV
    acrossLanes(0, 0b01010), acrossLanes(1, 0b01010), acrossLanes(0, 0b11010), acrossLanes(1, 0b11010), // S/UMAXV, S/UMINV
  ],
  'scalar pairwise': [(rng: Random) => 0x5ef1b800 | (vreg(rng) << 5) | vreg(rng)], // ADDP Dd, Vn.2D
  // ADD, SUB, CMTST, CMEQ, CMGT, CMHI, CMGE, CMHS on D: 01 U 11110 11 1 Rm opcode 1 Rn Rd
  'scalar three same': [0b10000, 0b10001, 0b00110, 0b00111].map((opcode) => (rng: Random) =>
    0x5ee00400 | (below(rng, 2) << 29) | (vreg(rng) << 16) | (opcode << 11) | (vreg(rng) << 5) | vreg(rng)),
  // MUL, MLA, MLS, S/UMULL(2), S/UMLAL(2), S/UMLSL(2) by element: 0 Q U 01111 size L M Rm opcode H 0 Rn Rd
  'vector by element': [[0, 0b1000], [1, 0b0000], [1, 0b0100], ...[0b1010, 0b0010, 0b0110].flatMap((o) => [[0, o], [1, o]])].map(([u, opcode]) => (rng: Random) =>
    0x0f000000 | (below(rng, 2) << 30) | (u << 29) | ((1 + below(rng, 2)) << 22) | (below(rng, 4) << 20) | (vreg(rng) << 16) | (opcode << 12) | (below(rng, 2) << 11) | (vreg(rng) << 5) | vreg(rng)),
  // DUP (element) to B/H/S/D: 01011110000 imm5 000001 Rn Rd
  'scalar copy': [(rng: Random) => 0x5e000400 | ((((below(rng, 16) << 1) | 1) << below(rng, 4) & 0x1f) << 16) | (vreg(rng) << 5) | vreg(rng)],
};

/** The forms WebAssembly blocks translate, at the element sizes they translate (the rest stays in JavaScript blocks). */
const WASM_GROUPS: Record<string, ((rng: Random) => number)[]> = {
  'three same': [
    threeSame(0, 0b00011, 3), threeSame(1, 0b00011, 3), threeSame(0, 0b10000, 3), threeSame(1, 0b10000, 3), // bitwise, ADD, SUB
    threeSame(0, 0b10011, 2, 1), threeSame(0, 0b10010, 2, 1), threeSame(1, 0b10010, 2, 1), // MUL, MLA, MLS
    threeSame(0, 0b10001, 3), threeSame(1, 0b10001, 3), threeSame(0, 0b00110, 3), threeSame(0, 0b00111, 3), // CMTST, CMEQ, CMGT, CMGE
    threeSame(1, 0b00110, 2), threeSame(1, 0b00111, 2), // CMHI, CMHS
    threeSame(0, 0b01100, 2), threeSame(1, 0b01100, 2), threeSame(0, 0b01101, 2), threeSame(1, 0b01101, 2), // S/UMAX, S/UMIN
    threeSame(1, 0b00010, 1), threeSame(0, 0b10111, 3), // URHADD, ADDP
  ],
  'shift by immediate': [0, 1, 2, 3, 4, 6, 7].map((i) => GROUPS['shift by immediate'][i]), // all but SHRN
  'three different': GROUPS['three different'],
  'two-register misc': GROUPS['two-register misc'].filter((_, i) => i !== 12), // all but XTN
  permute: GROUPS.permute,
  copy: GROUPS.copy,
  'modified immediate': GROUPS['modified immediate'],
  'across lanes': [acrossLanes(0, 0b11011, 1), acrossLanes(0, 0b00011, 1), acrossLanes(1, 0b00011, 1)], // ADDV, SADDLV, UADDLV
  'scalar pairwise': GROUPS['scalar pairwise'],
  'scalar copy': GROUPS['scalar copy'],
};

/** The group's own encoding fields, everything else random: neighbours, reserved forms and FP forms. */
const NEIGHBOURS: Record<string, [number, number]> = {
  'three same': [0x9f200400, 0x0e200400],
  'shift by immediate': [0x9f800400, 0x0f000400],
  'three different': [0x9f200c00, 0x0e200000],
  'two-register misc': [0x9f3e0c00, 0x0e200800],
  permute: [0xbf208c00, 0x0e000800],
  extract: [0xbfe08400, 0x2e000000],
  copy: [0x9fe08400, 0x0e000400],
  'modified immediate': [0x9ff80400, 0x0f000400],
  'across lanes': [0x9f3e0c00, 0x0e300800],
  'scalar pairwise': [0xdf3e0c00, 0x5e300800],
  'scalar three same': [0xdf200400, 0x5e200400],
  'scalar copy': [0xffe0fc00, 0x5e000400],
  'vector by element': [0x9f000400, 0x0f000000],
};

function neighbour(rng: Random, group: string): number {
  const [mask, value] = NEIGHBOURS[group];
  // Register fields stay in the copy group's safe set (its Rd may name a general register).
  const word = rng.wordMatching(mask, value) & ~0x3ff;
  return (word | (xreg(rng) << 5) | xreg(rng)) >>> 0;
}

/** A form of one of `groups` in `table`; a quarter of them neighbours, unless `table` is WASM_GROUPS. */
function instruction(rng: Random, groups: readonly string[], table: Record<string, ((rng: Random) => number)[]>): number {
  const group = pick(rng, groups);
  if (table === GROUPS && below(rng, 4) === 0) return neighbour(rng, group);
  return pick(rng, table[group])(rng) >>> 0;
}

const EDGE_WORDS = [0, 0xffffffff, 0x80000000, 0x7fffffff, 0x00000001, 0x80808080, 0x7f7f7f7f, 0xff00ff00, 0x80008000, 0x7fff7fff, 0x0000ffff];

function vectorWord(rng: Random): number {
  switch (below(rng, 4)) {
    case 0: return pick(rng, EDGE_WORDS);
    case 1: return (pick(rng, EDGE_WORDS) ^ (1 << below(rng, 32))) >>> 0;
    default: return rng.next32();
  }
}

function loadProgram(cpu: Cpu, rng: Random, words: number[], cpacr: number): void {
  const put = (address: number, w: number) => cpu.ram.setUint32(address - cpu.ramBase, w, true);
  SKIPPING_HANDLER.forEach((w, i) => put(VECTOR_BASE + 0x200 + 4 * i, w));
  words.forEach((w, i) => put(PROGRAM + 4 * i, w));
  cpu.vbarEl1 = BigInt(VECTOR_BASE);
  cpu.pc = PROGRAM;
  for (let i = 0; i < 128; i++) cpu.V32[i] = vectorWord(rng);
  for (let r = 0; r < 8; r++) cpu.X[r] = (BigInt(vectorWord(rng)) << 32n) | BigInt(vectorWord(rng));
  cpu.X[28] = 40n;
  cpu.cpacrEl1 = cpacr;
  for (let i = 0; i < words.length; i++) cpu.fetch(PROGRAM + 4 * i);
}

/** loop: 12 random instructions of the groups; subs x28, x28, #1; b.ne loop; b . Returns the compiled twin's statistics. */
function runSeed(seed: number, groups: readonly string[], cpacr = 0x300000, table = GROUPS): BlockEngineStats {
  const rng = new SeededRandom(seed);
  const body = Array.from({ length: 12 }, () => instruction(rng, groups, table));
  const words = [...body, subsImmediate(28, 28, 1), branchConditional(1, -4 * body.length), branch(0)];
  const state = rng.next32();
  const twins = makeTwins([], (cpu) => loadProgram(cpu, new SeededRandom(state), words, cpacr), 1);
  for (let done = 0; done < 500; done += 41) runBoth(twins, 41, `${groups.join(', ')}: seed ${seed} after ${done}`);
  const stats = twins.compiled.blockCompilerStats!;
  assert.ok(stats.blocksCompiled > 0, 'the loop was compiled');
  return stats;
}

/** The source of a block holding just `word` (then `b .`). */
function sourceOf(word: number): string {
  const words = [word, branch(0)];
  const twins = makeTwins(words);
  predecode(twins.compiled, CODE_BASE, words.length);
  return blockSource(twins.compiled, planBlock(twins.compiled, CODE_BASE));
}

describeEachBackend('block compiler: Advanced SIMD integer translations against the interpreter', function () {
  this.timeout(120_000);

  for (const group of Object.keys(GROUPS)) {
    it(`matches the interpreter on random loops of ${group}`, () => {
      for (let seed = 1; seed <= 250; seed++) runSeed(seed, [group]);
    });
  }

  it('matches the interpreter on random loops mixing every group', () => {
    for (let seed = 1; seed <= 400; seed++) runSeed(seed * 31, Object.keys(GROUPS));
  });

  it('takes the SIMD&FP access trap where the interpreter takes it (CPACR_EL1.FPEN = 0b00 and 0b01)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      runSeed(seed, Object.keys(GROUPS), 0);
      runSeed(seed, Object.keys(GROUPS), 0x100000);
      runSeed(seed, Object.keys(WASM_GROUPS), 0, WASM_GROUPS);
    }
  });
});

describe('block compiler: Advanced SIMD integer translations against the interpreter', function () {
  this.timeout(120_000);

  for (const group of Object.keys(WASM_GROUPS)) {
    it(`matches the interpreter on random loops of the ${group} forms WebAssembly blocks translate`, () => {
      let wasmBlocks = 0;
      for (let seed = 1; seed <= 120; seed++) wasmBlocks += runSeed(seed * 7, [group], 0x300000, WASM_GROUPS).wasmBlocks;
      assert.ok(wasmBlocks >= 120, `${wasmBlocks} WebAssembly blocks in 120 loops`);
    });
  }

  it('matches the interpreter on random loops mixing the forms WebAssembly blocks translate', () => {
    let wasmBlocks = 0;
    for (let seed = 1; seed <= 300; seed++) wasmBlocks += runSeed(seed * 13, Object.keys(WASM_GROUPS), 0x300000, WASM_GROUPS).wasmBlocks;
    assert.ok(wasmBlocks >= 300, `${wasmBlocks} WebAssembly blocks in 300 loops`);
  });

  it('translates every form inline instead of calling the executor', () => {
    const rng = new SeededRandom(7);
    for (const [group, forms] of Object.entries(GROUPS)) {
      for (const form of forms) {
        for (let i = 0; i < 20; i++) {
          const word = form(rng) >>> 0;
          assert.doesNotMatch(sourceOf(word), /E\[0\]/, `${group}: ${word.toString(16)} calls its executor`);
        }
      }
    }
  });

  it('declines the floating-point forms of the groups (another translator or the executor runs them)', () => {
    // fadd v0.4s, v1.4s, v2.4s; scvtf v0.2d, v1.2d; fmov v0.2d, #0.5; fmaxv s0, v1.4s; faddp d0, v1.2d; scvtf v0.4s, v1.4s, #3
    for (const word of [0x4e22d420, 0x4e61d820, 0x6f03f400, 0x6e30f820, 0x7e70d820, 0x4f3de420]) {
      const twins = makeTwins([word, branch(0)]);
      predecode(twins.compiled, CODE_BASE, 2);
      const plan = planBlock(twins.compiled, CODE_BASE);
      const writer = new BlockWriter(plan, { base: twins.compiled.ramBase, size: twins.compiled.ramSize, watched: false });
      const name = plan.instructions[0].name!;
      assert.strictEqual(ADVANCED_SIMD_TRANSLATORS[name](writer, word, CODE_BASE), false, word.toString(16));
    }
  });
});
