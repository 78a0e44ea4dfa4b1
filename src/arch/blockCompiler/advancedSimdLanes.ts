// JavaScript source for the elements of Advanced SIMD registers, shared by the
// translateAdvancedSimd*.ts groups. The generated code works on the register file's
// typed-array views by element size: VB (Uint8Array), VH (Uint16Array) and VW
// (Uint32Array); a 64-bit element is two words (bits 31:0, 63:32), never a BigInt.
// Element reads are unsigned numbers, stores wrap modulo 2^esize, so a result
// expression only has to be right modulo the element size.
//
// Aliasing: Vd may be a source. Where a result element depends only on the elements at
// the same position, writing element by element is safe; anything else reads what it
// needs into block-scoped constants first (`emitGathered`).

import type { BlockWriter } from './blockWriter';
import type { Halves } from './split64';

const VIEWS = ['VB', 'VH', 'VW'];

/** Elements of 2^size bytes in a 64-bit (Q = 0) or 128-bit (Q = 1) vector. */
export function laneCount(size: number, q: number): number {
  return (8 << q) >> size;
}

/** Element e of Vr (size 0..2) as an unsigned number. */
export function lane(r: number, size: number, e: number): string {
  return `${VIEWS[size]}[${r * (16 >> size) + e}]`;
}

/** Element e of Vr (size 0..2) sign-extended to an int32. */
export function signedLane(r: number, size: number, e: number): string {
  const x = lane(r, size, e);
  if (size === 2) return `(${x} | 0)`;
  const shift = 32 - (8 << size);
  return `((${x} << ${shift}) >> ${shift})`;
}

/** Element e of Vr, sign-extended or unsigned. */
export function laneAs(signed: boolean, r: number, size: number, e: number): string {
  return signed ? signedLane(r, size, e) : lane(r, size, e);
}

/** Word i (bits 32i+31:32i) of Vr, unsigned; words 2e and 2e+1 are the halves of 64-bit element e. */
export function word(r: number, i: number): string {
  return `VW[${4 * r + i}]`;
}

/** The store of `value` to element e of Vd (size 0..2). */
export function setLane(d: number, size: number, e: number, value: string): string {
  return `${lane(d, size, e)} = ${value};`;
}

/** Zeroes bits 127:64 of Vd, as every write of a 64-bit vector does. */
export function zeroUpperHalf(d: number): string {
  return `VD[${2 * d + 1}] = 0;`;
}

/** An element of all ones (a true compare) as stored into the element's view. */
export function allOnes(size: number): string {
  return size === 2 ? '-1' : String((1 << (8 << size)) - 1);
}

/** `condition ? all ones : 0` for an element of 2^size bytes. */
export function mask(size: number, condition: string): string {
  return `(${condition} ? ${allOnes(size)} : 0)`;
}

/** Emits the statements of one instruction (after the FPEN check; declares VB/VH). */
export function emitLanes(w: BlockWriter, statements: string[]): void {
  w.useLaneViews();
  w.emit(statements.join(' '));
}

/**
 * Vd's elements (size 0..2) = value(e), where value(e) reads only element e of its sources
 * (any number of times), so Vd may be a source, and the constants `shared` declares
 * (read before any store).
 */
export function emitElementwise(w: BlockWriter, size: number, q: number, d: number, value: (e: number) => string, shared = ''): void {
  const statements: string[] = [];
  for (let e = 0; e < laneCount(size, q); e++) statements.push(setLane(d, size, e, value(e)));
  if (q === 0) statements.push(zeroUpperHalf(d));
  emitLanes(w, withConstants(shared, statements));
}

/** `statements` in a block declaring the constants `shared` first (none: the statements alone). */
function withConstants(shared: string, statements: string[]): string[] {
  return shared === '' ? statements : [`{ const ${shared};`, ...statements, '}'];
}

/**
 * Vd's 64-bit elements (Q = 1): constants(e) declares block-scoped constants `l` and `h`
 * (the result's halves, right modulo 2^32) from element e of the sources; both are
 * computed before either is stored.
 */
export function emitElementwise64(w: BlockWriter, d: number, constants: (e: number) => string): void {
  const statements: string[] = [];
  for (let e = 0; e < 2; e++) statements.push(`{ const ${constants(e)}; ${word(d, 2 * e)} = l; ${word(d, 2 * e + 1)} = h; }`);
  emitLanes(w, statements);
}

/**
 * Writes values[e] to element e of Vd (size 0..2) and zeroes bits 127:64 when only 64
 * bits are written. With `aliased` (the values read Vd), all values are read into
 * constants first.
 */
