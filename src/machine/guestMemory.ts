// Guest RAM: one WebAssembly memory for the whole region, followed by room for the state of
// a few CPUs (registers and page flags, see arch/cpuStateArea.ts), so that blocks compiled
// to WebAssembly reach both directly. The host kernel commits pages only when they are
// touched, so a large guest that uses little costs little.

import type { PhysicalMemory } from '../arch/memory';
import { cpuStateBytes } from '../arch/cpuStateArea';

export const VIRT_RAM_BASE = 0x4000_0000;
/** RAM must stay below 2^31 so guest addresses stay small integers (see architecture notes). */
export const MAX_RAM_SIZE = 1024 * 1024 * 1024;
/** CPUs whose state fits after RAM; others keep it in buffers of their own (and run no WebAssembly blocks). */
const CPU_STATE_SLOTS = 4;
const WASM_PAGE_SIZE = 65536;

export class GuestMemory implements PhysicalMemory {
  readonly ramView: DataView;
  readonly ramBytes: Uint8Array;
  readonly wasmMemory: WebAssembly.Memory | undefined;
  private stateNext: number;
  private readonly stateEnd: number;

  constructor(readonly ramBase: number, readonly ramSize: number) {
    if (!Number.isInteger(ramSize) || ramSize <= 0 || ramSize > MAX_RAM_SIZE || ramSize % 4096 !== 0) {
      throw new RangeError(`guest memory size ${ramSize} is not a multiple of 4 KiB between 4 KiB and 1 GiB`);
    }
    const stateRoom = CPU_STATE_SLOTS * cpuStateBytes(ramSize);
    this.wasmMemory = wasmMemoryOf(ramSize + stateRoom);
    const buffer = this.wasmMemory?.buffer ?? new ArrayBuffer(ramSize);
    this.ramView = new DataView(buffer, 0, ramSize);
    this.ramBytes = new Uint8Array(buffer, 0, ramSize);
    this.stateNext = ramSize;
    this.stateEnd = this.wasmMemory === undefined ? ramSize : ramSize + stateRoom;
  }

  /** Whether [gpa, gpa + length) lies inside RAM. */
  contains(gpa: number, length: number): boolean {
    return gpa >= this.ramBase && gpa + length <= this.ramBase + this.ramSize;
  }

  allocateCpuState(bytes: number): number | undefined {
    if (this.stateNext + bytes > this.stateEnd) return undefined;
    const offset = this.stateNext;
    this.stateNext += bytes;
    return offset;
  }
}

/** A memory that never grows (so views over its buffer stay valid), or undefined where the host refuses one. */
function wasmMemoryOf(bytes: number): WebAssembly.Memory | undefined {
  const pages = Math.ceil(bytes / WASM_PAGE_SIZE);
  try {
    return new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return undefined;
  }
}
