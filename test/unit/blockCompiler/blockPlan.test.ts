// Block planning: code that already has a compiled block is not translated again - a block
// of some length ends where it runs into it, a call into it is not followed; the trace
// follows the taken side of a conditional branch that the interpreter saw taken, and goes
// round a loop whose head is not the block start - and, end to end, programs whose blocks
// are planned that way still match the interpreter.

import * as assert from 'assert';
import { Stop } from '../../../src/arch/cpu';
import { BlockPlan, CompiledCode, MIN_INSTRUCTIONS_BEFORE_JOIN, NOTHING_COMPILED, planBlock } from '../../../src/arch/blockCompiler/blockPlan';
import { CODE_BASE } from '../../support/cpuHarness';
import { RET, addImmediate, branch, branchConditional, branchWithLink, compareBranch, subsImmediate } from './a64Words';
import { compileBlock } from '../../../src/arch/blockCompiler/compileBlock';
import { assertSameState } from './tierComparison';
import { Twins, makeTwins, predecode, runBoth } from './tierHarness';

/** Code with one compiled block, at `address`. */
function compiledOnlyAt(address: number): CompiledCode {
  return { ...NOTHING_COMPILED, startsBlock: (a) => a === address };
}

const NE = 1;
const EQ = 0;

/**
 * A loop entered in its middle (S), whose hot path takes a forward branch and comes back
 * to S by falling through from the loop head L, as compiled C often lays out a list walk:
 *   b S; L: add x3, x3, #1; S: add x0, x0, #1; subs x1, x1, #1; b.ne T; b END;
 *   T: add x2, x2, #3; b L; END: b .
 */
const LOOP_THROUGH_TAKEN_BRANCH = [
  branch(8), addImmediate(3, 3, 1), addImmediate(0, 0, 1), subsImmediate(1, 1, 1), branchConditional(NE, 8),
  branch(12), addImmediate(2, 2, 3), branch(-24), branch(0),
];
const LOOP_START = CODE_BASE + 8;
const TAKEN_TARGET = CODE_BASE + 24;

/**
 * The same, closed by a backward conditional branch (rarely taken) that falls through into
 * the start - the trace is that loop:
 *   b S; R: add x7, x7, #1; C: b.eq R; S: add x0, x0, #1; subs x1, x1, #1; b.ne T; b END;
 *   T: add x2, x2, #3; subs x9, x9, #0; b C; END: b .
 */
const LOOP_CLOSED_BY_BACKWARD_BRANCH = [
  branch(12), addImmediate(7, 7, 1), branchConditional(EQ, -4), addImmediate(0, 0, 1), subsImmediate(1, 1, 1),
  branchConditional(NE, 8), branch(16), addImmediate(2, 2, 3), subsImmediate(9, 9, 0), branch(-28), branch(0),
];
const CLOSED_LOOP_START = CODE_BASE + 12;
const CLOSED_LOOP_TAKEN_TARGET = CODE_BASE + 28;

/** A branch profile: arrivals at the block start and at one branch target. */
function arrivalsAt(start: number, startArrivals: number, target: number, targetArrivals: number): CompiledCode {
  return { ...NOTHING_COMPILED, arrivals: (a) => (a === start ? startArrivals : a === target ? targetArrivals : 0) };
}

/**
 * Runs the block of `plan` once on the compiled twin, from its start and with a budget of
 * `budget` instructions, and the interpreter twin for as many instructions as it retired.
 */
