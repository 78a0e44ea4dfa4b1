// The register-pair transfers of LDP/STP/LDPSW/LDNP/STNP, selected by opc, V and L.
// Loads read both elements before writing either register, and write Rt before Rt2 (so
// for the CONSTRAINED UNPREDICTABLE LDP with Rt == Rt2 the second element wins, as in
// QEMU). Stores write their parts in address order.

import type { Cpu } from '../../cpu';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { checkFpAccess } from '../simdFp/fpAccess';

export type PairAccess = (cpu: Cpu, address: number, t: number, t2: number) => void;

/** The pairs of general-purpose registers the addressing builders give closures of their own. */
export const enum PairKind { LoadX, StoreX, LoadW, StoreW, Other }

export interface PairTransfer {
  readonly kind: PairKind;
  readonly isLoad: boolean;
  /** log2 of one element's size in bytes: imm7 is scaled by it. */
  readonly scale: number;
  readonly registerName: (t: number) => string;
  readonly slot: (t: number) => number;
  readonly access: PairAccess;
  /** `ldpsw` instead of `ldp`. */
  readonly signedWord: boolean;
}

// ---- General-purpose pairs -----------------------------------------------------------

export function loadPairW(cpu: Cpu, address: number, t: number, t2: number): void {
  const data1 = cpu.read32(address);
  const data2 = cpu.read32(address + 4);
  cpu.W[2 * t] = data1;
  cpu.W[2 * t + 1] = 0;
  cpu.W[2 * t2] = data2;
  cpu.W[2 * t2 + 1] = 0;
}

function loadPairSignedW(cpu: Cpu, address: number, t: number, t2: number): void {
  const data1 = cpu.read32(address) | 0;
  const data2 = cpu.read32(address + 4) | 0;
  cpu.WS[2 * t] = data1;
  cpu.WS[2 * t + 1] = data1 >> 31;
  cpu.WS[2 * t2] = data2;
  cpu.WS[2 * t2 + 1] = data2 >> 31;
}

export function loadPairX(cpu: Cpu, address: number, t: number, t2: number): void {
  const data1Lo = cpu.read32(address);
  const data1Hi = cpu.read32(address + 4);
  const data2Lo = cpu.read32(address + 8);
  const data2Hi = cpu.read32(address + 12);
  const w = cpu.W;
  w[2 * t] = data1Lo;
  w[2 * t + 1] = data1Hi;
  w[2 * t2] = data2Lo;
  w[2 * t2 + 1] = data2Hi;
}

export function storePairW(cpu: Cpu, address: number, t: number, t2: number): void {
  cpu.write32(address, cpu.W[2 * t]);
  cpu.write32(address + 4, cpu.W[2 * t2]);
}

export function storePairX(cpu: Cpu, address: number, t: number, t2: number): void {
  cpu.store64From(address, t);
  cpu.store64From(address + 8, t2);
}

// ---- SIMD&FP pairs: loads clear the rest of each 128-bit register ---------------------

function loadPairS(cpu: Cpu, address: number, t: number, t2: number): void {
  const data1 = cpu.read32(address);
  const data2 = cpu.read32(address + 4);
  const v = cpu.V32;
  v[4 * t] = data1; v[4 * t + 1] = 0; v[4 * t + 2] = 0; v[4 * t + 3] = 0;
  v[4 * t2] = data2; v[4 * t2 + 1] = 0; v[4 * t2 + 2] = 0; v[4 * t2 + 3] = 0;
}

function loadPairD(cpu: Cpu, address: number, t: number, t2: number): void {
  const data1Lo = cpu.read32(address);
  const data1Hi = cpu.read32(address + 4);
  const data2Lo = cpu.read32(address + 8);
  const data2Hi = cpu.read32(address + 12);
  const v = cpu.V32;
  v[4 * t] = data1Lo; v[4 * t + 1] = data1Hi; v[4 * t + 2] = 0; v[4 * t + 3] = 0;
  v[4 * t2] = data2Lo; v[4 * t2 + 1] = data2Hi; v[4 * t2 + 2] = 0; v[4 * t2 + 3] = 0;
}

