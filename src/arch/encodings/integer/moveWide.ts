// Data processing (immediate): Move wide (immediate) - MOVN, MOVZ, MOVK (Arm ARM
// C4.1.86). Aliases: MOV (wide immediate), MOV (inverted wide immediate).

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { highHalf, lowHalf } from './halves64';
import { isMovzImmediate, signedImmediateText } from './moveWidePreference';
import { destinationSlot } from '../../registerSlots';

interface MoveWideFields {
  sf: number;
  hw: number;
  imm16: number;
  Rd: number;
}

function fields(insn: number): MoveWideFields | undefined {
  const sf = bit(insn, 31);
  const hw = bits(insn, 21, 2);
  // A 32-bit register has only halfwords 0 and 1.
  if (sf === 0 && hw >= 2) return undefined;
  return { sf, hw, imm16: bits(insn, 5, 16), Rd: bits(insn, 0, 5) };
}

/** The value MOVZ writes (MOVN writes its complement). */
function shiftedImmediate(f: MoveWideFields): bigint {
  return BigInt(f.imm16) << BigInt(16 * f.hw);
}

/** An executor writing a constant to register d. */
function writeConstant(sf: number, d: number, value: bigint): Exec {
  if (sf === 1) {
    const lo = lowHalf(value);
    const hi = highHalf(value);
    return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = lo; W[2 * d + 1] = hi; };
  }
  const value32 = lowHalf(value);
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = value32; W[2 * d + 1] = 0; };
}

function decodeMovz(insn: number): Exec | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  return writeConstant(f.sf, destinationSlot(f.Rd), shiftedImmediate(f));
}

function decodeMovn(insn: number): Exec | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  return writeConstant(f.sf, destinationSlot(f.Rd), BigInt.asUintN(64, ~shiftedImmediate(f)));
}

function decodeMovk(insn: number): Exec | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const d = destinationSlot(f.Rd);
  // Halfword hw lives in W word 2d + hw/2, at bit 16 * (hw & 1).
  const word = 2 * d + (f.hw >>> 1);
  const keep = (f.hw & 1) === 1 ? 0x0000ffff : 0xffff0000;
  const insert = (f.hw & 1) === 1 ? (f.imm16 << 16) >>> 0 : f.imm16;
  if (f.sf === 1) {
    return (cpu: Cpu) => { const W = cpu.W; W[word] = (W[word] & keep) | insert; };
  }
  return (cpu: Cpu) => { const W = cpu.W; W[word] = (W[word] & keep) | insert; W[2 * d + 1] = 0; };
}

function shiftText(f: MoveWideFields): string {
  return f.hw === 0 ? '' : `, lsl #${16 * f.hw}`;
}

function disasmMovz(insn: number): string | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  // "movz #0, lsl #16" stays movz: mov #0 means the lsl #0 form.
  if (f.imm16 === 0 && f.hw !== 0) return `movz\t${regName(f.Rd, f.sf)}, #0${shiftText(f)}`;
  return `mov\t${regName(f.Rd, f.sf)}, ${signedImmediateText(shiftedImmediate(f), f.sf ? 64 : 32)}`;
}

function disasmMovn(insn: number): string | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const width = f.sf ? 64 : 32;
  const value = ~shiftedImmediate(f);
  // MOVZ is preferred for values it can make, and #0 with a shift stays movn.
  if ((f.imm16 === 0 && f.hw !== 0) || isMovzImmediate(value, width)) {
    return `movn\t${regName(f.Rd, f.sf)}, #${f.imm16}${shiftText(f)}`;
  }
  return `mov\t${regName(f.Rd, f.sf)}, ${signedImmediateText(value, width)}`;
}

function disasmMovk(insn: number): string | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  return `movk\t${regName(f.Rd, f.sf)}, #${f.imm16}${shiftText(f)}`;
}

export const MOVE_WIDE: readonly Encoding[] = [
  { name: 'MOVN', pattern: 'f00100101hhiiiiiiiiiiiiiiiiddddd', decode: decodeMovn, disasm: disasmMovn },
  { name: 'MOVZ', pattern: 'f10100101hhiiiiiiiiiiiiiiiiddddd', decode: decodeMovz, disasm: disasmMovz },
  { name: 'MOVK', pattern: 'f11100101hhiiiiiiiiiiiiiiiiddddd', decode: decodeMovk, disasm: disasmMovk },
];
