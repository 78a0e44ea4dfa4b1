// The SIMD&FP register file's typed-array views (Cpu has them over all 32 registers) and
// a one-register scratch with the same views. Instructions build their result in the
// scratch and then commit it, so a destination that is also a source is never read after
// it has been partly written.

import type { Cpu } from '../../cpu';

export interface VectorViews {
  readonly V8: Uint8Array;
  readonly V16: Uint16Array;
  readonly V32: Uint32Array;
  readonly V64: BigUint64Array;
  readonly VF32: Float32Array;
  readonly VF64: Float64Array;
}

/** The views of `registers` 128-bit registers at `byteOffset` in `buffer`. */
export function vectorViewsOf(buffer: ArrayBuffer, byteOffset: number, registers: number): VectorViews {
  return {
    V8: new Uint8Array(buffer, byteOffset, 16 * registers),
    V16: new Uint16Array(buffer, byteOffset, 8 * registers),
    V32: new Uint32Array(buffer, byteOffset, 4 * registers),
    V64: new BigUint64Array(buffer, byteOffset, 2 * registers),
    VF32: new Float32Array(buffer, byteOffset, 4 * registers),
    VF64: new Float64Array(buffer, byteOffset, 2 * registers),
  };
}

/** The result under construction (one 128-bit register). */
export const result: VectorViews = vectorViewsOf(new ArrayBuffer(16), 0, 1);

/** Writes the scratch result to Vd: all 16 bytes, or the low 8 with the upper half zeroed. */
export function commitVector(cpu: Cpu, d: number, q: number): void {
  const V = cpu.V32;
  const S = result.V32;
  const base = 4 * d;
  V[base] = S[0];
  V[base + 1] = S[1];
  if (q === 1) {
    V[base + 2] = S[2];
    V[base + 3] = S[3];
  } else {
    V[base + 2] = 0;
    V[base + 3] = 0;
  }
}

/** Writes the scratch's low `bytes` bytes (1, 2, 4, 8 or 16) to Vd and zeroes the rest. */
export function commitScalar(cpu: Cpu, d: number, bytes: number): void {
  const V = cpu.V32;
  const S = result.V32;
  const base = 4 * d;
  switch (bytes) {
    case 1: V[base] = result.V8[0]; V[base + 1] = 0; break;
    case 2: V[base] = result.V16[0]; V[base + 1] = 0; break;
    case 4: V[base] = S[0]; V[base + 1] = 0; break;
    default: V[base] = S[0]; V[base + 1] = S[1]; break;
  }
  if (bytes === 16) {
    V[base + 2] = S[2];
    V[base + 3] = S[3];
  } else {
    V[base + 2] = 0;
    V[base + 3] = 0;
  }
}

/** Zeroes Vd and writes a 32-bit value to its low word (scalar results written directly). */
export function writeScalar32(cpu: Cpu, d: number, value: number): void {
  const V = cpu.V32;
  const base = 4 * d;
  V[base] = value;
  V[base + 1] = 0;
  V[base + 2] = 0;
  V[base + 3] = 0;
}

/** Zeroes the upper 64 bits of Vd (after a 64-bit scalar write). */
export function zeroUpper64(cpu: Cpu, d: number): void {
  cpu.V32[4 * d + 2] = 0;
  cpu.V32[4 * d + 3] = 0;
}
