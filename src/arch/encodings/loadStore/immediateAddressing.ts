// Executors for a single-register transfer at X[n|SP] + offset, without writeback
// (unsigned offset, unscaled, unprivileged) and with pre- or post-index writeback.
// Each transfer kind with a closure of its own calls one fixed access function, which V8
// inlines: the hot loads and stores make no further call than the Cpu memory access itself,
// and those of bytes, words and doublewords take the Cpu's direct RAM path at X[n] + offset.

import type { Exec } from '../../decoder';
import { SingleTransfer, TransferKind, loadHalf, storeHalf } from './singleTransfers';
import { writeBack } from './writeback';

const TWO_POW_32 = 4294967296;

/** Access at X[n] + offset; X[n] is unchanged. */
export function offsetExec(transfer: SingleTransfer, n: number, t: number, offset: number): Exec {
  const lo = 2 * n;
  const hi = lo + 1;
  switch (transfer.kind) {
    case TransferKind.LoadX: return (cpu) => cpu.load64At(n, offset, t);
    case TransferKind.StoreX: return (cpu) => cpu.store64At(n, offset, t);
    case TransferKind.LoadW: return (cpu) => cpu.load32At(n, offset, t);
    case TransferKind.StoreW: return (cpu) => cpu.store32At(n, offset, t);
    case TransferKind.LoadH: return (cpu) => loadHalf(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t);
    case TransferKind.StoreH: return (cpu) => storeHalf(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t);
    case TransferKind.LoadB: return (cpu) => cpu.load8At(n, offset, t);
    case TransferKind.StoreB: return (cpu) => cpu.store8At(n, offset, t);
    default: {
      const access = transfer.access;
      return (cpu) => access(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + offset, t);
    }
  }
}

/** Access at X[n] + offset, then X[n] = X[n] + offset. */
export function preIndexExec(transfer: SingleTransfer, n: number, t: number, offset: number): Exec {
  return writeBackExec(transfer, n, t, offset, offset);
}

/** Access at X[n], then X[n] = X[n] + offset. */
export function postIndexExec(transfer: SingleTransfer, n: number, t: number, offset: number): Exec {
  return writeBackExec(transfer, n, t, 0, offset);
}

/** Access at X[n] + accessOffset, then X[n] = X[n] + offset (pre-index: the same offset; post-index: 0 first). */
function writeBackExec(transfer: SingleTransfer, n: number, t: number, accessOffset: number, offset: number): Exec {
  const lo = 2 * n;
  const hi = lo + 1;
  switch (transfer.kind) {
    case TransferKind.LoadX: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      cpu.load64At(n, accessOffset, t);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case TransferKind.StoreX: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      cpu.store64At(n, accessOffset, t);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case TransferKind.LoadW: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      cpu.load32At(n, accessOffset, t);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case TransferKind.StoreW: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      cpu.store32At(n, accessOffset, t);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case TransferKind.LoadH: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      loadHalf(cpu, baseLo + baseHi * TWO_POW_32 + accessOffset, t);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case TransferKind.StoreH: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      storeHalf(cpu, baseLo + baseHi * TWO_POW_32 + accessOffset, t);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case TransferKind.LoadB: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      cpu.load8At(n, accessOffset, t);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    case TransferKind.StoreB: return (cpu) => {
      const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
      cpu.store8At(n, accessOffset, t);
      writeBack(cpu, n, baseLo, baseHi, offset);
    };
    default: {
      const access = transfer.access;
      return (cpu) => {
        const baseLo = cpu.W[lo], baseHi = cpu.W[hi];
        access(cpu, baseLo + baseHi * TWO_POW_32 + accessOffset, t);
        writeBack(cpu, n, baseLo, baseHi, offset);
      };
    }
  }
}
