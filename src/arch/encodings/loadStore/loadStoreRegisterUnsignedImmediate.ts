// Load/store register (unsigned immediate): address X[n|SP] + (imm12 << scale), the
// form compilers use for stack slots and structure fields. PRFM (immediate) too.

import type { Encoding } from '../../decoder';
import { bits } from '../../decoder';
import { offsetAddress } from './addressText';
import { offsetExec } from './immediateAddressing';
import { prefetchExec } from './prefetch';
import { prefetchOperationName } from './prefetchOperation';
import { singleRegisterFields, transferMnemonic } from './singleRegisterFields';
import { isPrefetch, singleTransfer } from './singleTransfers';

export const LOAD_STORE_REGISTER_UNSIGNED_IMMEDIATE: readonly Encoding[] = [
  {
    name: 'LDR_STR_unsigned_immediate',
    pattern: 'ss11_1v01_ooii_iiii_iiii_iinn_nnnt_tttt',
    decode(insn) {
      const { size, V, opc, Rn, Rt } = singleRegisterFields(insn);
      if (isPrefetch(size, V, opc)) return prefetchExec;
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      return offsetExec(transfer, Rn, transfer.slot(Rt), bits(insn, 10, 12) << transfer.scale);
    },
    disasm(insn) {
      const { size, V, opc, Rn, Rt } = singleRegisterFields(insn);
      const imm12 = bits(insn, 10, 12);
      if (isPrefetch(size, V, opc)) return `prfm\t${prefetchOperationName(Rt)}, ${offsetAddress(Rn, imm12 << 3)}`;
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      const address = offsetAddress(Rn, imm12 << transfer.scale);
      return `${transferMnemonic('ldr', transfer.isLoad, transfer.suffix)}\t${transfer.registerName(Rt)}, ${address}`;
    },
  },
];
