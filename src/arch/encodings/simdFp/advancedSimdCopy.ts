// Advanced SIMD copy (Arm ARM C4.1.95): DUP (element), DUP (general), SMOV, UMOV, INS
// (general), INS (element). LLVM prints INS as `mov` and UMOV of 32/64-bit elements as `mov`.

import type { Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { laneBase, registerViews, resultViews } from './integerLanes';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { element, insnText, vreg } from './simdText';
import { commitVector } from './vectorViews';

/** The element size (log2 bytes) encoded by imm5's lowest set bit, or -1 if none below bit 4. */
export function imm5Size(imm5: number): number {
  for (let size = 0; size < 4; size++) if ((imm5 >>> size) & 1) return size;
  return -1;
}

/** Copies element `index` of Vn (2^size bytes) to every lane of the result. */
function duplicateElement(size: number, q: number, n: number, index: number, d: number): Exec {
  const lanes = (8 << q) >> size;
  const from = laneBase(n, size) + index;
  if (size === 3) {
    return (cpu) => {
      const value = cpu.V64[from];
      for (let e = 0; e < lanes; e++) resultViews.u64[e] = value;
      commitVector(cpu, d, q);
    };
  }
  return (cpu) => {
    const value = registerViews(cpu).unsigned[size][from];
    const out = resultViews.unsigned[size];
    for (let e = 0; e < lanes; e++) out[e] = value;
    commitVector(cpu, d, q);
  };
}

function duplicateGeneral(size: number, q: number, n: number, d: number): Exec {
  const lanes = (8 << q) >> size;
  const source = sourceSlot(n);
  if (size === 3) {
    return (cpu) => {
      const value = cpu.X[source];
      for (let e = 0; e < lanes; e++) resultViews.u64[e] = value;
      commitVector(cpu, d, q);
    };
  }
  return (cpu) => {
    const value = cpu.W[2 * source];
    const out = resultViews.unsigned[size];
    for (let e = 0; e < lanes; e++) out[e] = value;
    commitVector(cpu, d, q);
  };
}

/** UMOV/SMOV: element to a general register, zero- or sign-extended to 32 or 64 bits. */
function moveToGeneral(size: number, n: number, index: number, d: number, signed: boolean, wide: boolean): Exec {
  const target = destinationSlot(d);
  const from = laneBase(n, size) + index;
  if (size === 3) return (cpu) => { cpu.X[target] = cpu.V64[from]; };
  if (wide) {
    return (cpu) => {
      const views = registerViews(cpu);
      cpu.XS[target] = BigInt(signed ? views.signed[size][from] : views.unsigned[size][from]);
    };
  }
  return (cpu) => {
    const views = registerViews(cpu);
    cpu.W[2 * target] = signed ? views.signed[size][from] : views.unsigned[size][from];
    cpu.W[2 * target + 1] = 0;
  };
}

/** INS: one element of Vd replaced, the rest kept (no upper-half zeroing). */
function insertGeneral(size: number, n: number, d: number, index: number): Exec {
  const source = sourceSlot(n);
  const to = laneBase(d, size) + index;
  if (size === 3) return (cpu) => { cpu.V64[to] = cpu.X[source]; };
  return (cpu) => { registerViews(cpu).unsigned[size][to] = cpu.W[2 * source]; };
}

function insertElement(size: number, n: number, from: number, d: number, to: number): Exec {
  const source = laneBase(n, size) + from;
  const target = laneBase(d, size) + to;
  if (size === 3) return (cpu) => { cpu.V64[target] = cpu.V64[source]; };
  return (cpu) => {
    const view = registerViews(cpu).unsigned[size];
    view[target] = view[source];
  };
}

function analyse(insn: number): Decoded | undefined {
  const q = bit(insn, 30);
  const op = bit(insn, 29);
  const imm5 = bits(insn, 16, 5);
  const imm4 = bits(insn, 11, 4);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const size = imm5Size(imm5);
  if (size < 0) return undefined;
  const index = imm5 >>> (size + 1);
  if (op === 1) {
    if (q === 0) return undefined;
    const from = imm4 >>> size;
    return { exec: insertElement(size, n, from, d, index), text: insnText('mov', element(d, size, index), element(n, size, from)) };
  }
  switch (imm4) {
    case 0b0000:
      if (size === 3 && q === 0) return undefined;
      return { exec: duplicateElement(size, q, n, index, d), text: insnText('dup', vreg(d, size, q), element(n, size, index)) };
    case 0b0001:
      if (size === 3 && q === 0) return undefined;
      return { exec: duplicateGeneral(size, q, n, d), text: insnText('dup', vreg(d, size, q), regName(n, size === 3 ? 1 : 0)) };
    case 0b0011:
      if (q === 0) return undefined;
      return { exec: insertGeneral(size, n, d, index), text: insnText('mov', element(d, size, index), regName(n, size === 3 ? 1 : 0)) };
    case 0b0101:
      if (size === 3 || (size === 2 && q === 0)) return undefined;
      return { exec: moveToGeneral(size, n, index, d, true, q === 1), text: insnText('smov', regName(d, q), element(n, size, index)) };
    case 0b0111: {
      if ((q === 1) !== (size === 3)) return undefined;
      const mnemonic = size >= 2 ? 'mov' : 'umov';
      return { exec: moveToGeneral(size, n, index, d, false, false), text: insnText(mnemonic, regName(d, q), element(n, size, index)) };
    }
  }
  return undefined;
}

export const ADVANCED_SIMD_COPY = [
  simdFpEncoding('ASIMD_COPY', '0qo0_1110_000i_iiii_0jjj_j1nn_nnnd_dddd', analyse),
];
