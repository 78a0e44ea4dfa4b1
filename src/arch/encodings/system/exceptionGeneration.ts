// Exception generation (Arm ARM C4.1.66): SVC, HVC, SMC, BRK, HLT, DCPSn, UDF.

import type { Encoding } from '../../decoder';
import { bits } from '../../decoder';
import { hex } from '../../disasmText';
import { syndrome } from '../../esr';

/** The immediate of the Arm semihosting trap in A64 (`HLT #0xF000`). */
export const SEMIHOSTING_HLT_IMM = 0xf000;

const imm16 = (insn: number) => bits(insn, 5, 16);
/** LLVM prints these immediates in hex, except zero. */
const immText = (insn: number) => (imm16(insn) === 0 ? '#0' : `#${hex(imm16(insn))}`);

export const EXCEPTION_GENERATION_ENCODINGS: Encoding[] = [
  {
    name: 'SVC', pattern: '11010100_000_iiiiiiiiiiiiiiii_000_01',
    decode: (insn) => {
      const esr = syndrome.svc(imm16(insn));
      return (cpu) => { throw cpu.exception(esr, { completed: true }); };
    },
    disasm: (insn) => `svc\t${immText(insn)}`,
  },
  {
    // HVC goes to the hypervisor (EL2), which owns PSCI.
    name: 'HVC', pattern: '11010100_000_iiiiiiiiiiiiiiii_000_10',
    decode: (insn) => {
      const esr = syndrome.hvc(imm16(insn));
      return (cpu) => {
        if (cpu.el === 0) throw cpu.undefinedInstruction();
        throw cpu.trapToHypervisor(esr, undefined, true);
      };
    },
    disasm: (insn) => `hvc\t${immText(insn)}`,
  },
  {
    // KVM sets HCR_EL2.TSC, so SMC traps to EL2 with the SMC itself as return address.
    name: 'SMC', pattern: '11010100_000_iiiiiiiiiiiiiiii_000_11',
    decode: (insn) => {
      const esr = syndrome.smc(imm16(insn));
      return (cpu) => {
        if (cpu.el === 0) throw cpu.undefinedInstruction();
        throw cpu.trapToHypervisor(esr);
      };
    },
    disasm: (insn) => `smc\t${immText(insn)}`,
  },
  {
    name: 'BRK', pattern: '11010100_001_iiiiiiiiiiiiiiii_000_00',
    decode: (insn) => {
      const esr = syndrome.brk(imm16(insn));
      // BRK is generated whatever PSTATE.D, MDSCR_EL1.KDE and the OS lock say.
      return (cpu) => { throw cpu.debugException(esr); };
    },
    disasm: (insn) => `brk\t${immText(insn)}`,
  },
  {
    name: 'HLT', pattern: '11010100_010_iiiiiiiiiiiiiiii_000_00',
    decode: (insn) => {
      const semihosting = imm16(insn) === SEMIHOSTING_HLT_IMM;
      return (cpu) => {
        if (semihosting && cpu.semihostingEnabled) throw cpu.semihostingCall();
        throw cpu.undefinedInstruction();
      };
    },
    disasm: (insn) => `hlt\t${immText(insn)}`,
  },
  {
    // DCPSn are UNDEFINED outside Debug state.
    name: 'DCPS', pattern: '11010100_101_iiiiiiiiiiiiiiii_000_LL',
    decode: (insn) => (bits(insn, 0, 2) === 0 ? undefined : (cpu) => { throw cpu.undefinedInstruction(); }),
    disasm: (insn) => {
      const ll = bits(insn, 0, 2);
      if (ll === 0) return undefined;
      const i = imm16(insn);
      return i === 0 ? `dcps${ll}` : `dcps${ll}\t#${hex(i)}`;
    },
  },
  {
    name: 'UDF', pattern: '0000000000000000_iiiiiiiiiiiiiiii',
    decode: () => (cpu) => { throw cpu.undefinedInstruction(); },
    disasm: (insn) => `udf\t#${bits(insn, 0, 16)}`,
  },
];
