// The inline long/high multiplies and divisions against the interpreter's BigInt
// executors, over operand pairs at the edges of each fast path: zero divisors, the 2^52
// and 2^53 limits of exact double division, INT32_MIN/INT64_MIN over -1, and values with
// either sign of either half.

import { CODE_BASE } from '../../support/cpuHarness';
import { branch } from './a64Words';
import { describeEachBackend, makeTwins, predecode, runBoth } from './tierHarness';

const FORMS: Record<string, number> = {
  'udiv x2, x3, x4': 0x9ac40862,
  'sdiv x2, x3, x4': 0x9ac40c62,
  'udiv w2, w3, w4': 0x1ac40862,
  'sdiv w2, w3, w4': 0x1ac40c62,
  'udiv x3, x3, x3': 0x9ac30863,
  'umulh x2, x3, x4': 0x9bc47c62,
  'smulh x2, x3, x4': 0x9b447c62,
  'smaddl x2, w3, w4, x5': 0x9b241462,
  'smsubl x2, w3, w4, x5': 0x9b249462,
  'umaddl x2, w3, w4, x5': 0x9ba41462,
  'umsubl x2, w3, w4, x5': 0x9ba49462,
  'smull x3, w3, w4': 0x9b247c63,
};

const EDGES = [
  0n, 1n, 2n, 7n, -1n, -7n, 0x7fff_ffffn, -0x8000_0000n, 0xffff_ffffn, 0x1_0000_0000n, 0x8_0000_0001n,
  2n ** 52n - 1n, 2n ** 52n, -(2n ** 52n), 2n ** 53n - 1n, 2n ** 53n + 1n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n),
  0x1234_5678_9abc_def0n, -0x0fed_cba9_8765_4321n,
];

describeEachBackend('block compiler: multiplies and divisions', function () {
  for (const [text, word] of Object.entries(FORMS)) {
    it(`${text} matches the interpreter`, () => {
      const words = [word, branch(0)];
      for (const x3 of EDGES) {
        for (const x4 of EDGES) {
          const twins = makeTwins(words, (cpu) => {
            predecode(cpu, CODE_BASE, words.length);
            cpu.X[3] = BigInt.asUintN(64, x3);
            cpu.X[4] = BigInt.asUintN(64, x4);
            cpu.X[5] = 0x0123_4567_89ab_cdefn;
          }, 1);
          runBoth(twins, 2, `x3 = ${x3}, x4 = ${x4}`);
          if (twins.compiled.blockCompilerStats!.blocksCompiled === 0) throw new Error('the instruction was not compiled');
        }
      }
    });
  }
});
