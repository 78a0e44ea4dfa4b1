// Instruction fuzzing, seeded and bounded for the test suite (`npm run fuzz` runs the
// same trials by the million): random words, half of them drawn from the decode table
// with random fields, run from random register, PSTATE, FP, system and debug register
// states, with random words behind the vector table, on the bare CPU, through the KVM
// model with random guest-debug controls, and on the whole board. Whatever a word does
// in the guest, no JavaScript exception may escape the emulator, and the disassembler
// names every word.

import * as assert from 'assert';
import { disassemble } from '../../src/arch/disassembler';
import { formatFailure, randomWord, runFuzz, TrialKind } from './support/instructionFuzzer';
import { SeededRandom } from './support/seededRandom';

const TRIALS: Record<TrialKind, number> = { cpu: 8000, vcpu: 2500, board: 2500 };
const SEED = 0x0a64_2025;

describe('reliability: random instructions never raise a host exception', function () {
  this.timeout(120_000);

  for (const kind of Object.keys(TRIALS) as TrialKind[]) {
    it(`${kind}: ${TRIALS[kind]} seeded trials`, () => {
      const tally = runFuzz(SEED, TRIALS[kind], [kind]);
      assert.strictEqual(tally.trials, TRIALS[kind]);
      assert.deepStrictEqual(tally.failures.map(formatFailure), []);
      // The trials really execute guest code (not only fault at the first word).
      assert.ok(tally.instructions > TRIALS[kind] * 2, `only ${tally.instructions} instructions retired`);
    });
  }

  it('disassembles 200,000 random words to text without throwing', () => {
    const rng = new SeededRandom(SEED);
    for (let i = 0; i < 200_000; i++) {
      const word = randomWord(rng);
      const text = disassemble(word, 0x4000_0000 + 4 * (i & 0xffff));
      if (typeof text !== 'string' || text.length === 0) assert.fail(`word 0x${word.toString(16)} has no text`);
    }
  });
});
