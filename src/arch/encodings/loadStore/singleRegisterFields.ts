// Fields shared by the "Load/store register" groups:
// size[31:30] 111 V[26] xx opc[23:22] ... Rn[9:5] Rt[4:0].

import { bit, bits } from '../../decoder';

export interface SingleRegisterFields {
  size: number;
  V: number;
  opc: number;
  Rn: number;
  Rt: number;
}

export function singleRegisterFields(insn: number): SingleRegisterFields {
  return {
    size: bits(insn, 30, 2),
    V: bit(insn, 26),
    opc: bits(insn, 22, 2),
    Rn: bits(insn, 5, 5),
    Rt: bits(insn, 0, 5),
  };
}

/** Mnemonic of a transfer: stem (`ldr`, `ldur`, `ldtr`) with `st` for stores, plus the size suffix. */
export function transferMnemonic(loadStem: string, isLoad: boolean, suffix: string): string {
  return (isLoad ? loadStem : 'st' + loadStem.slice(2)) + suffix;
}
