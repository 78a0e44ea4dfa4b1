// Data processing (register): Conditional compare (register) and (immediate) - CCMN,
// CCMP (Arm ARM C4.1.87). If the condition holds, NZCV = the flags of the comparison;
// otherwise NZCV = the #nzcv immediate.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { CONDITION_NAMES, regName } from '../../disasmText';
import { addWithCarry32, addWithCarry64 } from './addWithCarry';
import { conditionHolds } from './conditions';
import { DISCARD, sourceSlot } from '../../registerSlots';

function setNzcv(cpu: Cpu, nzcv: number): void {
  cpu.n = (nzcv >>> 3) & 1;
  cpu.z = (nzcv >>> 2) & 1;
  cpu.c = (nzcv >>> 1) & 1;
  cpu.v = nzcv & 1;
}

/** CCMN (flags of Rn + operand2) or, with `subtract`, CCMP (flags of Rn - operand2). */
function decodeConditionalCompare(subtract: boolean, immediateForm: boolean) {
  return (insn: number): Exec => {
    const sf = bit(insn, 31);
    const cond = bits(insn, 12, 4);
    const nzcv = bits(insn, 0, 4);
    const n = sourceSlot(bits(insn, 5, 5));
    const invert = subtract ? 0xffffffff : 0;
    const carryIn = subtract ? 1 : 0;
    if (immediateForm) {
      const imm5 = bits(insn, 16, 5);
      const yLo = (imm5 ^ invert) >>> 0;
      const yHi = invert;
      if (sf === 1) {
        return (cpu: Cpu) => {
          if (!conditionHolds(cpu, cond)) { setNzcv(cpu, nzcv); return; }
          const W = cpu.W;
          addWithCarry64(cpu, DISCARD, W[2 * n], W[2 * n + 1], yLo, yHi, carryIn);
        };
      }
      return (cpu: Cpu) => {
        if (!conditionHolds(cpu, cond)) { setNzcv(cpu, nzcv); return; }
        addWithCarry32(cpu, cpu.W[2 * n], yLo, carryIn);
      };
    }
    const m = sourceSlot(bits(insn, 16, 5));
    if (sf === 1) {
      return (cpu: Cpu) => {
        if (!conditionHolds(cpu, cond)) { setNzcv(cpu, nzcv); return; }
        const W = cpu.W;
        addWithCarry64(cpu, DISCARD, W[2 * n], W[2 * n + 1], (W[2 * m] ^ invert) >>> 0, (W[2 * m + 1] ^ invert) >>> 0, carryIn);
      };
    }
    return (cpu: Cpu) => {
      if (!conditionHolds(cpu, cond)) { setNzcv(cpu, nzcv); return; }
      const W = cpu.W;
      addWithCarry32(cpu, W[2 * n], (W[2 * m] ^ invert) >>> 0, carryIn);
    };
  };
}

function disasm(mnemonic: string, immediateForm: boolean) {
  return (insn: number): string => {
    const sf = bit(insn, 31);
    const operand2 = immediateForm ? `#${bits(insn, 16, 5)}` : regName(bits(insn, 16, 5), sf);
    return `${mnemonic}\t${regName(bits(insn, 5, 5), sf)}, ${operand2}, #${bits(insn, 0, 4)}, ${CONDITION_NAMES[bits(insn, 12, 4)]}`;
  };
}

export const CONDITIONAL_COMPARE: readonly Encoding[] = [
  { name: 'CCMN_reg', pattern: 'f0111010010mmmmmcccc00nnnnn0vvvv', decode: decodeConditionalCompare(false, false), disasm: disasm('ccmn', false) },
  { name: 'CCMP_reg', pattern: 'f1111010010mmmmmcccc00nnnnn0vvvv', decode: decodeConditionalCompare(true, false), disasm: disasm('ccmp', false) },
  { name: 'CCMN_imm', pattern: 'f0111010010iiiiicccc10nnnnn0vvvv', decode: decodeConditionalCompare(false, true), disasm: disasm('ccmn', true) },
  { name: 'CCMP_imm', pattern: 'f1111010010iiiiicccc10nnnnn0vvvv', decode: decodeConditionalCompare(true, true), disasm: disasm('ccmp', true) },
];
