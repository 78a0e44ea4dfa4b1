// A load or store whose address is outside RAM is a stage 2 abort the model hypervisor
// sees (cpu.run returns Stop.HypervisorTrap). The instruction must leave no trace: no
// register written, no base written back, PC still at the instruction.

import * as assert from 'assert';
import { Stop } from '../../../src/arch/cpu';
import { makeCpu } from '../../support/cpuHarness';

const OUTSIDE_RAM = 0x1000n;

/** Words whose base registers (x0, x1, x2, x4, sp) all point outside RAM. */
const FAULTING: [string, number][] = [
  ['ldr x0, [x1, #16]', 0xf9400820],
  ['ldr x0, [x1, #8]!', 0xf8408c20],
  ['ldr w1, [x2], #4', 0xb8404441],
  ['ldr x1, [x1], #8', 0xf8408421],
  ['ldrsb x0, [x1]', 0x39800020],
  ['ldur x0, [x1, #-8]', 0xf85f8020],
  ['ldr x0, [x1, x2, lsl #3]', 0xf8627820],
  ['ldtr x0, [x1, #8]', 0xf8408820],
  ['str x3, [sp, #-16]!', 0xf81f0fe3],
  ['ldp x0, x1, [x2, #16]!', 0xa9c10440],
  ['ldp x29, x30, [sp], #32', 0xa8c27bfd],
  ['ldpsw x3, x4, [x2, #-8]!', 0x69ff1043],
  ['stp x29, x30, [sp, #-32]!', 0xa9be7bfd],
  ['ldp q4, q5, [x2, #32]!', 0xadc11444],
  ['ldr q2, [x1, #32]!', 0x3cc20c22],
  ['ldr d3, [x1, x2, lsl #3]', 0xfc627823],
  ['ldxr x0, [x1]', 0xc85f7c20],
  ['ldxp x4, x5, [x1]', 0xc87f1424],
  ['ldar x0, [x1]', 0xc8dffc20],
  ['ldapr x0, [x1]', 0xf8bfc020],
  ['ldadd x0, x1, [x2]', 0xf8200041],
  ['swpalb w0, w1, [x2]', 0x38e08041],
  ['cas x0, x1, [x2]', 0xc8a07c41],
  ['casp w4, w5, w6, w7, [x2]', 0x08247c46],
  ['ld1 { v0.16b, v1.16b }, [x0], #32', 0x4cdfa000],
  ['ld4 { v0.4s, v1.4s, v2.4s, v3.4s }, [x0], #64', 0x4cdf0800],
  ['ld2 { v0.h, v1.h }[5], [x0], x1', 0x4de14800],
  ['ld4r { v0.2s, v1.2s, v2.2s, v3.2s }, [x0], x1', 0x0de1e800],
  ['st2 { v0.4s, v1.4s }, [x0]', 0x4c008800],
];

describe('a faulting load/store leaves no side effects', () => {
  for (const [text, word] of FAULTING) {
    it(text, () => {
      const cpu = makeCpu([word]);
      for (let r = 0; r < 31; r++) cpu.X[r] = 0x1111111111111111n * BigInt(r % 15 + 1);
      for (const base of [0, 1, 2, 4, 31]) cpu.X[base] = OUTSIDE_RAM;
      for (let i = 0; i < cpu.V8.length; i++) cpu.V8[i] = (i * 7) & 0xff;
      const registersBefore = Buffer.from(cpu.registerBytes).toString('hex');
      const vectorsBefore = Buffer.from(cpu.V8).toString('hex');
      const pc = cpu.pc;

      assert.strictEqual(cpu.run(1), Stop.HypervisorTrap);
      assert.strictEqual(Buffer.from(cpu.registerBytes).toString('hex'), registersBefore, 'general-purpose registers');
      assert.strictEqual(Buffer.from(cpu.V8).toString('hex'), vectorsBefore, 'SIMD&FP registers');
      assert.strictEqual(cpu.pc, pc);
      assert.ok(cpu.trap.farValid);
      assert.ok(cpu.trap.far >= 0x1000 - 0x100 && cpu.trap.far < 0x10000 + 0x1000 * 8, `FAR 0x${cpu.trap.far.toString(16)}`);
    });
  }
});
