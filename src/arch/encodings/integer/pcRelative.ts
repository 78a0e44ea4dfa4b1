// Data processing (immediate): PC-rel. addressing - ADR, ADRP (Arm ARM C4.1.86). The
// address is fixed once the instruction's own address is known, so decoding computes it.

import type { Cpu } from '../../cpu';
import type { DisasmContext, Encoding, Exec } from '../../decoder';
import { bits, signExtend } from '../../decoder';
import { formatTarget, regName } from '../../disasmText';
import { highHalf, lowHalf } from './halves64';
import { destinationSlot } from '../../registerSlots';

/** SignExtend(immhi:immlo), 21 bits. */
function offset21(insn: number): number {
  return signExtend((bits(insn, 5, 19) << 2) | bits(insn, 29, 2), 21);
}

function adrpTarget(insn: number, pc: number): number {
  return Math.floor(pc / 4096) * 4096 + offset21(insn) * 4096;
}

function writeAddress(Rd: number, address: number): Exec {
  const d = destinationSlot(Rd);
  const value = BigInt.asUintN(64, BigInt(address));
  const lo = lowHalf(value);
  const hi = highHalf(value);
  return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = lo; W[2 * d + 1] = hi; };
}

export const PC_RELATIVE: readonly Encoding[] = [
  {
    name: 'ADR', pattern: '0ii10000IIIIIIIIIIIIIIIIIIIddddd',
    decode: (insn: number, pc: number) => writeAddress(bits(insn, 0, 5), pc + offset21(insn)),
    // LLVM prints ADR's operand as the offset, not the address.
    disasm: (insn: number) => `adr\t${regName(bits(insn, 0, 5), 1)}, #${offset21(insn)}`,
  },
  {
    name: 'ADRP', pattern: '1ii10000IIIIIIIIIIIIIIIIIIIddddd',
    decode: (insn: number, pc: number) => writeAddress(bits(insn, 0, 5), adrpTarget(insn, pc)),
    disasm: (insn: number, pc: number, ctx: DisasmContext) => `adrp\t${regName(bits(insn, 0, 5), 1)}, ${formatTarget(adrpTarget(insn, pc), ctx)}`,
  },
];
