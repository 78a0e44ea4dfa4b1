// Integer element access for the Advanced SIMD instructions: typed-array views of the
// register file (and of the result scratch) by element size, signed and unsigned, and
// the element-wise loops most instructions share. Elements of 8/16/32 bits are JS
// numbers (stores wrap modulo 2^esize); 64-bit elements are bigints.

import type { Cpu } from '../../cpu';
import type { Exec } from '../../decoder';
import { FPSR_QC } from './fpControl';
import { commitScalar, commitVector, result } from './vectorViews';

export type NumberView = { [index: number]: number };
export type BigView = { [index: number]: bigint };

export interface IntegerViews {
  /** Unsigned views by element size (log2 bytes 0..2). */
  readonly unsigned: [Uint8Array, Uint16Array, Uint32Array];
  readonly signed: [Int8Array, Int16Array, Int32Array];
  readonly u64: BigUint64Array;
  readonly s64: BigInt64Array;
}

/** Views of the `bytes` bytes of registers at `offset` in `buffer`. */
function viewsOf(buffer: ArrayBuffer, offset: number, bytes: number): IntegerViews {
  return {
    unsigned: [new Uint8Array(buffer, offset, bytes), new Uint16Array(buffer, offset, bytes / 2), new Uint32Array(buffer, offset, bytes / 4)],
    signed: [new Int8Array(buffer, offset, bytes), new Int16Array(buffer, offset, bytes / 2), new Int32Array(buffer, offset, bytes / 4)],
    u64: new BigUint64Array(buffer, offset, bytes / 8),
    s64: new BigInt64Array(buffer, offset, bytes / 8),
  };
}

const cache = new WeakMap<Cpu, IntegerViews>();
// The last CPU asked for: nearly always the same one, so one compare is enough.
let lastCpu: Cpu | undefined;
let lastViews: IntegerViews | undefined;

/** Integer views of a CPU's SIMD&FP registers. */
export function registerViews(cpu: Cpu): IntegerViews {
  if (cpu === lastCpu) return lastViews!;
  let views = cache.get(cpu);
  if (views === undefined) {
    views = viewsOf(cpu.V8.buffer as ArrayBuffer, cpu.V8.byteOffset, cpu.V8.byteLength);
    cache.set(cpu, views);
  }
  lastCpu = cpu;
  lastViews = views;
  return views;
}

/** Integer views of the result scratch (vectorViews.result). */
export const resultViews: IntegerViews = viewsOf(result.V8.buffer as ArrayBuffer, result.V8.byteOffset, result.V8.byteLength);

export function numberView(views: IntegerViews, size: number, signed: boolean): NumberView {
  return signed ? views.signed[size] : views.unsigned[size];
}

export function bigView(views: IntegerViews, signed: boolean): BigView {
  return signed ? views.s64 : views.u64;
}

// ---- Saturation (FPSR.QC) -------------------------------------------------------------

let saturated = false;

/** Clamps to [low, high], remembering that the instruction saturated. */
export function saturate(value: number, low: number, high: number): number {
  if (value < low) { saturated = true; return low; }
  if (value > high) { saturated = true; return high; }
  return value;
}

export function saturateBig(value: bigint, low: bigint, high: bigint): bigint {
  if (value < low) { saturated = true; return low; }
  if (value > high) { saturated = true; return high; }
  return value;
}

/** Starts an instruction that may saturate. */
export function beginSaturation(): void {
  saturated = false;
}

/** Sets FPSR.QC if any element saturated since beginSaturation. */
export function endSaturation(cpu: Cpu): void {
  if (saturated) cpu.fpsr |= FPSR_QC;
}

/** Signed and unsigned ranges of an element size. */
export function signedMin(size: number): number { return -(2 ** ((8 << size) - 1)); }
export function signedMax(size: number): number { return 2 ** ((8 << size) - 1) - 1; }
export function unsignedMax(size: number): number { return 2 ** (8 << size) - 1; }
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;

// ---- Shapes: how many lanes, and how the result is committed ------------------------------

