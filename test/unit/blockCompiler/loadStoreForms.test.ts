// The inline load/store translations on the forms random programs rarely produce: base
// writeback onto a register that is also loaded or stored (CONSTRAINED UNPREDICTABLE;
// the block compiler must make the interpreter's choice), equal pair registers, every
// sign and size, SIMD&FP registers B to Q, LD1R of every element size, negative indices,
// literals, and accesses across a page or RAM edge.

import { CODE_BASE, DATA_BASE } from '../../support/cpuHarness';
import { branch } from './a64Words';
import { describeEachBackend, makeTwins, predecode, runBoth } from './tierHarness';

const FORMS: Record<string, number> = {
  'ldr x0, [x0], #8': 0xf8408400,
  'ldr x0, [x0, #8]!': 0xf8408c00,
  'ldp x0, x1, [x0], #16': 0xa8c10400,
  'ldp x1, x0, [x0, #-16]!': 0xa9ff0001,
  'str x0, [x0, #8]!': 0xf8008c00,
  'str x0, [x0], #-8': 0xf81f8400,
  'ldp w2, w2, [x3]': 0x29400862,
  'ldrsw x2, [x3, x4, lsl #2]': 0xb8a47862,
  'ldrsb w2, [x3, w4, sxtw]': 0x38e4c862,
  'ldrh w2, [x3, x4]': 0x78646862,
  'strb w2, [x3, #4095]': 0x393ffc62,
  'ldpsw x2, x5, [x3, #-8]': 0x697f1462,
  'ldr x2, .+16': 0x58000082,
  'ldrsw x2, .-8': 0x98ffffc2,
  'ldur x2, [x3, #-1]': 0xf85ff062,
  'stp w2, w5, [x3, #-4]!': 0x29bf9462,
  'ldr q2, [x3, #16]!': 0x3cc10c62,
  'str q2, [x3], #-32': 0x3c9e0462,
  'ldp q2, q5, [x3, #-32]': 0xad7f1462,
  'stp d2, d5, [x3, #8]!': 0x6d809462,
  'ldp s2, s2, [x3]': 0x2d400862,
  'ldr d2, .+16': 0x5c000082,
  'ldr q2, .-16': 0x9cffff82,
  'ldr s2, .+8': 0x1c000042,
  'str b2, [x3, x4]': 0x3c246862,
  'ldr h2, [x3, w4, sxtw #1]': 0x7c64d862,
  'ldr q2, [x3, x4, lsl #4]': 0x3ce47862,
  'stur d2, [x3, #-3]': 0xfc1fd062,
  'str q2, [x3, #4080]': 0x3d83fc62,
  'ld1r {v2.2d}, [x3], #8': 0x4ddfcc62,
  'ld1r {v2.8b}, [x3]': 0x0d40c062,
  'ld1r {v2.4h}, [x3], #2': 0x0ddfc462,
  'ld1r {v2.4s}, [x3]': 0x4d40c862,
  'ld1r {v2.16b}, [x3], #1': 0x4ddfc062,
  'ld1r {v2.1d}, [x3]': 0x0d40cc62,
  'ld1r {v2.4s}, [x3], x4': 0x4dc4c862,
  'ld2r {v2.4s, v3.4s}, [x3]': 0x4d60c862,
  'ld1 {v2.s}[1], [x3]': 0x0d409062,
};

/** Bases: in the data area, just below a page boundary, at the very end of RAM, and outside it. */
const BASES = [DATA_BASE + 0x100, DATA_BASE + 0xffc, CODE_BASE + (1 << 20) - 8, CODE_BASE + (1 << 20) + 0x1000];
/** Indices: small, at the 32-bit limits, negative, and one that wraps to 0 when scaled by 16 (the interpreter does not wrap). */
const INDICES = [3n, 0xffff_ffffn, 0xffff_ffff_ffff_fffdn, 0x1_0000_0000n, 0x1000_0000_0000_0000n];

describeEachBackend('block compiler: load and store forms', function () {
  for (const [text, word] of Object.entries(FORMS)) {
    it(`${text} leaves the interpreter's registers and memory`, () => {
      const words = [word, branch(0)];
      for (const base of BASES) {
        for (const index of INDICES) {
          const twins = makeTwins(words, (cpu) => {
            predecode(cpu, CODE_BASE, words.length);
            for (let i = 0; i < 0x2000; i += 4) cpu.ram.setUint32(DATA_BASE - cpu.ramBase + i, (i * 0x9e3779b1) >>> 0, true);
            cpu.ram.setUint32(16, 0x8000_0001, true);   // the literals' data
            cpu.X[0] = BigInt(base);
            cpu.X[2] = 0x1122_3344_8899_aabbn;
            cpu.X[3] = BigInt(base);
            cpu.X[4] = index;
            cpu.X[5] = 0xfedc_ba98_7654_3210n;
            for (let i = 0; i < cpu.V32.length; i++) cpu.V32[i] = (i * 0x85ebca6b + 0x1234567) >>> 0;
          }, 1);
          runBoth(twins, 3, `base 0x${base.toString(16)}, index 0x${index.toString(16)}`);
        }
      }
    });
  }
});
