// Register names the console accepts, as views onto the registers of the register file
// (the KVM register table): `w3` is bits [31:0] of `x3`, `lr` is `x30`, `d1` is bits
// [63:0] of `v1`, `nzcv` is PSTATE[31:28] in place, `v0.d[1]` bits [127:64] of `v0`.

export interface RegisterView {
  /** Name of the backing register in the register file (`x0`, `v3`, `pstate`, `sp`...). */
  register: string;
  bitOffset: number;
  bitWidth: number;
  /** The value keeps its position in the register (NZCV, DAIF) instead of shifting down. */
  inPlace: boolean;
  /** A write clears the rest of the register, as the architecture's own W and scalar writes do. */
  zeroRest: boolean;
  /** Always reads zero, ignores writes (XZR/WZR). */
  zero: boolean;
}

const view = (register: string, bitOffset: number, bitWidth: number, options: Partial<RegisterView> = {}): RegisterView => ({
  register, bitOffset, bitWidth, inPlace: false, zeroRest: false, zero: false, ...options,
});

/** Lane element sizes of the `vN.T[i]` syntax. */
export const LANE_BITS: Record<string, number> = { b: 8, h: 16, s: 32, d: 64, q: 128 };

/**
 * Resolves a user name (any case, with or without `$`) to a view, or undefined when no
 * such register exists. `exists` says whether the register file has a backing register.
 */
export function resolveRegisterName(rawName: string, exists: (register: string) => boolean): RegisterView | undefined {
  const name = rawName.replace(/^\$/, '').toLowerCase();
  const fixed = fixedAlias(name);
  if (fixed) return exists(fixed.register) || fixed.zero ? fixed : undefined;

  let m = /^([xw])([0-9]|[12][0-9]|30)$/.exec(name);
  if (m) {
    const register = `x${m[2]}`;
    if (!exists(register)) return undefined;
    return m[1] === 'x' ? view(register, 0, 64) : view(register, 0, 32, { zeroRest: true });
  }
  m = /^([vqdshb])([0-9]|[12][0-9]|3[01])$/.exec(name);
  if (m) {
    const register = `v${m[2]}`;
    if (!exists(register)) return undefined;
    const bits = m[1] === 'v' || m[1] === 'q' ? 128 : LANE_BITS[m[1]];
    return view(register, 0, bits, { zeroRest: bits < 128 });
  }
  return exists(name) ? view(name, 0, 64) : undefined;
}

function fixedAlias(name: string): RegisterView | undefined {
  switch (name) {
    case 'lr': return view('x30', 0, 64);
    case 'fp': return view('x29', 0, 64);
    case 'ip0': return view('x16', 0, 64);
    case 'ip1': return view('x17', 0, 64);
    case 'xzr': return view('', 0, 64, { zero: true });
    case 'wzr': return view('', 0, 32, { zero: true });
    case 'wsp': return view('sp', 0, 32, { zeroRest: true });
    case 'cpsr': return view('pstate', 0, 32);
    case 'nzcv': return view('pstate', 28, 4, { inPlace: true });
    case 'daif': return view('pstate', 6, 4, { inPlace: true });
    case 'currentel': return view('pstate', 2, 2, { inPlace: true });
    case 'spsel': return view('pstate', 0, 1);
    default: return undefined;
  }
}

/** A lane of a vector register, `v0.d[1]`. */
export function laneView(vectorRegister: RegisterView, laneKind: string, index: number): RegisterView | undefined {
  const bits = LANE_BITS[laneKind];
  if (bits === undefined || vectorRegister.bitWidth !== 128 || !vectorRegister.register.startsWith('v')) return undefined;
  if (!Number.isInteger(index) || index < 0 || index >= 128 / bits) return undefined;
  return view(vectorRegister.register, index * bits, bits);
}

export function readView(v: RegisterView, registerValue: bigint): bigint {
  if (v.zero) return 0n;
  const field = (registerValue >> BigInt(v.bitOffset)) & ((1n << BigInt(v.bitWidth)) - 1n);
  return v.inPlace ? field << BigInt(v.bitOffset) : field;
}

/** The new value of the backing register after writing `value` through the view. */
export function writeView(v: RegisterView, registerValue: bigint, value: bigint): bigint {
  const mask = (1n << BigInt(v.bitWidth)) - 1n;
  const field = (v.inPlace ? value >> BigInt(v.bitOffset) : value) & mask;
  if (v.zeroRest) return field << BigInt(v.bitOffset);
  return (registerValue & ~(mask << BigInt(v.bitOffset))) | (field << BigInt(v.bitOffset));
}
