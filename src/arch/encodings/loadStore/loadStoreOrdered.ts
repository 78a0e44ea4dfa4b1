// Load/store ordered: LDAR/STLR (B/H/W/X) and the LORegion forms LDLAR/STLLR. On this
// single-threaded model their ordering needs nothing beyond program order; they still
// require natural alignment. Rs and Rt2 are ignored, as LLVM does.

import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { baseOnlyAddress } from './addressText';
import { checkAlignment } from './alignmentFault';
import { Access, plainLoad, plainStore } from './singleTransfers';
import { sizeSuffix, sizedRegister } from './sizeSuffix';

/** An aligned access of 1 << size bytes at X[n|SP] (also used by LDAPR). */
export function orderedExec(size: number, n: number, t: number, access: Access, isWrite: boolean): Exec {
  const bytes = 1 << size;
  return (cpu) => {
    const address = cpu.addr(n);
    checkAlignment(cpu, address, bytes, isWrite);
    access(cpu, address, t);
  };
}

export const LOAD_STORE_ORDERED: readonly Encoding[] = [
  {
    name: 'LDAR_STLR',
    pattern: 'ss00_1000_1L0s_ssss_oaaa_aann_nnnt_tttt',
    decode(insn) {
      const size = bits(insn, 30, 2);
      const Rn = bits(insn, 5, 5);
      const Rt = bits(insn, 0, 5);
      if (bit(insn, 22)) return orderedExec(size, Rn, destinationSlot(Rt), plainLoad(size), false);
      return orderedExec(size, Rn, sourceSlot(Rt), plainStore(size), true);
    },
    disasm(insn) {
      const size = bits(insn, 30, 2);
      const L = bit(insn, 22);
      const o0 = bit(insn, 15);
      const stem = L ? (o0 ? 'ldar' : 'ldlar') : (o0 ? 'stlr' : 'stllr');
      return `${stem}${sizeSuffix(size)}\t${sizedRegister(bits(insn, 0, 5), size)}, ${baseOnlyAddress(bits(insn, 5, 5))}`;
    },
  },
];
