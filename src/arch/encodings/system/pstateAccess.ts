// MSR (immediate): writes to PSTATE fields (Arm ARM C4.1.66, "PSTATE").

import type { Encoding } from '../../decoder';
import { bits } from '../../decoder';
import { SPSR_DAIF } from '../../pstate';

const fields = (insn: number) => ({ op1: bits(insn, 16, 3), CRm: bits(insn, 8, 4), op2: bits(insn, 5, 3) });

/** DAIFSet/DAIFClr take the D, A, I, F bits from CRm[3:0]. */
const daifBits = (crm: number) => (crm << 6) & SPSR_DAIF;

export const PSTATE_ACCESS_ENCODINGS: Encoding[] = [
  {
    name: 'MSR_imm', pattern: '1101010100000_ooo_0100_mmmm_ooo_11111',
    decode: (insn) => {
      const { op1, CRm, op2 } = fields(insn);
      if (op1 === 0 && op2 === 5) {
        return (cpu) => { if (cpu.el === 0) throw cpu.undefinedInstruction(); cpu.setSpSel(CRm & 1); };
      }
      if (op1 === 3 && op2 === 6) return (cpu) => cpu.setDaif(cpu.daif | daifBits(CRm));
      if (op1 === 3 && op2 === 7) return (cpu) => cpu.setDaif(cpu.daif & ~daifBits(CRm));
      // UAO, PAN, SSBS, DIT, TCO: features this CPU does not have.
      return undefined;
    },
    disasm: (insn) => {
      const { op1, CRm, op2 } = fields(insn);
      if (op1 === 0 && op2 === 5) return `msr\tSPSel, #${CRm}`;
      if (op1 === 3 && op2 === 6) return `msr\tDAIFSet, #${CRm}`;
      if (op1 === 3 && op2 === 7) return `msr\tDAIFClr, #${CRm}`;
      return undefined;
    },
  },
];
