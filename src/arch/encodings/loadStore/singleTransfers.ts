// The single-register transfers selected by size:V:opc in the "Load/store register"
// encoding groups (unsigned offset, unscaled, pre/post-indexed, unprivileged, register
// offset) and, with a different opc mapping, by "Load register (literal)".
//
// Each transfer is one specialised function (cpu, address, slot): loads read memory
// completely before touching the register, so a fault leaves no trace; stores that are
// wider than one Cpu access write their parts in address order (a fault part-way leaves
// the earlier parts written, which the architecture permits for a faulting store).

import type { Cpu } from '../../cpu';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { regName } from '../../disasmText';
import { checkFpAccess } from '../simdFp/fpAccess';

export type Access = (cpu: Cpu, address: number, slot: number) => void;

/**
 * The transfers the addressing-mode builders give closures of their own (the zero-extending
 * loads and the stores of general-purpose registers), so that the closure's call of the access
 * function has one target V8 inlines; the rest go through `access`.
 */
export const enum TransferKind { LoadX, StoreX, LoadW, StoreW, LoadH, StoreH, LoadB, StoreB, Other }

export interface SingleTransfer {
  readonly kind: TransferKind;
  readonly isLoad: boolean;
  /** log2 of the access size in bytes: the scale of unsigned offsets and of register-offset shifts. */
  readonly scale: number;
  /** What follows ldr/ldur/ldtr (or str/stur/sttr) in the mnemonic: '', 'b', 'h', 'sb', 'sh', 'sw'. */
  readonly suffix: string;
  /** The Rt operand as the disassembler prints it. */
  readonly registerName: (t: number) => string;
  /** The register slot the executor uses for the Rt field (register 31 resolved). */
  readonly slot: (t: number) => number;
  readonly access: Access;
}

// ---- General-purpose register loads -----------------------------------------------

export function loadByte(cpu: Cpu, address: number, t: number): void {
  const data = cpu.read8(address);
  cpu.W[2 * t] = data;
  cpu.W[2 * t + 1] = 0;
}

export function loadHalf(cpu: Cpu, address: number, t: number): void {
  const data = cpu.read16(address);
  cpu.W[2 * t] = data;
  cpu.W[2 * t + 1] = 0;
}

export function loadWord(cpu: Cpu, address: number, t: number): void {
  const data = cpu.read32(address);
  cpu.W[2 * t] = data;
  cpu.W[2 * t + 1] = 0;
}

export function loadDoubleword(cpu: Cpu, address: number, t: number): void {
  cpu.load64Into(address, t);
}

function loadSignedByteToW(cpu: Cpu, address: number, t: number): void {
  const data = (cpu.read8(address) << 24) >> 24;
  cpu.WS[2 * t] = data;
  cpu.W[2 * t + 1] = 0;
}

function loadSignedByteToX(cpu: Cpu, address: number, t: number): void {
  const data = (cpu.read8(address) << 24) >> 24;
  cpu.WS[2 * t] = data;
  cpu.WS[2 * t + 1] = data >> 31;
}

function loadSignedHalfToW(cpu: Cpu, address: number, t: number): void {
  const data = (cpu.read16(address) << 16) >> 16;
  cpu.WS[2 * t] = data;
  cpu.W[2 * t + 1] = 0;
}

function loadSignedHalfToX(cpu: Cpu, address: number, t: number): void {
  const data = (cpu.read16(address) << 16) >> 16;
  cpu.WS[2 * t] = data;
  cpu.WS[2 * t + 1] = data >> 31;
}

function loadSignedWordToX(cpu: Cpu, address: number, t: number): void {
  const data = cpu.read32(address) | 0;
  cpu.WS[2 * t] = data;
  cpu.WS[2 * t + 1] = data >> 31;
}

// ---- General-purpose register stores (DataView setters truncate to the access size) --

export function storeByte(cpu: Cpu, address: number, t: number): void {
  cpu.write8(address, cpu.W[2 * t]);
}

