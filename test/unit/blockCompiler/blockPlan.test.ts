// Block planning: code that already has a compiled block is not translated again - a block
// of some length ends where it runs into it, a call into it is not followed - and, end to
// end, a program whose blocks join that way still matches the interpreter.

import * as assert from 'assert';
import { CompiledCode, MIN_INSTRUCTIONS_BEFORE_JOIN, NOTHING_COMPILED, planBlock } from '../../../src/arch/blockCompiler/blockPlan';
import { CODE_BASE } from '../../support/cpuHarness';
import { RET, addImmediate, branch, branchConditional, branchWithLink, subsImmediate } from './a64Words';
import { makeTwins, predecode, runBoth } from './tierHarness';

/** Code with one compiled block, at `address`. */
function compiledOnlyAt(address: number): CompiledCode {
  return { startsBlock: (a) => a === address, copiesCall: () => true };
}

/** n straight-line adds, then `b .` */
function straightLine(n: number): number[] {
  return [...Array.from({ length: n }, (_, i) => addImmediate(i % 8, i % 8, 1)), branch(0)];
}

describe('block compiler: block plans', () => {
  it('ends a long block where a compiled block starts', () => {
    const words = straightLine(40);
    const twins = makeTwins(words, (cpu) => predecode(cpu, CODE_BASE, words.length));
    const join = CODE_BASE + 4 * 30;
    const plan = planBlock(twins.compiled, CODE_BASE, compiledOnlyAt(join));
    assert.strictEqual(plan.instructions.length, 30, 'the block stops before the compiled one');
    assert.strictEqual(plan.instructions[plan.instructions.length - 1].pc, join - 4);
  });

  it('runs through a compiled block start while the block is short', () => {
    const words = straightLine(40);
    const twins = makeTwins(words, (cpu) => predecode(cpu, CODE_BASE, words.length));
    const join = CODE_BASE + 4 * (MIN_INSTRUCTIONS_BEFORE_JOIN - 1);
    const plan = planBlock(twins.compiled, CODE_BASE, compiledOnlyAt(join));
    assert.strictEqual(plan.instructions.length, 41, 'the whole straight line and the branch');
  });

  it('follows a call only while the function may be copied', () => {
    // bl f; add x0, x0, #1; b . ; f: add x1, x1, #1; ret
    const words = [branchWithLink(12), addImmediate(0, 0, 1), branch(0), addImmediate(1, 1, 1), RET];
    const twins = makeTwins(words, (cpu) => predecode(cpu, CODE_BASE, words.length));
    const callee = CODE_BASE + 12;
    const followed = planBlock(twins.compiled, CODE_BASE, NOTHING_COMPILED);
    assert.deepStrictEqual(followed.instructions.map((i) => i.pc - CODE_BASE), [0, 12, 16, 4, 8], 'into f and back after the call');
    const notFollowed = planBlock(twins.compiled, CODE_BASE, { startsBlock: () => false, copiesCall: (target) => target !== callee });
    assert.deepStrictEqual(notFollowed.instructions.map((i) => i.pc - CODE_BASE), [0], 'the block leaves for f');
  });

  it('matches the interpreter when blocks join compiled ones', () => {
    // Two nested loops whose bodies run into each other: the inner loop (compiled first)
    // starts in the middle of the outer loop's straight line.
    const outerBody = Array.from({ length: 20 }, (_, i) => addImmediate(2 + (i % 4), 2 + (i % 4), i + 1));
    const inner = [addImmediate(0, 0, 3), subsImmediate(1, 1, 1), branchConditional(1, -8)];
    const words = [...outerBody, ...inner, addImmediate(1, 1, 7), subsImmediate(6, 6, 1), branchConditional(1, -4 * (outerBody.length + inner.length + 2)), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 7n; cpu.X[6] = 400n; }, 2);
    for (let done = 0; done < 40_000; done += 997) runBoth(twins, 997, `after ${done}`);
    assert.ok(twins.compiled.blockCompilerStats!.blocksCompiled >= 2);
  });
});
