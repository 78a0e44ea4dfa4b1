// Load/store register (unprivileged): LDTR/STTR and friends. At EL1 with PSTATE.UAO
// and PAN out of the picture these access memory exactly like LDUR/STUR (this model has
// no stage 1 translation, so there are no EL0 permissions to check). There is no
// SIMD&FP or prefetch form.

import type { Encoding } from '../../decoder';
import { sbits } from '../../decoder';
import { offsetAddress } from './addressText';
import { offsetExec } from './immediateAddressing';
import { singleRegisterFields, transferMnemonic } from './singleRegisterFields';
import { singleTransfer } from './singleTransfers';

export const LOAD_STORE_REGISTER_UNPRIVILEGED: readonly Encoding[] = [
  {
    name: 'LDTR_STTR',
    pattern: 'ss11_1000_oo0i_iiii_iiii_10nn_nnnt_tttt',
    decode(insn) {
      const { size, opc, Rn, Rt } = singleRegisterFields(insn);
      const transfer = singleTransfer(size, 0, opc);
      if (transfer === undefined) return undefined;
      return offsetExec(transfer, Rn, transfer.slot(Rt), sbits(insn, 12, 9));
    },
    disasm(insn) {
      const { size, opc, Rn, Rt } = singleRegisterFields(insn);
      const transfer = singleTransfer(size, 0, opc);
      if (transfer === undefined) return undefined;
      const address = offsetAddress(Rn, sbits(insn, 12, 9));
      return `${transferMnemonic('ldtr', transfer.isLoad, transfer.suffix)}\t${transfer.registerName(Rt)}, ${address}`;
    },
  },
];
