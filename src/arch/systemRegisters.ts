// System registers reachable with MRS/MSR, keyed by their encoding
// op0:op1:CRn:CRm:op2 packed as KVM packs them into ONE_REG ids
// (op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2). The CPU model is a Cortex-A57-like
// Armv8.0 core as a KVM guest sees it: EL0 and EL1 in AArch64, no EL2/EL3, no PMU.

import type { Cpu } from './cpu';
import { NUM_BREAKPOINTS, NUM_CONTEXT_BREAKPOINTS, NUM_WATCHPOINTS } from './debugRegisters';
import { SPSR_DAIF } from './pstate';
import { SCTLR_M, SCTLR_UCT, SCTLR_UMA } from './systemControl';

export function sysRegKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/** Which hypervisor trap control covers a register (MDCR_EL2.TDA / TDOSA). */
export type TrapGroup = 'debug' | 'oslock' | undefined;

export interface SystemRegister {
  readonly name: string;
  readonly key: number;
  /** Undefined: write-only. */
  readonly read?: (cpu: Cpu) => bigint;
  /** Undefined: read-only. */
  readonly write?: (cpu: Cpu, value: bigint) => void;
  /**
   * Access from EL0: `true` always allowed; a function says whether a control register
   * (SCTLR_EL1, CNTKCTL_EL1) allows it now, a refusal trapping to EL1 with EC 0x18;
   * absent: UNDEFINED at EL0.
   */
  readonly el0?: true | ((cpu: Cpu) => boolean);
  readonly trap?: TrapGroup;
}

const MIDR_CORTEX_A57 = 0x411fd070n;
/** DebugVer 6 (Armv8), BRPs/WRPs/CTX_CMPs as count - 1, no PMU. */
const ID_AA64DFR0 = BigInt(0x6 | ((NUM_BREAKPOINTS - 1) << 12) | ((NUM_WATCHPOINTS - 1) << 20) | ((NUM_CONTEXT_BREAKPOINTS - 1) << 28));
/** EL0 and EL1: AArch64 only; FP and AdvSIMD implemented (0); no EL2/EL3 visible to the guest. */
const ID_AA64PFR0 = 0x11n;
/** CRC32 instructions. */
const ID_AA64ISAR0 = 0x10000n;
/** PARange 0b0100 (44-bit PA), 4K/64K granules as on the A57. */
const ID_AA64MMFR0 = 0x1124n;
const CTR_EL0 = 0x8444c004n;
/** DC ZVA block size 2^4 words = 64 bytes, permitted. */
export const DCZID_BS = 4;
/** The generic timer ticks at QEMU virt's 62.5 MHz; time advances with retired instructions. */
export const CNTFRQ = 62_500_000;
/** Instructions per counter tick (a 1 GHz virtual core: 16 instructions per 62.5 MHz tick). */
const INSTRUCTIONS_PER_TICK = 16;

const registers: SystemRegister[] = [];

function define(name: string, op0: number, op1: number, crn: number, crm: number, op2: number,
  access: Omit<SystemRegister, 'name' | 'key'>): void {
  registers.push({ name, key: sysRegKey(op0, op1, crn, crm, op2), ...access });
}

function constant(name: string, op0: number, op1: number, crn: number, crm: number, op2: number, value: bigint, el0?: SystemRegister['el0']): void {
  define(name, op0, op1, crn, crm, op2, { read: () => value, el0 });
}

/** A register with no behaviour: the guest reads back what it wrote. */
function plain(name: string, op0: number, op1: number, crn: number, crm: number, op2: number, reset = 0n, el0?: SystemRegister['el0'], trap?: TrapGroup): void {
  const key = sysRegKey(op0, op1, crn, crm, op2);
  define(name, op0, op1, crn, crm, op2, {
    read: (cpu) => cpu.plainSysRegs.get(key) ?? reset,
    write: (cpu, v) => { cpu.plainSysRegs.set(key, v); },
    el0,
    trap,
  });
}

const u32 = (v: bigint) => Number(v & 0xffffffffn);

