// The WebAssembly block tier's own mechanics: which blocks it takes, the chain through the
// block table (entries that collide, blocks dropped under it, a block that leaves before its
// first instruction), a CPU whose engine is replaced, and memory the host gives as plain
// buffers. Every case is also compared with the interpreter.

import * as assert from 'assert';
import { Cpu, Stop } from '../../../src/arch/cpu';
import type { PhysicalMemory } from '../../../src/arch/memory';
import { VIRT_RAM_BASE } from '../../../src/machine/guestMemory';
import { CODE_BASE, DATA_BASE } from '../../support/cpuHarness';
import { addImmediate, branch, branchConditional, branchWithLink, subsImmediate, storeW, RET } from './a64Words';
import { assertSameState } from './tierComparison';
import { Random } from '../simdFp/randomFloats';
import { makeTwins, patchBoth, runBoth } from './tierHarness';

const FADD_D0_D0_D1 = 0x1e612800;   // fadd d0, d0, d1
const FADD_D0_D1_D2 = 0x1e622820;   // fadd d0, d1, d2
const FADD_V0_2D = 0x4e61d400;      // fadd v0.2d, v0.2d, v1.2d
const FMAXNM_V0_2D = 0x4e61c400;    // fmaxnm v0.2d, v0.2d, v1.2d
const STR_W2_X3 = 0xb9000062;       // str w2, [x3]
/** Block-table entries repeat every 4096 instructions (cpuStateArea.ts). */
const ENTRY_PERIOD_BYTES = 4096 * 4;

/** `body`, then subs x1, x1, #1; b.ne back to the body's first instruction; b . */
function countdownLoop(body: number[]): number[] {
  return [...body, subsImmediate(1, 1, 1), branchConditional(1, -4 * (body.length + 1)), branch(0)];
}

/** An integer countdown loop around add x0, x0, #1. */
const INTEGER_LOOP = countdownLoop([addImmediate(0, 0, 1)]);

function wordBytes(word: number): Uint8Array {
  return Uint8Array.of(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24);
}

