// Guests that fault inside their own exception vectors. An exception whose vector
// faults again with nothing changed is a loop the guest can never leave: the CPU, the
// KVM model and the board must end it with a message naming the loop, not spin in
// the host. A fault loop that does make progress must still end with the instruction
// budget (injected aborts count as exception entries), and so must a guest that resets
// itself forever. Handlers that fix things up and retry or skip are left alone.

import * as assert from 'assert';
import { Cpu, SP, Stop } from '../../src/arch/cpu';
import { GuestMemory, VIRT_RAM_BASE } from '../../src/machine/guestMemory';
import { KVM_EXIT_INTERNAL_ERROR, KVM_EXIT_INTR, REG_PC, Vcpu, createVm } from '../../src/kvm';
import { GuestMachine } from '../../src/vmm/guestMachine';
import { buildElf } from './support/elfBuilder';

const RAM = VIRT_RAM_BASE;
const VBAR = RAM + 0x800;
/** Synchronous exception from the current EL with SP_ELx. */
const VECTOR = VBAR + 0x200;
/** Nothing is mapped here on the virt board. */
const NOWHERE = 0x0a80_0000;

const STP_PRE_X0_X1_SP = 0xa9bf07e0; // stp x0, x1, [sp, #-16]!  (writeback: no ISV)
const ADD_X2_1 = 0x91000442; // add x2, x2, #1
const LDR_X0_X1 = 0xf9400020; // ldr x0, [x1]  (ISV = 1: an MMIO exit)
const SVC_0 = 0xd4000001;
const MRS_X9_ELR = 0xd5384029;
const ADD_X9_4 = 0x91001129;
const MSR_ELR_X9 = 0xd5184029;
const ERET = 0xd69f03e0;
const B_SELF = 0x14000000;
const NOP = 0xd503201f;
const MOVZ_W0_9 = 0x52800120;
const MOVK_W0_8400_LSL16 = 0x72b08000;
const HVC_0 = 0xd4000002;

function wordsAt(words: number[]): Uint8Array {
  const bytes = new Uint8Array(4 * words.length);
  words.forEach((w, i) => new DataView(bytes.buffer).setUint32(4 * i, w >>> 0, true));
  return bytes;
}

/** Makes a hang fail the test instead of blocking it: at most `limit` calls of cpu.run. */
function limitRuns(cpu: Cpu, limit = 20000): void {
  const run = cpu.run.bind(cpu);
  let calls = 0;
  cpu.run = (budget: number) => {
    if (++calls > limit) throw new Error(`cpu.run called ${limit} times: the host is spinning on a guest fault loop`);
    return run(budget);
  };
}

function vcpuWith(main: number[], vector: number[]): Vcpu {
  const vm = createVm({ memoryMiB: 2 });
  const vcpu = vm.createVcpu();
  vm.writeMemory(BigInt(RAM), wordsAt(main));
  vm.writeMemory(BigInt(VECTOR), wordsAt(vector));
  vcpu.cpu.vbarEl1 = BigInt(VBAR);
  vcpu.setOneReg(REG_PC, BigInt(RAM));
  limitRuns(vcpu.cpu);
  return vcpu;
}

