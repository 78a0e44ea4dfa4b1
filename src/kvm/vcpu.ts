// A vCPU as KVM presents it to userspace: KVM_RUN returns exit records, debug
// exceptions leave as KVM_EXIT_DEBUG with the syndrome, registers are ONE_REG ids.

import { Cpu, DISCARD, Stop } from '../arch/cpu';
import { EC, decodeDataAbortIss, decodeSysRegIss, esrEc, esrIss } from '../arch/esr';
import { sysRegKey, systemRegisterByKey } from '../arch/systemRegisters';
import {
  ENOENT, KVM_DEBUG_ARCH_HSR_HIGH_VALID, KVM_EXIT_DEBUG, KVM_EXIT_HYPERCALL, KVM_EXIT_INTERNAL_ERROR, KVM_EXIT_INTR,
  KVM_EXIT_MMIO, KVM_HC_ARM_SEMIHOSTING,
} from './constants';
import { GuestDebug, GuestDebugState } from './guestDebug';
import { CORE_OFFSET } from './registerIds';

/** struct kvm_run, the parts arm64 guest debugging uses. */
export interface KvmRun {
  exitReason: number;
  flags: number;
  /** KVM_EXIT_DEBUG: struct kvm_debug_exit_arch. `far` is only written for watchpoints. */
  debug?: { arch: { hsr: number; hsrHigh: number; far: bigint } };
  /** KVM_EXIT_MMIO. For a read, fill `data` before the next run(). */
  mmio?: { physAddr: bigint; data: Uint8Array; len: number; isWrite: boolean };
  /** KVM_EXIT_HYPERCALL: HVC/SMC function calls forwarded to userspace, and semihosting. */
  hypercall?: { nr: bigint; args: bigint[]; flags: number };
  /** KVM_EXIT_SYSTEM_EVENT. */
  systemEvent?: { type: number; flags: number };
  /** KVM_EXIT_INTERNAL_ERROR: why. */
  internalError?: string;
}

/** kvm_run.hypercall.flags: the call came from SMC rather than HVC. */
export const KVM_HYPERCALL_EXIT_SMC = 1;

export class KvmError extends Error {
  constructor(readonly errno: number, message: string) {
    super(message);
  }
}

interface PendingMmio {
  isWrite: boolean;
  run: KvmRun;
  srt: number;
  sse: boolean;
  sf: boolean;
  len: number;
}

export class Vcpu {
  private readonly debugState = new GuestDebugState();
  private pendingMmio: PendingMmio | undefined;
  /** kvm_run.debug.arch.far keeps its old value unless a watchpoint writes it. */
  private lastFar = 0n;

  constructor(readonly cpu: Cpu) {}

  get guestDebugControl(): number {
    return this.debugState.control;
  }

  /** KVM_SET_GUEST_DEBUG */
  setGuestDebug(dbg: GuestDebug): number {
    return this.debugState.set(dbg);
  }

  /** KVM_RUN: runs until an exit. `maxInstructions` bounds the run like a pending signal. */
  run(options: { maxInstructions?: number } = {}): KvmRun {
    let budget = options.maxInstructions ?? Number.MAX_SAFE_INTEGER;
    let entry = true;
    for (;;) {
      const before = this.cpu.instructions;
      this.debugState.load(this.cpu);
      // The emulated access completes with the host's debug state live, so skipping it advances the step machine.
      if (entry) this.completeMmio();
      entry = false;
      const stop = this.cpu.run(budget);
      const exit = this.handleStop(stop);
      this.debugState.put(this.cpu);
      budget -= this.cpu.instructions - before;
      if (exit) return exit;
      if (budget <= 0) return { exitReason: KVM_EXIT_INTR, flags: 0 };
    }
  }

  /** Turns a stop of the CPU into an exit record, or handles it in the "kernel" (undefined). */
  private handleStop(stop: Stop): KvmRun | undefined {
    const cpu = this.cpu;
    switch (stop) {
      case Stop.Budget:
        return { exitReason: KVM_EXIT_INTR, flags: 0 };
      case Stop.Semihosting:
        // No KVM has semihosting; the call is forwarded like an SMCCC hypercall, past the HLT.
        cpu.skipInstruction();
        return { exitReason: KVM_EXIT_HYPERCALL, flags: 0, hypercall: { nr: BigInt(KVM_HC_ARM_SEMIHOSTING), args: [cpu.X[0], cpu.X[1]], flags: 0 } };
      case Stop.Unsupported:
        return { exitReason: KVM_EXIT_INTERNAL_ERROR, flags: 0, internalError: cpu.internalError };
      case Stop.HypervisorTrap:
        return this.handleTrap();
    }
  }

