// A small deterministic pseudo-random generator (xorshift32) for sampling instruction
// words: the same seed gives the same sample on every run.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** The next 32-bit unsigned value. */
  next32(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }

  /** A word with the `mask` bits taken from `value` and the rest random. */
  wordMatching(mask: number, value: number): number {
    return ((this.next32() & ~mask) | (value & mask)) >>> 0;
  }
}
