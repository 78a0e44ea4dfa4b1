// Load register (literal): LDR/LDRSW of a general-purpose register and LDR of S/D/Q
// from PC + SignExtend(imm19:'00'), and PRFM (literal). The address is fixed at decode
// time.

import type { Encoding } from '../../decoder';
import { bit, bits, sbits } from '../../decoder';
import { formatTarget } from '../../disasmText';
import { prefetchExec } from './prefetch';
import { prefetchOperationName } from './prefetchOperation';
import { TransferKind, literalTransfer } from './singleTransfers';

function literalAddress(insn: number, pc: number): number {
  return pc + sbits(insn, 5, 19) * 4;
}

function isPrefetchLiteral(opc: number, V: number): boolean {
  return opc === 3 && V === 0;
}

export const LOAD_REGISTER_LITERAL: readonly Encoding[] = [
  {
    name: 'LDR_literal',
    pattern: 'oo01_1v00_iiii_iiii_iiii_iiii_iiit_tttt',
    decode(insn, pc) {
      const opc = bits(insn, 30, 2);
      const V = bit(insn, 26);
      if (isPrefetchLiteral(opc, V)) return prefetchExec;
      const transfer = literalTransfer(opc, V);
      if (transfer === undefined) return undefined;
      const address = literalAddress(insn, pc);
      const t = transfer.slot(bits(insn, 0, 5));
      if (transfer.kind === TransferKind.LoadX) return (cpu) => cpu.load64Into(address, t);
      const access = transfer.access;
      return (cpu) => access(cpu, address, t);
    },
    disasm(insn, pc, ctx) {
      const opc = bits(insn, 30, 2);
      const V = bit(insn, 26);
      const Rt = bits(insn, 0, 5);
      const target = formatTarget(literalAddress(insn, pc), ctx);
      if (isPrefetchLiteral(opc, V)) return `prfm\t${prefetchOperationName(Rt)}, ${target}`;
      const transfer = literalTransfer(opc, V);
      if (transfer === undefined) return undefined;
      return `ldr${transfer.suffix}\t${transfer.registerName(Rt)}, ${target}`;
    },
  },
];
