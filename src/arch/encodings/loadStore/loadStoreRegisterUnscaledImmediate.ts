// Load/store register (unscaled immediate): LDUR/STUR and friends, PRFUM.
// Address X[n|SP] + SignExtend(imm9); no writeback.

import type { Encoding } from '../../decoder';
import { sbits } from '../../decoder';
import { offsetAddress } from './addressText';
import { offsetExec } from './immediateAddressing';
import { prefetchExec } from './prefetch';
import { prefetchOperationName } from './prefetchOperation';
import { singleRegisterFields, transferMnemonic } from './singleRegisterFields';
import { isPrefetch, singleTransfer } from './singleTransfers';

export const LOAD_STORE_REGISTER_UNSCALED_IMMEDIATE: readonly Encoding[] = [
  {
    name: 'LDUR_STUR_unscaled',
    pattern: 'ss11_1v00_oo0i_iiii_iiii_00nn_nnnt_tttt',
    decode(insn) {
      const { size, V, opc, Rn, Rt } = singleRegisterFields(insn);
      if (isPrefetch(size, V, opc)) return prefetchExec;
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      return offsetExec(transfer, Rn, transfer.slot(Rt), sbits(insn, 12, 9));
    },
    disasm(insn) {
      const { size, V, opc, Rn, Rt } = singleRegisterFields(insn);
      const address = offsetAddress(Rn, sbits(insn, 12, 9));
      if (isPrefetch(size, V, opc)) return `prfum\t${prefetchOperationName(Rt)}, ${address}`;
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      return `${transferMnemonic('ldur', transfer.isLoad, transfer.suffix)}\t${transfer.registerName(Rt)}, ${address}`;
    },
  },
];
