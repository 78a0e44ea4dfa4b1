// Exception Syndrome Register (ESR_ELx) layout, exception classes and their decoding.
// The CPU builds syndromes with these helpers and the debugger describes them with the
// same table, so a syndrome is spelled one way everywhere (Arm ARM D17.2.37, Linux esr.h).

export const ESR_ELx_EC_SHIFT = 26;
export const ESR_ELx_IL = 1 << 25;
export const ESR_ELx_ISS_MASK = 0x1ffffff;

export const EC = {
  UNKNOWN: 0x00,
  WFx: 0x01,
  FP_ASIMD: 0x07,
  ILL: 0x0e,
  SVC64: 0x15,
  HVC64: 0x16,
  SMC64: 0x17,
  SYS64: 0x18,
  IABT_LOW: 0x20,
  IABT_CUR: 0x21,
  PC_ALIGN: 0x22,
  DABT_LOW: 0x24,
  DABT_CUR: 0x25,
  SP_ALIGN: 0x26,
  FP_EXC64: 0x2c,
  SERROR: 0x2f,
  BREAKPT_LOW: 0x30,
  BREAKPT_CUR: 0x31,
  SOFTSTP_LOW: 0x32,
  SOFTSTP_CUR: 0x33,
  WATCHPT_LOW: 0x34,
  WATCHPT_CUR: 0x35,
  BKPT32: 0x38,
  VECTOR32: 0x3a,
  BRK64: 0x3c,
} as const;

const EC_NAMES: Record<number, string> = {
  0x00: 'UNKNOWN',
  0x01: 'WFx',
  0x07: 'FP_ASIMD',
  0x0e: 'ILL',
  0x15: 'SVC64',
  0x16: 'HVC64',
  0x17: 'SMC64',
  0x18: 'SYS64',
  0x20: 'IABT_LOW',
  0x21: 'IABT_CUR',
  0x22: 'PC_ALIGN',
  0x24: 'DABT_LOW',
  0x25: 'DABT_CUR',
  0x26: 'SP_ALIGN',
  0x2c: 'FP_EXC64',
  0x2f: 'SERROR',
  0x30: 'BREAKPT_LOW',
  0x31: 'BREAKPT_CUR',
  0x32: 'SOFTSTP_LOW',
  0x33: 'SOFTSTP_CUR',
  0x34: 'WATCHPT_LOW',
  0x35: 'WATCHPT_CUR',
  0x38: 'BKPT32',
  0x3a: 'VECTOR32',
  0x3c: 'BRK64',
};

/** Fault status code for debug exceptions (IFSC/DFSC = 0b100010). */
export const FSC_DEBUG = 0x22;
/** Fault status code for an alignment fault. */
export const FSC_ALIGNMENT = 0x21;
/** Fault status code for a synchronous external abort, not on a translation table walk. */
export const FSC_SYNC_EXTERNAL = 0x10;
/** Fault status code for an address size fault at level 0 (an address above the PA size with the MMU off). */
export const FSC_ADDRESS_SIZE = 0x00;

export function ecName(ec: number): string {
  return EC_NAMES[ec] ?? `EC_${ec.toString(16)}`;
}

export function esrEc(esr: number): number {
  return (esr >>> ESR_ELx_EC_SHIFT) & 0x3f;
}

export function esrIss(esr: number): number {
  return esr & ESR_ELx_ISS_MASK;
}

export function makeEsr(ec: number, iss: number, il = true): number {
  return ((ec << ESR_ELx_EC_SHIFT) | (il ? ESR_ELx_IL : 0) | (iss & ESR_ELx_ISS_MASK)) >>> 0;
}

/** Whether an exception class is taken from a lower EL (the "LOW" variants). */
export function lowerElVariant(ec: number): number {
  switch (ec) {
    case EC.IABT_CUR: return EC.IABT_LOW;
    case EC.DABT_CUR: return EC.DABT_LOW;
    case EC.BREAKPT_CUR: return EC.BREAKPT_LOW;
    case EC.SOFTSTP_CUR: return EC.SOFTSTP_LOW;
    case EC.WATCHPT_CUR: return EC.WATCHPT_LOW;
    default: return ec;
  }
}

