// The index of register-offset addressing: ExtendReg(Rm, option, shift) with option
// UXTW (010), LSL/UXTX (011), SXTW (110) or SXTX (111); option<1> = 0 is unallocated.
// The index is computed as a JS number: a 64-bit Xm is read as a signed value so a
// negative index (a pointer minus something) stays exact when added to the base.

import type { Cpu } from '../../cpu';
import { regName } from '../../disasmText';
import { sourceSlot } from '../../registerSlots';

const TWO_POW_32 = 4294967296;

export type IndexReader = (cpu: Cpu) => number;

/** Whether `option` names one of the four extends register-offset addressing allows. */
export function isValidIndexOption(option: number): boolean {
  return (option & 0b010) !== 0;
}

/** The reader of the scaled index for Rm and option; shift is 0 or the access scale. */
export function indexReader(Rm: number, option: number, shift: number): IndexReader {
  const m = sourceSlot(Rm);
  const lo = 2 * m;
  const hi = lo + 1;
  const factor = 2 ** shift;
  switch (option) {
    case 0b010: // UXTW
      return (cpu) => cpu.W[lo] * factor;
    case 0b110: // SXTW
      return (cpu) => cpu.WS[lo] * factor;
    default: // LSL (UXTX) or SXTX: all 64 bits
      return (cpu) => (cpu.WS[hi] * TWO_POW_32 + cpu.W[lo]) * factor;
  }
}

/**
 * The `Rm{, extend {#amount}}` part of the operand, as LLVM prints it: `x2`,
 * `x2, lsl #3`, `w2, uxtw`, `w2, sxtw #2`; S = 1 prints the amount even when it is 0.
 */
export function indexText(Rm: number, option: number, S: number, scale: number): string {
  const is64 = (option & 1) === 1;
  const register = regName(Rm, is64 ? 1 : 0);
  const extend = option === 0b011 ? 'lsl' : option === 0b010 ? 'uxtw' : option === 0b110 ? 'sxtw' : 'sxtx';
  if (S === 0) return option === 0b011 ? register : `${register}, ${extend}`;
  return `${register}, ${extend} #${scale}`;
}
