// Seeded pseudo-random operands for the FP tests: values spread over the whole exponent
// range (subnormals and near-overflow included), so fast paths meet their edges.

export class Random {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0 || 1; }

  /** xorshift32. */
  u32(): number {
    let x = this.state;
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    this.state = x;
    return x;
  }

  below(n: number): number {
    return this.u32() % n;
  }

  /** A finite nonzero double with a random exponent in [minExp, maxExp]. */
  double(minExp = -1074, maxExp = 1023): number {
    const mantissa = 1 + (this.u32() * 2 ** -32 + this.u32() * 2 ** -64) ;
    const exponent = minExp + this.below(maxExp - minExp + 1);
    const value = mantissa * 2 ** exponent;
    const finite = value === Infinity ? Number.MAX_VALUE : value === 0 ? Number.MIN_VALUE : value;
    return this.below(2) ? -finite : finite;
  }

  /** A finite nonzero binary32 value. */
  single(): number {
    let v = 0;
    while (v === 0 || !Number.isFinite(v)) v = Math.fround(this.double(-150, 127));
    return v;
  }
}
