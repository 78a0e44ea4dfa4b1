// A guest memory standing in for a VM in unit tests of the debugger's memory handling.

import type { TargetVm } from '../../../src/debugger/debugTarget';

export class FakeVm implements TargetVm {
  readonly bytes: Uint8Array;
  writes = 0;

  constructor(readonly base: bigint, size: number) {
    this.bytes = new Uint8Array(size);
  }

  checkExtension(): number {
    return 0;
  }

  private offset(gpa: bigint, length: number): number {
    if (gpa < this.base || gpa + BigInt(length) > this.base + BigInt(this.bytes.length)) throw new Error(`0x${gpa.toString(16)} is not RAM`);
    return Number(gpa - this.base);
  }

  readMemory(gpa: bigint, length: number): Uint8Array {
    const at = this.offset(gpa, length);
    return this.bytes.slice(at, at + length);
  }

  writeMemory(gpa: bigint, data: Uint8Array): void {
    this.bytes.set(data, this.offset(gpa, data.length));
    this.writes++;
  }

  word(gpa: bigint): number {
    const b = this.readMemory(gpa, 4);
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }

  setWord(gpa: bigint, word: number): void {
    this.writeMemory(gpa, Uint8Array.of(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24));
  }
}