/** Same-EL variant of a class that has LOW/CUR forms. */
export function currentElVariant(ec: number): number {
  switch (ec) {
    case EC.IABT_LOW: return EC.IABT_CUR;
    case EC.DABT_LOW: return EC.DABT_CUR;
    case EC.BREAKPT_LOW: return EC.BREAKPT_CUR;
    case EC.SOFTSTP_LOW: return EC.SOFTSTP_CUR;
    case EC.WATCHPT_LOW: return EC.WATCHPT_CUR;
    default: return ec;
  }
}

// ---- Syndrome builders -------------------------------------------------------------

export const syndrome = {
  brk: (imm16: number) => makeEsr(EC.BRK64, imm16 & 0xffff),
  svc: (imm16: number) => makeEsr(EC.SVC64, imm16 & 0xffff),
  hvc: (imm16: number) => makeEsr(EC.HVC64, imm16 & 0xffff),
  smc: (imm16: number) => makeEsr(EC.SMC64, imm16 & 0xffff),
  undefined: () => makeEsr(EC.UNKNOWN, 0),
  breakpoint: (ec: number) => makeEsr(ec, FSC_DEBUG),
  /** Software step: ISV says an instruction was stepped, EX that it was a load-exclusive. */
  softwareStep: (ec: number, isv: boolean, ex: boolean) =>
    makeEsr(ec, (isv ? 1 << 24 : 0) | (ex ? 1 << 6 : 0) | FSC_DEBUG),
  watchpoint: (ec: number, wnr: boolean, cm = false) =>
    makeEsr(ec, (cm ? 1 << 8 : 0) | (wnr ? 1 << 6 : 0) | FSC_DEBUG),
  /** Data abort. With `isv`, the instruction syndrome describes a single register access. */
  dataAbort: (ec: number, dfsc: number, wnr: boolean, isv?: { sas: number; sse: boolean; srt: number; sf: boolean; ar: boolean }) =>
    makeEsr(ec, (isv ? (1 << 24) | (isv.sas << 22) | (isv.sse ? 1 << 21 : 0) | (isv.srt << 16) | (isv.sf ? 1 << 15 : 0) | (isv.ar ? 1 << 14 : 0) : 0) |
      (wnr ? 1 << 6 : 0) | dfsc),
  instructionAbort: (ec: number, ifsc: number) => makeEsr(ec, ifsc),
  pcAlignment: () => makeEsr(EC.PC_ALIGN, 0),
  /** WFI/WFE trapped by SCTLR_EL1.nTWI/nTWE: condition valid, COND = AL, TI = 1 for WFE. */
  wfxTrap: (isWfe: boolean) => makeEsr(EC.WFx, (1 << 24) | (0xe << 20) | (isWfe ? 1 : 0)),
  spAlignment: () => makeEsr(EC.SP_ALIGN, 0),
  /** Trapped MSR/MRS/system instruction (EC 0x18). */
  sysRegTrap: (op0: number, op1: number, crn: number, crm: number, op2: number, rt: number, isRead: boolean) =>
    makeEsr(EC.SYS64, (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | (isRead ? 1 : 0)),
};

/** Decoded fields of a trapped system-register access (ISS of EC 0x18). */
export function decodeSysRegIss(iss: number) {
  return {
    op0: (iss >>> 20) & 3,
    op2: (iss >>> 17) & 7,
    op1: (iss >>> 14) & 7,
    crn: (iss >>> 10) & 0xf,
    rt: (iss >>> 5) & 0x1f,
    crm: (iss >>> 1) & 0xf,
    isRead: (iss & 1) === 1,
  };
}

/** Decoded instruction syndrome of a data abort (ISS of EC 0x24/0x25). */
export function decodeDataAbortIss(iss: number) {
  return {
    isv: ((iss >>> 24) & 1) === 1,
    sas: (iss >>> 22) & 3,
    sse: ((iss >>> 21) & 1) === 1,
    srt: (iss >>> 16) & 0x1f,
    sf: ((iss >>> 15) & 1) === 1,
    ar: ((iss >>> 14) & 1) === 1,
    wnr: ((iss >>> 6) & 1) === 1,
    dfsc: iss & 0x3f,
  };
}

const hex = (v: number | bigint) => '0x' + v.toString(16);

/** Linux's use of BRK comment values (arch/arm64/include/asm/brk-imm.h). */
export function brkImmediateMeaning(imm16: number): string | undefined {
  if (imm16 === 0x004) return 'kprobe';
  if (imm16 === 0x005) return 'uprobe';
  if (imm16 === 0x006) return 'kprobe single-step';
  if (imm16 === 0x100) return 'fault';
  if (imm16 === 0x400 || imm16 === 0x401) return 'kgdb';
  if (imm16 === 0x800) return 'BUG/WARN';
  if (imm16 === 0x3e8) return '__builtin_trap';
  if ((imm16 & 0xff00) === 0x900) return 'KASAN';
  if ((imm16 & 0xff00) === 0x5500) return 'UBSAN';
  return undefined;
}

/** The field list of a syndrome, e.g. `EC 0x3c BRK64, imm16 0x0`. */
export function describeEsrFields(esr: number): string {
  const ec = esrEc(esr);
  const iss = esrIss(esr);
  const head = `EC 0x${ec.toString(16).padStart(2, '0')} ${ecName(ec)}`;
  switch (ec) {
    case EC.BRK64:
      return `${head}, imm16 ${hex(iss & 0xffff)}`;
    case EC.BKPT32:
      return `${head}, imm ${hex(iss & 0xffff)}, IL ${(esr >>> 25) & 1}`;
    case EC.SVC64: case EC.HVC64: case EC.SMC64:
      return `${head}, imm16 ${hex(iss & 0xffff)}`;
    case EC.BREAKPT_LOW: case EC.BREAKPT_CUR: case EC.VECTOR32:
      return `${head}, IFSC ${hex(iss & 0x3f)}`;
    case EC.SOFTSTP_LOW: case EC.SOFTSTP_CUR:
      return `${head}, ISV ${(iss >>> 24) & 1}, EX ${(iss >>> 6) & 1}`;
    case EC.WATCHPT_LOW: case EC.WATCHPT_CUR:
      return `${head}, WnR ${(iss >>> 6) & 1}, CM ${(iss >>> 8) & 1}, DFSC ${hex(iss & 0x3f)}`;
    case EC.DABT_LOW: case EC.DABT_CUR: {
      const d = decodeDataAbortIss(iss);
      const fields = [`ISV ${d.isv ? 1 : 0}`];
      if (d.isv) fields.push(`SAS ${d.sas}`, `SRT ${d.srt}`);
      fields.push(`WnR ${d.wnr ? 1 : 0}`, `DFSC ${hex(d.dfsc)}${faultStatusText(d.dfsc)}`);
      return `${head}, ${fields.join(', ')}`;
    }
    case EC.IABT_LOW: case EC.IABT_CUR:
      return `${head}, IFSC ${hex(iss & 0x3f)}${faultStatusText(iss & 0x3f)}`;
    case EC.SYS64: {
      const s = decodeSysRegIss(iss);
      return `${head}, ${s.isRead ? 'MRS' : 'MSR'} S${s.op0}_${s.op1}_C${s.crn}_C${s.crm}_${s.op2}, Rt ${s.rt}`;
    }
    default:
      return `${head}, ISS ${hex(iss)}`;
  }
}

function faultStatusText(fsc: number): string {
  if (fsc === FSC_SYNC_EXTERNAL) return ' (synchronous external abort)';
  if (fsc === FSC_ADDRESS_SIZE) return ' (address size fault)';
  return '';
}

/** `(ESR 0xf2000000: EC 0x3c BRK64, imm16 0x0)` */
export function formatEsr(esr: number, esrHigh = 0): string {
  const high = esrHigh ? `, ESR[63:32]=${hex(esrHigh)}` : '';
  return `(ESR 0x${(esr >>> 0).toString(16).padStart(8, '0')}: ${describeEsrFields(esr)}${high})`;
}
