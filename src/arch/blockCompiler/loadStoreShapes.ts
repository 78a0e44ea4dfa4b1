// What the LDR/STR/LDP/STP encodings transfer - register kind, size, sign, direction - as
// both block compilers (translateLoadStore.ts, wasm/wasmTranslateLoadStore.ts) decode it.

import { bit, bits } from '../decoder';

/** A general-purpose transfer selected by size:opc. */
export interface Transfer {
  readonly load: boolean;
  readonly bytes: 1 | 2 | 4 | 8;
  /** Sign-extending load. */
  readonly signed: boolean;
  /** The loaded value fills the X register (else a W register, upper half zero). */
  readonly toX: boolean;
}

export function transfer(load: boolean, bytes: 1 | 2 | 4 | 8, signed = false, toX = bytes === 8): Transfer {
  return { load, bytes, signed, toX };
}

/** Indexed by size:opc; undefined for PRFM and unallocated combinations. */
export const TRANSFERS: readonly (Transfer | undefined)[] = [
  transfer(false, 1), transfer(true, 1), transfer(true, 1, true, true), transfer(true, 1, true, false),
  transfer(false, 2), transfer(true, 2), transfer(true, 2, true, true), transfer(true, 2, true, false),
  transfer(false, 4), transfer(true, 4), transfer(true, 4, true, true), undefined,
  transfer(false, 8), transfer(true, 8), undefined, undefined,
];

/** A SIMD&FP transfer by size:opc: B/H/S/D, or Q when opc<1> is set with size 00; undefined otherwise. */
export function vectorShape(size: number, opc: number): { readonly load: boolean; readonly bytes: number } | undefined {
  if (opc >= 2 && size !== 0) return undefined;
  return { load: (opc & 1) === 1, bytes: opc >= 2 ? 16 : 1 << size };
}

/** log2 of the access size: what scales an unsigned offset or a shifted index. */
export function transferScale(word: number): number {
  const q = bit(word, 26) === 1 && bit(word, 23) === 1 && bits(word, 30, 2) === 0;
  return q ? 4 : bits(word, 30, 2);
}

/**
 * The size:opc of the LDR (immediate) that loads what LDR (literal) with this opc loads (W,
 * X, LDRSW; S, D, Q), or undefined for the unallocated vector opc 3 (PRFM is the caller's).
 */
export function literalSizeOpc(opc: number, vector: boolean): [number, number] | undefined {
  if (vector) return opc === 3 ? undefined : [opc === 2 ? 0 : opc + 2, opc === 2 ? 3 : 1];
  return [opc === 2 ? 2 : opc + 2, opc === 2 ? 2 : 1];
}

/** The size and opc<1> of each half of an S, D or Q pair (LDP/STP opc 00, 01, 10). */
export function vectorPairSizeOpc(opc: number): [number, number] {
  return opc === 2 ? [0, 2] : [opc + 2, 0];
}

/**
 * Element size (log2 bytes) and lane of LD1/ST1 (single structure), from opcode<2:1>, Q, S
 * and size; undefined for LDnR and reserved forms.
 */
export function singleLane(word: number): { scale: number; index: number } | undefined {
  const q = bit(word, 30);
  const s = bit(word, 12);
  const size = bits(word, 10, 2);
  switch (bits(word, 13, 3)) {
    case 0b000: return { scale: 0, index: (q << 3) | (s << 2) | size };
    case 0b010: return (size & 1) === 0 ? { scale: 1, index: (q << 2) | (s << 1) | (size >> 1) } : undefined;
    case 0b100:
      if (size === 0) return { scale: 2, index: (q << 1) | s };
      return size === 1 && s === 0 ? { scale: 3, index: q } : undefined;
    default: return undefined;
  }
}
