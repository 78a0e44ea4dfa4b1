// While the host debugs (hardware breakpoints, watchpoints, single-step), every
// instruction goes through the interpreter's checks, so compiled blocks cannot skip past
// a breakpoint or a watched access. Each case runs a hot loop until it is compiled, turns
// a debug feature on, and expects the stop an interpreter-only VM makes, at the same
// instruction count.

import * as assert from 'assert';
import {
  KVM_EXIT_DEBUG, KVM_EXIT_INTR, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_HW, REG_PC, Vcpu,
} from '../../../src/kvm';
import { vmWithCode, RAM } from '../../kvm/kvmHarness';
import { addImmediate, branch, branchConditional, subsImmediate } from './a64Words';

const DATA = RAM + 0x4000;
const STR_X0_X5 = 0xf90000a0;   // str x0, [x5]
const BCR_EL0_EL1 = 0x1e7n;     // E, PMC = 0b11, BAS = 0xF
/** loop: add x0, #1; str x0, [x5]; subs x1, #1; b.ne loop */
const LOOP = [addImmediate(0, 0, 1), STR_X0_X5, subsImmediate(1, 1, 1), branchConditional(1, -12), branch(0)];

function pad(values: bigint[]): bigint[] {
  return [...values, ...new Array(16 - values.length).fill(0n)];
}

/** Two vCPUs on the same program: one interpreter-only, one with hot blocks compiled. */
function twinVcpus(): Vcpu[] {
  return [false, true].map((compiled) => {
    const { vcpu } = vmWithCode(LOOP);
    vcpu.cpu.setBlockCompilation(compiled, 8);
    vcpu.cpu.X[1] = 1_000_000n;
    vcpu.cpu.X[5] = BigInt(DATA);
    const warm = vcpu.run({ maxInstructions: 10_001 });
    assert.strictEqual(warm.exitReason, KVM_EXIT_INTR);
    return vcpu;
  });
}

const pc = (vcpu: Vcpu) => Number(vcpu.getOneReg(REG_PC));

describe('block compiler: debug features force the interpreter', () => {
  it('stops at a hardware breakpoint set inside a compiled loop', () => {
    const vcpus = twinVcpus();
    assert.ok(vcpus[1].cpu.blockCompilerStats!.blocksCompiled > 0);
    for (const vcpu of vcpus) {
      vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch: { dbgBcr: pad([BCR_EL0_EL1]), dbgBvr: pad([BigInt(RAM + 8)]), dbgWcr: pad([]), dbgWvr: pad([]) } });
      const run = vcpu.run({ maxInstructions: 100 });
      assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
      assert.strictEqual(pc(vcpu), RAM + 8);
    }
    assert.strictEqual(vcpus[1].cpu.instructions, vcpus[0].cpu.instructions);
    assert.strictEqual(vcpus[1].cpu.X[0], vcpus[0].cpu.X[0]);
  });

  it('single-steps one instruction per run after compiled execution', () => {
    const vcpus = twinVcpus();
    for (const vcpu of vcpus) vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    for (let step = 0; step < 9; step++) {
      const pcs = vcpus.map((vcpu) => {
        const before = vcpu.cpu.instructions;
        const run = vcpu.run({ maxInstructions: 1000 });
        assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
        assert.strictEqual(vcpu.cpu.instructions - before, 1, 'one instruction per step');
        return pc(vcpu);
      });
      assert.strictEqual(pcs[1], pcs[0], `step ${step}`);
    }
  });

  it('stops at a watched store in a compiled loop before the store is done', () => {
    const vcpus = twinVcpus();
    const wcr = BigInt((0xff << 5) | (2 << 3) | (3 << 1) | 1);   // 8 bytes, stores, EL0 and EL1
    for (const vcpu of vcpus) {
      const before = vcpu.cpu.X[0];
      vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch: { dbgBcr: pad([]), dbgBvr: pad([]), dbgWcr: pad([wcr]), dbgWvr: pad([BigInt(DATA)]) } });
      const run = vcpu.run({ maxInstructions: 100 });
      assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
      assert.strictEqual(run.debug!.arch.far, BigInt(DATA));
      assert.strictEqual(pc(vcpu), RAM + 4, 'PC on the store');
      assert.ok(vcpu.cpu.X[0] - before <= 1n);
    }
    assert.strictEqual(vcpus[1].cpu.instructions, vcpus[0].cpu.instructions);
  });

  it('returns to compiled code once debugging is switched off', () => {
    const vcpus = twinVcpus();
    for (const vcpu of vcpus) {
      vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
      vcpu.run({ maxInstructions: 10 });
      vcpu.setGuestDebug({ control: 0 });
      assert.strictEqual(vcpu.run({ maxInstructions: 20_003 }).exitReason, KVM_EXIT_INTR);
    }
    assert.strictEqual(vcpus[1].cpu.instructions, vcpus[0].cpu.instructions);
    assert.strictEqual(vcpus[1].cpu.X[0], vcpus[0].cpu.X[0]);
    assert.strictEqual(pc(vcpus[1]), pc(vcpus[0]));
  });
});
