// Port of the kernel selftest's test_single_step_from_userspace (debug-exceptions.c,
// part B): the guest exits to userspace (a "ucall" MMIO access) once per iteration,
// userspace then single-steps the window between iter_ss_begin and iter_ss_end, whose
// debug-register accesses KVM traps and emulates. Every instruction gives exactly one
// KVM_EXIT_DEBUG with PC + 4, and the guest reads back what it wrote.

import * as assert from 'assert';
import {
  KVM_EXIT_DEBUG, KVM_EXIT_HYPERCALL, KVM_EXIT_MMIO, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP, REG_PC, REG_X,
} from '../../src/kvm';
import { RAM, vmWithCode } from './kvmHarness';

const GUEST = [
  0xf9000120, // loop: str x0, [x9]         (the ucall: an MMIO write)
  0xd503201f, // iter_ss_begin: nop
  0xd5100080, // msr dbgbvr0_el1, x0
  0xd51000c0, // msr dbgwvr0_el1, x0
  0xd5300081, // mrs x1, dbgbvr0_el1
  0xd53000c2, // mrs x2, dbgwvr0_el1
  0xeb00003f, // iter_ss_end: cmp x1, x0
  0x540000e1, // b.ne fail
  0xeb00005f, // cmp x2, x0
  0x540000a1, // b.ne fail
  0x91001000, // add x0, x0, #4
  0xd100054a, // sub x10, x10, #1
  0xb5fffe8a, // cbnz x10, loop
  0xd4000002, // hvc #0                     (done)
  0xd4201320, // fail: brk #0x99
];
const ITER_SS_BEGIN = RAM + 4;
const ITER_SS_END = RAM + 24;
const UCALL_ADDRESS = 0x0a00_0000n;
const ITERATIONS = 10_000;

describe('KVM selftest part B: single step from userspace', function () {
  this.timeout(60_000);

  it(`steps ${ITERATIONS} iterations, one exit per instruction, guest reads back what it wrote`, () => {
    const { vcpu } = vmWithCode(GUEST);
    vcpu.setOneReg(REG_X(9), UCALL_ADDRESS);
    vcpu.setOneReg(REG_X(10), BigInt(ITERATIONS));
    let iterations = 0;
    let stepExits = 0;
    for (;;) {
      const ucall = vcpu.run();
      if (ucall.exitReason === KVM_EXIT_HYPERCALL) break;
      assert.strictEqual(ucall.exitReason, KVM_EXIT_MMIO, `iteration ${iterations}: expected the ucall`);
      assert.strictEqual(ucall.mmio!.physAddr, UCALL_ADDRESS);
      iterations++;
      vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
      let previous: number | undefined;
      for (;;) {
        const run = vcpu.run();
        assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG, `iteration ${iterations}: expected a step exit`);
        assert.strictEqual(run.debug!.arch.hsr >>> 26, 0x32);
        const pc = Number(vcpu.getOneReg(REG_PC));
        stepExits++;
        if (previous !== undefined) assert.strictEqual(pc, previous + 4, `iteration ${iterations}: PC + 4 inside the window`);
        previous = pc;
        if (pc + 4 === ITER_SS_END) {
          vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE });
          break;
        }
        assert.ok(pc >= ITER_SS_BEGIN && pc < ITER_SS_END, `iteration ${iterations}: PC 0x${pc.toString(16)} left the window`);
      }
    }
    assert.strictEqual(iterations, ITERATIONS);
    assert.strictEqual(vcpu.getOneReg(REG_X(0)), BigInt(ITERATIONS * 4), 'no iteration hit the fail BRK');
    assert.strictEqual(stepExits, ITERATIONS * 5);
  });
});
