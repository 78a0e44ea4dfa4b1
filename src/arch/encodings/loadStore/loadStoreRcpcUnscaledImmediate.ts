// LDAPR/STLR (unscaled immediate), FEAT_LRCPC2: LDAPUR/STLUR and the sign-extending
// LDAPURS* at X[n|SP] + SignExtend(imm9), naturally aligned like the other
// acquire/release accesses. The transfers are those of the size:opc table of LDUR/STUR.

import type { Encoding, Exec } from '../../decoder';
import { bits, sbits } from '../../decoder';
import { offsetAddress } from './addressText';
import { checkAlignment } from './alignmentFault';
import { SingleTransfer, singleTransfer } from './singleTransfers';

function rcpcTransfer(insn: number): SingleTransfer | undefined {
  return singleTransfer(bits(insn, 30, 2), 0, bits(insn, 22, 2));
}

function rcpcExec(transfer: SingleTransfer, n: number, t: number, offset: number): Exec {
  const bytes = 1 << transfer.scale;
  const access = transfer.access;
  const isWrite = !transfer.isLoad;
  return (cpu) => {
    const address = cpu.addr(n) + offset;
    checkAlignment(cpu, address, bytes, isWrite);
    access(cpu, address, t);
  };
}

export const LOAD_STORE_RCPC_UNSCALED_IMMEDIATE: readonly Encoding[] = [
  {
    name: 'LDAPUR_STLUR',
    pattern: 'ss01_1001_oo0i_iiii_iiii_00nn_nnnt_tttt',
    decode(insn) {
      const transfer = rcpcTransfer(insn);
      if (transfer === undefined) return undefined;
      return rcpcExec(transfer, bits(insn, 5, 5), transfer.slot(bits(insn, 0, 5)), sbits(insn, 12, 9));
    },
    disasm(insn) {
      const transfer = rcpcTransfer(insn);
      if (transfer === undefined) return undefined;
      const mnemonic = (transfer.isLoad ? 'ldapur' : 'stlur') + transfer.suffix;
      return `${mnemonic}\t${transfer.registerName(bits(insn, 0, 5))}, ${offsetAddress(bits(insn, 5, 5), sbits(insn, 12, 9))}`;
    },
  },
];
