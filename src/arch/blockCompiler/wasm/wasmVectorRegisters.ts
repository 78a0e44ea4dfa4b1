// Whole V registers as WebAssembly 128-bit values, for the Advanced SIMD integer translators.

import type { WasmBlockWriter } from './wasmBlockWriter';
import { Code, i64, v128 } from './wasmCode';

export function readVector(w: WasmBlockWriter, reg: number): Code {
  const [base, at] = w.vector(reg);
  return v128.load(base, at);
}

/** Stores a 128-bit result to Vd; with Q = 0 only its lower half, the upper half zeroed. */
export function writeVector(w: WasmBlockWriter, q: number, d: number, value: Code): void {
  const [base, at] = w.vector(d);
  w.emit(v128.store(base, value, at));
  if (q === 0) w.emit(i64.store(base, i64.const(0), at + 8));
}

/**
 * i8x16.shuffle indices for elements of 2^size bytes: element e of the result is element
 * `sources[e]` of a:b (a's elements first); the remaining bytes repeat byte 0.
 */
export function elementShuffle(size: number, sources: readonly number[]): number[] {
  const bytes = 1 << size;
  const indices: number[] = [];
  for (const source of sources) for (let b = 0; b < bytes; b++) indices.push(source * bytes + b);
  while (indices.length < 16) indices.push(0);
  return indices;
}
