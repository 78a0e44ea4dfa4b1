// While the host debugs with hardware breakpoints or single-step, every instruction goes
// through the interpreter's checks, so compiled blocks cannot skip past a breakpoint; under
// watchpoints compiled blocks keep running and leave for the interpreter before any access
// to a watched page. Each case runs a hot loop until it is compiled, turns
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

/** Two vCPUs on the same program: one interpreter-only, one with hot blocks compiled after `warmUp` instructions. */
function twinVcpus(warmUp = 10_001): Vcpu[] {
  return [false, true].map((compiled) => {
    const { vcpu } = vmWithCode(LOOP);
    vcpu.cpu.setBlockCompilation(compiled, 8);
    vcpu.cpu.X[1] = 1_000_000n;
    vcpu.cpu.X[5] = BigInt(DATA);
    const warm = vcpu.run({ maxInstructions: warmUp });
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

  it('drops blocks compiled without watched-page tests when the first watchpoint is enabled', () => {
    const wcr = BigInt((0xff << 5) | (2 << 3) | (3 << 1) | 1);   // 8 bytes, stores, EL0 and EL1
    // Whole passes (4 instructions each): the next run enters the compiled loop at its head.
    const vcpus = twinVcpus(4 * 2500);
    for (const vcpu of vcpus) {
      assert.strictEqual(pc(vcpu), RAM);
      vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch: { dbgBcr: pad([]), dbgBvr: pad([]), dbgWcr: pad([wcr]), dbgWvr: pad([BigInt(DATA)]) } });
    }
    assert.ok(vcpus[1].cpu.blockCompilerStats!.blocksCompiled > 0);
    for (const vcpu of vcpus) {
      const run = vcpu.run({ maxInstructions: 100 });
      assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG, 'the store the old block would have made unchecked stops');
      assert.strictEqual(pc(vcpu), RAM + 4);
    }
    assert.strictEqual(vcpus[1].cpu.instructions, vcpus[0].cpu.instructions);
  });

  it('keeps compiled code running under watchpoints, and stops at the watched access as the interpreter does', () => {
    // loop: ldr x2, [x5, #8]; str x0, [x5, #16]; ldr w3, [x6]; stp x0, x1, [x5, #32];
    //       ldr q4, [x5, #48]; ldur x7, [x8, #-4] (across a page boundary); add x0, #1;
    //       subs x1, #1; b.ne loop
    const loop = [0xf94004a2, 0xf90008a0, 0xb94000c3, 0xa90204a0, 0x3dc00ca4, 0xf85fc107, addImmediate(0, 0, 1), subsImmediate(1, 1, 1), branchConditional(1, -32), branch(0)];
    const OTHER_PAGE = DATA + 0x3000;
    const UNTOUCHED_PAGE = DATA + 0x6000;
    const PAGE_BOUNDARY = DATA + 0x5000;
    const LOADS = 1 << 3, STORES = 2 << 3;
    /** An 8-byte-aligned doubleword watchpoint on `address` (BAS for `bytes` from it) for EL0 and EL1. */
    const watch = (address: number, bytes: number, lsc: number) => BigInt(((((1 << bytes) - 1) << (address & 7)) << 5) | lsc | (3 << 1) | 1);
    const cases: { name: string; address: number; wcr: bigint; hitPc?: number }[] = [
      { name: 'a load', address: DATA + 8, wcr: watch(DATA + 8, 8, LOADS), hitPc: RAM },
      { name: 'a store', address: DATA + 16, wcr: watch(DATA + 16, 1, STORES), hitPc: RAM + 4 },
      { name: 'another page', address: OTHER_PAGE, wcr: watch(OTHER_PAGE, 4, LOADS | STORES), hitPc: RAM + 8 },
      { name: 'the second register of a pair', address: DATA + 40, wcr: watch(DATA + 40, 8, STORES), hitPc: RAM + 12 },
      { name: 'a quadword load', address: DATA + 56, wcr: watch(DATA + 56, 2, LOADS), hitPc: RAM + 16 },
      { name: 'the second page of an access across pages', address: PAGE_BOUNDARY, wcr: watch(PAGE_BOUNDARY, 4, LOADS), hitPc: RAM + 20 },
      { name: 'a store the loop only reads', address: DATA + 8, wcr: watch(DATA + 8, 8, STORES) },
      { name: 'bytes in the same page nobody touches', address: DATA + 0x800, wcr: watch(DATA + 0x800, 8, LOADS | STORES) },
    ];
    for (const c of cases) {
      const vcpus = [false, true].map((compiled) => {
        const { vcpu } = vmWithCode(loop);
        vcpu.cpu.setBlockCompilation(compiled, 8);
        vcpu.cpu.X[1] = 1_000_000n;
        vcpu.cpu.X[5] = BigInt(DATA);
        vcpu.cpu.X[6] = BigInt(OTHER_PAGE);
        vcpu.cpu.X[8] = BigInt(PAGE_BOUNDARY);
        // Warm up under a watchpoint on a page the loop never touches, so the blocks are
        // compiled with their watched-page tests; then watch the case's bytes.
        const watchOnly = (address: number, wcr: bigint) => vcpu.setGuestDebug({
          control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch: { dbgBcr: pad([]), dbgBvr: pad([]), dbgWcr: pad([wcr]), dbgWvr: pad([BigInt(address & ~7)]) },
        });
        watchOnly(UNTOUCHED_PAGE, watch(UNTOUCHED_PAGE, 8, LOADS | STORES));
        // Whole passes (9 instructions each), so the next run enters the compiled loop at its head.
        assert.strictEqual(vcpu.run({ maxInstructions: 9 * 1111 }).exitReason, KVM_EXIT_INTR);
        watchOnly(c.address, c.wcr);
        return vcpu;
      });
      assert.strictEqual(vcpus[1].cpu.interpreterOnly, false, `${c.name}: compiled blocks keep running`);

      const runs = vcpus.map((vcpu) => vcpu.run({ maxInstructions: 20_000 }));
      assert.strictEqual(runs[1].exitReason, runs[0].exitReason, c.name);
      assert.strictEqual(runs[0].exitReason, c.hitPc === undefined ? KVM_EXIT_INTR : KVM_EXIT_DEBUG, c.name);
      if (c.hitPc !== undefined) {
        assert.strictEqual(pc(vcpus[0]), c.hitPc, `${c.name}: the interpreter stops on the access`);
        assert.strictEqual(runs[1].debug!.arch.far, runs[0].debug!.arch.far, c.name);
      }
      assert.strictEqual(pc(vcpus[1]), pc(vcpus[0]), c.name);
      assert.strictEqual(vcpus[1].cpu.instructions, vcpus[0].cpu.instructions, c.name);
      assert.strictEqual(vcpus[1].cpu.X[0], vcpus[0].cpu.X[0], c.name);
      assert.ok(vcpus[1].cpu.blockCompilerStats!.blocksCompiled > 0, c.name);
      assert.strictEqual(vcpus[1].cpu.X[2], vcpus[0].cpu.X[2], c.name);
    }
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
