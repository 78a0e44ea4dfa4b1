// Builds a VM whose RAM starts with the given instruction words, for host-side debug tests.

import { REG_PC, Vcpu, Vm, createVm } from '../../src/kvm';

export const RAM = 0x4000_0000;

export function vmWithCode(words: number[], at = RAM): { vm: Vm; vcpu: Vcpu } {
  const vm = createVm({ memoryMiB: 16 });
  const vcpu = vm.createVcpu();
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setUint32(4 * i, w >>> 0, true));
  vm.writeMemory(BigInt(at), bytes);
  vcpu.setOneReg(REG_PC, BigInt(RAM));
  return { vm, vcpu };
}

export const NOP = 0xd503201f;
export const brk = (imm: number) => (0xd4200000 | (imm << 5)) >>> 0;
export const svc = (imm: number) => (0xd4000001 | (imm << 5)) >>> 0;
export const hvc = (imm: number) => (0xd4000002 | (imm << 5)) >>> 0;
/** MSR/MRS of a debug register: op0 = 2, op1 = 0, CRn = 0. */
export const msrDebug = (crm: number, op2: number, rt: number) => (0xd5100000 | (crm << 8) | (op2 << 5) | rt) >>> 0;
export const mrsDebug = (crm: number, op2: number, rt: number) => (0xd5300000 | (crm << 8) | (op2 << 5) | rt) >>> 0;
/** MSR VBAR_EL1, Xt */
export const msrVbar = (rt: number) => (0xd518c000 | rt) >>> 0;