describe('block compiler: WebAssembly blocks', () => {
  it('compiles integer, scalar and vector floating-point loops to WebAssembly, and a loop with an untranslated form to JavaScript', () => {
    const integer = makeTwins(INTEGER_LOOP, (cpu) => { cpu.X[1] = 100_000n; }, 2);
    runBoth(integer, 50_000, 'integer loop');
    assert.ok(integer.compiled.blockCompilerStats!.wasmBlocks >= 1, 'the loop is a WebAssembly block');
    // FPSR.IXC set: the settled path, which WebAssembly blocks run inline.
    const scalar = makeTwins(countdownLoop([FADD_D0_D0_D1]), (cpu) => { cpu.X[1] = 100_000n; cpu.VF64[2] = 0.1; cpu.fpsr = 0x10; }, 2);
    runBoth(scalar, 50_000, 'scalar floating-point loop');
    assert.ok(scalar.compiled.blockCompilerStats!.wasmBlocks >= 1, 'the FADD loop is a WebAssembly block');
    const vector = makeTwins(countdownLoop([FADD_V0_2D]), (cpu) => { cpu.X[1] = 100_000n; cpu.VF64[2] = 0.5; cpu.VF64[3] = 0.25; cpu.fpsr = 0x10; }, 2);
    runBoth(vector, 50_000, 'vector loop');
    assert.ok(vector.compiled.blockCompilerStats!.wasmBlocks >= 1, 'the vector FADD loop is a WebAssembly block');
    const untranslated = makeTwins(countdownLoop([FMAXNM_V0_2D]), (cpu) => { cpu.X[1] = 100_000n; cpu.VF64[2] = 0.5; }, 2);
    runBoth(untranslated, 50_000, 'FMAXNM loop');
    const stats = untranslated.compiled.blockCompilerStats!;
    assert.ok(stats.blocksCompiled >= 1 && stats.wasmBlocks === 0, 'FMAXNM keeps the loop in JavaScript');
  });

  it('compiles a loop that zeroes vector registers with MOVI to WebAssembly', () => {
    // movi v0.2d, #0; movi v1.16b, #0x80; orr v2.4s, #0x7f, lsl #8; the countdown.
    const words = countdownLoop([0x6f00e400, 0x4f04e401, 0x4f0337e2]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 10_000n; cpu.V64[0] = 5n; cpu.V64[5] = 0x1234n; }, 2);
    for (let i = 0; i < 5; i++) runBoth(twins, 3_001, `run ${i}`);
    assert.ok(twins.compiled.blockCompilerStats!.wasmBlocks >= 1);
  });

  it('raises Inexact for conversions as the interpreter does, and converts in WebAssembly once it is set', () => {
    // fcvtzs x6, d0; scvtf d2, x7; fcmp d0, d1; the countdown. d0 = 2.5 (inexact to integer), x7 = 2^60 + 1 (inexact to double).
    const words = countdownLoop([0x9e780006, 0x9e6200e2, 0x1e612000]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 20_000n; cpu.X[7] = (1n << 60n) + 1n; cpu.VF64[0] = 2.5; cpu.VF64[2] = 1; }, 2);
    runBoth(twins, 1, 'first conversion');
    assert.strictEqual(twins.compiled.fpsr & 0x10, 0x10, 'FCVTZS of 2.5 raised Inexact');
    for (let i = 0; i < 10; i++) runBoth(twins, 1_999, `run ${i}`);
    const stats = twins.compiled.blockCompilerStats!;
    assert.ok(stats.wasmBlocks >= 1);
    assert.strictEqual(twins.compiled.X[6], 2n);
    // Once hot, no inexact conversion leaves the block: the interpreter runs at most the budget's remainder.
    const interpreted = stats.interpretedInstructions;
    runBoth(twins, 6_000, 'hot loop');
    assert.ok(stats.interpretedInstructions - interpreted < words.length, 'every conversion ran in the WebAssembly block');
  });

  it('converts to fixed point inexactly in WebAssembly once Inexact is set', () => {
    // scvtf d2, w0; fsqrt d2, d2; fcvtzs x2, d2, #4; add w0, w0, #1; the countdown (the bench guest's conversion loop).
    const words = countdownLoop([0x1e620002, 0x1e61c042, 0x9e58f042, 0x11000400]);
    const twins = makeTwins(words, (cpu) => { cpu.X[0] = 2n; cpu.X[1] = 30_000n; cpu.fpsr = 0x10; }, 2);
    for (let i = 0; i < 5; i++) runBoth(twins, 1_001, `run ${i}`);
    const stats = twins.compiled.blockCompilerStats!;
    assert.ok(stats.wasmBlocks >= 1);
    const interpreted = stats.interpretedInstructions;
    runBoth(twins, 12_000, 'hot loop');
    assert.ok(stats.interpretedInstructions - interpreted < words.length, 'FCVTZS with fraction bits stayed in the block');
  });

  it('leaves inexact conversions to the interpreter while Inexact is clear', () => {
    // The same loop with FPSR.IXC cleared before every run: each inexact conversion must set it again.
    const words = countdownLoop([0x9e780006]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 20_000n; cpu.VF64[0] = 7.75; }, 2);
    for (let i = 0; i < 10; i++) {
      twins.reference.fpsr = 0;
      twins.compiled.fpsr = 0;
      runBoth(twins, 997, `run ${i}`);
      assert.strictEqual(twins.compiled.fpsr & 0x10, 0x10, `run ${i}: Inexact set`);
    }
  });

  describe('arithmetic while Inexact is clear', () => {
    /** Register contents: d1, d2, d7, the vector operands (all lanes equal), and the FMLAs' double and single accumulators. */
    type Operands = [a: number, b: number, root: number, doubleAccumulator: number, singleAccumulator: number];
    const setOperands = (cpu: Cpu, [a, b, root, doubles, singles]: Operands) => {
      cpu.VF64[2] = a;
      cpu.VF64[4] = b;
      cpu.VF64[14] = root;
      cpu.VF64[18] = a; cpu.VF64[19] = a;
      cpu.VF64[20] = b; cpu.VF64[21] = b;
      cpu.VF64[36] = doubles; cpu.VF64[37] = doubles;
      cpu.VF32[48] = a;
      cpu.VF32[52] = b;
      for (let e = 0; e < 4; e++) { cpu.VF32[60 + e] = a; cpu.VF32[64 + e] = b; cpu.VF32[76 + e] = singles; }
    };

    /**
     * Runs a loop of `body` with exact operands (it must stay in WebAssembly and raise
     * nothing), then with each of `inexact`, where one operation is the pass's only inexact
     * one, FPSR cleared: the interpreter must be the one to raise Inexact, in whole passes.
     */
    function checkExactness(body: number[], inexact: Operands[]): void {
      const words = countdownLoop(body);
      const pass = body.length + 2;
      const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1_000_000n; setOperands(cpu, [6, 1.5, 2.25, 0, 0]); }, 2);
      runBoth(twins, 100, 'warm-up');
      const stats = twins.compiled.blockCompilerStats!;
      assert.ok(stats.wasmBlocks >= 1);
      const interpreted = stats.interpretedInstructions;
      runBoth(twins, 5_000, 'exact operands');
      assert.strictEqual(twins.compiled.fpsr, 0, 'nothing was raised');
      assert.ok(stats.interpretedInstructions - interpreted < pass, 'exact results did not leave the block');
      for (const operands of inexact) {
        for (const cpu of [twins.reference, twins.compiled]) {
          setOperands(cpu, operands);
          cpu.fpsr = 0;
        }
        // Whole passes only: a pass that ends in the interpreter would set Inexact anyway.
        for (let i = 0; i < 3; i++) runBoth(twins, 76 * pass, `operands ${operands.join(', ')}, run ${i}`);
      }
    }

    it('keeps exact sums, products, quotients and roots in WebAssembly, and leaves the first inexact one to the interpreter', () => {
      // fadd d0, d1, d2; fsub d3, d1, d2; fmul d4, d1, d2; fdiv d5, d1, d2; fsqrt d6, d7;
      // fmul v8.2d, v9.2d, v10.2d; fadd s11, s12, s13; fdiv v14.4s, v15.4s, v16.4s.
      // 1/3, 0.1 + 0.2, sqrt(2), (1 + 2^-30)^2, 2^30 + 2^-30, overflow, division by zero.
      checkExactness([0x1e622820, 0x1e623823, 0x1e620824, 0x1e621825, 0x1e61c0e6, 0x6e6add28, 0x1e2d298b, 0x6e30fdee], [
        [1, 3, 2.25, 0, 0], [0.1, 0.2, 2.25, 0, 0], [6, 1.5, 2, 0, 0], [1 + 2 ** -30, 1 + 2 ** -30, 2.25, 0, 0],
        [2 ** 30, 2 ** -30, 4, 0, 0], [1e300, 1e300, 0, 0, 0], [-7, 0, 2.25, 0, 0],
      ]);
    });

    it('keeps exact fused multiply-adds in WebAssembly, and leaves the first inexact one to the interpreter', () => {
      // fmadd d17, d1, d2, d7; fmla v18.2d, v9.2d, v10.2d; fmla v19.4s, v15.4s, v16.4s.
      // 9 + 2^-60; 0.1 + 9 in doubles; 0.1 + 9 in singles.
      checkExactness([0x1f421c31, 0x4e6acd32, 0x4e30cdf3], [[3, 3, 2 ** -60, 0, 0], [3, 3, 4, 0.1, 0], [3, 3, 4, 0, 0.1]]);
    });
  });

  it('compiles JavaScript blocks where the host\'s WebAssembly rejects a module (no 128-bit operations)', () => {
    // add v7.4s, v5.4s, v6.4s; eor v9.16b, v7.16b, v8.16b; the countdown.
    const words = countdownLoop([0x4ea684a7, 0x6e281ce9]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 10_000n; cpu.V64[10] = 0x1234_5678n; cpu.V64[12] = 0x9abc_def0n; }, 2);
    const hostModule = WebAssembly.Module;
    (WebAssembly as { Module: unknown }).Module = function refuse(): never {
      throw new WebAssembly.CompileError('this host has no SIMD');
    };
    try {
      runBoth(twins, 4_000, 'refused modules');
    } finally {
      (WebAssembly as { Module: unknown }).Module = hostModule;
    }
    const stats = twins.compiled.blockCompilerStats!;
    assert.ok(stats.blocksCompiled >= 1 && stats.wasmBlocks === 0, 'JavaScript blocks ran the loop');
  });

  it('replaces a block that leaves for the interpreter on most passes with a JavaScript block', () => {
    // fadd d0, d1, d2 with d1 a NaN: no WebAssembly path holds, so every pass leaves before it;
    // a JavaScript block runs NaN operands through the executor in place.
    const words = countdownLoop([addImmediate(3, 3, 1), FADD_D0_D1_D2]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1_000_000n; cpu.VF64[2] = NaN; cpu.VF64[4] = 1; cpu.fpsr = 0x10; }, 2, true);
    runBoth(twins, 400, 'warm-up');
    const stats = twins.compiled.blockCompilerStats!;
    assert.ok(stats.wasmBlocks >= 1, 'the loop was a WebAssembly block first');
    runBoth(twins, 4_000, 'slow exits');
    assert.ok(stats.wasmBlocksReplaced >= 1, 'the block gave way');
    const interpreted = stats.interpretedInstructions;
    runBoth(twins, 40_000, 'the JavaScript block');
    assert.ok(stats.interpretedInstructions - interpreted < 4, 'the JavaScript block runs the NaN addition itself');
  });

  it('keeps a block whose slow exits are rare', () => {
    // The same loop with a NaN operand on one pass in 200.
    const words = countdownLoop([addImmediate(3, 3, 1), FADD_D0_D1_D2]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1_000_000n; cpu.VF64[2] = 0.5; cpu.VF64[4] = 1; cpu.fpsr = 0x10; }, 2, true);
    for (let i = 0; i < 60; i++) {
      for (const cpu of [twins.reference, twins.compiled]) cpu.VF64[2] = NaN;
      runBoth(twins, 4, `NaN pass ${i}`);
      for (const cpu of [twins.reference, twins.compiled]) cpu.VF64[2] = 0.5;
      runBoth(twins, 796, `ordinary passes ${i}`);
    }
    // Two WebAssembly blocks: the loop, and one compiled where the NaN passes arrive from its
    // slow exits (at the FADD, entered only then, so it may give way); the loop stays.
    const stats = twins.compiled.blockCompilerStats!;
    assert.strictEqual(stats.wasmBlocks, 2);
    assert.ok(stats.wasmBlocksReplaced <= 1, 'the loop block was kept');
  });

  it('rounds the fused multiply-adds once, as the interpreter does, in WebAssembly', () => {
    // fmadd d3, d0, d1, d2; fmsub d4, ...; fnmadd d5, ...; fnmsub d6, ...; the countdown.
    const words = countdownLoop([0x1f410803, 0x1f418804, 0x1f610805, 0x1f618806]);
    const random = new Random(2024);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1_000_000n; cpu.fpsr = 0x10; }, 2);
    runBoth(twins, 12, 'warm-up');
    // a*a = 1 + 2^-29 + 2^-60 with addend -1: a separate multiply would lose the 2^-60.
    // Zero products: the addend exactly, signed zeros, a tiny addend; zero times infinity or a NaN is Invalid.
    const zeroProducts: [number, number, number][] = [
      [0, 5, 1.5], [-0, 5, 0], [0, -5, -0], [0, 5, 1e-310], [0, Infinity, 1], [Infinity, 0, 1], [0, NaN, 1], [0, 5, Infinity],
    ];
    const operands: [number, number, number][] = [[1 + 2 ** -30, 1 + 2 ** -30, -1], ...zeroProducts];
    for (let i = 0; i < 3000; i++) {
      const a = random.double(-600, 600);
      const b = random.double(-600, 600);
      // Addends close to -a*b make the sum cancel, where a second rounding would show.
      const c = i % 2 === 0 ? -(a * b) * (1 + random.below(4) * 2 ** -52) : random.double(-1200, 1200);
      operands.push([a, b, c]);
    }
    for (const [a, b, c] of operands) {
      for (const cpu of [twins.reference, twins.compiled]) {
        cpu.VF64[0] = a;
        cpu.VF64[2] = b;
        cpu.VF64[4] = c;
      }
      runBoth(twins, 6, `fma(${a}, ${b}, ${c})`);
    }
    // A signalling NaN addend with a zero product raises Invalid Operation.
    for (const cpu of [twins.reference, twins.compiled]) {
      cpu.VF64[0] = 0;
      cpu.VF64[2] = 5;
      cpu.V64[4] = 0x7ff0_0000_0000_0001n;
      cpu.fpsr = 0x10; // only Inexact (the cases above raised the others)
    }
    runBoth(twins, 6, 'fma(0, 5, sNaN)');
    assert.strictEqual(twins.compiled.fpsr & 1, 1, 'Invalid Operation');
    assert.ok(twins.compiled.blockCompilerStats!.wasmBlocks >= 1);
  });

  it('leaves scalar floating point that is not settled to the interpreter, instruction by instruction', () => {
    // FPSR.IXC clear: the first inexact FADD must set it (through the interpreter), and every
    // rounding mode and FZ must give the interpreter's results.
    for (const fpcr of [0, 1 << 22, 2 << 22, 3 << 22, 1 << 24]) {
      const twins = makeTwins(countdownLoop([FADD_D0_D0_D1]), (cpu) => { cpu.X[1] = 100_000n; cpu.VF64[2] = 0.1; cpu.fpcr = fpcr; }, 2);
      for (let i = 0; i < 10; i++) runBoth(twins, 997, `FPCR ${fpcr.toString(16)}, run ${i}`);
      assert.strictEqual(twins.compiled.fpsr & 0x10, 0x10, 'inexact was raised');
    }
  });

  it('runs two blocks whose block-table entries collide', () => {
    // A loop that calls a function one entry period away: both starts map to one entry.
    const callee = ENTRY_PERIOD_BYTES / 4;
    const words = new Array(callee + 3).fill(0);
    [branchWithLink(ENTRY_PERIOD_BYTES), subsImmediate(1, 1, 1), branchConditional(1, -8), branch(0)].forEach((w, i) => { words[i] = w; });
    words[callee] = addImmediate(0, 0, 3);
    words[callee + 1] = addImmediate(2, 2, 1);
    words[callee + 2] = RET;
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 20_000n; }, 2);
    for (let i = 0; i < 20; i++) runBoth(twins, 1_777, `run ${i}`);
    const calls = 20_000n - twins.compiled.X[1];
    assert.ok(calls > 5_000n && twins.compiled.X[2] >= calls, 'the callee ran on every call');
    assert.ok(twins.compiled.blockCompilerStats!.wasmBlocks >= 2);
  });

  it('leaves the chain for the interpreter at a block that starts with a store into code', () => {
    // The loop's second block starts with a store into the code page: it leaves before its
    // first instruction every time, and the interpreter must run the store.
    const words = [addImmediate(0, 0, 1), branch(4), STR_W2_X3, subsImmediate(1, 1, 1), branchConditional(1, -16), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 5_000n; cpu.X[2] = BigInt(words[5]); cpu.X[3] = BigInt(CODE_BASE + 20); }, 1);
    for (let i = 0; i < 30; i++) runBoth(twins, 997, `run ${i}`);
    assert.strictEqual(twins.compiled.X[0], 5_000n);
  });

  it('drops a chained block when the host rewrites its page', () => {
    const words = [addImmediate(0, 0, 1), subsImmediate(1, 1, 1), branchConditional(1, -8), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1_000_000n; }, 2);
    runBoth(twins, 20_000, 'warm-up');
    patchBoth(twins, CODE_BASE, wordBytes(addImmediate(0, 0, 5)));
    runBoth(twins, 20_000, 'after the rewrite');
    const before = twins.compiled.X[0];
    runBoth(twins, 3_000, 'later');
    assert.strictEqual(twins.compiled.X[0] - before, 5n * 1_000n, 'the rewritten add runs');
  });

  it('starts clean when the CPU gets a new engine', () => {
    const twins = makeTwins(INTEGER_LOOP, (cpu) => { cpu.X[1] = 1_000_000n; }, 2);
    runBoth(twins, 20_000, 'first engine');
    twins.compiled.setBlockCompilation(true, 2);
    runBoth(twins, 20_000, 'second engine');
    twins.compiled.setBlockCompilation(true, 2, false);
    runBoth(twins, 20_000, 'JavaScript only');
    twins.compiled.setBlockCompilation(true, 2);
    runBoth(twins, 20_000, 'WebAssembly again');
  });

  it('keeps to the budget across a chain', () => {
    // Three blocks in a ring; every budget from 1 to 60 stops at the same instruction as the interpreter.
    const words = [addImmediate(0, 0, 1), branch(8), 0, addImmediate(2, 2, 1), branch(8), 0, subsImmediate(1, 1, 1), branchConditional(1, -28), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1_000_000n; }, 1);
    for (let budget = 1; budget <= 60; budget++) runBoth(twins, budget, `budget ${budget}`);
  });

  it('compiles JavaScript blocks when guest memory is a plain buffer', () => {
    const buffer = new ArrayBuffer(1 << 20);
    const memory: PhysicalMemory = { ramBase: VIRT_RAM_BASE, ramSize: 1 << 20, ramView: new DataView(buffer), ramBytes: new Uint8Array(buffer) };
    const plain = new Cpu(memory);
    INTEGER_LOOP.forEach((w, i) => memory.ramView.setUint32(i * 4, w, true));
    const reference = makeTwins(INTEGER_LOOP, (cpu) => { cpu.X[1] = 100_000n; }, 2).reference;
    plain.pc = CODE_BASE;
    plain.X[31] = reference.X[31];
    plain.X[1] = 100_000n;
    plain.setBlockCompilation(true, 2);
    assert.strictEqual(plain.run(50_000), Stop.Budget);
    assert.strictEqual(reference.run(50_000), Stop.Budget);
    assertSameState(reference, plain, 'plain buffer');
    const stats = plain.blockCompilerStats!;
    assert.ok(stats.blocksCompiled >= 1 && stats.wasmBlocks === 0);
    assert.strictEqual(plain.wasmState, undefined);
  });

  it('stores through a chain into data next to code pages', () => {
    // Stores to a data page right after the code page take the fast path; the loop stays WebAssembly.
    const words = [storeW(0, 3, 0), addImmediate(0, 0, 1), addImmediate(3, 3, 4), subsImmediate(1, 1, 1), branchConditional(1, -16), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 2_000n; cpu.X[3] = BigInt(DATA_BASE); }, 2);
    for (let i = 0; i < 8; i++) runBoth(twins, 1_009, `run ${i}`);
    assert.ok(twins.compiled.blockCompilerStats!.wasmBlocks >= 1);
  });
});
