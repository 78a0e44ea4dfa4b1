// Two CPUs over identical RAM: the reference runs the interpreter only, the other the
// block compiler (compiling every block on its first entry, so rarely run paths are
// compiled too). `runBoth` advances both by the same budget and compares their state.

import * as assert from 'assert';
import { Cpu, Stop } from '../../../src/arch/cpu';
import { makeCpu } from '../../support/cpuHarness';
import { assertSameState } from './tierComparison';

export interface Twins {
  readonly reference: Cpu;
  readonly compiled: Cpu;
}

/** The block compilers: WebAssembly (for blocks it translates whole, the rest in JavaScript) and JavaScript alone. */
export const BLOCK_BACKENDS = ['WebAssembly', 'JavaScript'] as const;
export type BlockBackend = typeof BLOCK_BACKENDS[number];
let backend: BlockBackend = 'WebAssembly';

/** Defines a suite once per block backend: the twins its tests make compile with that backend. */
export function describeEachBackend(title: string, define: (this: Mocha.Suite) => void): void {
  for (const each of BLOCK_BACKENDS) {
    describe(`${title} (${each} blocks)`, function () {
      before(() => { backend = each; });
      after(() => { backend = 'WebAssembly'; });
      define.call(this);
    });
  }
}

/** The backend the twins of the running suite compile with. */
export function blockBackend(): BlockBackend {
  return backend;
}

/**
 * A CPU that only interprets and one that compiles blocks, both with `words` at CODE_BASE.
 * WebAssembly blocks that leave often are kept (the translations are under test) unless
 * `replaceLeavingBlocks`.
 */
export function makeTwins(words: number[], setup?: (cpu: Cpu) => void, hotThreshold = 1, replaceLeavingBlocks = false): Twins {
  const reference = makeCpu(words);
  const compiled = makeCpu(words);
  reference.setBlockCompilation(false);
  compiled.setBlockCompilation(true, hotThreshold, backend === 'WebAssembly', replaceLeavingBlocks);
  setup?.(reference);
  setup?.(compiled);
  return { reference, compiled };
}

/**
 * Decodes `count` instructions from `address` as if they had run, so a block compiled on
 * its first entry covers them (blocks only extend over code that has run).
 */
export function predecode(cpu: Cpu, address: number, count: number): void {
  for (let i = 0; i < count; i++) cpu.fetch(address + 4 * i);
}

/** Writes the same bytes into both CPUs' RAM the way the host does (dropping decoded code). */
export function patchBoth(twins: Twins, address: number, bytes: Uint8Array): void {
  for (const cpu of [twins.reference, twins.compiled]) {
    cpu.ramBytes.set(bytes, address - cpu.ramBase);
    cpu.invalidateCode(address, bytes.length);
  }
}

/** Runs both for `budget` instructions; checks they stop the same way in the same state. */
export function runBoth(twins: Twins, budget: number, context: string): Stop {
  const before = twins.reference.instructions;
  const stopReference = twins.reference.run(budget);
  const stopCompiled = twins.compiled.run(budget);
  assert.strictEqual(stopCompiled, stopReference, `${context}: stop reason`);
  assertSameState(twins.reference, twins.compiled, context);
  assert.ok(twins.compiled.instructions - before <= budget, `${context}: ran more than the budget`);
  if (stopReference === Stop.Budget) assert.strictEqual(twins.compiled.instructions - before, budget, `${context}: budget not used up`);
  return stopReference;
}
