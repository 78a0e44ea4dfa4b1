// Hints (NOP, YIELD, WFE, WFI, SEV, SEVL, and the hint space) and barriers
// (CLREX, DSB, DMB, ISB, SB, SSBB, PSSBB). With one in-order PE they change nothing.

import type { Encoding, Exec } from '../../decoder';
import { bits } from '../../decoder';
import { syndrome } from '../../esr';
import { SCTLR_nTWE, SCTLR_nTWI } from '../../systemControl';

const HINT_NAMES: Record<number, string> = { 0: 'nop', 1: 'yield', 2: 'wfe', 3: 'wfi', 4: 'sev', 5: 'sevl' };

const BARRIER_OPTIONS: Record<number, string> = {
  1: 'oshld', 2: 'oshst', 3: 'osh', 5: 'nshld', 6: 'nshst', 7: 'nsh',
  9: 'ishld', 10: 'ishst', 11: 'ish', 13: 'ld', 14: 'st', 15: 'sy',
};

const nothing = () => undefined;

const HINT_WFE = 2;
const HINT_WFI = 3;

/** WFI/WFE: nothing to wait for, but EL0 may be barred from them by SCTLR_EL1.nTWI/nTWE. */
function wfxAtEl0(isWfe: boolean, allowBit: number): Exec {
  const esr = syndrome.wfxTrap(isWfe);
  return (cpu) => {
    if (cpu.el === 0 && (cpu.sctlrEl1 & allowBit) === 0) throw cpu.exception(esr);
  };
}

function barrierOption(crm: number): string {
  return BARRIER_OPTIONS[crm] ?? `#${crm}`;
}

export const HINT_AND_BARRIER_ENCODINGS: Encoding[] = [
  {
    // The whole hint space executes as NOP (WFI/WFE: nothing to wait for; PAC and BTI hints: features not implemented).
    name: 'HINT', pattern: '11010101000000110010_mmmm_ooo_11111',
    decode: (insn) => {
      const imm = bits(insn, 5, 7);
      if (imm === HINT_WFE) return wfxAtEl0(true, SCTLR_nTWE);
      if (imm === HINT_WFI) return wfxAtEl0(false, SCTLR_nTWI);
      return nothing;
    },
    disasm: (insn) => {
      const imm = bits(insn, 5, 7);
      return HINT_NAMES[imm] ?? `hint\t#${imm}`;
    },
  },
  {
    name: 'CLREX', pattern: '11010101000000110011_mmmm_010_11111',
    decode: () => (cpu) => cpu.clearExclusive(),
    disasm: (insn) => (bits(insn, 8, 4) === 15 ? 'clrex' : `clrex\t#${bits(insn, 8, 4)}`),
  },
  {
    name: 'DSB', pattern: '11010101000000110011_mmmm_100_11111',
    decode: () => nothing,
    disasm: (insn) => {
      const crm = bits(insn, 8, 4);
      if (crm === 0) return 'ssbb';
      if (crm === 4) return 'pssbb';
      return `dsb\t${barrierOption(crm)}`;
    },
  },
  {
    name: 'DMB', pattern: '11010101000000110011_mmmm_101_11111',
    decode: () => nothing,
    disasm: (insn) => `dmb\t${barrierOption(bits(insn, 8, 4))}`,
  },
  {
    name: 'ISB', pattern: '11010101000000110011_mmmm_110_11111',
    decode: () => nothing,
    disasm: (insn) => (bits(insn, 8, 4) === 15 ? 'isb' : `isb\t#${bits(insn, 8, 4)}`),
  },
  {
    name: 'SB', pattern: '11010101000000110011_0000_111_11111',
    decode: () => nothing,
    disasm: () => 'sb',
  },
];
