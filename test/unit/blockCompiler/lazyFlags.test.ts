// Lazy NZCV against the interpreter: every flag-setting form the block compiler keeps
// pending (ADDS/SUBS/ANDS, 32- and 64-bit, CMP/CMN/TST included) followed by every
// condition as a branch, a select, a conditional compare and a set, on operands at the
// edges of signed and unsigned ranges (equal, adjacent, wrapping). The block ends in a
// self-loop, so NZCV is also checked after it has been materialised at the exit.

import { EDGES_64 } from '../integer/integerHarness';
import { branch, branchConditional } from './a64Words';
import { describeEachBackend, makeTwins, predecode, runBoth } from './tierHarness';
import { CODE_BASE } from '../../support/cpuHarness';

/** Flag setters on X1 and X2 (Rd = X0, or XZR for the compare forms). */
const SETTERS: Record<string, number> = {
  'subs w0, w1, w2': 0x6b020020,
  'subs x0, x1, x2': 0xeb020020,
  'adds w0, w1, w2': 0x2b020020,
  'adds x0, x1, x2': 0xab020020,
  'ands w0, w1, w2': 0x6a020020,
  'ands x0, x1, x2': 0xea020020,
  'cmp w1, #1': 0x7100043f,
  'cmn x1, #1': 0xb100043f,
  'tst x1, #0x8000000000000000': 0xf241003f,
};

/** The consumers of condition `cond`, one after the other. */
function consumers(cond: number): number[] {
  return [
    branchConditional(cond, 8),                       // b.cond over the next instruction
    0xd2800023,                                       // mov x3, #1 (skipped when taken)
    (0x9a860004 | (cond << 12) | (5 << 5)) >>> 0,     // csel x4, x5, x6, cond
    (0x9a9f07e7 | ((cond ^ 1) << 12)) >>> 0,          // cset x7, cond (csinc x7, xzr, xzr, !cond)
    (0xfa420820 | (cond << 12) | 0x5) >>> 0,          // ccmp x1, #2, #5, cond
    (0x9a9f07e8 | (0 << 12)) >>> 0,                   // cset x8, ne (reads the CCMP result)
    branch(0),                                        // b . (ends the block; NZCV materialised)
  ];
}

/** 64-bit edges plus their 32-bit truncations shifted up, so both halves matter. */
const OPERANDS = [...EDGES_64.slice(0, 12), 0xffff_ffff_0000_0000n, 0x1_0000_0001n, 0x8000_0000_ffff_ffffn];

describeEachBackend('block compiler: lazy flags', function () {
  this.timeout(120_000);

  for (const [text, setter] of Object.entries(SETTERS)) {
    it(`${text} then each condition gives the interpreter's branches, selects and NZCV`, () => {
      for (let cond = 0; cond < 16; cond++) {
        const words = [setter, ...consumers(cond)];
        const twins = makeTwins(words, (cpu) => predecode(cpu, CODE_BASE, words.length), 1);
        for (const x1 of OPERANDS) {
          for (const x2 of OPERANDS) {
            for (const cpu of [twins.reference, twins.compiled]) {
              cpu.X.fill(0n);
              cpu.X[1] = x1;
              cpu.X[2] = x2;
              cpu.X[5] = 0x55n;
              cpu.X[6] = 0x66n;
              cpu.nzcv = 0;
              cpu.pc = CODE_BASE;
            }
            runBoth(twins, 9, `${text}, cond ${cond}, x1 0x${x1.toString(16)}, x2 0x${x2.toString(16)}`);
          }
        }
      }
    });
  }
});
