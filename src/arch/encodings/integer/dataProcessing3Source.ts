// Data processing (3 source) - MADD, MSUB, SMADDL, SMSUBL, SMULH, UMADDL, UMSUBL, UMULH
// (Arm ARM C4.1.87). Aliases: MUL, MNEG, SMULL, SMNEGL, UMULL, UMNEGL.
// 64-bit products use BigInt: V8 keeps a product stored into a BigUint64Array in machine
// words, and the 128-bit products of SMULH/UMULH are exact.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';

function registers(insn: number) {
  return {
    sf: bit(insn, 31),
    d: destinationSlot(bits(insn, 0, 5)),
    n: sourceSlot(bits(insn, 5, 5)),
    a: sourceSlot(bits(insn, 10, 5)),
    m: sourceSlot(bits(insn, 16, 5)),
    accumulateWithZero: bits(insn, 10, 5) === 31,
  };
}

function decodeMaddMsub(subtract: boolean) {
  return (insn: number): Exec => {
    const { sf, d, n, a, m, accumulateWithZero } = registers(insn);
    if (sf === 0) {
      return subtract
        ? (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * a] - Math.imul(W[2 * n], W[2 * m]); W[2 * d + 1] = 0; }
        : (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * a] + Math.imul(W[2 * n], W[2 * m]); W[2 * d + 1] = 0; };
    }
    if (accumulateWithZero && !subtract) return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] * X[m]; };   // MUL
    return subtract
      ? (cpu: Cpu) => { const X = cpu.X; X[d] = X[a] - X[n] * X[m]; }
      : (cpu: Cpu) => { const X = cpu.X; X[d] = X[a] + X[n] * X[m]; };
  };
}

/** SMADDL/SMSUBL/UMADDL/UMSUBL: 32 x 32 -> 64-bit product accumulated into Xa. */
function decodeLongMultiply(signed: boolean, subtract: boolean) {
  return (insn: number): Exec | undefined => {
    const { sf, d, n, a, m } = registers(insn);
    if (sf === 0) return undefined;
    if (signed) {
      return subtract
        ? (cpu: Cpu) => { const X = cpu.X, WS = cpu.WS; X[d] = X[a] - BigInt(WS[2 * n]) * BigInt(WS[2 * m]); }
        : (cpu: Cpu) => { const X = cpu.X, WS = cpu.WS; X[d] = X[a] + BigInt(WS[2 * n]) * BigInt(WS[2 * m]); };
    }
    return subtract
      ? (cpu: Cpu) => { const X = cpu.X, W = cpu.W; X[d] = X[a] - BigInt(W[2 * n]) * BigInt(W[2 * m]); }
      : (cpu: Cpu) => { const X = cpu.X, W = cpu.W; X[d] = X[a] + BigInt(W[2 * n]) * BigInt(W[2 * m]); };
  };
}

/** SMULH/UMULH: bits 127:64 of the 128-bit product. */
function decodeMultiplyHigh(signed: boolean) {
  return (insn: number): Exec | undefined => {
    const { sf, d, n, m } = registers(insn);
    if (sf === 0) return undefined;
    return signed
      ? (cpu: Cpu) => { const XS = cpu.XS; XS[d] = (XS[n] * XS[m]) >> 64n; }
      : (cpu: Cpu) => { const X = cpu.X; X[d] = (X[n] * X[m]) >> 64n; };
  };
}

function disasmMaddMsub(mnemonic: string, zeroAlias: string) {
  return (insn: number): string => {
    const sf = bit(insn, 31);
    const Ra = bits(insn, 10, 5);
    const operands = `${regName(bits(insn, 0, 5), sf)}, ${regName(bits(insn, 5, 5), sf)}, ${regName(bits(insn, 16, 5), sf)}`;
    return Ra === 31 ? `${zeroAlias}\t${operands}` : `${mnemonic}\t${operands}, ${regName(Ra, sf)}`;
  };
}

function disasmLongMultiply(mnemonic: string, zeroAlias: string) {
  return (insn: number): string | undefined => {
    if (bit(insn, 31) === 0) return undefined;
    const Ra = bits(insn, 10, 5);
    const operands = `${regName(bits(insn, 0, 5), 1)}, ${regName(bits(insn, 5, 5), 0)}, ${regName(bits(insn, 16, 5), 0)}`;
    return Ra === 31 ? `${zeroAlias}\t${operands}` : `${mnemonic}\t${operands}, ${regName(Ra, 1)}`;
  };
}

function disasmMultiplyHigh(mnemonic: string) {
  return (insn: number): string | undefined => {
    if (bit(insn, 31) === 0) return undefined;
    return `${mnemonic}\t${regName(bits(insn, 0, 5), 1)}, ${regName(bits(insn, 5, 5), 1)}, ${regName(bits(insn, 16, 5), 1)}`;
  };
}

export const DATA_PROCESSING_3_SOURCE: readonly Encoding[] = [
  { name: 'MADD', pattern: 'f0011011000mmmmm0aaaaannnnnddddd', decode: decodeMaddMsub(false), disasm: disasmMaddMsub('madd', 'mul') },
  { name: 'MSUB', pattern: 'f0011011000mmmmm1aaaaannnnnddddd', decode: decodeMaddMsub(true), disasm: disasmMaddMsub('msub', 'mneg') },
  { name: 'SMADDL', pattern: 'f0011011001mmmmm0aaaaannnnnddddd', decode: decodeLongMultiply(true, false), disasm: disasmLongMultiply('smaddl', 'smull') },
  { name: 'SMSUBL', pattern: 'f0011011001mmmmm1aaaaannnnnddddd', decode: decodeLongMultiply(true, true), disasm: disasmLongMultiply('smsubl', 'smnegl') },
  { name: 'SMULH', pattern: 'f0011011010mmmmm0aaaaannnnnddddd', decode: decodeMultiplyHigh(true), disasm: disasmMultiplyHigh('smulh') },
  { name: 'UMADDL', pattern: 'f0011011101mmmmm0aaaaannnnnddddd', decode: decodeLongMultiply(false, false), disasm: disasmLongMultiply('umaddl', 'umull') },
  { name: 'UMSUBL', pattern: 'f0011011101mmmmm1aaaaannnnnddddd', decode: decodeLongMultiply(false, true), disasm: disasmLongMultiply('umsubl', 'umnegl') },
  { name: 'UMULH', pattern: 'f0011011110mmmmm0aaaaannnnnddddd', decode: decodeMultiplyHigh(false), disasm: disasmMultiplyHigh('umulh') },
];