// ---- Special-purpose registers ------------------------------------------------------
define('NZCV', 3, 3, 4, 2, 0, { read: (c) => BigInt(c.nzcv), write: (c, v) => { c.nzcv = u32(v); }, el0: true });
define('DAIF', 3, 3, 4, 2, 1, { read: (c) => BigInt(c.daif), write: (c, v) => c.setDaif(u32(v) & SPSR_DAIF), el0: (c) => (c.sctlrEl1 & SCTLR_UMA) !== 0 });
define('CurrentEL', 3, 0, 4, 2, 2, { read: (c) => BigInt(c.el << 2) });
define('SPSel', 3, 0, 4, 2, 0, { read: (c) => BigInt(c.spsel), write: (c, v) => c.setSpSel(u32(v) & 1) });
define('FPCR', 3, 3, 4, 4, 0, { read: (c) => BigInt(c.fpcr), write: (c, v) => { c.fpcr = u32(v) & 0x07ff9f00; }, el0: true });
define('FPSR', 3, 3, 4, 4, 1, { read: (c) => BigInt(c.fpsr), write: (c, v) => { c.fpsr = u32(v) & 0xf800009f; }, el0: true });
define('SP_EL0', 3, 0, 4, 1, 0, { read: (c) => c.getSpEl0(), write: (c, v) => c.setSpEl0(v) });
define('ELR_EL1', 3, 0, 4, 0, 1, { read: (c) => c.elrEl1, write: (c, v) => { c.elrEl1 = v; } });
define('SPSR_EL1', 3, 0, 4, 0, 0, { read: (c) => BigInt(c.spsrEl1), write: (c, v) => { c.spsrEl1 = u32(v); } });

// ---- Exception handling and control ---------------------------------------------------
define('ESR_EL1', 3, 0, 5, 2, 0, { read: (c) => BigInt(c.esrEl1), write: (c, v) => { c.esrEl1 = u32(v); } });
define('FAR_EL1', 3, 0, 6, 0, 0, { read: (c) => c.farEl1, write: (c, v) => { c.farEl1 = v; } });
define('VBAR_EL1', 3, 0, 12, 0, 0, { read: (c) => c.vbarEl1, write: (c, v) => { c.vbarEl1 = v & ~0x7ffn; } });
define('SCTLR_EL1', 3, 0, 1, 0, 0, {
  read: (c) => BigInt(c.sctlrEl1),
  write: (c, v) => {
    if (v & BigInt(SCTLR_M)) throw c.unsupported('the guest enabled the MMU (SCTLR_EL1.M = 1); address translation is not modelled, guests must run with the MMU off');
    c.sctlrEl1 = u32(v);
  },
});
define('CPACR_EL1', 3, 0, 1, 0, 2, { read: (c) => BigInt(c.cpacrEl1), write: (c, v) => { c.cpacrEl1 = u32(v); } });
define('TPIDR_EL0', 3, 3, 13, 0, 2, { read: (c) => c.tpidrEl0, write: (c, v) => { c.tpidrEl0 = v; }, el0: true });
define('TPIDRRO_EL0', 3, 3, 13, 0, 3, { read: (c) => c.tpidrroEl0, write: (c, v) => { c.tpidrroEl0 = v; }, el0: true });
define('TPIDR_EL1', 3, 0, 13, 0, 4, { read: (c) => c.tpidrEl1, write: (c, v) => { c.tpidrEl1 = v; } });
define('CONTEXTIDR_EL1', 3, 0, 13, 0, 1, { read: (c) => BigInt(c.contextidrEl1), write: (c, v) => { c.contextidrEl1 = u32(v); } });
define('ISR_EL1', 3, 0, 12, 1, 0, { read: () => 0n });
plain('ACTLR_EL1', 3, 0, 1, 0, 1);
plain('TTBR0_EL1', 3, 0, 2, 0, 0);
plain('TTBR1_EL1', 3, 0, 2, 0, 1);
plain('TCR_EL1', 3, 0, 2, 0, 2);
plain('AFSR0_EL1', 3, 0, 5, 1, 0);
plain('AFSR1_EL1', 3, 0, 5, 1, 1);
plain('PAR_EL1', 3, 0, 7, 4, 0);
plain('MAIR_EL1', 3, 0, 10, 2, 0);
plain('AMAIR_EL1', 3, 0, 10, 3, 0);
plain('CSSELR_EL1', 3, 2, 0, 0, 0);

