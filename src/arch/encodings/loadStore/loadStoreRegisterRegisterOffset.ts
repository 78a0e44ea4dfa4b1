// Load/store register (register offset): address X[n|SP] + ExtendReg(Rm, option, S ?
// scale : 0). PRFM (register) too.

import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regOrSp } from '../../disasmText';
import { prefetchExec } from './prefetch';
import { prefetchOperationName } from './prefetchOperation';
import { RegisterIndex, extendedIndex, indexText, isValidIndexOption, registerIndex } from './registerIndex';
import { singleRegisterFields, transferMnemonic } from './singleRegisterFields';
import {
  SingleTransfer, TransferKind, isPrefetch, loadByte, loadDoubleword, loadHalf, loadWord, singleTransfer, storeByte, storeDoubleword, storeHalf, storeWord,
} from './singleTransfers';

const TWO_POW_32 = 4294967296;

function registerOffsetExec(transfer: SingleTransfer, n: number, t: number, index: RegisterIndex): Exec {
  const lo = 2 * n;
  const hi = lo + 1;
  const { mLo, option, factor } = index;
  switch (transfer.kind) {
    case TransferKind.LoadX: return (cpu) => loadDoubleword(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    case TransferKind.StoreX: return (cpu) => storeDoubleword(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    case TransferKind.LoadW: return (cpu) => loadWord(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    case TransferKind.StoreW: return (cpu) => storeWord(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    case TransferKind.LoadH: return (cpu) => loadHalf(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    case TransferKind.StoreH: return (cpu) => storeHalf(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    case TransferKind.LoadB: return (cpu) => loadByte(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    case TransferKind.StoreB: return (cpu) => storeByte(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    default: {
      const access = transfer.access;
      return (cpu) => access(cpu, cpu.W[lo] + cpu.W[hi] * TWO_POW_32 + extendedIndex(cpu, mLo, option, factor), t);
    }
  }
}

function fields(insn: number) {
  return { ...singleRegisterFields(insn), Rm: bits(insn, 16, 5), option: bits(insn, 13, 3), S: bit(insn, 12) };
}

export const LOAD_STORE_REGISTER_REGISTER_OFFSET: readonly Encoding[] = [
  {
    name: 'LDR_STR_register_offset',
    pattern: 'ss11_1v00_oo1m_mmmm_xxxS_10nn_nnnt_tttt',
    decode(insn) {
      const { size, V, opc, Rn, Rt, Rm, option, S } = fields(insn);
      if (!isValidIndexOption(option)) return undefined;
      if (isPrefetch(size, V, opc)) return prefetchExec;
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      return registerOffsetExec(transfer, Rn, transfer.slot(Rt), registerIndex(Rm, option, S ? transfer.scale : 0));
    },
    disasm(insn) {
      const { size, V, opc, Rn, Rt, Rm, option, S } = fields(insn);
      if (!isValidIndexOption(option)) return undefined;
      if (isPrefetch(size, V, opc)) {
        return `prfm\t${prefetchOperationName(Rt)}, [${regOrSp(Rn, 1)}, ${indexText(Rm, option, S, 3)}]`;
      }
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      const address = `[${regOrSp(Rn, 1)}, ${indexText(Rm, option, S, transfer.scale)}]`;
      return `${transferMnemonic('ldr', transfer.isLoad, transfer.suffix)}\t${transfer.registerName(Rt)}, ${address}`;
    },
  },
];
