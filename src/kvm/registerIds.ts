// KVM_GET_ONE_REG / KVM_SET_ONE_REG register ids (Documentation/virt/kvm/api.rst, arm64),
// and the one table of register names, ids and widths that the variables view and the
// debug console read as well.

import { allSystemRegisters } from '../arch/systemRegisters';

const KVM_REG_ARM64 = 0x6000000000000000n;
const KVM_REG_SIZE_U32 = 0x0020000000000000n;
const KVM_REG_SIZE_U64 = 0x0030000000000000n;
const KVM_REG_SIZE_U128 = 0x0040000000000000n;
const KVM_REG_ARM_CORE = 0x0010n << 16n;
const KVM_REG_ARM64_SYSREG = 0x0013n << 16n;

export type RegisterWidth = 32 | 64 | 128;

const SIZE_BITS: Record<RegisterWidth, bigint> = { 32: KVM_REG_SIZE_U32, 64: KVM_REG_SIZE_U64, 128: KVM_REG_SIZE_U128 };

/** A core register id: `offset32` is the offset in struct kvm_regs in 32-bit words. */
export function coreRegId(offset32: number, width: RegisterWidth = 64): bigint {
  return KVM_REG_ARM64 | SIZE_BITS[width] | KVM_REG_ARM_CORE | BigInt(offset32);
}

/** A system register id from its encoding. */
export function sysRegId(op0: number, op1: number, crn: number, crm: number, op2: number): bigint {
  return KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG |
    BigInt((op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2);
}

// struct kvm_regs layout in 32-bit words: user_pt_regs { regs[31], sp, pc, pstate },
// sp_el1, elr_el1, spsr[5], then user_fpsimd_state (16-byte aligned) { vregs[32], fpsr, fpcr }.
export const CORE_OFFSET = {
  regs: 0, sp: 62, pc: 64, pstate: 66, spEl1: 68, elrEl1: 70, spsr: 72, vregs: 84, fpsr: 212, fpcr: 213,
} as const;

export const REG_X = (n: number): bigint => coreRegId(CORE_OFFSET.regs + 2 * n);
/** SP_EL0 (user_pt_regs.sp). */
export const REG_SP = coreRegId(CORE_OFFSET.sp);
export const REG_PC = coreRegId(CORE_OFFSET.pc);
export const REG_PSTATE = coreRegId(CORE_OFFSET.pstate);
export const REG_SP_EL1 = coreRegId(CORE_OFFSET.spEl1);
export const REG_ELR_EL1 = coreRegId(CORE_OFFSET.elrEl1);
export const REG_SPSR_EL1 = coreRegId(CORE_OFFSET.spsr);
export const REG_V = (n: number): bigint => coreRegId(CORE_OFFSET.vregs + 4 * n, 128);
export const REG_FPSR = coreRegId(CORE_OFFSET.fpsr, 32);
export const REG_FPCR = coreRegId(CORE_OFFSET.fpcr, 32);

export type RegisterGroup = 'general' | 'pstate' | 'fpsimd' | 'system' | 'debug';

export interface RegisterInfo {
  /** Lower-case name as users type it (`x0`, `sp_el1`, `esr_el1`). */
  readonly name: string;
  readonly id: bigint;
  readonly width: RegisterWidth;
  readonly group: RegisterGroup;
}

function buildTable(): RegisterInfo[] {
  const table: RegisterInfo[] = [];
  for (let n = 0; n <= 30; n++) table.push({ name: `x${n}`, id: REG_X(n), width: 64, group: 'general' });
  table.push({ name: 'sp_el0', id: REG_SP, width: 64, group: 'general' });
  table.push({ name: 'sp_el1', id: REG_SP_EL1, width: 64, group: 'general' });
  table.push({ name: 'pc', id: REG_PC, width: 64, group: 'general' });
  table.push({ name: 'pstate', id: REG_PSTATE, width: 64, group: 'pstate' });
  for (let n = 0; n < 32; n++) table.push({ name: `v${n}`, id: REG_V(n), width: 128, group: 'fpsimd' });
  table.push({ name: 'fpsr', id: REG_FPSR, width: 32, group: 'fpsimd' });
  table.push({ name: 'fpcr', id: REG_FPCR, width: 32, group: 'fpsimd' });
  table.push({ name: 'elr_el1', id: REG_ELR_EL1, width: 64, group: 'system' });
  table.push({ name: 'spsr_el1', id: REG_SPSR_EL1, width: 64, group: 'system' });
  for (const reg of allSystemRegisters()) {
    const name = reg.name.toLowerCase();
    if (!reg.read || name.startsWith('s3_') || name === 'elr_el1' || name === 'spsr_el1' || name === 'sp_el0') continue;
    const key = reg.key;
    const id = sysRegId(key >>> 14, (key >>> 11) & 7, (key >>> 7) & 0xf, (key >>> 3) & 0xf, key & 7);
    table.push({ name, id, width: 64, group: reg.trap ? 'debug' : 'system' });
  }
  return table;
}

export const REGISTER_TABLE: readonly RegisterInfo[] = buildTable();
const byName = new Map(REGISTER_TABLE.map((r) => [r.name, r]));

export function registerByName(name: string): RegisterInfo | undefined {
  return byName.get(name.toLowerCase());
}