// ---- Identification -------------------------------------------------------------------
constant('MIDR_EL1', 3, 0, 0, 0, 0, MIDR_CORTEX_A57);
constant('MPIDR_EL1', 3, 0, 0, 0, 5, 0x80000000n);
constant('REVIDR_EL1', 3, 0, 0, 0, 6, 0n);
constant('ID_AA64PFR0_EL1', 3, 0, 0, 4, 0, ID_AA64PFR0);
constant('ID_AA64PFR1_EL1', 3, 0, 0, 4, 1, 0n);
constant('ID_AA64ZFR0_EL1', 3, 0, 0, 4, 4, 0n);
constant('ID_AA64DFR0_EL1', 3, 0, 0, 5, 0, ID_AA64DFR0);
constant('ID_AA64DFR1_EL1', 3, 0, 0, 5, 1, 0n);
constant('ID_AA64AFR0_EL1', 3, 0, 0, 5, 4, 0n);
constant('ID_AA64AFR1_EL1', 3, 0, 0, 5, 5, 0n);
constant('ID_AA64ISAR0_EL1', 3, 0, 0, 6, 0, ID_AA64ISAR0);
constant('ID_AA64ISAR1_EL1', 3, 0, 0, 6, 1, 0n);
constant('ID_AA64ISAR2_EL1', 3, 0, 0, 6, 2, 0n);
constant('ID_AA64MMFR0_EL1', 3, 0, 0, 7, 0, ID_AA64MMFR0);
constant('ID_AA64MMFR1_EL1', 3, 0, 0, 7, 1, 0n);
constant('ID_AA64MMFR2_EL1', 3, 0, 0, 7, 2, 0n);
// AArch32 feature registers read as zero: no AArch32 at any EL.
for (let crm = 1; crm <= 3; crm++) {
  for (let op2 = 0; op2 < 8; op2++) constant(`S3_0_C0_C${crm}_${op2}`, 3, 0, 0, crm, op2, 0n);
}
constant('CTR_EL0', 3, 3, 0, 0, 1, CTR_EL0, (c) => (c.sctlrEl1 & SCTLR_UCT) !== 0);
constant('DCZID_EL0', 3, 3, 0, 0, 7, BigInt(DCZID_BS), true);
constant('CLIDR_EL1', 3, 1, 0, 0, 1, 0x0a200023n);
constant('CCSIDR_EL1', 3, 1, 0, 0, 0, 0x701fe00an);
constant('AIDR_EL1', 3, 1, 0, 0, 7, 0n);

// ---- Generic timer (deterministic: derived from retired instructions) -----------------
const counter = (c: Cpu) => BigInt(Math.floor(c.instructions / INSTRUCTIONS_PER_TICK));
// CNTKCTL_EL1.EL0PCTEN (bit 0) and EL0VCTEN (bit 1) open the counters (and CNTFRQ) to EL0.
const CNTKCTL_KEY = sysRegKey(3, 0, 14, 1, 0);
const cntkctl = (c: Cpu) => Number(c.plainSysRegs.get(CNTKCTL_KEY) ?? 0n);
const el0CounterAccess = (c: Cpu) => (cntkctl(c) & 3) !== 0;
constant('CNTFRQ_EL0', 3, 3, 14, 0, 0, BigInt(CNTFRQ), el0CounterAccess);
define('CNTPCT_EL0', 3, 3, 14, 0, 1, { read: counter, el0: (c) => (cntkctl(c) & 1) !== 0 });
define('CNTVCT_EL0', 3, 3, 14, 0, 2, { read: counter, el0: (c) => (cntkctl(c) & 2) !== 0 });
plain('CNTKCTL_EL1', 3, 0, 14, 1, 0);
plain('CNTP_TVAL_EL0', 3, 3, 14, 2, 0, 0n, true);
plain('CNTP_CTL_EL0', 3, 3, 14, 2, 1, 0n, true);
plain('CNTP_CVAL_EL0', 3, 3, 14, 2, 2, 0n, true);
plain('CNTV_TVAL_EL0', 3, 3, 14, 3, 0, 0n, true);
plain('CNTV_CTL_EL0', 3, 3, 14, 3, 1, 0n, true);
plain('CNTV_CVAL_EL0', 3, 3, 14, 3, 2, 0n, true);