export function emitGathered(w: BlockWriter, size: number, d: number, values: string[], aliased: boolean): void {
  const zeroing = values.length << size === 8 ? [zeroUpperHalf(d)] : [];
  emitValues(w, values, (v, e) => setLane(d, size, e, v), zeroing, aliased);
}

/** The stores `store(value, e)` of values, then `after`; with `aliased`, every value is read into a constant k<e> first. */
function emitValues(w: BlockWriter, values: string[], store: (value: string, e: number) => string, after: string[], aliased: boolean): void {
  const stores = [...values.map((v, e) => store(aliased ? `k${e}` : v, e)), ...after];
  emitLanes(w, aliased ? withConstants(values.map((v, e) => `k${e} = ${v}`).join(', '), stores) : stores);
}

// ---- 64-bit elements as halves --------------------------------------------------------------

/** Declarations of `lo`/`hi` (default `l`/`h`) = a + b, from halves that are unsigned words (the low sum's carry into the high). */
export function sum64(a: Halves, b: Halves, lo = 'l', hi = 'h'): string {
  return `${lo} = ${a.lo} + ${b.lo}, ${hi} = ${a.hi} + ${b.hi} + (${lo} > 4294967295 ? 1 : 0)`;
}

/** Declarations of `l`/`h` = a - b, from halves that are unsigned words (the low difference's borrow). */
export function difference64(a: Halves, b: Halves): string {
  return `l = ${a.lo} - ${b.lo}, h = ${a.hi} - ${b.hi} - (l < 0 ? 1 : 0)`;
}

/** 64-bit element e of Vr as its words. */
export function halves(r: number, e: number): Halves {
  return { lo: word(r, 2 * e), hi: word(r, 2 * e + 1) };
}

/**
 * A boolean expression comparing 64-bit a and b (given as constants aLo/aHi, bLo/bHi holding
 * unsigned words): a > b, or a >= b with `orEqual`; signed compares the high words as int32.
 */
export function compare64(signed: boolean, orEqual: boolean): string {
  const high = signed ? ['(aHi | 0)', '(bHi | 0)'] : ['aHi', 'bHi'];
  return `(${high[0]} > ${high[1]} || (aHi === bHi && aLo ${orEqual ? '>=' : '>'} bLo))`;
}

/** Declarations of aLo/aHi (and bLo/bHi when m is given) from 64-bit element e of Vn (Vm). */
export function operands64(n: number, e: number, m?: number): string {
  const a = `aLo = ${word(n, 2 * e)}, aHi = ${word(n, 2 * e + 1)}`;
  return m === undefined ? a : `${a}, bLo = ${word(m, 2 * e)}, bHi = ${word(m, 2 * e + 1)}`;
}

// ---- Lengthening and narrowing ----------------------------------------------------------------

/**
 * Vd's 2*esize-bit elements (all 128 bits) from the esize-bit elements (size 0..2) of a
 * source's lower (Q = 0) or upper (Q = 1) half: value(e, source) gives the result of
 * element e from source element index `source` (the same index in every source), as an
 * expression, or for 64-bit results as declarations of `l`/`h`. Writing a wide element
 * overwrites the narrow elements 2e and 2e+1 of Vd, so the lower-half forms go from the
 * top element down and the upper-half forms from the bottom up: Vd may be any source.
 * `shared` declares constants read before any store.
 */
export function emitWidened(w: BlockWriter, size: number, q: number, d: number, value: (e: number, source: number) => string, shared = ''): void {
  const lanes = 8 >> size;
  const statements: string[] = [];
  for (let i = 0; i < lanes; i++) {
    const e = q === 1 ? i : lanes - 1 - i;
    const v = value(e, q * lanes + e);
    if (size === 2) statements.push(`{ const ${v}; ${word(d, 2 * e)} = l; ${word(d, 2 * e + 1)} = h; }`);
    else statements.push(setLane(d, size + 1, e, v));
  }
  emitLanes(w, withConstants(shared, statements));
}

/**
 * Narrow results (esize bits, size 0..2) into the lower half of Vd with the upper half
 * zeroed (Q = 0), or into the upper half keeping the lower (Q = 1, the "2" forms).
 * values[e] reads the 2*esize-bit element e of Vn: in the lower half, element e is
 * written after element e of Vn has been read, so only the upper-half forms with
 * Vd = Vn need the values read first.
 */
export function emitNarrowed(w: BlockWriter, size: number, q: number, n: number, d: number, values: string[]): void {
  const offset = q * values.length;
  emitValues(w, values, (v, e) => setLane(d, size, offset + e, v), q === 0 ? [zeroUpperHalf(d)] : [], q === 1 && d === n);
}