export function storeHalf(cpu: Cpu, address: number, t: number): void {
  cpu.write16(address, cpu.W[2 * t]);
}

export function storeWord(cpu: Cpu, address: number, t: number): void {
  cpu.write32(address, cpu.W[2 * t]);
}

export function storeDoubleword(cpu: Cpu, address: number, t: number): void {
  cpu.store64From(address, t);
}

// ---- SIMD&FP register loads: the rest of the 128-bit register becomes zero ------------

function loadVectorByte(cpu: Cpu, address: number, t: number): void {
  const data = cpu.read8(address);
  setLowWordClearingRest(cpu, t, data);
}

function loadVectorHalf(cpu: Cpu, address: number, t: number): void {
  const data = cpu.read16(address);
  setLowWordClearingRest(cpu, t, data);
}

function loadVectorSingle(cpu: Cpu, address: number, t: number): void {
  const data = cpu.read32(address);
  setLowWordClearingRest(cpu, t, data);
}

function loadVectorDouble(cpu: Cpu, address: number, t: number): void {
  const word0 = cpu.read32(address);
  const word1 = cpu.read32(address + 4);
  const v = cpu.V32;
  v[4 * t] = word0;
  v[4 * t + 1] = word1;
  v[4 * t + 2] = 0;
  v[4 * t + 3] = 0;
}

function loadVectorQuad(cpu: Cpu, address: number, t: number): void {
  const word0 = cpu.read32(address);
  const word1 = cpu.read32(address + 4);
  const word2 = cpu.read32(address + 8);
  const word3 = cpu.read32(address + 12);
  const v = cpu.V32;
  v[4 * t] = word0;
  v[4 * t + 1] = word1;
  v[4 * t + 2] = word2;
  v[4 * t + 3] = word3;
}

function setLowWordClearingRest(cpu: Cpu, t: number, word: number): void {
  const v = cpu.V32;
  v[4 * t] = word;
  v[4 * t + 1] = 0;
  v[4 * t + 2] = 0;
  v[4 * t + 3] = 0;
}

// ---- SIMD&FP register stores -------------------------------------------------------

function storeVectorByte(cpu: Cpu, address: number, t: number): void {
  cpu.write8(address, cpu.V8[16 * t]);
}

function storeVectorHalf(cpu: Cpu, address: number, t: number): void {
  cpu.write16(address, cpu.V16[8 * t]);
}

function storeVectorSingle(cpu: Cpu, address: number, t: number): void {
  cpu.write32(address, cpu.V32[4 * t]);
}

function storeVectorDouble(cpu: Cpu, address: number, t: number): void {
  cpu.write32(address, cpu.V32[4 * t]);
  cpu.write32(address + 4, cpu.V32[4 * t + 1]);
}

function storeVectorQuad(cpu: Cpu, address: number, t: number): void {
  cpu.write32(address, cpu.V32[4 * t]);
  cpu.write32(address + 4, cpu.V32[4 * t + 1]);
  cpu.write32(address + 8, cpu.V32[4 * t + 2]);
  cpu.write32(address + 12, cpu.V32[4 * t + 3]);
}

// ---- The tables ----------------------------------------------------------------------

const wName = (t: number) => regName(t, 0);
const xName = (t: number) => regName(t, 1);
const identity = (t: number) => t;

function gpr(kind: TransferKind, isLoad: boolean, scale: number, suffix: string, is64: boolean, access: Access): SingleTransfer {
  return {
    kind, isLoad, scale, suffix, access,
    registerName: is64 ? xName : wName,
    slot: isLoad ? destinationSlot : sourceSlot,
  };
}

/**
 * The SIMD&FP transfers trap when CPACR_EL1.FPEN disables SIMD&FP at the current EL
 * (the Arm ARM's CheckFPEnabled64() comes first in their execute pseudocode), so the
 * check runs before the memory access and before any writeback by the addressing mode.
 */
function fpChecked(access: Access): Access {
  return (cpu, address, t) => {
    checkFpAccess(cpu);
    access(cpu, address, t);
  };
}

