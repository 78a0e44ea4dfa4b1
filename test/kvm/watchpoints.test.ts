import * as assert from 'assert';
import {
  KVM_EXIT_DEBUG, KVM_EXIT_INTR, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_HW, REG_PC, REG_X, Vcpu, Vm,
} from '../../src/kvm';
import { NOP, RAM, vmWithCode } from './kvmHarness';

const STR_X1_X0 = 0xf9000001; // str x1, [x0]
const LDR_W2_X0_4 = 0xb9400402; // ldr w2, [x0, #4]
const STRB_W1_X0_7 = 0x39001c01; // strb w1, [x0, #7]
const LDRH_W3_X0_2 = 0x79400403; // ldrh w3, [x0, #2]
const STR_W1_X0_4 = 0xb9000401; // str w1, [x0, #4]
const LDP_X4_X5_X0 = 0xa9401404; // ldp x4, x5, [x0]
const STUR_X1_X0_M4 = 0xf81fc001; // stur x1, [x0, #-4]

const DATA = RAM + 0x1000;
const LSC_LOAD = 1;
const LSC_STORE = 2;
const LSC_ANY = 3;

/** DBGWCR for `length` bytes at `address` (within one doubleword), EL0+EL1, like QEMU builds it. */
function wcr(address: number, length: number, lsc: number): bigint {
  const bas = ((1 << length) - 1) << (address & 7);
  return BigInt(((bas & 0xff) << 5) | (lsc << 3) | (3 << 1) | 1);
}

function watch(vcpu: Vcpu, slots: { address: number; length: number; lsc: number }[]): void {
  const dbgWcr = new Array(16).fill(0n);
  const dbgWvr = new Array(16).fill(0n);
  slots.forEach((s, i) => { dbgWcr[i] = wcr(s.address, s.length, s.lsc); dbgWvr[i] = BigInt(s.address & ~7); });
  const zero = new Array(16).fill(0n);
  assert.strictEqual(vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch: { dbgBcr: zero, dbgBvr: zero, dbgWcr, dbgWvr } }), 0);
}

function setup(words: number[]): { vm: Vm; vcpu: Vcpu } {
  const t = vmWithCode(words);
  t.vcpu.setOneReg(REG_X(0), BigInt(DATA));
  t.vcpu.setOneReg(REG_X(1), 0x1122334455667788n);
  return t;
}

const pc = (vcpu: Vcpu) => Number(vcpu.getOneReg(REG_PC));

