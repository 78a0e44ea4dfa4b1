// Executors for a single-register transfer at X[n|SP] + offset, without writeback
// (unsigned offset, unscaled, unprivileged) and with pre- or post-index writeback.
// The 64- and 32-bit LDR/STR get their own closures so the hottest loads and stores
// make no further call than the Cpu memory access itself.

import type { Exec } from '../../decoder';
import { SingleTransfer, TransferKind } from './singleTransfers';
import { writeBack } from './writeback';

const TWO_POW_32 = 4294967296;

/** Access at X[n] + offset; X[n] is unchanged. */
export function offsetExec(transfer: SingleTransfer, n: number, t: number, offset: number): Exec {
  const lo = 2 * n;
  const hi = lo + 1;
  const tLo = 2 * t;
  const tHi = tLo + 1;
  switch (transfer.kind) {
    case TransferKind.LoadX:
      return (cpu) => cpu.load64Into(cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t);
    case TransferKind.StoreX:
      return (cpu) => cpu.store64From(cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t);
    case TransferKind.LoadW:
      return (cpu) => {
        const data = cpu.read32(cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset);
        cpu.W[tLo] = data;
        cpu.W[tHi] = 0;
      };
    case TransferKind.StoreW:
      return (cpu) => cpu.write32(cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, cpu.W[tLo]);
    default: {
      const access = transfer.access;
      return (cpu) => access(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t);
    }
  }
}

/** Access at X[n] + offset, then X[n] = X[n] + offset. */
export function preIndexExec(transfer: SingleTransfer, n: number, t: number, offset: number): Exec {
  const lo = 2 * n;
  const hi = lo + 1;
  switch (transfer.kind) {
    case TransferKind.LoadX:
      return (cpu) => {
        const baseLo = cpu.W[lo];
        const baseHi = cpu.W[hi];
        cpu.load64Into(baseLo + baseHi * TWO_POW_32 + offset, t);
        writeBack(cpu, n, baseLo, baseHi, offset);
      };
    case TransferKind.StoreX:
      return (cpu) => {
        const baseLo = cpu.W[lo];
        const baseHi = cpu.W[hi];
        cpu.store64From(baseLo + baseHi * TWO_POW_32 + offset, t);
        writeBack(cpu, n, baseLo, baseHi, offset);
      };
    default: {
      const access = transfer.access;
      return (cpu) => {
        const baseLo = cpu.W[lo];
        const baseHi = cpu.W[hi];
        access(cpu, baseLo + baseHi * TWO_POW_32 + offset, t);
        writeBack(cpu, n, baseLo, baseHi, offset);
      };
    }
  }
}

/** Access at X[n], then X[n] = X[n] + offset. */
export function postIndexExec(transfer: SingleTransfer, n: number, t: number, offset: number): Exec {
  const lo = 2 * n;
  const hi = lo + 1;
  switch (transfer.kind) {
    case TransferKind.LoadX:
      return (cpu) => {
        const baseLo = cpu.W[lo];
        const baseHi = cpu.W[hi];
        cpu.load64Into(baseLo + baseHi * TWO_POW_32, t);
        writeBack(cpu, n, baseLo, baseHi, offset);
      };
    case TransferKind.StoreX:
      return (cpu) => {
        const baseLo = cpu.W[lo];
        const baseHi = cpu.W[hi];
        cpu.store64From(baseLo + baseHi * TWO_POW_32, t);
        writeBack(cpu, n, baseLo, baseHi, offset);
      };
    default: {
      const access = transfer.access;
      return (cpu) => {
        const baseLo = cpu.W[lo];
        const baseHi = cpu.W[hi];
        access(cpu, baseLo + baseHi * TWO_POW_32, t);
        writeBack(cpu, n, baseLo, baseHi, offset);
      };
    }
  }
}