  private handleTrap(): KvmRun | undefined {
    const cpu = this.cpu;
    const { esr, far } = cpu.trap;
    const ec = esrEc(esr);
    switch (ec) {
      case EC.BREAKPT_LOW: case EC.SOFTSTP_LOW: case EC.WATCHPT_LOW: case EC.BKPT32: case EC.BRK64:
        return this.debugExit(esr, far);
      case EC.HVC64:
        // PC is already past the HVC; userspace answers in X0 (SMCCC forwarding).
        return this.smcccExit(0);
      case EC.SMC64:
        cpu.skipInstruction();
        return this.smcccExit(KVM_HYPERCALL_EXIT_SMC);
      case EC.SYS64:
        this.emulateSysRegAccess(esrIss(esr));
        return undefined;
      case EC.DABT_LOW:
        return this.mmioExit(esr, far);
      default:
        return { exitReason: KVM_EXIT_INTERNAL_ERROR, flags: 0, internalError: `unexpected trap to EL2 (ESR 0x${esr.toString(16)})` };
    }
  }

  /** An SMCCC call forwarded to userspace: function id in W0, arguments in X1..X3. */
  private smcccExit(flags: number): KvmRun {
    const X = this.cpu.X;
    return { exitReason: KVM_EXIT_HYPERCALL, flags: 0, hypercall: { nr: X[0] & 0xffffffffn, args: [X[1], X[2], X[3]], flags } };
  }

  /** kvm_handle_guest_debug */
  private debugExit(esr: number, far: number): KvmRun {
    if (esrEc(esr) === EC.WATCHPT_LOW) this.lastFar = BigInt(far);
    if (esrEc(esr) === EC.SOFTSTP_LOW) this.debugState.stepTaken(this.cpu);
    return {
      exitReason: KVM_EXIT_DEBUG,
      flags: KVM_DEBUG_ARCH_HSR_HIGH_VALID,
      debug: { arch: { hsr: esr >>> 0, hsrHigh: 0, far: this.lastFar } },
    };
  }

  /** A trapped debug or OS-lock register access, emulated on the guest's own copy. */
  private emulateSysRegAccess(iss: number): void {
    const cpu = this.cpu;
    const s = decodeSysRegIss(iss);
    const reg = systemRegisterByKey(sysRegKey(s.op0, s.op1, s.crn, s.crm, s.op2));
    if (s.isRead) {
      const value = reg?.read?.(cpu) ?? 0n;
      cpu.X[s.rt === 31 ? DISCARD : s.rt] = value;
    } else {
      reg?.write?.(cpu, s.rt === 31 ? 0n : cpu.X[s.rt]);
    }
    cpu.skipInstruction();
  }

  private mmioExit(esr: number, far: number): KvmRun | undefined {
    const cpu = this.cpu;
    const d = decodeDataAbortIss(esrIss(esr));
    if (!d.isv) {
      // An access KVM cannot emulate (no instruction syndrome): the guest sees an external abort.
      if (cpu.injectDataAbort(far, d.wnr)) return undefined;
      return { exitReason: KVM_EXIT_INTERNAL_ERROR, flags: 0, internalError: cpu.internalError };
    }
    const len = 1 << d.sas;
    const data = new Uint8Array(8);
    if (d.wnr) {
      const value = d.srt === 31 ? 0n : cpu.X[d.srt];
      new DataView(data.buffer).setBigUint64(0, value, true);
    }
    const run: KvmRun = {
      exitReason: KVM_EXIT_MMIO,
      flags: 0,
      mmio: { physAddr: BigInt(far), data: data.subarray(0, len), len, isWrite: d.wnr },
    };
    this.pendingMmio = { isWrite: d.wnr, run, srt: d.srt, sse: d.sse, sf: d.sf, len };
    return run;
  }

  /** kvm_handle_mmio_return: finish the access userspace emulated, then skip the instruction. */
  private completeMmio(): void {
    const pending = this.pendingMmio;
    if (!pending) return;
    this.pendingMmio = undefined;
    const cpu = this.cpu;
    if (!pending.isWrite) {
      const bytes = pending.run.mmio!.data;
      let value = 0n;
      for (let i = pending.len - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0);
      if (pending.sse) value = BigInt.asIntN(pending.len * 8, value);
      value = pending.sf ? BigInt.asUintN(64, value) : BigInt.asUintN(32, value);
      if (pending.srt !== 31) cpu.X[pending.srt] = value;
    }
    cpu.skipInstruction();
  }