function simd(isLoad: boolean, scale: number, access: Access): SingleTransfer {
  const prefix = 'bhsdq'[scale];
  return {
    kind: TransferKind.Other, isLoad, scale, suffix: '', access: fpChecked(access),
    registerName: (t: number) => prefix + t,
    slot: identity,
  };
}

const O = TransferKind.Other;

/** General-purpose transfers indexed by size:opc (undefined: unallocated or PRFM). */
const GPR_TRANSFERS: (SingleTransfer | undefined)[] = [
  gpr(TransferKind.StoreB, false, 0, 'b', false, storeByte),
  gpr(TransferKind.LoadB, true, 0, 'b', false, loadByte),
  gpr(O, true, 0, 'sb', true, loadSignedByteToX),
  gpr(O, true, 0, 'sb', false, loadSignedByteToW),
  gpr(TransferKind.StoreH, false, 1, 'h', false, storeHalf),
  gpr(TransferKind.LoadH, true, 1, 'h', false, loadHalf),
  gpr(O, true, 1, 'sh', true, loadSignedHalfToX),
  gpr(O, true, 1, 'sh', false, loadSignedHalfToW),
  gpr(TransferKind.StoreW, false, 2, '', false, storeWord),
  gpr(TransferKind.LoadW, true, 2, '', false, loadWord),
  gpr(O, true, 2, 'sw', true, loadSignedWordToX),
  undefined,
  gpr(TransferKind.StoreX, false, 3, '', true, storeDoubleword),
  gpr(TransferKind.LoadX, true, 3, '', true, loadDoubleword),
  undefined, // PRFM
  undefined,
];

/** SIMD&FP transfers indexed by size:opc; opc<1> set selects the 128-bit Q register (size 00 only). */
const SIMD_TRANSFERS: (SingleTransfer | undefined)[] = [
  simd(false, 0, storeVectorByte),
  simd(true, 0, loadVectorByte),
  simd(false, 4, storeVectorQuad),
  simd(true, 4, loadVectorQuad),
  simd(false, 1, storeVectorHalf),
  simd(true, 1, loadVectorHalf),
  undefined, undefined,
  simd(false, 2, storeVectorSingle),
  simd(true, 2, loadVectorSingle),
  undefined, undefined,
  simd(false, 3, storeVectorDouble),
  simd(true, 3, loadVectorDouble),
  undefined, undefined,
];

/** The transfer for size, V and opc; undefined for PRFM and unallocated combinations. */
export function singleTransfer(size: number, V: number, opc: number): SingleTransfer | undefined {
  return (V ? SIMD_TRANSFERS : GPR_TRANSFERS)[(size << 2) | opc];
}

/** size = 11, V = 0, opc = 10 is PRFM (or PRFUM) in the immediate and register-offset groups. */
export function isPrefetch(size: number, V: number, opc: number): boolean {
  return size === 3 && V === 0 && opc === 2;
}

/** Load register (literal): opc:V picks the transfer; opc = 11, V = 0 is PRFM (literal). */
export function literalTransfer(opc: number, V: number): SingleTransfer | undefined {
  if (V === 0) {
    if (opc === 0) return GPR_TRANSFERS[0b1001];
    if (opc === 1) return GPR_TRANSFERS[0b1101];
    if (opc === 2) return GPR_TRANSFERS[0b1010];
    return undefined;
  }
  if (opc === 0) return SIMD_TRANSFERS[0b1001];
  if (opc === 1) return SIMD_TRANSFERS[0b1101];
  if (opc === 2) return SIMD_TRANSFERS[0b0011];
  return undefined;
}

/** The zero-extending load of 1 << size bytes into a general-purpose register. */
export function plainLoad(size: number): Access {
  return GPR_TRANSFERS[(size << 2) | 1]!.access;
}

/** The store of the low 1 << size bytes of a general-purpose register. */
export function plainStore(size: number): Access {
  return GPR_TRANSFERS[size << 2]!.access;
}
