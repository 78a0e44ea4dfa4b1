// The index of register-offset addressing: ExtendReg(Rm, option, shift) with option
// UXTW (010), LSL/UXTX (011), SXTW (110) or SXTX (111); option<1> = 0 is unallocated.
// The index is computed as a JS number: a 64-bit Xm is read as a signed value so a
// negative index (a pointer minus something) stays exact when added to the base.

import type { Cpu } from '../../cpu';
import { regName } from '../../disasmText';
import { sourceSlot } from '../../registerSlots';

const TWO_POW_32 = 4294967296;

/** Whether `option` names one of the four extends register-offset addressing allows. */
export function isValidIndexOption(option: number): boolean {
  return (option & 0b010) !== 0;
}

/** Where register-offset addressing finds its index: Rm's slot, the extend, the scale factor. */
export interface RegisterIndex {
  /** Slot of Rm's bits 31:0 in the W view (2 * slot). */
  readonly mLo: number;
  readonly option: number;
  /** 2^shift, shift being 0 or the access scale. */
  readonly factor: number;
}

export function registerIndex(Rm: number, option: number, shift: number): RegisterIndex {
  return { mLo: 2 * sourceSlot(Rm), option, factor: 2 ** shift };
}

/**
 * ExtendReg(Rm, option, shift) as a number. A plain function, not a per-instruction
 * closure: V8 inlines it into the executor, where a closure would be one more
 * megamorphic call per load or store.
 */
export function extendedIndex(cpu: Cpu, mLo: number, option: number, factor: number): number {
  switch (option) {
    case 0b010: // UXTW
      return cpu.W[mLo] * factor;
    case 0b110: // SXTW
      return cpu.WS[mLo] * factor;
    default: // LSL (UXTX) or SXTX: all 64 bits
      return (cpu.WS[mLo + 1] * TWO_POW_32 + cpu.W[mLo]) * factor;
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
