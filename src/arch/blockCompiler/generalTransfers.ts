// The general-purpose register loads and stores by size:opc (LDR/STR and their signed
// forms), as both block compilers (translateLoadStore.ts, wasm/wasmTranslateLoadStore.ts)
// translate them.

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
