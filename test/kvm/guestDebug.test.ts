import * as assert from 'assert';
import {
  EINVAL, KVM_CAP_GUEST_DEBUG_HW_BPS, KVM_CAP_GUEST_DEBUG_HW_WPS, KVM_CAP_SET_GUEST_DEBUG, KVM_CAP_SET_GUEST_DEBUG2,
  KVM_DEBUG_ARCH_HSR_HIGH_VALID, KVM_EXIT_DEBUG, KVM_EXIT_HYPERCALL, KVM_EXIT_INTR, KVM_GUESTDBG_ENABLE,
  KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_HW, KVM_GUESTDBG_USE_SW_BP, REG_PC, REG_PSTATE, REG_X, sysRegId,
} from '../../src/kvm';
import { NOP, RAM, brk, hvc, mrsDebug, msrDebug, msrVbar, svc, vmWithCode } from './kvmHarness';

const pcOf = (vcpu: { getOneReg(id: bigint): bigint }) => Number(vcpu.getOneReg(REG_PC));
const DBGBVR0_EL1 = sysRegId(2, 0, 0, 0, 4);
const DBGWVR0_EL1 = sysRegId(2, 0, 0, 0, 6);
const MDSCR_EL1 = sysRegId(2, 0, 0, 2, 2);

function hwArch(bcr: bigint[] = [], bvr: bigint[] = [], wcr: bigint[] = [], wvr: bigint[] = []) {
  const pad = (a: bigint[]) => [...a, ...new Array(16 - a.length).fill(0n)];
  return { dbgBcr: pad(bcr), dbgBvr: pad(bvr), dbgWcr: pad(wcr), dbgWvr: pad(wvr) };
}

describe('KVM model: capabilities and KVM_SET_GUEST_DEBUG', () => {
  it('reports the guest-debug capabilities of a Cortex-A57 host', () => {
    const { vm } = vmWithCode([NOP]);
    assert.strictEqual(vm.checkExtension(KVM_CAP_SET_GUEST_DEBUG), 1);
    assert.strictEqual(vm.checkExtension(KVM_CAP_SET_GUEST_DEBUG2), 0x30003);
    assert.strictEqual(vm.checkExtension(KVM_CAP_GUEST_DEBUG_HW_BPS), 6);
    assert.strictEqual(vm.checkExtension(KVM_CAP_GUEST_DEBUG_HW_WPS), 4);
  });

  it('rejects unknown control bits with -EINVAL and changes nothing', () => {
    const { vcpu } = vmWithCode([NOP, NOP]);
    assert.strictEqual(vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP }), 0);
    assert.strictEqual(vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | 0x4 }), -EINVAL);
    assert.strictEqual(vcpu.guestDebugControl, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP);
    const run = vcpu.run();
    assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG, 'still single-stepping');
  });

  it('with ENABLE clear, nothing traps: a budget-limited run returns KVM_EXIT_INTR', () => {
    const { vcpu } = vmWithCode(new Array(64).fill(NOP));
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_SINGLESTEP }); // ENABLE clear: everything off
    const run = vcpu.run({ maxInstructions: 10 });
    assert.strictEqual(run.exitReason, KVM_EXIT_INTR);
    assert.strictEqual(pcOf(vcpu), RAM + 40);
  });
});

describe('KVM model: software breakpoints', () => {
  it('every guest BRK exits with hsr 0xF2000000 | imm16 and PC on the BRK', () => {
    const { vcpu } = vmWithCode([NOP, brk(0x800), NOP]);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP });
    const run = vcpu.run();
    assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(run.debug!.arch.hsr, 0xf2000800);
    assert.strictEqual(run.flags & KVM_DEBUG_ARCH_HSR_HIGH_VALID, KVM_DEBUG_ARCH_HSR_HIGH_VALID);
    assert.strictEqual(run.debug!.arch.hsrHigh, 0);
    assert.strictEqual(pcOf(vcpu), RAM + 4);
    // KVM never moves past a BRK: running again exits again at the same place.
    assert.strictEqual(vcpu.run().debug!.arch.hsr, 0xf2000800);
    assert.strictEqual(pcOf(vcpu), RAM + 4);
  });

  it('a BRK exits even when only single-step was asked for (USE_SW_BP is decorative)', () => {
    const { vcpu } = vmWithCode([brk(5)]);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    const run = vcpu.run();
    assert.strictEqual(run.debug!.arch.hsr, 0xf2000005);
  });

  it('without guest debugging the BRK goes to the guest EL1 vector', () => {
    const { vcpu } = vmWithCode([brk(1)]);
    vcpu.run({ maxInstructions: 1 });
    assert.strictEqual(pcOf(vcpu), 0x200, 'VBAR_EL1 (0) + 0x200, current EL with SP_EL1');
    assert.strictEqual(vcpu.getOneReg(sysRegId(3, 0, 5, 2, 0)), 0xf2000001n, 'ESR_EL1');
  });
});

