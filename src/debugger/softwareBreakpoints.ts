// Software breakpoints as `BRK #0` patches in guest memory (QEMU's
// kvm_arch_insert_sw_breakpoint), with the original words kept so that the user
// always sees the program as it is, and memory comes back byte for byte.
//
// A guest store over a patched word replaces the program's instruction: the new word
// becomes the original (and the BRK goes back on top) the next time the patches are
// checked, which happens at every stop and before every resume.

import type { TargetVm } from './debugTarget';

/** BRK #0, the instruction the debugger plants (0xd4200000). */
export const BRK_0 = 0xd420_0000;

function readWord(vm: TargetVm, address: number): number {
  const b = vm.readMemory(BigInt(address), 4);
  return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
}

function wordBytes(word: number): Uint8Array {
  return Uint8Array.of(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, (word >>> 24) & 0xff);
}

export class SoftwareBreakpointPatches {
  /** Patched address -> the word the program has there. */
  private readonly originals = new Map<number, number>();

  constructor(private readonly vm: () => TargetVm) {}

  get addresses(): number[] {
    return [...this.originals.keys()];
  }

  isPatched(address: number): boolean {
    return this.originals.has(address);
  }

  /** The program's word at a patched address. */
  originalWord(address: number): number | undefined {
    return this.originals.get(address);
  }

  /**
   * Makes the set of patched addresses equal to `wanted`: new ones are patched, the
   * others restored. Addresses that cannot be patched (not RAM, misaligned) are returned.
   */
  sync(wanted: Iterable<number>): number[] {
    const want = new Set(wanted);
    for (const address of [...this.originals.keys()]) if (!want.has(address)) this.restore(address);
    const failed: number[] = [];
    for (const address of want) {
      if (this.originals.has(address)) continue;
      if (!this.insert(address)) failed.push(address);
    }
    return failed;
  }

  /** Whether a BRK can be planted at an address. */
  canPatch(address: number): boolean {
    if (address % 4 !== 0) return false;
    try {
      readWord(this.vm(), address);
      return true;
    } catch {
      return false;
    }
  }

  private insert(address: number): boolean {
    if (!this.canPatch(address)) return false;
    const vm = this.vm();
    this.originals.set(address, readWord(vm, address));
    vm.writeMemory(BigInt(address), wordBytes(BRK_0));
    return true;
  }

  private restore(address: number): void {
    const original = this.originals.get(address);
    if (original === undefined) return;
    this.originals.delete(address);
    const vm = this.vm();
    // A word that is no longer our BRK was written by the guest after patching: it is the program's now.
    if (readWord(vm, address) === BRK_0) vm.writeMemory(BigInt(address), wordBytes(original));
  }

  /** Restores every patched word (end of session). */
  removeAll(): void {
    for (const address of [...this.originals.keys()]) this.restore(address);
  }

  /** Forgets the patches without touching memory (the program was reloaded). */
  forget(): void {
    this.originals.clear();
  }

  /** Adopts guest stores over patched words as the new originals and re-plants the BRKs. */
  revalidate(): void {
    const vm = this.vm();
    for (const [address] of this.originals) {
      const word = readWord(vm, address);
      if (word !== BRK_0) {
        this.originals.set(address, word);
        vm.writeMemory(BigInt(address), wordBytes(BRK_0));
      }
    }
  }

  /**
   * Puts the program's word back for the time of `action` (stepping over our own
   * breakpoint), then re-plants the BRK unless the instruction overwrote itself.
   */
  withOriginal<T>(address: number, action: () => T): T {
    const original = this.originals.get(address);
    if (original === undefined) return action();
    const vm = this.vm();
    vm.writeMemory(BigInt(address), wordBytes(original));
    try {
      return action();
    } finally {
      this.originals.set(address, readWord(vm, address));
      vm.writeMemory(BigInt(address), wordBytes(BRK_0));
    }
  }

  /** Guest memory as the user should see it: original words where BRKs are planted. */
  readUserView(address: bigint, length: number): Uint8Array {
    const bytes = this.vm().readMemory(address, length);
    this.overlayOriginals(address, bytes);
    return bytes;
  }

  /** Writes memory for the user: bytes landing on a patched word change the saved original. */
  writeUserView(address: bigint, data: Uint8Array): void {
    const vm = this.vm();
    vm.writeMemory(address, data);
    const start = Number(address);
    for (const [patched, original] of this.originals) {
      if (patched + 4 <= start || patched >= start + data.length) continue;
      const word = wordBytes(original);
      for (let i = 0; i < 4; i++) {
        const offset = patched + i - start;
        if (offset >= 0 && offset < data.length) word[i] = data[offset];
      }
      this.originals.set(patched, (word[0] | (word[1] << 8) | (word[2] << 16) | (word[3] << 24)) >>> 0);
      vm.writeMemory(BigInt(patched), wordBytes(BRK_0));
    }
  }

  overlayOriginals(address: bigint, bytes: Uint8Array): void {
    const start = Number(address);
    for (const [patched, original] of this.originals) {
      if (patched + 4 <= start || patched >= start + bytes.length) continue;
      const word = wordBytes(original);
      for (let i = 0; i < 4; i++) {
        const offset = patched + i - start;
        if (offset >= 0 && offset < bytes.length) bytes[offset] = word[i];
      }
    }
  }
}
