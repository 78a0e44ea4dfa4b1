// Load/store register (immediate pre-indexed): address X[n|SP] + SignExtend(imm9),
// written back to Xn after the access (see writeback.ts for Rn == Rt).

import type { Encoding } from '../../decoder';
import { sbits } from '../../decoder';
import { preIndexAddress } from './addressText';
import { preIndexExec } from './immediateAddressing';
import { singleRegisterFields, transferMnemonic } from './singleRegisterFields';
import { singleTransfer } from './singleTransfers';

export const LOAD_STORE_REGISTER_IMMEDIATE_PRE_INDEXED: readonly Encoding[] = [
  {
    name: 'LDR_STR_immediate_pre',
    pattern: 'ss11_1v00_oo0i_iiii_iiii_11nn_nnnt_tttt',
    decode(insn) {
      const { size, V, opc, Rn, Rt } = singleRegisterFields(insn);
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      return preIndexExec(transfer, Rn, transfer.slot(Rt), sbits(insn, 12, 9));
    },
    disasm(insn) {
      const { size, V, opc, Rn, Rt } = singleRegisterFields(insn);
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      const address = preIndexAddress(Rn, sbits(insn, 12, 9));
      return `${transferMnemonic('ldr', transfer.isLoad, transfer.suffix)}\t${transfer.registerName(Rt)}, ${address}`;
    },
  },
];
