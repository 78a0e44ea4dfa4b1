// A deterministic pseudo-random source (mulberry32) for the fuzzers and generated
// corpora: the same seed gives the same words, register states and files every run,
// so a failure is reproducible from the seed printed with it.

export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** The next 32-bit unsigned value. */
  next32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** The next 64-bit unsigned value. */
  next64(): bigint {
    return (BigInt(this.next32()) << 32n) | BigInt(this.next32());
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.next32() / 4294967296) * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next32() / 4294967296 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.next32() & 0xff;
    return out;
  }
}
