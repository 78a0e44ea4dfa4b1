// A VM as KVM presents it: guest memory (the userspace view of the memslots), vCPUs,
// and capability queries.

import { Cpu } from '../arch/cpu';
import { GuestMemory, VIRT_RAM_BASE } from '../machine/guestMemory';
import { loadElfImage, LoadedImage } from '../machine/elfImage';
import {
  KVM_CAP_GUEST_DEBUG_HW_BPS, KVM_CAP_GUEST_DEBUG_HW_WPS, KVM_CAP_SET_GUEST_DEBUG, KVM_CAP_SET_GUEST_DEBUG2,
  KVM_GUESTDBG_VALID_MASK,
} from './constants';
import { HW_BREAKPOINTS, HW_WATCHPOINTS } from './guestDebug';
import { Vcpu, KvmError } from './vcpu';

const EFAULT = 14;
export const DEFAULT_MEMORY_MIB = 256;

export class Vm {
  readonly memory: GuestMemory;
  private readonly vcpus: Vcpu[] = [];
  /** The last image loadElf placed (symbols and segment ranges). */
  image: LoadedImage | undefined;

  constructor(memoryMiB: number) {
    if (!Number.isInteger(memoryMiB) || memoryMiB < 1 || memoryMiB > 1024) {
      throw new RangeError(`guest memory of ${memoryMiB} MiB is not possible: give between 1 MiB and 1024 MiB (RAM at 0x40000000 must end below 2 GiB)`);
    }
    this.memory = new GuestMemory(VIRT_RAM_BASE, memoryMiB * 1024 * 1024);
  }

  /** KVM_CHECK_EXTENSION */
  checkExtension(cap: number): number {
    switch (cap) {
      case KVM_CAP_SET_GUEST_DEBUG: return 1;
      case KVM_CAP_SET_GUEST_DEBUG2: return KVM_GUESTDBG_VALID_MASK;
      case KVM_CAP_GUEST_DEBUG_HW_BPS: return HW_BREAKPOINTS;
      case KVM_CAP_GUEST_DEBUG_HW_WPS: return HW_WATCHPOINTS;
      default: return 0;
    }
  }

  /** KVM_CREATE_VCPU. The vCPU starts at EL1h with DAIF masked, like a KVM vCPU after reset. */
  createVcpu(): Vcpu {
    const vcpu = new Vcpu(new Cpu(this.memory));
    this.vcpus.push(vcpu);
    return vcpu;
  }

  /** Loads an ELF executable into guest memory; throws ElfLoadError with the reason. */
  loadElf(bytes: Uint8Array): { entry: bigint } {
    const image = loadElfImage(this.memory, bytes);
    for (const r of image.ranges) this.invalidate(r.start, r.end - r.start);
    this.image = image;
    return { entry: BigInt(image.entry) };
  }

  /** Reads guest physical memory; throws KvmError(EFAULT) outside RAM. */
  readMemory(gpa: bigint, length: number): Uint8Array {
    const start = this.checkRange(gpa, length);
    return this.memory.ramBytes.slice(start - this.memory.ramBase, start - this.memory.ramBase + length);
  }

  /** Writes guest physical memory (dropping decoded code there); throws KvmError(EFAULT) outside RAM. */
  writeMemory(gpa: bigint, data: Uint8Array): void {
    const start = this.checkRange(gpa, data.length);
    this.memory.ramBytes.set(data, start - this.memory.ramBase);
    this.invalidate(start, data.length);
  }

  /** Whether [gpa, gpa + length) is guest RAM. */
  isRam(gpa: bigint, length: number): boolean {
    return gpa >= 0n && gpa < 1n << 53n && this.memory.contains(Number(gpa), length);
  }

  private checkRange(gpa: bigint, length: number): number {
    if (!Number.isInteger(length) || length < 0 || !this.isRam(gpa, length)) {
      throw new KvmError(EFAULT, `guest physical range 0x${gpa.toString(16)}+${length} is not RAM`);
    }
    return Number(gpa);
  }

  private invalidate(gpa: number, length: number): void {
    for (const vcpu of this.vcpus) vcpu.cpu.invalidateCode(gpa, length);
  }
}

/** KVM_CREATE_VM */
export function createVm(options: { memoryMiB?: number } = {}): Vm {
  return new Vm(options.memoryMiB ?? DEFAULT_MEMORY_MIB);
}
