// Data processing (register): Add/subtract (extended register) - ADD, ADDS, SUB, SUBS
// with UXTB..SXTX and a left shift of 0-4 (Arm ARM C4.1.87). Aliases: CMN, CMP.
// Rn is X[n|SP]; Rd is X[d|SP] for ADD/SUB and X[d] for ADDS/SUBS.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName, regOrSp } from '../../disasmText';
import { addWithCarry32, addWithCarry64 } from './addWithCarry';
import { wide, wideValue } from './halves64';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { EXTEND_NAMES, ExtendType, extendReg32, extendReg64 } from './shiftExtend';

interface ExtendedRegisterFields {
  sf: number;
  Rm: number;
  option: ExtendType;
  shift: number;
  Rn: number;
  Rd: number;
}

function fields(insn: number): ExtendedRegisterFields | undefined {
  const shift = bits(insn, 10, 3);
  // opt (bits 23:22) must be 0; shifts above 4 are reserved.
  if (bits(insn, 22, 2) !== 0 || shift > 4) return undefined;
  return { sf: bit(insn, 31), Rm: bits(insn, 16, 5), option: bits(insn, 13, 3), shift, Rn: bits(insn, 5, 5), Rd: bits(insn, 0, 5) };
}

/** Whether the extend takes all 64 bits of Xm unchanged (UXTX/SXTX). */
function isFullWidth(option: ExtendType): boolean {
  return (option & 3) === 3;
}

function decodeAddSub(subtract: boolean) {
  return (insn: number): Exec | undefined => {
    const f = fields(insn);
    if (f === undefined) return undefined;
    const { option, shift } = f;
    const d = f.Rd;   // SP when 31
    const n = f.Rn;   // SP when 31
    const m = sourceSlot(f.Rm);
    if (f.sf === 0) {
      return subtract
        ? (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] - extendReg32(W[2 * m], option, shift); W[2 * d + 1] = 0; }
        : (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] + extendReg32(W[2 * m], option, shift); W[2 * d + 1] = 0; };
    }
    if (isFullWidth(option) && shift === 0) {
      // `add sp, sp, x1` and friends.
      return subtract
        ? (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] - X[m]; }
        : (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] + X[m]; };
    }
    return subtract
      ? (cpu: Cpu) => { const W = cpu.W; extendReg64(W[2 * m], W[2 * m + 1], option, shift); cpu.X[d] = cpu.X[n] - wideValue[0]; }
      : (cpu: Cpu) => { const W = cpu.W; extendReg64(W[2 * m], W[2 * m + 1], option, shift); cpu.X[d] = cpu.X[n] + wideValue[0]; };
  };
}

function decodeAddSubFlags(subtract: boolean) {
  return (insn: number): Exec | undefined => {
    const f = fields(insn);
    if (f === undefined) return undefined;
    const { option, shift } = f;
    const d = destinationSlot(f.Rd);
    const n = f.Rn;   // SP when 31
    const m = sourceSlot(f.Rm);
    const invert = subtract ? 0xffffffff : 0;
    const carryIn = subtract ? 1 : 0;
    if (f.sf === 0) {
      return (cpu: Cpu) => {
        const W = cpu.W;
        W[2 * d] = addWithCarry32(cpu, W[2 * n], (extendReg32(W[2 * m], option, shift) ^ invert) >>> 0, carryIn);
        W[2 * d + 1] = 0;
      };
    }
    return (cpu: Cpu) => {
      const W = cpu.W;
      extendReg64(W[2 * m], W[2 * m + 1], option, shift);
      addWithCarry64(cpu, d, W[2 * n], W[2 * n + 1], (wide[0] ^ invert) >>> 0, (wide[1] ^ invert) >>> 0, carryIn);
    };
  };
}

/**
 * The extend suffix as LLVM prints it: with [W]SP as Rd or Rn, UXTX (64-bit) or UXTW
 * (32-bit) is written as LSL, or not at all when the shift is 0.
 */
function extendText(f: ExtendedRegisterFields, spOperand: boolean): string {
  const plainLsl = f.option === (f.sf === 1 ? ExtendType.UXTX : ExtendType.UXTW);
  if (spOperand && plainLsl) return f.shift === 0 ? '' : `, lsl #${f.shift}`;
  return `, ${EXTEND_NAMES[f.option]}${f.shift === 0 ? '' : ` #${f.shift}`}`;
}

function disasmAddSub(mnemonic: 'add' | 'adds' | 'sub' | 'subs') {
  return (insn: number): string | undefined => {
    const f = fields(insn);
    if (f === undefined) return undefined;
    const setsFlags = mnemonic === 'adds' || mnemonic === 'subs';
    // A flag-setting form's register 31 destination is XZR, not SP.
    const spOperand = f.Rn === 31 || (!setsFlags && f.Rd === 31);
    const rm = regName(f.Rm, f.sf === 1 && isFullWidth(f.option));
    const operand2 = rm + extendText(f, spOperand);
    const rn = regOrSp(f.Rn, f.sf);
    if (setsFlags && f.Rd === 31) return `${mnemonic === 'adds' ? 'cmn' : 'cmp'}\t${rn}, ${operand2}`;
    const rd = setsFlags ? regName(f.Rd, f.sf) : regOrSp(f.Rd, f.sf);
    return `${mnemonic}\t${rd}, ${rn}, ${operand2}`;
  };
}

export const ADD_SUB_EXTENDED_REGISTER: readonly Encoding[] = [
  { name: 'ADD_addsub_ext', pattern: 'f0001011oo1mmmmmxxxiiinnnnnddddd', decode: decodeAddSub(false), disasm: disasmAddSub('add') },
  { name: 'ADDS_addsub_ext', pattern: 'f0101011oo1mmmmmxxxiiinnnnnddddd', decode: decodeAddSubFlags(false), disasm: disasmAddSub('adds') },
  { name: 'SUB_addsub_ext', pattern: 'f1001011oo1mmmmmxxxiiinnnnnddddd', decode: decodeAddSub(true), disasm: disasmAddSub('sub') },
  { name: 'SUBS_addsub_ext', pattern: 'f1101011oo1mmmmmxxxiiinnnnnddddd', decode: decodeAddSubFlags(true), disasm: disasmAddSub('subs') },
];
