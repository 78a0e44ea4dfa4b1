// Executors and text for the four register-pair groups, which share one layout:
// opc[31:30] 101 V[26] mode[25:23] L[22] imm7[21:15] Rt2[14:10] Rn[9:5] Rt[4:0],
// with offset = SignExtend(imm7) << scale.

import type { Exec } from '../../decoder';
import { bit, bits, sbits } from '../../decoder';
import { offsetAddress, postIndexAddress, preIndexAddress } from './addressText';
import { PairKind, PairTransfer, loadPairW, loadPairX, pairTransfer, storePairW, storePairX } from './pairTransfers';
import { writeBack } from './writeback';

const TWO_POW_32 = 4294967296;

export const enum PairMode { NoAllocate, Offset, PreIndex, PostIndex }

export interface PairFields {
  transfer: PairTransfer;
  Rt: number;
  Rt2: number;
  Rn: number;
  offset: number;
}

/** The decoded fields, or undefined when opc/V/L name no instruction. */
export function pairFields(insn: number, mode: PairMode): PairFields | undefined {
  const transfer = pairTransfer(bits(insn, 30, 2), bit(insn, 26), bit(insn, 22), mode === PairMode.NoAllocate);
  if (transfer === undefined) return undefined;
  return {
    transfer,
    Rt: bits(insn, 0, 5),
    Rt2: bits(insn, 10, 5),
    Rn: bits(insn, 5, 5),
    offset: sbits(insn, 15, 7) * (1 << transfer.scale),
  };
}

export function pairExec(fields: PairFields, mode: PairMode): Exec {
  const { transfer, Rn: n, offset } = fields;
  const t = transfer.slot(fields.Rt);
  const t2 = transfer.slot(fields.Rt2);
  if (mode === PairMode.PreIndex) return pairWriteBackExec(transfer, n, t, t2, offset, offset);
  if (mode === PairMode.PostIndex) return pairWriteBackExec(transfer, n, t, t2, 0, offset);
  return pairOffsetExec(transfer, n, t, t2, offset);
}

// The pairs of general-purpose registers get closures of their own, each calling one fixed
// access function that V8 inlines; X pairs (prologues and epilogues) try the CPU's direct
// RAM path first.

/** Access at X[n] + offset; X[n] is unchanged. */
function pairOffsetExec(transfer: PairTransfer, n: number, t: number, t2: number, offset: number): Exec {
  const lo = 2 * n;
  const hi = lo + 1;
  switch (transfer.kind) {
    case PairKind.LoadX: return (cpu) => {
      if (!cpu.loadPair64Direct(n, offset, t, t2)) loadPairX(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t, t2);
    };
    case PairKind.StoreX: return (cpu) => {
      if (!cpu.storePair64Direct(n, offset, t, t2)) storePairX(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t, t2);
    };
    case PairKind.LoadW: return (cpu) => loadPairW(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t, t2);
    case PairKind.StoreW: return (cpu) => storePairW(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t, t2);
    default: {
      const access = transfer.access;
      return (cpu) => access(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t, t2);
    }
  }
}

/** Access at X[n] + accessOffset, then X[n] = X[n] + offset (pre-index: the same offset; post-index: 0 first). */
function pairWriteBackExec(transfer: PairTransfer, n: number, t: number, t2: number, accessOffset: number, offset: number): Exec {
  const lo = 2 * n;
  const hi = lo + 1;
  switch (transfer.kind) {
    case PairKind.LoadX: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      if (!cpu.loadPair64Direct(n, accessOffset, t, t2)) loadPairX(cpu, baseLo + baseHi * TWO_POW_32 + accessOffset, t, t2);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case PairKind.StoreX: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      if (!cpu.storePair64Direct(n, accessOffset, t, t2)) storePairX(cpu, baseLo + baseHi * TWO_POW_32 + accessOffset, t, t2);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case PairKind.LoadW: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      loadPairW(cpu, baseLo + baseHi * TWO_POW_32 + accessOffset, t, t2);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case PairKind.StoreW: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      storePairW(cpu, baseLo + baseHi * TWO_POW_32 + accessOffset, t, t2);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    default: {
      const access = transfer.access;
      return (cpu) => {
        const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
        access(cpu, baseLo + baseHi * TWO_POW_32 + accessOffset, t, t2);
        writeBack(cpu, n, baseLo, baseHi, offset);
      };
    }
  }
}

const MNEMONICS: Record<PairMode, [string, string]> = {
  [PairMode.NoAllocate]: ['stnp', 'ldnp'],
  [PairMode.Offset]: ['stp', 'ldp'],
  [PairMode.PreIndex]: ['stp', 'ldp'],
  [PairMode.PostIndex]: ['stp', 'ldp'],
};

export function pairText(fields: PairFields, mode: PairMode): string {
  const { transfer, Rt, Rt2, Rn, offset } = fields;
  const mnemonic = transfer.signedWord ? 'ldpsw' : MNEMONICS[mode][transfer.isLoad ? 1 : 0];
  const address = mode === PairMode.PreIndex ? preIndexAddress(Rn, offset)
    : mode === PairMode.PostIndex ? postIndexAddress(Rn, offset)
      : offsetAddress(Rn, offset);
  return `${mnemonic}\t${transfer.registerName(Rt)}, ${transfer.registerName(Rt2)}, ${address}`;
}

/** The decode and disasm halves of a pair group's Encoding. */
export function pairEncodingBody(mode: PairMode) {
  return {
    decode(insn: number): Exec | undefined {
      const fields = pairFields(insn, mode);
      return fields && pairExec(fields, mode);
    },
    disasm(insn: number): string | undefined {
      const fields = pairFields(insn, mode);
      return fields && pairText(fields, mode);
    },
  };
}
