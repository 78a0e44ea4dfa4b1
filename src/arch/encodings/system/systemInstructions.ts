// SYS and SYSL: cache maintenance (DC, IC), address translation (AT) and TLB
// maintenance (TLBI). Without caches or an MMU only DC ZVA and AT have an effect.

import { ZR } from '../../registerSlots';
import type { Encoding } from '../../decoder';
import { bits } from '../../decoder';
import { regName } from '../../disasmText';
import { syndrome } from '../../esr';
import { SCTLR_DZE, SCTLR_UCI } from '../../systemControl';
import { DCZID_BS, systemRegisterByName } from '../../systemRegisters';

interface SysFields { op1: number; CRn: number; CRm: number; op2: number; Rt: number }

const fields = (insn: number): SysFields => ({
  op1: bits(insn, 16, 3), CRn: bits(insn, 12, 4), CRm: bits(insn, 8, 4), op2: bits(insn, 5, 3), Rt: bits(insn, 0, 5),
});

const opKey = (op1: number, crn: number, crm: number, op2: number) => `${op1}:${crn}:${crm}:${op2}`;

/** Named SYS operations: [op1, CRn, CRm, op2, mnemonic, operation, takes a register]. */
const OPERATIONS: [number, number, number, number, string, string, boolean][] = [
  [0, 7, 1, 0, 'ic', 'ialluis', false], [0, 7, 5, 0, 'ic', 'iallu', false], [3, 7, 5, 1, 'ic', 'ivau', true],
  [3, 7, 4, 1, 'dc', 'zva', true], [0, 7, 6, 1, 'dc', 'ivac', true], [0, 7, 6, 2, 'dc', 'isw', true],
  [3, 7, 10, 1, 'dc', 'cvac', true], [0, 7, 10, 2, 'dc', 'csw', true], [3, 7, 11, 1, 'dc', 'cvau', true],
  [3, 7, 14, 1, 'dc', 'civac', true], [0, 7, 14, 2, 'dc', 'cisw', true],
  [0, 7, 8, 0, 'at', 's1e1r', true], [0, 7, 8, 1, 'at', 's1e1w', true], [0, 7, 8, 2, 'at', 's1e0r', true], [0, 7, 8, 3, 'at', 's1e0w', true],
  [0, 8, 3, 0, 'tlbi', 'vmalle1is', false], [0, 8, 3, 1, 'tlbi', 'vae1is', true], [0, 8, 3, 2, 'tlbi', 'aside1is', true],
  [0, 8, 3, 3, 'tlbi', 'vaae1is', true], [0, 8, 3, 5, 'tlbi', 'vale1is', true], [0, 8, 3, 7, 'tlbi', 'vaale1is', true],
  [0, 8, 7, 0, 'tlbi', 'vmalle1', false], [0, 8, 7, 1, 'tlbi', 'vae1', true], [0, 8, 7, 2, 'tlbi', 'aside1', true],
  [0, 8, 7, 3, 'tlbi', 'vaae1', true], [0, 8, 7, 5, 'tlbi', 'vale1', true], [0, 8, 7, 7, 'tlbi', 'vaale1', true],
];
const NAMED = new Map(OPERATIONS.map(([op1, crn, crm, op2, mnemonic, op, hasReg]) => [opKey(op1, crn, crm, op2), { mnemonic, op, hasReg }]));

const DC_ZVA_BYTES = 4 << DCZID_BS;
const PAR_EL1 = systemRegisterByName('PAR_EL1');

export const SYSTEM_INSTRUCTION_ENCODINGS: Encoding[] = [
  {
    name: 'SYS', pattern: '1101010100_0_01_ooo_nnnn_mmmm_ooo_ttttt',
    decode: (insn) => {
      const f = fields(insn);
      const named = NAMED.get(opKey(f.op1, f.CRn, f.CRm, f.op2));
      const t = f.Rt === 31 ? ZR : f.Rt;
      const trap = syndrome.sysRegTrap(1, f.op1, f.CRn, f.CRm, f.op2, f.Rt, false);
      if (named?.mnemonic === 'dc' && named.op === 'zva') {
        return (cpu) => {
          if (cpu.el === 0 && (cpu.sctlrEl1 & SCTLR_DZE) === 0) throw cpu.exception(trap);
          const address = Math.floor(cpu.addr(t) / DC_ZVA_BYTES) * DC_ZVA_BYTES;
          cpu.writeBytes(address, new Uint8Array(DC_ZVA_BYTES));
        };
      }
      if (named?.mnemonic === 'at') {
        // Flat mapping: the translation of VA is VA itself, PAR_EL1.F = 0.
        return (cpu) => { PAR_EL1?.write?.(cpu, cpu.X[t] & 0xfffffffff000n); };
      }
      // EL0 may only use the op1 = 3 maintenance operations, and only with SCTLR_EL1.UCI set.
      return (cpu) => {
        if (cpu.el !== 0) return;
        if (f.op1 !== 3) throw cpu.undefinedInstruction();
        if ((cpu.sctlrEl1 & SCTLR_UCI) === 0) throw cpu.exception(trap);
      };
    },
    disasm: (insn) => {
      const f = fields(insn);
      const named = NAMED.get(opKey(f.op1, f.CRn, f.CRm, f.op2));
      if (named) return named.hasReg ? `${named.mnemonic}\t${named.op}, ${regName(f.Rt, 1)}` : `${named.mnemonic}\t${named.op}`;
      const reg = f.Rt === 31 ? '' : `, ${regName(f.Rt, 1)}`;
      return `sys\t#${f.op1}, c${f.CRn}, c${f.CRm}, #${f.op2}${reg}`;
    },
  },
  {
    name: 'SYSL', pattern: '1101010100_1_01_ooo_nnnn_mmmm_ooo_ttttt',
    decode: () => undefined,
    disasm: (insn) => {
      const f = fields(insn);
      return `sysl\t${regName(f.Rt, 1)}, #${f.op1}, c${f.CRn}, c${f.CRm}, #${f.op2}`;
    },
  },
];

