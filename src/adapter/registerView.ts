// The Registers scope of the Variables view: groups (general, PSTATE, FP/SIMD, system,
// debug), hex by default, decoded PSTATE/SPSR and ESR, vector lanes, the host's debug
// slots beside the guest's own. Register names and widths come from the KVM register
// table (src/kvm), the one list ONE_REG, this view and the console share.

import { describeEsrFields } from '../arch/esr';
import { modeName } from '../arch/pstate';
import { REGISTER_TABLE, RegisterInfo } from '../kvm';

export type RegisterGroupId = 'general' | 'pstate' | 'fpsimd' | 'system' | 'debug';

export interface RegisterGroupInfo {
  id: RegisterGroupId;
  title: string;
  /** `info registers GROUP` name. */
  consoleName: string;
}

export const REGISTER_GROUPS: readonly RegisterGroupInfo[] = [
  { id: 'general', title: 'General', consoleName: 'general' },
  { id: 'pstate', title: 'PSTATE', consoleName: 'pstate' },
  { id: 'fpsimd', title: 'FP/SIMD', consoleName: 'fp' },
  { id: 'system', title: 'System', consoleName: 'system' },
  { id: 'debug', title: 'Debug', consoleName: 'debug' },
];

/** System registers the PSTATE and FP/SIMD groups already show. */
const SHOWN_ELSEWHERE = new Set(['nzcv', 'daif', 'currentel', 'spsel', 'fpcr', 'fpsr']);
/** System registers worth seeing first. */
const SYSTEM_FIRST = ['esr_el1', 'elr_el1', 'spsr_el1', 'far_el1', 'vbar_el1', 'sctlr_el1', 'sp_el0', 'sp_el1', 'tcr_el1', 'ttbr0_el1', 'ttbr1_el1', 'mair_el1'];

/** Register names (register-file spelling) of a group, in display order. */
export function registersOfGroup(group: RegisterGroupId): string[] {
  switch (group) {
    case 'general':
      return [...Array.from({ length: 31 }, (_, n) => `x${n}`), 'sp', 'pc'];
    case 'pstate':
      return ['pstate'];
    case 'fpsimd':
      return [...Array.from({ length: 32 }, (_, n) => `v${n}`), 'fpsr', 'fpcr'];
    case 'system': {
      const rest = REGISTER_TABLE.filter((r: RegisterInfo) => r.group === 'system' && !SHOWN_ELSEWHERE.has(r.name) && !SYSTEM_FIRST.includes(r.name))
        .map(r => r.name);
      return [...SYSTEM_FIRST, ...rest];
    }
    case 'debug':
      return REGISTER_TABLE.filter(r => r.group === 'debug').map(r => r.name);
  }
}

export function registerWidth(name: string): number {
  if (/^v\d+$/.test(name)) return 128;
  return REGISTER_TABLE.find(r => r.name === name)?.width ?? 64;
}

/** Hex padded to the register's width (`0x0000000040000a10`), or decimal when asked. */
export function formatRegisterValue(value: bigint, width: number, hex: boolean): string {
  if (!hex) return value.toString(10);
  return '0x' + value.toString(16).padStart(width / 4, '0');
}

/** PSTATE (or an SPSR) decoded: `EL1h N Z C V D A I F SS`. */
export function describePstate(value: bigint): string {
  const v = Number(value & 0xffff_ffffn);
  const flags: string[] = [modeName(v)];
  const bit = (n: number, name: string) => { if ((v >>> n) & 1) flags.push(name); };
  bit(31, 'N'); bit(30, 'Z'); bit(29, 'C'); bit(28, 'V');
  bit(9, 'D'); bit(8, 'A'); bit(7, 'I'); bit(6, 'F');
  bit(21, 'SS'); bit(20, 'IL'); bit(22, 'PAN');
  return flags.join(' ');
}

/** A decode shown after a register's value, where one helps. */
export function describeRegister(name: string, value: bigint): string | undefined {
  if (name === 'pstate' || name === 'cpsr' || name === 'spsr_el1') return `[ ${describePstate(value)} ]`;
  if (name === 'esr_el1') return `(${describeEsrFields(Number(value & 0xffff_ffffn))})`;
  return undefined;
}

/** One PSTATE field for the Variables view: name, bit position and width. */
export interface PstateField {
  name: string;
  shift: number;
  width: number;
  describe?: (field: number) => string;
}

export const PSTATE_FIELDS: readonly PstateField[] = [
  { name: 'N', shift: 31, width: 1 },
  { name: 'Z', shift: 30, width: 1 },
  { name: 'C', shift: 29, width: 1 },
  { name: 'V', shift: 28, width: 1 },
  { name: 'SS', shift: 21, width: 1 },
  { name: 'IL', shift: 20, width: 1 },
  { name: 'D', shift: 9, width: 1 },
  { name: 'A', shift: 8, width: 1 },
  { name: 'I', shift: 7, width: 1 },
  { name: 'F', shift: 6, width: 1 },
  { name: 'EL', shift: 2, width: 2 },
  { name: 'SPSel', shift: 0, width: 1 },
  { name: 'M', shift: 0, width: 5, describe: m => modeName(m) },
];

/** Lanes shown under a V register: integer views and the floating-point reading of the low lanes. */
export function vectorLanes(value: bigint): { name: string; value: string }[] {
  const lanes: { name: string; value: string }[] = [];
  const laneValues = (bits: number) => Array.from({ length: 128 / bits }, (_, i) => (value >> BigInt(i * bits)) & ((1n << BigInt(bits)) - 1n));
  const hexLanes = (bits: number) => laneValues(bits).map(v => '0x' + v.toString(16).padStart(bits / 4, '0'));
  for (const [kind, bits] of [['d', 64], ['s', 32], ['h', 16], ['b', 8]] as const) {
    lanes.push({ name: kind, value: `{${hexLanes(bits).join(', ')}}` });
  }
  const buffer = new DataView(new ArrayBuffer(16));
  buffer.setBigUint64(0, value & 0xffff_ffff_ffff_ffffn, true);
  buffer.setBigUint64(8, value >> 64n, true);
  lanes.push({ name: 'f64', value: `{${buffer.getFloat64(0, true)}, ${buffer.getFloat64(8, true)}}` });
  lanes.push({ name: 'f32', value: `{${[0, 4, 8, 12].map(o => buffer.getFloat32(o, true)).join(', ')}}` });
  return lanes;
}
