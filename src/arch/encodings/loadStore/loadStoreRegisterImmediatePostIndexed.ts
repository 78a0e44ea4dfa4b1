// Load/store register (immediate post-indexed): address X[n|SP]; Xn + SignExtend(imm9)
// is written back after the access (see writeback.ts for Rn == Rt).

import type { Encoding } from '../../decoder';
import { sbits } from '../../decoder';
import { postIndexAddress } from './addressText';
import { postIndexExec } from './immediateAddressing';
import { singleRegisterFields, transferMnemonic } from './singleRegisterFields';
import { singleTransfer } from './singleTransfers';

export const LOAD_STORE_REGISTER_IMMEDIATE_POST_INDEXED: readonly Encoding[] = [
  {
    name: 'LDR_STR_immediate_post',
    pattern: 'ss11_1v00_oo0i_iiii_iiii_01nn_nnnt_tttt',
    decode(insn) {
      const { size, V, opc, Rn, Rt } = singleRegisterFields(insn);
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      return postIndexExec(transfer, Rn, transfer.slot(Rt), sbits(insn, 12, 9));
    },
    disasm(insn) {
      const { size, V, opc, Rn, Rt } = singleRegisterFields(insn);
      const transfer = singleTransfer(size, V, opc);
      if (transfer === undefined) return undefined;
      const address = postIndexAddress(Rn, sbits(insn, 12, 9));
      return `${transferMnemonic('ldr', transfer.isLoad, transfer.suffix)}\t${transfer.registerName(Rt)}, ${address}`;
    },
  },
];