  /**
   * The VMM found nothing behind an MMIO address: cancel the access and give the guest a
   * synchronous external abort (KVM_SET_VCPU_EVENTS with ext_dabt_pending). False when
   * the guest cannot go on (its vector faults in a loop; `cpu.internalError` says how).
   */
  injectExternalDataAbort(): boolean {
    const pending = this.pendingMmio;
    if (!pending) return true;
    this.pendingMmio = undefined;
    return this.cpu.injectDataAbort(Number(pending.run.mmio!.physAddr), pending.isWrite);
  }

  /** Injects a synchronous exception into EL1 (QEMU's arm_cpu_do_interrupt for a foreign debug event). */
  injectException(esr: number, far?: bigint): boolean {
    return this.cpu.injectException(esr, far === undefined ? undefined : Number(far));
  }

  // ---- ONE_REG ----------------------------------------------------------------------

  getOneReg(id: bigint): bigint {
    const core = coreOffset(id);
    const cpu = this.cpu;
    if (core !== undefined) {
      if (core < 62 && core % 2 === 0) return cpu.X[core / 2];
      switch (core) {
        case CORE_OFFSET.sp: return cpu.getSpEl0();
        case CORE_OFFSET.pc: return BigInt(cpu.pc);
        case CORE_OFFSET.pstate: return BigInt(cpu.getPstate());
        case CORE_OFFSET.spEl1: return cpu.getSpEl1();
        case CORE_OFFSET.elrEl1: return cpu.elrEl1;
        case CORE_OFFSET.spsr: return BigInt(cpu.spsrEl1);
        case CORE_OFFSET.fpsr: return BigInt(cpu.fpsr);
        case CORE_OFFSET.fpcr: return BigInt(cpu.fpcr);
      }
      const v = vregIndex(core);
      if (v !== undefined) return cpu.V64[2 * v] | (cpu.V64[2 * v + 1] << 64n);
    }
    const reg = sysRegOf(id);
    if (reg?.read) return reg.read(cpu);
    throw new KvmError(ENOENT, `no register with id 0x${id.toString(16)}`);
  }

  setOneReg(id: bigint, value: bigint): void {
    const core = coreOffset(id);
    const cpu = this.cpu;
    if (core !== undefined) {
      if (core < 62 && core % 2 === 0) { cpu.X[core / 2] = value; return; }
      switch (core) {
        case CORE_OFFSET.sp: cpu.setSpEl0(BigInt.asUintN(64, value)); return;
        case CORE_OFFSET.pc: cpu.pc = Number(BigInt.asUintN(64, value)); return;
        case CORE_OFFSET.pstate: cpu.setPstate(Number(BigInt.asUintN(32, value))); return;
        case CORE_OFFSET.spEl1: cpu.setSpEl1(BigInt.asUintN(64, value)); return;
        case CORE_OFFSET.elrEl1: cpu.elrEl1 = BigInt.asUintN(64, value); return;
        case CORE_OFFSET.spsr: cpu.spsrEl1 = Number(BigInt.asUintN(32, value)); return;
        case CORE_OFFSET.fpsr: cpu.fpsr = Number(BigInt.asUintN(32, value)); return;
        case CORE_OFFSET.fpcr: cpu.fpcr = Number(BigInt.asUintN(32, value)); return;
      }
      const v = vregIndex(core);
      if (v !== undefined) {
        cpu.V64[2 * v] = BigInt.asUintN(64, value);
        cpu.V64[2 * v + 1] = BigInt.asUintN(64, value >> 64n);
        return;
      }
    }
    const reg = sysRegOf(id);
    if (reg?.write) { reg.write(cpu, BigInt.asUintN(64, value)); return; }
    throw new KvmError(ENOENT, `no writable register with id 0x${id.toString(16)}`);
  }
}

const CORE_PREFIX = 0x0010n;
const SYSREG_PREFIX = 0x0013n;

function coreOffset(id: bigint): number | undefined {
  if (((id >> 16n) & 0xffffn) !== CORE_PREFIX || (id >> 60n) !== 6n) return undefined;
  return Number(id & 0xffffn);
}

function vregIndex(core: number): number | undefined {
  const rel = core - CORE_OFFSET.vregs;
  return rel >= 0 && rel < 128 && rel % 4 === 0 ? rel / 4 : undefined;
}

function sysRegOf(id: bigint) {
  if (((id >> 16n) & 0xffffn) !== SYSREG_PREFIX || (id >> 60n) !== 6n) return undefined;
  return systemRegisterByKey(Number(id & 0xffffn));
}

