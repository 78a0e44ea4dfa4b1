// cpu.run(budget) retires exactly `budget` instructions with the block compiler too: a
// compiled loop pass runs only when the budget covers it, and the rest is interpreted.

import * as assert from 'assert';
import { Stop } from '../../../src/arch/cpu';
import { planBlock } from '../../../src/arch/blockCompiler/blockPlan';
import { blockSource } from '../../../src/arch/blockCompiler/compileBlock';
import { CODE_BASE, makeCpu } from '../../support/cpuHarness';
import { addImmediate, branch, branchConditional, subsImmediate } from './a64Words';
import { describeEachBackend, makeTwins, predecode, runBoth } from './tierHarness';

/** loop: add x0, #1; add x2, #3; subs x1, #1; b.ne loop */
const LOOP = [addImmediate(0, 0, 1), addImmediate(2, 2, 3), subsImmediate(1, 1, 1), branchConditional(1, -12), branch(0)];

describeEachBackend('block compiler: budgets', function () {
  it('stops after exactly the budget, whatever it is', () => {
    const twins = makeTwins(LOOP, (cpu) => { cpu.X[1] = 10_000_000n; }, 2);
    let total = 0;
    for (let budget = 1; budget <= 300; budget++) {
      assert.strictEqual(runBoth(twins, budget, `budget ${budget}`), Stop.Budget);
      total += budget;
      assert.strictEqual(twins.compiled.instructions, total);
    }
    assert.ok(twins.compiled.blockCompilerStats!.blocksCompiled > 0);
  });

  it('runs a long budget as a compiled loop and ends mid-pass', () => {
    const cpu = makeCpu(LOOP);
    cpu.setBlockCompilation(true, 1);
    cpu.X[1] = 10_000_000n;
    assert.strictEqual(cpu.run(1_000_002), Stop.Budget);
    assert.strictEqual(cpu.instructions, 1_000_002);
    assert.strictEqual(cpu.X[0], 250_001n);
    assert.strictEqual(cpu.pc, CODE_BASE + 8, 'two instructions into the next pass');
  });

  it('keeps NZCV of a compare-and-branch loop in locals until the loop ends', () => {
    const cpu = makeCpu(LOOP);
    predecode(cpu, CODE_BASE, LOOP.length);
    const source = blockSource(cpu, planBlock(cpu, CODE_BASE));
    const loopBody = source.slice(source.indexOf('for (;;)'), source.indexOf('continue;'));
    assert.ok(!/cpu\.[nzcv] =/.test(loopBody.slice(0, loopBody.lastIndexOf('if (ic'))), 'no NZCV store on the way round the loop');
    assert.match(source, /cpu\.z = /, 'NZCV is stored when the loop is left');
  });
});
