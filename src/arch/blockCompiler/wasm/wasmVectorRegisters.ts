// V registers for the Advanced SIMD translators: whole registers as WebAssembly 128-bit
// values, elements as integers, and element shuffles.

import type { WasmBlockWriter } from './wasmBlockWriter';
import { Code, i32, i64, v128 } from './wasmCode';

export const ZERO_VECTOR = v128.const(new Array<number>(16).fill(0));

/** An element of 2^size bytes at address + offset: an i64 for doublewords, else a zero-extended i32. */
export function loadElement(size: number, address: Code, offset = 0): Code {
  return [i32.load8_u, i32.load16_u, i32.load][size]?.(address, offset) ?? i64.load(address, offset);
}

/** Stores an element of 2^size bytes (`value` as loadElement gives it). */
export function storeElement(size: number, address: Code, value: Code, offset = 0): Code {
  return [i32.store8, i32.store16, i32.store][size]?.(address, value, offset) ?? i64.store(address, value, offset);
}

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