describe('reliability: fault loops in exception vectors end cleanly', () => {
  it('KVM model: a vector whose stack push aborts on itself ends as an internal error naming the loop', () => {
    const vcpu = vcpuWith([STP_PRE_X0_X1_SP], [STP_PRE_X0_X1_SP]);
    vcpu.cpu.X[SP] = 0x1000n; // below RAM
    const run = vcpu.run({ maxInstructions: 1_000_000 });
    assert.strictEqual(run.exitReason, KVM_EXIT_INTERNAL_ERROR);
    assert.match(run.internalError ?? '', /exception vector at 0x40000a00 faults itself \(ESR 0x96000050: EC 0x25 DABT_CUR.*would loop forever; it was entered for \(ESR 0x96000050.* at 0x40000000/);
    assert.strictEqual(vcpu.cpu.pc, VECTOR);
    assert.ok(vcpu.cpu.instructions < 10);
  });

  it('KVM model: a fault loop that makes progress still ends with the instruction budget', () => {
    const vcpu = vcpuWith([STP_PRE_X0_X1_SP], [ADD_X2_1, STP_PRE_X0_X1_SP]);
    vcpu.cpu.X[SP] = 0x1000n;
    const run = vcpu.run({ maxInstructions: 5000 });
    assert.strictEqual(run.exitReason, KVM_EXIT_INTR);
    assert.ok(vcpu.cpu.instructions >= 5000, `instructions ${vcpu.cpu.instructions}`);
    assert.ok(vcpu.cpu.X[2] > 1000n, 'the handler ran again and again');
  });

  it('CPU: an SVC into a vector table of zeros stops with the UNDEFINED loop and the SVC named', () => {
    const memory = new GuestMemory(RAM, 1 << 20);
    memory.ramBytes.set(wordsAt([SVC_0]), 0);
    const cpu = new Cpu(memory);
    limitRuns(cpu);
    cpu.pc = RAM;
    cpu.vbarEl1 = BigInt(VBAR);
    assert.strictEqual(cpu.run(1_000_000), Stop.Unsupported);
    assert.match(cpu.internalError, /vector at 0x40000a00 faults itself \(ESR 0x02000000: EC 0x00 UNKNOWN.*entered for \(ESR 0x56000000: EC 0x15 SVC64, imm16 0x0\) at 0x40000004/);
    assert.ok(cpu.instructions < 10);
  });

  function machineWith(main: number[], vector: number[]): GuestMachine {
    const image = new Uint8Array(0x1000);
    image.set(wordsAt(main), 0);
    image.set(wordsAt(vector), VECTOR - RAM);
    const machine = new GuestMachine(buildElf({ entry: RAM, segments: [{ address: RAM, data: image, flags: 5 }] }), { memoryMiB: 2, output: () => undefined });
    machine.vcpu.cpu.vbarEl1 = BigInt(VBAR);
    machine.vcpu.cpu.X[1] = BigInt(NOWHERE);
    limitRuns(machine.vcpu.cpu);
    return machine;
  }

  it('board: a vector whose MMIO load hits nothing ends the slice with an error naming the loop', () => {
    const machine = machineWith([LDR_X0_X1], [LDR_X0_X1]);
    const result = machine.runSlice(1_000_000);
    assert.strictEqual(result.kind, 'error');
    assert.match(result.kind === 'error' ? result.message : '', /faults itself \(ESR 0x96000010: EC 0x25 DABT_CUR, ISV 0, WnR 0, DFSC 0x10/);
    machine.dispose();
  });

  it('board: a progressing MMIO fault loop ends with the budget', () => {
    const machine = machineWith([LDR_X0_X1], [ADD_X2_1, LDR_X0_X1]);
    assert.deepStrictEqual(machine.runSlice(3000), { kind: 'budget' });
    assert.ok(machine.instructions >= 3000);
    machine.dispose();
  });

  it('board: a guest that resets itself forever (PSCI SYSTEM_RESET) still spends its budget', () => {
    const machine = machineWith([MOVZ_W0_9, MOVK_W0_8400_LSL16, HVC_0], []);
    // Each reset makes a new vCPU, so count resets to turn a hang into a failure.
    const reset = machine.reset.bind(machine);
    let resets = 0;
    machine.reset = () => {
      if (++resets > 5000) throw new Error('5000 resets within a budget of 200 instructions: the budget is not spent across resets');
      reset();
    };
    assert.deepStrictEqual(machine.runSlice(200), { kind: 'budget' });
    assert.ok(resets > 50, `${resets} resets`);
    assert.ok(machine.instructions >= 200);
    assert.strictEqual(machine.vcpu.cpu.vbarEl1, 0n, 'the machine was reset (a fresh vCPU)');
    machine.dispose();
  });

  it('leaves alone handlers that skip the faulting instruction or retry it', () => {
    const skipping = machineWith([LDR_X0_X1, LDR_X0_X1, LDR_X0_X1, B_SELF], [MRS_X9_ELR, ADD_X9_4, MSR_ELR_X9, ERET]);
    assert.deepStrictEqual(skipping.runSlice(1000), { kind: 'budget' });
    assert.strictEqual(skipping.vcpu.cpu.pc, RAM + 12, 'every load was skipped');
    skipping.dispose();
    const retrying = machineWith([NOP, LDR_X0_X1], [ERET]);
    assert.deepStrictEqual(retrying.runSlice(1000), { kind: 'budget' });
    assert.ok([RAM + 4, VECTOR].includes(retrying.vcpu.cpu.pc));
    retrying.dispose();
  });
});
