// Data processing (register): Add/subtract (shifted register) - ADD, ADDS, SUB, SUBS
// (Arm ARM C4.1.87). Aliases: CMN, CMP, NEG, NEGS.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { addWithCarry32, addWithCarry64 } from './addWithCarry';
import { wide, wideValue } from './halves64';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { ShiftType, shiftReg32, shiftReg64, shiftText } from './shiftExtend';

interface ShiftedRegisterFields {
  sf: number;
  shift: ShiftType;
  amount: number;
  Rm: number;
  Rn: number;
  Rd: number;
}

function fields(insn: number): ShiftedRegisterFields | undefined {
  const sf = bit(insn, 31);
  const shift = bits(insn, 22, 2);
  const amount = bits(insn, 10, 6);
  // ROR is reserved for add/subtract; a 32-bit shift amount has 5 bits.
  if (shift === ShiftType.ROR || (sf === 0 && amount >= 32)) return undefined;
  return { sf, shift, amount, Rm: bits(insn, 16, 5), Rn: bits(insn, 5, 5), Rd: bits(insn, 0, 5) };
}

function decodeAddSub(subtract: boolean) {
  return (insn: number): Exec | undefined => {
    const f = fields(insn);
    if (f === undefined) return undefined;
    const { sf, shift, amount } = f;
    const d = destinationSlot(f.Rd);
    const n = sourceSlot(f.Rn);
    const m = sourceSlot(f.Rm);
    if (sf === 0) {
      if (amount === 0) {
        return subtract
          ? (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] - W[2 * m]; W[2 * d + 1] = 0; }
          : (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] + W[2 * m]; W[2 * d + 1] = 0; };
      }
      return subtract
        ? (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] - shiftReg32(W[2 * m], shift, amount); W[2 * d + 1] = 0; }
        : (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] + shiftReg32(W[2 * m], shift, amount); W[2 * d + 1] = 0; };
    }
    if (amount === 0) {
      return subtract
        ? (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] - X[m]; }
        : (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] + X[m]; };
    }
    if (shift === ShiftType.LSL) {
      // A left shift is a multiplication, which V8 keeps in machine words.
      const factor = 1n << BigInt(amount);
      return subtract
        ? (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] - X[m] * factor; }
        : (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] + X[m] * factor; };
    }
    return subtract
      ? (cpu: Cpu) => { const W = cpu.W; shiftReg64(W[2 * m], W[2 * m + 1], shift, amount); cpu.X[d] = cpu.X[n] - wideValue[0]; }
      : (cpu: Cpu) => { const W = cpu.W; shiftReg64(W[2 * m], W[2 * m + 1], shift, amount); cpu.X[d] = cpu.X[n] + wideValue[0]; };
  };
}

function decodeAddSubFlags(subtract: boolean) {
  return (insn: number): Exec | undefined => {
    const f = fields(insn);
    if (f === undefined) return undefined;
    const { sf, shift, amount } = f;
    const d = destinationSlot(f.Rd);
    const n = sourceSlot(f.Rn);
    const m = sourceSlot(f.Rm);
    // Subtraction adds NOT(operand2) with carry-in 1; `invert` is XORed into operand2.
    const invert = subtract ? 0xffffffff : 0;
    const carryIn = subtract ? 1 : 0;
    if (sf === 0) {
      if (amount === 0) {
        return (cpu: Cpu) => {
          const W = cpu.W;
          W[2 * d] = addWithCarry32(cpu, W[2 * n], (W[2 * m] ^ invert) >>> 0, carryIn);
          W[2 * d + 1] = 0;
        };
      }
      return (cpu: Cpu) => {
        const W = cpu.W;
        W[2 * d] = addWithCarry32(cpu, W[2 * n], (shiftReg32(W[2 * m], shift, amount) ^ invert) >>> 0, carryIn);
        W[2 * d + 1] = 0;
      };
    }
    if (amount === 0) {
      return (cpu: Cpu) => {
        const W = cpu.W;
        addWithCarry64(cpu, d, W[2 * n], W[2 * n + 1], (W[2 * m] ^ invert) >>> 0, (W[2 * m + 1] ^ invert) >>> 0, carryIn);
      };
    }
    return (cpu: Cpu) => {
      const W = cpu.W;
      shiftReg64(W[2 * m], W[2 * m + 1], shift, amount);
      addWithCarry64(cpu, d, W[2 * n], W[2 * n + 1], (wide[0] ^ invert) >>> 0, (wide[1] ^ invert) >>> 0, carryIn);
    };
  };
}

function disasmAddSub(mnemonic: 'add' | 'adds' | 'sub' | 'subs') {
  return (insn: number): string | undefined => {
    const f = fields(insn);
    if (f === undefined) return undefined;
    const rd = regName(f.Rd, f.sf);
    const rn = regName(f.Rn, f.sf);
    const operand2 = regName(f.Rm, f.sf) + shiftText(f.shift, f.amount);
    if (f.Rd === 31 && mnemonic === 'adds') return `cmn\t${rn}, ${operand2}`;
    if (f.Rd === 31 && mnemonic === 'subs') return `cmp\t${rn}, ${operand2}`;
    if (f.Rn === 31 && mnemonic === 'sub') return `neg\t${rd}, ${operand2}`;
    if (f.Rn === 31 && mnemonic === 'subs') return `negs\t${rd}, ${operand2}`;
    return `${mnemonic}\t${rd}, ${rn}, ${operand2}`;
  };
}

export const ADD_SUB_SHIFTED_REGISTER: readonly Encoding[] = [
  { name: 'ADD_addsub_shift', pattern: 'f0001011ss0mmmmmiiiiiinnnnnddddd', decode: decodeAddSub(false), disasm: disasmAddSub('add') },
  { name: 'ADDS_addsub_shift', pattern: 'f0101011ss0mmmmmiiiiiinnnnnddddd', decode: decodeAddSubFlags(false), disasm: disasmAddSub('adds') },
  { name: 'SUB_addsub_shift', pattern: 'f1001011ss0mmmmmiiiiiinnnnnddddd', decode: decodeAddSub(true), disasm: disasmAddSub('sub') },
  { name: 'SUBS_addsub_shift', pattern: 'f1101011ss0mmmmmiiiiiinnnnnddddd', decode: decodeAddSubFlags(true), disasm: disasmAddSub('subs') },
];