function runPlannedBlock(twins: Twins, plan: BlockPlan, budget: number, context: string): number {
  const cpu = twins.compiled;
  cpu.pc = plan.start;
  twins.reference.pc = plan.start;
  const before = cpu.instructions;
  cpu.pc = compileBlock(cpu, plan).run(cpu, before + budget);
  const retired = cpu.instructions - before;
  assert.ok(retired > 0 && retired <= budget, `${context}: retired ${retired}`);
  assert.strictEqual(twins.reference.run(retired), Stop.Budget);
  assertSameState(twins.reference, cpu, context);
  return retired;
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
    const notFollowed = planBlock(twins.compiled, CODE_BASE, { ...NOTHING_COMPILED, copiesCall: (target) => target !== callee });
    assert.deepStrictEqual(notFollowed.instructions.map((i) => i.pc - CODE_BASE), [0], 'the block leaves for f');
  });

  it('follows the taken side of a conditional branch round a loop back to the start', () => {
    const words = LOOP_THROUGH_TAKEN_BRANCH;
    const twins = makeTwins(words, (cpu) => predecode(cpu, CODE_BASE, words.length));
    const plan = planBlock(twins.compiled, LOOP_START, arrivalsAt(LOOP_START, 32, TAKEN_TARGET, 31));
    assert.deepStrictEqual(plan.instructions.map((i) => i.pc - CODE_BASE), [8, 12, 16, 24, 28, 4], 'S, the taken side, b L, L');
    assert.strictEqual(plan.instructions[2].continuesAt, TAKEN_TARGET);
    assert.ok(plan.loops, 'L runs on into the start: the block is a loop');
  });

  it('goes round a loop whose backward branch falls through into the start', () => {
    const words = LOOP_CLOSED_BY_BACKWARD_BRANCH;
    const twins = makeTwins(words, (cpu) => predecode(cpu, CODE_BASE, words.length));
    const plan = planBlock(twins.compiled, CLOSED_LOOP_START, arrivalsAt(CLOSED_LOOP_START, 32, CLOSED_LOOP_TAKEN_TARGET, 32));
    assert.deepStrictEqual(plan.instructions.map((i) => i.pc - CODE_BASE), [12, 16, 20, 28, 32, 36, 8], 'up to b.eq R, before the start');
    assert.ok(plan.loops);
  });

  it('follows the taken side when the branch profile says it is taken on most passes', () => {
    const words = LOOP_THROUGH_TAKEN_BRANCH;
    const twins = makeTwins(words, (cpu) => predecode(cpu, CODE_BASE, words.length));
    const followed = planBlock(twins.compiled, LOOP_START, arrivalsAt(LOOP_START, 32, TAKEN_TARGET, 20));
    assert.strictEqual(followed.instructions[2].continuesAt, TAKEN_TARGET);
    assert.ok(followed.loops);
    const notFollowed = planBlock(twins.compiled, LOOP_START, arrivalsAt(LOOP_START, 32, TAKEN_TARGET, 10));
    assert.deepStrictEqual(notFollowed.instructions.map((i) => i.pc - CODE_BASE), [8, 12, 16, 20, 32], 'the fall-through, b END and END');
    assert.strictEqual(notFollowed.instructions[2].continuesAt, undefined);
    assert.ok(!notFollowed.loops);
    const compiledThere = planBlock(twins.compiled, LOOP_START, { ...arrivalsAt(LOOP_START, 32, TAKEN_TARGET, 32), startsBlock: (a) => a === TAKEN_TARGET });
    assert.strictEqual(compiledThere.instructions[2].continuesAt, undefined, 'a target with a block of its own is left for, not copied');
  });

  it('follows no conditional branch after a branch back to the start (the tail that leaves the loop)', () => {
    // S: add x0, x0, #1; subs x1, x1, #1; b.ne S; cbz x2, T; add x3, x3, #1; b .; T: add x4, x4, #1; b .
    const words = [
      addImmediate(0, 0, 1), subsImmediate(1, 1, 1), branchConditional(NE, -8), compareBranch(false, true, 2, 12),
      addImmediate(3, 3, 1), branch(0), addImmediate(4, 4, 1), branch(0),
    ];
    const twins = makeTwins(words, (cpu) => predecode(cpu, CODE_BASE, words.length));
    const tailTarget = CODE_BASE + 24;
    const plan = planBlock(twins.compiled, CODE_BASE, arrivalsAt(CODE_BASE, 32, tailTarget, 32));
    assert.ok(plan.loops);
    assert.deepStrictEqual(plan.instructions.map((i) => i.pc - CODE_BASE), [0, 4, 8, 12, 16, 20], 'the tail runs on past cbz');
    assert.strictEqual(plan.instructions[3].continuesAt, undefined);
  });

  it('runs a block that loops through a followed branch and back into its start as the interpreter does', () => {
    const programs = [
      { words: LOOP_THROUGH_TAKEN_BRANCH, start: LOOP_START, target: TAKEN_TARGET },
      { words: LOOP_CLOSED_BY_BACKWARD_BRANCH, start: CLOSED_LOOP_START, target: CLOSED_LOOP_TAKEN_TARGET },
    ];
    for (const { words, start, target } of programs) {
      // The dispatcher runs a block only when the budget covers one whole pass (6 or 7 instructions here).
      for (const budget of [1000, 15, 7]) {
        const twins = makeTwins(words, (cpu) => { predecode(cpu, CODE_BASE, words.length); cpu.X[1] = 40n; cpu.X[9] = 1n; });
        const plan = planBlock(twins.compiled, start, arrivalsAt(start, 32, target, 31));
        assert.ok(plan.loops && plan.instructions[2].continuesAt === target);
        // Passes until the budget runs out, or until x1 reaches zero and b.ne leaves by its not-taken side.
        const retired = runPlannedBlock(twins, plan, budget, `budget ${budget}`);
        if (budget === 1000) assert.ok(retired > 200, `the block went round its loop (${retired} instructions in one call)`);
      }
    }
  });

  it('matches the interpreter on a loop whose trace follows taken branches', () => {
    // Both sides of the followed branch run: the loop exits through the side exit at the end.
    const twins = makeTwins(LOOP_THROUGH_TAKEN_BRANCH, (cpu) => { cpu.X[1] = 3000n; }, 8);
    for (let done = 0; done < 20_000; done += 389) runBoth(twins, 389, `after ${done}`);
    assert.strictEqual(twins.compiled.X[1], 0n, 'the loop ran to its end');
    assert.strictEqual(twins.compiled.X[2], 3n * 2999n);
  });

  it('matches the interpreter when a followed branch goes the other way on some passes', () => {
    // b S; L: add x4, x4, #1; S: subs x1, x1, #1; b.eq END; cbnz x5, T; add x5, x5, #7; b L;
    // T: subs x5, x5, #1; add x2, x2, #5; b L; END: b .
    // The block at S follows cbnz to T (seven passes in eight go there); one pass in eight
    // finds x5 zero and leaves through the inverted test.
    const words = [
      branch(8), addImmediate(4, 4, 1), subsImmediate(1, 1, 1), branchConditional(EQ, 28), compareBranch(true, true, 5, 12),
      addImmediate(5, 5, 7), branch(-20), subsImmediate(5, 5, 1), addImmediate(2, 2, 5), branch(-32), branch(0),
    ];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 2000n; cpu.X[5] = 7n; }, 8);
    for (let done = 0; done < 20_000; done += 211) runBoth(twins, 211, `after ${done}`);
    assert.strictEqual(twins.compiled.X[1], 0n, 'the loop ran to its end');
    assert.strictEqual(twins.compiled.X[2], 5n * 1750n, 'seven passes in eight took the followed side');
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
