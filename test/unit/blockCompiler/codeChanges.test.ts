// Compiled blocks are dropped when their code page is written: by the guest's own
// stores (self-modifying code, in the same page as the running block or another one)
// and by the host (Vm.writeMemory / BRK patches go through Cpu.invalidateCode).

import * as assert from 'assert';
import { Stop } from '../../../src/arch/cpu';
import { EC, esrEc } from '../../../src/arch/esr';
import { CODE_BASE } from '../../support/cpuHarness';
import { addImmediate, branch, branchConditional, branchWithLink, brk, subsImmediate, RET } from './a64Words';
import { describeEachBackend, makeTwins, patchBoth, runBoth } from './tierHarness';
import { planBlock } from '../../../src/arch/blockCompiler/blockPlan';

const ADD_X0_1 = addImmediate(0, 0, 1);
const LDR_W2_X3 = 0xb9400062;          // ldr w2, [x3]
const ADD_W2_1024 = 0x11100042;        // add w2, w2, #1024 (imm12 of an ADD word + 1)
const STR_W2_X3 = 0xb9000062;          // str w2, [x3]

function wordBytes(word: number): Uint8Array {
  return Uint8Array.of(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24);
}

describeEachBackend('block compiler: code changes', function () {
  it('re-reads an instruction the running loop rewrites in its own page', () => {
    // loop: add x0, x0, #k (k grows by one per pass); rewrite that add; count down.
    const words = [ADD_X0_1, LDR_W2_X3, ADD_W2_1024, STR_W2_X3, subsImmediate(1, 1, 1), branchConditional(1, -20), branch(0)];
    for (const hot of [1, 4, 32]) {
      const twins = makeTwins(words, (cpu) => { cpu.X[1] = 60n; cpu.X[3] = BigInt(CODE_BASE); }, hot);
      for (let i = 0; i < 30; i++) runBoth(twins, 17, `threshold ${hot}, run ${i}`);
      assert.strictEqual(twins.compiled.X[0], (60n * 61n) / 2n, 'the sum of 1..60: every rewrite was seen');
    }
  });

  it('drops a compiled function in another page when the loop rewrites it', () => {
    // A callee two pages away: add x0, x0, #k; ret. The caller rewrites k each pass.
    const callee = 0x2000 / 4;
    const words = new Array(callee + 2).fill(0);
    const loop = [branchWithLink(0x2000), LDR_W2_X3, ADD_W2_1024, STR_W2_X3, subsImmediate(1, 1, 1), branchConditional(1, -20), branch(0)];
    loop.forEach((w, i) => { words[i] = w; });
    words[callee] = ADD_X0_1;
    words[callee + 1] = RET;
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 50n; cpu.X[3] = BigInt(CODE_BASE + 0x2000); }, 2);
    for (let i = 0; i < 40; i++) runBoth(twins, 13, `run ${i}`);
    assert.strictEqual(twins.compiled.X[0], (50n * 51n) / 2n);
    assert.ok(twins.compiled.blockCompilerStats!.pagesDropped >= 50, 'the callee page was dropped on every pass');
  });

  it('stops at a BRK the host patches into a hot, compiled loop', () => {
    const words = [ADD_X0_1, addImmediate(4, 4, 3), subsImmediate(1, 1, 1), branchConditional(1, -12), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1_000_000n; cpu.hyp.tde = true; }, 32);
    runBoth(twins, 10_000, 'warm-up');
    assert.ok(twins.compiled.blockCompilerStats!.blocksCompiled > 0, 'the loop was compiled');
    patchBoth(twins, CODE_BASE + 4, wordBytes(brk(0)));
    const stop = runBoth(twins, 10_000, 'after the patch');
    assert.strictEqual(stop, Stop.HypervisorTrap);
    assert.strictEqual(esrEc(twins.compiled.trap.esr), EC.BRK64);
    assert.strictEqual(twins.compiled.pc, CODE_BASE + 4, 'stopped on the BRK, before it');
    // Restoring the word lets the loop run on, compiled again.
    patchBoth(twins, CODE_BASE + 4, wordBytes(words[1]));
    assert.strictEqual(runBoth(twins, 50_000, 'after the restore'), Stop.Budget);
  });

  it('keeps a BRK patched into code that never ran out of the hot block around it', () => {
    // loop: add x0, #1; cbnz x1, +8 (always taken: x1 never reaches 0); [cold: brk]; subs x2, #1; b.ne loop
    const words = [ADD_X0_1, 0xb5000041 /* cbnz x1, +8 */, addImmediate(4, 4, 1), subsImmediate(2, 2, 1), branchConditional(1, -16), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1n; cpu.X[2] = 1_000_000n; cpu.hyp.tde = true; }, 8);
    patchBoth(twins, CODE_BASE + 8, wordBytes(brk(0)));
    assert.strictEqual(runBoth(twins, 20_000, 'with the cold BRK'), Stop.Budget);
    const plan = planBlock(twins.compiled, CODE_BASE);
    assert.ok(!plan.instructions.some((i) => i.pc === CODE_BASE + 8), 'the block does not read the cold instruction');
    assert.strictEqual(twins.compiled.X[4], 0n);
  });

  it('keeps running compiled code when the host writes data elsewhere', () => {
    const words = [ADD_X0_1, subsImmediate(1, 1, 1), branchConditional(1, -8), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 1_000_000n; }, 8);
    runBoth(twins, 5000, 'warm-up');
    const before = twins.compiled.blockCompilerStats!.blocksCompiled;
    patchBoth(twins, CODE_BASE + 0x8000, Uint8Array.of(1, 2, 3, 4));
    runBoth(twins, 5000, 'after a data write');
    assert.strictEqual(twins.compiled.blockCompilerStats!.blocksCompiled, before, 'nothing was recompiled');
  });
});