// ---- Debug -----------------------------------------------------------------------------
// Guest accesses always reach the guest's own copy; when the hypervisor debugs, MDCR_EL2.TDA
// makes them trap first so it can keep its own registers live (kvm-guest-debug.md 2.4).
define('MDSCR_EL1', 2, 0, 0, 2, 2, {
  read: (c) => BigInt(c.mdscrEl1),
  write: (c, v) => { c.mdscrEl1 = u32(v); c.refreshDebugState(); },
  trap: 'debug',
});
for (let n = 0; n < NUM_BREAKPOINTS; n++) {
  define(`DBGBVR${n}_EL1`, 2, 0, 0, n, 4, {
    read: (c) => c.guestDebugRegisters.bvr[n],
    write: (c, v) => { c.guestDebugRegisters.bvr[n] = v; c.refreshDebugState(); },
    trap: 'debug',
  });
  define(`DBGBCR${n}_EL1`, 2, 0, 0, n, 5, {
    read: (c) => BigInt(c.guestDebugRegisters.bcr[n]),
    write: (c, v) => { c.guestDebugRegisters.bcr[n] = u32(v); c.refreshDebugState(); },
    trap: 'debug',
  });
}
for (let n = 0; n < NUM_WATCHPOINTS; n++) {
  define(`DBGWVR${n}_EL1`, 2, 0, 0, n, 6, {
    read: (c) => c.guestDebugRegisters.wvr[n],
    write: (c, v) => { c.guestDebugRegisters.wvr[n] = v; c.refreshDebugState(); },
    trap: 'debug',
  });
  define(`DBGWCR${n}_EL1`, 2, 0, 0, n, 7, {
    read: (c) => BigInt(c.guestDebugRegisters.wcr[n]),
    write: (c, v) => { c.guestDebugRegisters.wcr[n] = u32(v); c.refreshDebugState(); },
    trap: 'debug',
  });
}
plain('MDCCINT_EL1', 2, 0, 0, 2, 0, 0n, undefined, 'debug');
constant('MDRAR_EL1', 2, 0, 1, 0, 0, 0n);
define('OSLAR_EL1', 2, 0, 1, 0, 4, {
  write: (c, v) => { c.osLock = (v & 1n) === 1n; c.refreshDebugState(); },
  trap: 'oslock',
});
// OSLSR_EL1: OSLM = 0b10 (OS lock implemented, Armv8.0), OSLK in bit 1.
define('OSLSR_EL1', 2, 0, 1, 1, 4, { read: (c) => (c.osLock ? 0b1010n : 0b1000n), trap: 'oslock' });
define('OSDLR_EL1', 2, 0, 1, 3, 4, { read: (c) => BigInt(c.osdlrEl1), write: (c, v) => { c.osdlrEl1 = u32(v) & 1; }, trap: 'oslock' });
plain('DBGPRCR_EL1', 2, 0, 1, 4, 4, 0n, undefined, 'oslock');
plain('DBGCLAIMSET_EL1', 2, 0, 7, 8, 6, 0n, undefined, 'debug');
plain('DBGCLAIMCLR_EL1', 2, 0, 7, 9, 6, 0n, undefined, 'debug');
constant('DBGAUTHSTATUS_EL1', 2, 0, 7, 14, 6, 0xaan);

const byKey = new Map<number, SystemRegister>(registers.map((r) => [r.key, r]));
const byName = new Map<string, SystemRegister>(registers.map((r) => [r.name.toLowerCase(), r]));

export function systemRegisterByKey(key: number): SystemRegister | undefined {
  return byKey.get(key);
}

export function systemRegisterByName(name: string): SystemRegister | undefined {
  return byName.get(name.toLowerCase());
}

export function allSystemRegisters(): readonly SystemRegister[] {
  return registers;
}

/** The architectural name of a debug register this CPU does not implement (n beyond its count). */
export function unimplementedDebugRegisterName(op0: number, op1: number, crn: number, crm: number, op2: number): string | undefined {
  if (op0 !== 2 || op1 !== 0 || crn !== 0 || op2 < 4) return undefined;
  return `${['DBGBVR', 'DBGBCR', 'DBGWVR', 'DBGWCR'][op2 - 4]}${crm}_EL1`;
}

/** The generic name LLVM prints for an encoding it has no name for. */
export function genericSysRegName(op0: number, op1: number, crn: number, crm: number, op2: number): string {
  return `S${op0}_${op1}_C${crn}_C${crm}_${op2}`;
}