describe('KVM model: host watchpoints (USE_HW)', () => {
  it('a store hit exits with EC 0x34, WnR 1, far = the address, and the store not performed', () => {
    const { vm, vcpu } = setup([NOP, STR_X1_X0, NOP]);
    watch(vcpu, [{ address: DATA, length: 8, lsc: LSC_STORE }]);
    const run = vcpu.run();
    assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(run.debug!.arch.hsr, 0xd2000062);
    assert.strictEqual(run.debug!.arch.far, BigInt(DATA));
    assert.strictEqual(pc(vcpu), RAM + 4, 'PC on the store');
    assert.deepStrictEqual([...vm.readMemory(BigInt(DATA), 8)], [0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('a load hit has WnR 0; a store does not trigger a load-only watchpoint', () => {
    const { vcpu } = setup([STR_W1_X0_4, LDR_W2_X0_4, NOP]);
    watch(vcpu, [{ address: DATA + 4, length: 4, lsc: LSC_LOAD }]);
    const run = vcpu.run();
    assert.strictEqual(run.debug!.arch.hsr, 0xd2000022);
    assert.strictEqual(pc(vcpu), RAM + 4);
    assert.strictEqual(run.debug!.arch.far, BigInt(DATA + 4));
  });

  for (const length of [1, 2, 4, 8]) {
    for (const [lsc, name] of [[LSC_LOAD, 'read'], [LSC_STORE, 'write'], [LSC_ANY, 'access']] as const) {
      it(`a ${length}-byte ${name} watchpoint catches overlapping accesses and ignores the others`, () => {
        const address = DATA + (length === 8 ? 0 : 8 - length);
        // Accesses: strb at +7, ldrh at +2, str w at +4, ldr w at +4, str x at +0.
        const accesses = [
          { word: STRB_W1_X0_7, first: 7, size: 1, write: true },
          { word: LDRH_W3_X0_2, first: 2, size: 2, write: false },
          { word: STR_W1_X0_4, first: 4, size: 4, write: true },
          { word: LDR_W2_X0_4, first: 4, size: 4, write: false },
          { word: STR_X1_X0, first: 0, size: 8, write: true },
        ];
        for (const access of accesses) {
          const { vcpu } = setup([access.word, NOP]);
          watch(vcpu, [{ address, length, lsc }]);
          const run = vcpu.run({ maxInstructions: 1 });
          const overlaps = DATA + access.first < address + length && address < DATA + access.first + access.size;
          const kindMatches = access.write ? (lsc & LSC_STORE) !== 0 : (lsc & LSC_LOAD) !== 0;
          const expectHit = overlaps && kindMatches;
          assert.strictEqual(run.exitReason, expectHit ? KVM_EXIT_DEBUG : KVM_EXIT_INTR, `access at +${access.first} size ${access.size}`);
          if (expectHit) {
            assert.strictEqual(run.debug!.arch.far, BigInt(DATA + access.first));
            assert.strictEqual((run.debug!.arch.hsr >>> 6) & 1, access.write ? 1 : 0);
          }
        }
      });
    }
  }

  it('an 8-byte store that overlaps a watched 4-byte variable from below reports its own, lower, address', () => {
    const { vcpu } = setup([STUR_X1_X0_M4, NOP]);
    watch(vcpu, [{ address: DATA, length: 4, lsc: LSC_STORE }]);
    const run = vcpu.run();
    assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(run.debug!.arch.far, BigInt(DATA - 4));
  });

  it('a pair load covering the watched bytes hits', () => {
    const { vcpu } = setup([LDP_X4_X5_X0, NOP]);
    watch(vcpu, [{ address: DATA + 12, length: 4, lsc: LSC_LOAD }]);
    const run = vcpu.run();
    assert.strictEqual(run.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(pc(vcpu), RAM);
  });

  it('stepping over the access with the watchpoint disabled completes it, then it re-arms', () => {
    const { vm, vcpu } = setup([STR_X1_X0, STR_X1_X0, NOP]);
    watch(vcpu, [{ address: DATA, length: 8, lsc: LSC_STORE }]);
    assert.strictEqual(vcpu.run().exitReason, KVM_EXIT_DEBUG);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    assert.strictEqual(vcpu.run().exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(pc(vcpu), RAM + 4);
    assert.strictEqual(new DataView(vm.readMemory(BigInt(DATA), 8).buffer).getBigUint64(0, true), 0x1122334455667788n);
    watch(vcpu, [{ address: DATA, length: 8, lsc: LSC_STORE }]);
    const again = vcpu.run();
    assert.strictEqual(again.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(pc(vcpu), RAM + 4);
  });

  it('far keeps its last value for exits other than watchpoints', () => {
    const { vcpu } = setup([STR_X1_X0, NOP, NOP]);
    watch(vcpu, [{ address: DATA, length: 8, lsc: LSC_STORE }]);
    const hit = vcpu.run();
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    const step = vcpu.run();
    assert.strictEqual(step.debug!.arch.hsr >>> 26, 0x32);
    assert.strictEqual(step.debug!.arch.far, hit.debug!.arch.far);
  });
});

describe('KVM model: MMIO exits', () => {
  it('a store to the UART leaves as KVM_EXIT_MMIO, then one step exit after it completes', () => {
    const { vcpu } = setup([STR_W1_X0_4, NOP, NOP]);
    vcpu.setOneReg(REG_X(0), 0x0900_0000n - 4n);
    vcpu.setOneReg(REG_X(1), 0x41n);
    vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
    const mmio = vcpu.run();
    assert.strictEqual(mmio.exitReason, 6);
    assert.strictEqual(mmio.mmio!.physAddr, 0x0900_0000n);
    assert.strictEqual(mmio.mmio!.isWrite, true);
    assert.strictEqual(mmio.mmio!.len, 4);
    assert.deepStrictEqual([...mmio.mmio!.data], [0x41, 0, 0, 0]);
    const step = vcpu.run();
    assert.strictEqual(step.exitReason, KVM_EXIT_DEBUG);
    assert.strictEqual(pc(vcpu), RAM + 4);
  });

  it('a load from MMIO takes the value userspace puts in data', () => {
    const { vcpu } = setup([LDR_W2_X0_4, NOP]);
    vcpu.setOneReg(REG_X(0), 0x0900_0014n);
    const mmio = vcpu.run();
    assert.strictEqual(mmio.exitReason, 6);
    assert.strictEqual(mmio.mmio!.isWrite, false);
    mmio.mmio!.data.set([0x90, 0, 0, 0]);
    vcpu.run({ maxInstructions: 1 });
    assert.strictEqual(vcpu.getOneReg(REG_X(2)), 0x90n);
    assert.strictEqual(pc(vcpu), RAM + 8);
  });
});
