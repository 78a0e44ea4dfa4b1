// Unconditional branch (register) - BR, BLR, RET (Arm ARM C4.1.85). BLR reads the target
// before writing X30, so `blr x30` works. The pointer-authenticating forms (BRAA, BLRAA,
// RETAA, ...) need FEAT_PAuth, which this CPU does not have: they are UNDEFINED here.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bits } from '../../decoder';
import { regName } from '../../disasmText';
import { sourceSlot } from '../../registerSlots';

const LINK_REGISTER = 30;

function decodeBranchTo(insn: number): Exec {
  const n = sourceSlot(bits(insn, 5, 5));
  return (cpu: Cpu) => { cpu.nextPc = cpu.addr(n); };
}

function decodeBlr(insn: number, pc: number): Exec {
  const n = sourceSlot(bits(insn, 5, 5));
  const returnAddress = BigInt(pc + 4);
  return (cpu: Cpu) => {
    const address = cpu.addr(n);
    cpu.X[LINK_REGISTER] = returnAddress;
    cpu.nextPc = address;
  };
}

export const BRANCHES_REGISTER: readonly Encoding[] = [
  { name: 'BR', pattern: '1101011000011111000000nnnnn00000', decode: decodeBranchTo, disasm: (insn: number) => `br\t${regName(bits(insn, 5, 5), 1)}` },
  { name: 'BLR', pattern: '1101011000111111000000nnnnn00000', decode: decodeBlr, disasm: (insn: number) => `blr\t${regName(bits(insn, 5, 5), 1)}` },
  {
    name: 'RET', pattern: '1101011001011111000000nnnnn00000', decode: decodeBranchTo,
    disasm: (insn: number) => (bits(insn, 5, 5) === LINK_REGISTER ? 'ret' : `ret\t${regName(bits(insn, 5, 5), 1)}`),
  },
];
