// Data processing (immediate): Logical (immediate) - AND, ORR, EOR, ANDS with a
// DecodeBitMasks immediate (Arm ARM C4.1.86). Aliases: MOV (bitmask immediate), TST.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { hex, regName, regOrSp } from '../../disasmText';
import { setLogicalFlags32, setLogicalFlags64 } from './addWithCarry';
import { decodeLogicalImmediate } from './bitMasks';
import { highHalf, lowHalf } from './halves64';
import { isMoveWideImmediate, signedImmediateText } from './moveWidePreference';
import { destinationSlot, sourceSlot } from '../../registerSlots';

interface LogicalImmediateFields {
  sf: number;
  Rd: number;
  Rn: number;
  /** The decoded immediate, or undefined when N:immr:imms is reserved. */
  imm: bigint | undefined;
}

function fields(insn: number): LogicalImmediateFields {
  const sf = bit(insn, 31);
  const N = bit(insn, 22);
  // N = 1 selects a 64-bit element, which a 32-bit operation cannot hold.
  const imm = sf === 0 && N === 1 ? undefined
    : decodeLogicalImmediate(N, bits(insn, 10, 6), bits(insn, 16, 6), sf === 1 ? 64 : 32);
  return { sf, Rd: bits(insn, 0, 5), Rn: bits(insn, 5, 5), imm };
}

type Operation = 'and' | 'orr' | 'eor';

// AND/ORR/EOR write X[d|SP]; the source register 31 is XZR.
function decodeBitwise(operation: Operation) {
  return (insn: number): Exec | undefined => {
    const { sf, Rd: d, Rn, imm } = fields(insn);
    if (imm === undefined) return undefined;
    const n = sourceSlot(Rn);
    if (sf === 1) {
      switch (operation) {
        case 'and': return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] & imm; };
        case 'orr': return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] | imm; };
        case 'eor': return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] ^ imm; };
      }
    }
    const imm32 = Number(imm);
    switch (operation) {
      case 'and': return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] & imm32; W[2 * d + 1] = 0; };
      case 'orr': return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] | imm32; W[2 * d + 1] = 0; };
      case 'eor': return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] ^ imm32; W[2 * d + 1] = 0; };
    }
  };
}

function decodeAnds(insn: number): Exec | undefined {
  const { sf, Rd, Rn, imm } = fields(insn);
  if (imm === undefined) return undefined;
  const d = destinationSlot(Rd);
  const n = sourceSlot(Rn);
  if (sf === 1) {
    const immLo = lowHalf(imm);
    const immHi = highHalf(imm);
    return (cpu: Cpu) => {
      const W = cpu.W;
      const resultLo = W[2 * n] & immLo;
      const resultHi = W[2 * n + 1] & immHi;
      W[2 * d] = resultLo;
      W[2 * d + 1] = resultHi;
      setLogicalFlags64(cpu, resultLo, resultHi);
    };
  }
  const imm32 = Number(imm);
  return (cpu: Cpu) => {
    const W = cpu.W;
    const result = W[2 * n] & imm32;
    W[2 * d] = result;
    W[2 * d + 1] = 0;
    setLogicalFlags32(cpu, result);
  };
}

function disasmBitwise(operation: Operation) {
  return (insn: number): string | undefined => {
    const { sf, Rd, Rn, imm } = fields(insn);
    if (imm === undefined) return undefined;
    const width = sf === 1 ? 64 : 32;
    if (operation === 'orr' && Rn === 31 && !isMoveWideImmediate(imm, width)) {
      return `mov\t${regOrSp(Rd, sf)}, ${signedImmediateText(imm, width)}`;
    }
    return `${operation}\t${regOrSp(Rd, sf)}, ${regName(Rn, sf)}, #${hex(imm)}`;
  };
}

function disasmAnds(insn: number): string | undefined {
  const { sf, Rd, Rn, imm } = fields(insn);
  if (imm === undefined) return undefined;
  if (Rd === 31) return `tst\t${regName(Rn, sf)}, #${hex(imm)}`;
  return `ands\t${regName(Rd, sf)}, ${regName(Rn, sf)}, #${hex(imm)}`;
}

export const LOGICAL_IMMEDIATE: readonly Encoding[] = [
  { name: 'AND_log_imm', pattern: 'f00100100Nrrrrrrssssssnnnnnddddd', decode: decodeBitwise('and'), disasm: disasmBitwise('and') },
  { name: 'ORR_log_imm', pattern: 'f01100100Nrrrrrrssssssnnnnnddddd', decode: decodeBitwise('orr'), disasm: disasmBitwise('orr') },
  { name: 'EOR_log_imm', pattern: 'f10100100Nrrrrrrssssssnnnnnddddd', decode: decodeBitwise('eor'), disasm: disasmBitwise('eor') },
  { name: 'ANDS_log_imm', pattern: 'f11100100Nrrrrrrssssssnnnnnddddd', decode: decodeAnds, disasm: disasmAnds },
];
