// Data processing (immediate): Add/subtract (immediate) - ADD, ADDS, SUB, SUBS
// (Arm ARM C4.1.86; C6.2 ADD (immediate) ...). Aliases: MOV (to/from SP), CMN, CMP.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName, regOrSp } from '../../disasmText';
import { addWithCarry32, addWithCarry64 } from './addWithCarry';
import { withComment } from '../../disasmText';
import { destinationSlot } from '../../registerSlots';

interface AddSubImmediateFields {
  sf: number;
  Rd: number;
  Rn: number;
  /** imm12 shifted by sh (0 or 12). */
  imm: number;
}

function fields(insn: number): AddSubImmediateFields {
  return { sf: bit(insn, 31), Rd: bits(insn, 0, 5), Rn: bits(insn, 5, 5), imm: bits(insn, 10, 12) << (bit(insn, 22) * 12) };
}

// ADD/SUB read X[n|SP] and write X[d|SP]: register 31 is SP on both sides.
function decodeAdd(insn: number): Exec {
  const { sf, Rd: d, Rn: n, imm } = fields(insn);
  if (sf === 1) {
    const imm64 = BigInt(imm);
    return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] + imm64; };
  }
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] + imm; W[2 * d + 1] = 0; };
}

function decodeSub(insn: number): Exec {
  const { sf, Rd: d, Rn: n, imm } = fields(insn);
  if (sf === 1) {
    const imm64 = BigInt(imm);
    return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] - imm64; };
  }
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] - imm; W[2 * d + 1] = 0; };
}

// ADDS/SUBS read X[n|SP] but write X[d]: register 31 as destination is XZR.
function decodeAdds(insn: number): Exec {
  const { sf, Rd, Rn: n, imm } = fields(insn);
  const d = destinationSlot(Rd);
  if (sf === 1) {
    return (cpu: Cpu) => { const W = cpu.W; addWithCarry64(cpu, d, W[2 * n], W[2 * n + 1], imm, 0, 0); };
  }
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = addWithCarry32(cpu, W[2 * n], imm, 0); W[2 * d + 1] = 0; };
}

function decodeSubs(insn: number): Exec {
  const { sf, Rd, Rn: n, imm } = fields(insn);
  const d = destinationSlot(Rd);
  // x - y = x + NOT(y) + 1
  const notImm = ~imm >>> 0;
  if (sf === 1) {
    return (cpu: Cpu) => { const W = cpu.W; addWithCarry64(cpu, d, W[2 * n], W[2 * n + 1], notImm, 0xffffffff, 1); };
  }
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = addWithCarry32(cpu, W[2 * n], notImm, 1); W[2 * d + 1] = 0; };
}

/** `#imm12` or `#imm12, lsl #12`, as LLVM prints the unshifted field. */
function immediateText(insn: number): string {
  return `#${bits(insn, 10, 12)}${bit(insn, 22) ? ', lsl #12' : ''}`;
}

/** LLVM follows a shifted immediate with its value as a comment. */
function withShiftedValue(insn: number, text: string): string {
  return bit(insn, 22) ? withComment(text, `=${bits(insn, 10, 12) * 4096}`) : text;
}

function disasmAdd(insn: number): string {
  const { sf, Rd, Rn } = fields(insn);
  if (bit(insn, 22) === 0 && bits(insn, 10, 12) === 0 && (Rd === 31 || Rn === 31)) {
    return `mov\t${regOrSp(Rd, sf)}, ${regOrSp(Rn, sf)}`;
  }
  return withShiftedValue(insn, `add\t${regOrSp(Rd, sf)}, ${regOrSp(Rn, sf)}, ${immediateText(insn)}`);
}

function disasmSub(insn: number): string {
  const { sf, Rd, Rn } = fields(insn);
  return withShiftedValue(insn, `sub\t${regOrSp(Rd, sf)}, ${regOrSp(Rn, sf)}, ${immediateText(insn)}`);
}

function disasmFlagSetting(mnemonic: string, comparison: string) {
  return (insn: number): string => {
    const { sf, Rd, Rn } = fields(insn);
    if (Rd === 31) return withShiftedValue(insn, `${comparison}\t${regOrSp(Rn, sf)}, ${immediateText(insn)}`);
    return withShiftedValue(insn, `${mnemonic}\t${regName(Rd, sf)}, ${regOrSp(Rn, sf)}, ${immediateText(insn)}`);
  };
}

export const ADD_SUB_IMMEDIATE: readonly Encoding[] = [
  { name: 'ADD_addsub_imm', pattern: 'f0010001_0hiiiiiiiiiiii_nnnnn_ddddd', decode: decodeAdd, disasm: disasmAdd },
  { name: 'ADDS_addsub_imm', pattern: 'f0110001_0hiiiiiiiiiiii_nnnnn_ddddd', decode: decodeAdds, disasm: disasmFlagSetting('adds', 'cmn') },
  { name: 'SUB_addsub_imm', pattern: 'f1010001_0hiiiiiiiiiiii_nnnnn_ddddd', decode: decodeSub, disasm: disasmSub },
  { name: 'SUBS_addsub_imm', pattern: 'f1110001_0hiiiiiiiiiiii_nnnnn_ddddd', decode: decodeSubs, disasm: disasmFlagSetting('subs', 'cmp') },
];
