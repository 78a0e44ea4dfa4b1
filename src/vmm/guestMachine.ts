// The userspace VMM (kvmtool's / QEMU's role): creates the VM, loads the program,
// runs the vCPU and serves the exits that belong to the board: PL011 MMIO,
// semihosting and PSCI hypercalls, system events. Debug exits go to the caller.

import {
  KVM_EXIT_DEBUG, KVM_EXIT_HYPERCALL, KVM_EXIT_INTERNAL_ERROR, KVM_EXIT_INTR, KVM_EXIT_MMIO, KVM_EXIT_SYSTEM_EVENT,
  KVM_HC_ARM_SEMIHOSTING, KvmRun, REG_PC, REG_X, Vcpu, Vm, createVm,
} from '../kvm';
import { DEFAULT_RAM_MIB, VIRT_UART_BASE, VIRT_UART_SIZE } from '../machine/virtBoard';
import { Pl011 } from '../machine/pl011';
import { handlePsciCall } from '../machine/psci';
import { Semihosting } from '../machine/semihosting';

export interface GuestMachineOptions {
  memoryMiB?: number;
  /** Arguments after the program name, for SYS_GET_CMDLINE. */
  args?: string[];
  /** Folder the guest may reach through semihosting file calls; none when undefined. */
  hostFolder?: string;
  /** The program's name as the guest sees it (argv[0]). */
  programPath?: string;
  /** Guest console output (semihosting stdout/stderr and the UART), byte for byte. */
  output: (data: Uint8Array, stream: 1 | 2) => void;
}

export type SliceResult =
  | { kind: 'budget' }
  | { kind: 'debug'; run: KvmRun }
  | { kind: 'exited'; status: number; reason: string }
  | { kind: 'error'; message: string };

export class GuestMachine {
  vm!: Vm;
  vcpu!: Vcpu;
  entry = 0n;
  private semihosting!: Semihosting;
  private uart!: Pl011;
  private finished: SliceResult | undefined;
  /** Instructions retired by earlier boots (before a PSCI SYSTEM_RESET or a restart). */
  private retiredBeforeReset = 0;

  constructor(private readonly elf: Uint8Array, private readonly options: GuestMachineOptions) {
    this.boot();
  }

  /** Creates a fresh VM with the program loaded at its entry point. */
  private boot(): void {
    const memoryMiB = this.options.memoryMiB ?? DEFAULT_RAM_MIB;
    this.vm = createVm({ memoryMiB });
    this.vcpu = this.vm.createVcpu();
    this.entry = this.vm.loadElf(this.elf).entry;
    this.vcpu.setOneReg(REG_PC, this.entry);
    this.uart = new Pl011((data) => this.options.output(data, 1));
    this.semihosting = new Semihosting(
      {
        readMemory: (address, length) => this.vm.readMemory(BigInt(address), length),
        writeMemory: (address, data) => this.vm.writeMemory(BigInt(address), data),
        instructions: () => this.vcpu.cpu.instructions,
      },
      {
        output: this.options.output,
        commandLine: [this.options.programPath ?? 'program', ...(this.options.args ?? [])],
        hostFolder: this.options.hostFolder,
        ramBase: this.vm.memory.ramBase,
        ramSize: this.vm.memory.ramSize,
      },
    );
    this.finished = undefined;
  }

  /** Starts the program again from a freshly loaded image (PSCI SYSTEM_RESET, or the debugger's restart). */
  reset(): void {
    this.retiredBeforeReset += this.vcpu.cpu.instructions;
    this.semihosting.dispose();
    this.boot();
  }

  dispose(): void {
    this.semihosting.dispose();
  }

  /**
   * Retired guest instructions since the machine was created, across resets: a guest
   * that resets itself forever still spends its instruction budget.
   */
  get instructions(): number {
    return this.retiredBeforeReset + this.vcpu.cpu.instructions;
  }

  /**
   * Runs at most `maxInstructions` guest instructions, serving board exits, and returns
   * at the first debug exit, the end of the guest, an error, or the end of the budget.
   */
  runSlice(maxInstructions: number): SliceResult {
    if (this.finished) return this.finished;
    const stopAt = this.instructions + maxInstructions;
    for (;;) {
      const left = stopAt - this.instructions;
      if (left <= 0) return { kind: 'budget' };
      const run = this.vcpu.run({ maxInstructions: left });
      const result = this.serve(run);
      if (result) {
        if (result.kind === 'exited' || result.kind === 'error') this.finished = result;
        return result;
      }
    }
  }

  /** Handles one exit; undefined means "keep running". */
  private serve(run: KvmRun): SliceResult | undefined {
    switch (run.exitReason) {
      case KVM_EXIT_INTR:
        return undefined;
      case KVM_EXIT_DEBUG:
        return { kind: 'debug', run };
      case KVM_EXIT_MMIO:
        return this.serveMmio(run.mmio!);
      case KVM_EXIT_HYPERCALL:
        return this.serveHypercall(run.hypercall!);
      case KVM_EXIT_SYSTEM_EVENT:
        return { kind: 'exited', status: 0, reason: 'system event' };
      case KVM_EXIT_INTERNAL_ERROR:
        return { kind: 'error', message: run.internalError ?? 'internal error' };
      default:
        return { kind: 'error', message: `unexpected exit reason ${run.exitReason}` };
    }
  }

  private serveMmio(mmio: NonNullable<KvmRun['mmio']>): SliceResult | undefined {
    const address = Number(mmio.physAddr);
    if (address >= VIRT_UART_BASE && address < VIRT_UART_BASE + VIRT_UART_SIZE) {
      const offset = address - VIRT_UART_BASE;
      if (mmio.isWrite) {
        let value = 0;
        for (let i = mmio.len - 1; i >= 0; i--) value = value * 256 + mmio.data[i];
        this.uart.write(offset, value);
      } else {
        const value = this.uart.read(offset);
        for (let i = 0; i < mmio.len; i++) mmio.data[i] = i < 4 ? (value >>> (8 * i)) & 0xff : 0;
      }
      return undefined;
    }
    // Nothing behind this address on the virt board: a synchronous external abort, as on QEMU.
    if (this.vcpu.injectExternalDataAbort()) return undefined;
    return { kind: 'error', message: this.vcpu.cpu.internalError };
  }

  private serveHypercall(call: NonNullable<KvmRun['hypercall']>): SliceResult | undefined {
    if (call.nr === BigInt(KVM_HC_ARM_SEMIHOSTING)) {
      const result = this.semihosting.call(Number(call.args[0] & 0xffffffffn), call.args[1]);
      if (result.kind === 'exit') return { kind: 'exited', status: result.status, reason: 'semihosting exit' };
      this.vcpu.setOneReg(REG_X(0), result.x0);
      return undefined;
    }
    const outcome = handlePsciCall(Number(call.nr), call.args[0]);
    if (outcome.kind === 'system-off') return { kind: 'exited', status: 0, reason: 'PSCI SYSTEM_OFF' };
    if (outcome.kind === 'system-reset') {
      this.reset();
      return undefined;
    }
    this.vcpu.setOneReg(REG_X(0), outcome.x0);
    return undefined;
  }
}