describe('KVM model: single step', () => {
  it('gives one exit per instruction, PC on the next instruction, syndrome EC 0x32 ISV 1', () => {
    const { vcpu } = vmWithCode([NOP, NOP, NOP, NOP]);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    for (let i = 1; i <= 3; i++) {
      const run = vcpu.run();
      assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
      assert.strictEqual(run.debug!.arch.hsr, 0xcb000022);
      assert.strictEqual(pcOf(vcpu), RAM + 4 * i);
    }
  });

  it('hides the host step state: ONE_REG shows the guest own PSTATE.SS', () => {
    const { vcpu } = vmWithCode([NOP, NOP, NOP]);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    vcpu.run();
    assert.strictEqual(Number(vcpu.getOneReg(REG_PSTATE)) & (1 << 21), 0);
    assert.strictEqual(Number(vcpu.getOneReg(MDSCR_EL1)) & 1, 0, 'guest MDSCR_EL1.SS untouched');
  });

  it('keeps an active-pending step across an exit for another reason', () => {
    const { vcpu } = vmWithCode([NOP, NOP, NOP]);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    // A budget of one instruction ends the run after the NOP, before the step exception.
    const first = vcpu.run({ maxInstructions: 1 });
    assert.strictEqual(first.exitReason, KVM_EXIT_INTR);
    const second = vcpu.run();
    assert.strictEqual(second.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(pcOf(vcpu), RAM + 4, 'no instruction was skipped');
  });

  it('steps into the exception vector after an SVC', () => {
    const { vcpu } = vmWithCode([svc(0)]);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    const run = vcpu.run();
    assert.strictEqual(run.debug!.arch.hsr, 0xcb000022);
    assert.strictEqual(pcOf(vcpu), 0x200);
  });

  it('gives one exit for an HVC handled by userspace, then a step exit after it', () => {
    const { vcpu } = vmWithCode([hvc(0), NOP, NOP]);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    const call = vcpu.run();
    assert.strictEqual(call.exitReason, KVM_EXIT_HYPERCALL);
    const step = vcpu.run();
    assert.strictEqual(step.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(pcOf(vcpu), RAM + 4);
    vcpu.run();
    assert.strictEqual(pcOf(vcpu), RAM + 8);
  });

  it('steps trapped debug-register accesses one exit each, and the guest reads back what it wrote (selftest part B)', () => {
    const window = [NOP, msrDebug(0, 4, 0), msrDebug(0, 6, 0), mrsDebug(0, 4, 1), mrsDebug(0, 6, 2), NOP];
    const { vcpu } = vmWithCode(window);
    for (let iteration = 0; iteration < 50; iteration++) {
      vcpu.setOneReg(REG_PC, BigInt(RAM));
      vcpu.setOneReg(REG_X(0), BigInt(iteration * 4));
      vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
      let pc = RAM;
      for (let i = 0; i < 5; i++) {
        const run = vcpu.run();
        assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
        assert.strictEqual(run.debug!.arch.hsr >>> 26, 0x32);
        assert.strictEqual(pcOf(vcpu), pc + 4);
        pc += 4;
      }
      vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE });
      assert.strictEqual(vcpu.getOneReg(REG_X(1)), BigInt(iteration * 4));
      assert.strictEqual(vcpu.getOneReg(REG_X(2)), BigInt(iteration * 4));
      assert.strictEqual(vcpu.getOneReg(DBGBVR0_EL1), BigInt(iteration * 4));
      assert.strictEqual(vcpu.getOneReg(DBGWVR0_EL1), BigInt(iteration * 4));
    }
  });
});

describe('KVM model: hardware breakpoints (USE_HW)', () => {
  const BCR_EL0_EL1 = 0x1e7n; // E, PMC = 0b11, BAS = 0xF (QEMU's value)

  it('exits with EC 0x30 and PC on the instruction, before it runs', () => {
    const { vcpu } = vmWithCode([NOP, NOP, NOP, NOP]);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch: hwArch([BCR_EL0_EL1], [BigInt(RAM + 8)]) });
    const run = vcpu.run();
    assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(run.debug!.arch.hsr, 0xc2000022);
    assert.strictEqual(pcOf(vcpu), RAM + 8);
    // No resume flag: running again re-triggers.
    vcpu.run();
    assert.strictEqual(pcOf(vcpu), RAM + 8);
  });

  it('fires inside guest code that masks debug exceptions (PSTATE.D) because the target is EL2', () => {
    const { vcpu } = vmWithCode([NOP, NOP, NOP]);
    assert.notStrictEqual(Number(vcpu.getOneReg(REG_PSTATE)) & (1 << 9), 0, 'D set out of reset');
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch: hwArch([BCR_EL0_EL1], [BigInt(RAM + 4)]) });
    vcpu.run();
    assert.strictEqual(pcOf(vcpu), RAM + 4);
  });

  it('shadows the guest own breakpoint registers: the guest reads back what it wrote', () => {
    const { vcpu } = vmWithCode([msrDebug(0, 4, 0), mrsDebug(0, 4, 1), NOP, NOP]);
    vcpu.setOneReg(REG_X(0), 0x1234n);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch: hwArch([BCR_EL0_EL1], [BigInt(RAM + 12)]) });
    vcpu.run();
    assert.strictEqual(pcOf(vcpu), RAM + 12, 'the host breakpoint stays live');
    assert.strictEqual(vcpu.getOneReg(REG_X(1)), 0x1234n);
    assert.strictEqual(vcpu.getOneReg(DBGBVR0_EL1), 0x1234n);
  });
});

describe('KVM model: injecting exceptions', () => {
  it('re-injects a foreign BRK into the guest EL1 vector with the guest syndrome', () => {
    const VBAR = RAM + 0x800;
    const { vcpu } = vmWithCode([msrVbar(0), brk(0x800)]);
    vcpu.setOneReg(REG_X(0), BigInt(VBAR));
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP });
    const run = vcpu.run();
    vcpu.injectException(run.debug!.arch.hsr);
    assert.strictEqual(pcOf(vcpu), VBAR + 0x200);
    assert.strictEqual(vcpu.getOneReg(sysRegId(3, 0, 5, 2, 0)), 0xf2000800n, 'ESR_EL1');
    assert.strictEqual(vcpu.getOneReg(sysRegId(3, 0, 4, 0, 1)), BigInt(RAM + 4), 'ELR_EL1 = the BRK');
  });
});