function loadPairQ(cpu: Cpu, address: number, t: number, t2: number): void {
  const w0 = cpu.read32(address);
  const w1 = cpu.read32(address + 4);
  const w2 = cpu.read32(address + 8);
  const w3 = cpu.read32(address + 12);
  const w4 = cpu.read32(address + 16);
  const w5 = cpu.read32(address + 20);
  const w6 = cpu.read32(address + 24);
  const w7 = cpu.read32(address + 28);
  const v = cpu.V32;
  v[4 * t] = w0; v[4 * t + 1] = w1; v[4 * t + 2] = w2; v[4 * t + 3] = w3;
  v[4 * t2] = w4; v[4 * t2 + 1] = w5; v[4 * t2 + 2] = w6; v[4 * t2 + 3] = w7;
}

function storePairS(cpu: Cpu, address: number, t: number, t2: number): void {
  cpu.write32(address, cpu.V32[4 * t]);
  cpu.write32(address + 4, cpu.V32[4 * t2]);
}

function storePairD(cpu: Cpu, address: number, t: number, t2: number): void {
  const v = cpu.V32;
  cpu.write32(address, v[4 * t]);
  cpu.write32(address + 4, v[4 * t + 1]);
  cpu.write32(address + 8, v[4 * t2]);
  cpu.write32(address + 12, v[4 * t2 + 1]);
}

function storePairQ(cpu: Cpu, address: number, t: number, t2: number): void {
  const v = cpu.V32;
  for (let i = 0; i < 4; i++) cpu.write32(address + 4 * i, v[4 * t + i]);
  for (let i = 0; i < 4; i++) cpu.write32(address + 16 + 4 * i, v[4 * t2 + i]);
}

// ---- Selection -------------------------------------------------------------------------

const identity = (t: number) => t;

function gprPair(kind: PairKind, isLoad: boolean, is64: boolean, access: PairAccess, signedWord = false): PairTransfer {
  return {
    kind, isLoad, scale: is64 ? 3 : 2, access, signedWord,
    registerName: (t) => regName(t, signedWord || is64 ? 1 : 0),
    slot: isLoad ? destinationSlot : sourceSlot,
  };
}

/** SIMD&FP pairs trap on CPACR_EL1.FPEN before the access and before any writeback (CheckFPEnabled64()). */
function fpChecked(access: PairAccess): PairAccess {
  return (cpu, address, t, t2) => {
    checkFpAccess(cpu);
    access(cpu, address, t, t2);
  };
}

function simdPair(isLoad: boolean, scale: number, access: PairAccess): PairTransfer {
  const prefix = 'bhsdq'[scale];
  return { kind: PairKind.Other, isLoad, scale, access: fpChecked(access), signedWord: false, registerName: (t) => prefix + t, slot: identity };
}

const LOAD_W = gprPair(PairKind.LoadW, true, false, loadPairW);
const STORE_W = gprPair(PairKind.StoreW, false, false, storePairW);
const LOAD_SW = gprPair(PairKind.Other, true, false, loadPairSignedW, true);
const LOAD_X = gprPair(PairKind.LoadX, true, true, loadPairX);
const STORE_X = gprPair(PairKind.StoreX, false, true, storePairX);
const SIMD_LOADS = [simdPair(true, 2, loadPairS), simdPair(true, 3, loadPairD), simdPair(true, 4, loadPairQ)];
const SIMD_STORES = [simdPair(false, 2, storePairS), simdPair(false, 3, storePairD), simdPair(false, 4, storePairQ)];

/**
 * The transfer for opc, V, L; `noAllocate` for LDNP/STNP, which have no LDPSW form.
 * opc = 01 with L = 0 and V = 0 is STGP (memory tagging, not implemented): undefined.
 */
export function pairTransfer(opc: number, V: number, L: number, noAllocate: boolean): PairTransfer | undefined {
  if (opc === 3) return undefined;
  if (V === 1) return (L ? SIMD_LOADS : SIMD_STORES)[opc];
  if (opc === 0) return L ? LOAD_W : STORE_W;
  if (opc === 2) return L ? LOAD_X : STORE_X;
  return L && !noAllocate ? LOAD_SW : undefined;
}