export interface Shape {
  /** Element size, log2 bytes (0..3). */
  readonly size: number;
  readonly lanes: number;
  commit(cpu: Cpu, d: number): void;
}

/** A vector of 64 (q = 0) or 128 (q = 1) bits of 2^size-byte elements. */
export function vectorShape(size: number, q: number): Shape {
  return { size, lanes: (8 << q) >> size, commit: (cpu, d) => commitVector(cpu, d, q) };
}

/** A scalar of 2^size bytes (the rest of the register is zeroed). */
export function scalarShape(size: number): Shape {
  const bytes = 1 << size;
  return { size, lanes: 1, commit: (cpu, d) => commitScalar(cpu, d, bytes) };
}

/** Index of element 0 of register r for an element size. */
export function laneBase(r: number, size: number): number {
  return r * (16 >> size);
}

// ---- Element-wise loops ---------------------------------------------------------------------

/** An operation on one element, in the element's signedness. */
export interface LaneOp {
  readonly signed: boolean;
  /** For 8/16/32-bit elements. */
  readonly number?: (a: number, b: number, acc: number) => number;
  /** For 64-bit elements. */
  readonly big?: (a: bigint, b: bigint, acc: bigint) => bigint;
}

/**
 * result[e] = op(Vn[e], Vm[e], Vd[e]) for each lane (Vm/Vd are read only if the op uses
 * them); with `mElement`, that element of the register file replaces Vm[e] in every lane
 * (the by-element forms). Undefined if the op has no form for this element size.
 */
export function elementwise(shape: Shape, op: LaneOp, n: number, m: number, d: number, mElement?: number): Exec | undefined {
  const { size, lanes } = shape;
  const nb = laneBase(n, size);
  const mb = mElement ?? laneBase(m, size);
  const mStep = mElement === undefined ? 1 : 0;
  const db = laneBase(d, size);
  const signed = op.signed;
  if (size === 3) {
    const lane = op.big;
    if (lane === undefined) return undefined;
    return (cpu) => {
      const src = bigView(registerViews(cpu), signed);
      const out = resultViews.u64;
      beginSaturation();
      for (let e = 0; e < lanes; e++) out[e] = lane(src[nb + e], src[mb + e * mStep], src[db + e]);
      endSaturation(cpu);
      shape.commit(cpu, d);
    };
  }
  const lane = op.number;
  if (lane === undefined) return undefined;
  return (cpu) => {
    const src = numberView(registerViews(cpu), size, signed);
    const out = resultViews.unsigned[size];
    beginSaturation();
    for (let e = 0; e < lanes; e++) out[e] = lane(src[nb + e], src[mb + e * mStep], src[db + e]);
    endSaturation(cpu);
    shape.commit(cpu, d);
  };
}

/**
 * Pairwise over the concatenation Vm:Vn: result[e] = op(pair e), where the low half of the
 * result comes from Vn's pairs and the high half from Vm's.
 */
export function pairwise(shape: Shape, op: LaneOp, n: number, m: number, d: number): Exec | undefined {
  const { size, lanes } = shape;
  const nb = laneBase(n, size);
  const mb = laneBase(m, size);
  const half = lanes >>> 1;
  const signed = op.signed;
  if (size === 3) {
    const lane = op.big;
    if (lane === undefined) return undefined;
    return (cpu) => {
      const src = bigView(registerViews(cpu), signed);
      const out = resultViews.u64;
      for (let e = 0; e < lanes; e++) {
        const i = e < half ? nb + 2 * e : mb + 2 * (e - half);
        out[e] = lane(src[i], src[i + 1], 0n);
      }
      shape.commit(cpu, d);
    };
  }
  const lane = op.number;
  if (lane === undefined) return undefined;
  return (cpu) => {
    const src = numberView(registerViews(cpu), size, signed);
    const out = resultViews.unsigned[size];
    for (let e = 0; e < lanes; e++) {
      const i = e < half ? nb + 2 * e : mb + 2 * (e - half);
      out[e] = lane(src[i], src[i + 1], 0);
    }
    shape.commit(cpu, d);
  };
}
