// Data processing (2 source) - UDIV, SDIV, LSLV, LSRV, ASRV, RORV, CRC32B/H/W/X,
// CRC32CB/H/W/X (Arm ARM C4.1.87). Aliases: LSL, LSR, ASR, ROR (register).
// Division by zero gives 0; INT_MIN / -1 gives INT_MIN (the quotient wraps).
// PACGA and the MTE forms (SUBP, IRG, GMI) are not implemented (UNDEFINED here).

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { CRC32C_TABLE, CRC32_TABLE, crc32Update } from './crc32';
import { asr64, lsl64, lsr64, ror64, wide } from './halves64';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { ShiftType } from './shiftExtend';

function registers(insn: number) {
  return { sf: bit(insn, 31), d: destinationSlot(bits(insn, 0, 5)), n: sourceSlot(bits(insn, 5, 5)), m: sourceSlot(bits(insn, 16, 5)) };
}

function decodeUdiv(insn: number): Exec {
  const { sf, d, n, m } = registers(insn);
  if (sf === 1) return (cpu: Cpu) => { const X = cpu.X; const divisor = X[m]; X[d] = divisor === 0n ? 0n : X[n] / divisor; };
  // Both operands are below 2^32, so the double quotient truncates to the exact integer one.
  return (cpu: Cpu) => { const W = cpu.W; const divisor = W[2 * m]; W[2 * d] = divisor === 0 ? 0 : W[2 * n] / divisor; W[2 * d + 1] = 0; };
}

function decodeSdiv(insn: number): Exec {
  const { sf, d, n, m } = registers(insn);
  // BigInt and `| 0` both round toward zero; 2^63 and 2^31 wrap to INT_MIN on the store.
  if (sf === 1) return (cpu: Cpu) => { const XS = cpu.XS; const divisor = XS[m]; XS[d] = divisor === 0n ? 0n : XS[n] / divisor; };
  return (cpu: Cpu) => { const WS = cpu.WS; const divisor = WS[2 * m]; WS[2 * d] = divisor === 0 ? 0 : (WS[2 * n] / divisor) | 0; WS[2 * d + 1] = 0; };
}

/** LSLV/LSRV/ASRV/RORV: the amount is Rm modulo the data size. */
function decodeVariableShift(type: ShiftType) {
  return (insn: number): Exec => {
    const { sf, d, n, m } = registers(insn);
    if (sf === 0) {
      // JavaScript shifts already take the count modulo 32.
      switch (type) {
        case ShiftType.LSL: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] << W[2 * m]; W[2 * d + 1] = 0; };
        case ShiftType.LSR: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] >>> W[2 * m]; W[2 * d + 1] = 0; };
        case ShiftType.ASR: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] >> W[2 * m]; W[2 * d + 1] = 0; };
        case ShiftType.ROR: return (cpu: Cpu) => {
          const W = cpu.W;
          const value = W[2 * n];
          const amount = W[2 * m] & 31;
          W[2 * d] = (value >>> amount) | (value << (32 - amount));
          W[2 * d + 1] = 0;
        };
      }
    }
    const shift = type === ShiftType.LSL ? lsl64 : type === ShiftType.LSR ? lsr64 : type === ShiftType.ASR ? asr64 : ror64;
    return (cpu: Cpu) => {
      const W = cpu.W;
      shift(W[2 * n], W[2 * n + 1], W[2 * m] & 63);
      W[2 * d] = wide[0];
      W[2 * d + 1] = wide[1];
    };
  };
}

/** CRC32{C}{B,H,W,X}: `sz` = log2 of the data size in bytes. */
function decodeCrc32(castagnoli: boolean) {
  return (insn: number): Exec | undefined => {
    const { sf, d, n, m } = registers(insn);
    const sz = bits(insn, 10, 2);
    // Only CRC32X/CRC32CX take an X register, and they must.
    if ((sz === 3) !== (sf === 1)) return undefined;
    const table = castagnoli ? CRC32C_TABLE : CRC32_TABLE;
    if (sz === 3) {
      return (cpu: Cpu) => {
        const W = cpu.W;
        const low = crc32Update(table, W[2 * n], W[2 * m], 4);
        W[2 * d] = crc32Update(table, low, W[2 * m + 1], 4);
        W[2 * d + 1] = 0;
      };
    }
    const bytes = 1 << sz;
    return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = crc32Update(table, W[2 * n], W[2 * m], bytes); W[2 * d + 1] = 0; };
  };
}

function disasmThreeRegisters(mnemonic: string) {
  return (insn: number): string => {
    const sf = bit(insn, 31);
    return `${mnemonic}\t${regName(bits(insn, 0, 5), sf)}, ${regName(bits(insn, 5, 5), sf)}, ${regName(bits(insn, 16, 5), sf)}`;
  };
}

function disasmCrc32(castagnoli: boolean) {
  return (insn: number): string | undefined => {
    const sz = bits(insn, 10, 2);
    const sf = bit(insn, 31);
    if ((sz === 3) !== (sf === 1)) return undefined;
    const mnemonic = `crc32${castagnoli ? 'c' : ''}${'bhwx'[sz]}`;
    return `${mnemonic}\t${regName(bits(insn, 0, 5), 0)}, ${regName(bits(insn, 5, 5), 0)}, ${regName(bits(insn, 16, 5), sf)}`;
  };
}

export const DATA_PROCESSING_2_SOURCE: readonly Encoding[] = [
  { name: 'UDIV', pattern: 'f0011010110mmmmm000010nnnnnddddd', decode: decodeUdiv, disasm: disasmThreeRegisters('udiv') },
  { name: 'SDIV', pattern: 'f0011010110mmmmm000011nnnnnddddd', decode: decodeSdiv, disasm: disasmThreeRegisters('sdiv') },
  { name: 'LSLV', pattern: 'f0011010110mmmmm001000nnnnnddddd', decode: decodeVariableShift(ShiftType.LSL), disasm: disasmThreeRegisters('lsl') },
  { name: 'LSRV', pattern: 'f0011010110mmmmm001001nnnnnddddd', decode: decodeVariableShift(ShiftType.LSR), disasm: disasmThreeRegisters('lsr') },
  { name: 'ASRV', pattern: 'f0011010110mmmmm001010nnnnnddddd', decode: decodeVariableShift(ShiftType.ASR), disasm: disasmThreeRegisters('asr') },
  { name: 'RORV', pattern: 'f0011010110mmmmm001011nnnnnddddd', decode: decodeVariableShift(ShiftType.ROR), disasm: disasmThreeRegisters('ror') },
  { name: 'CRC32', pattern: 'f0011010110mmmmm0100zznnnnnddddd', decode: decodeCrc32(false), disasm: disasmCrc32(false) },
  { name: 'CRC32C', pattern: 'f0011010110mmmmm0101zznnnnnddddd', decode: decodeCrc32(true), disasm: disasmCrc32(true) },
];
