// Data processing (register): Conditional select - CSEL, CSINC, CSINV, CSNEG (Arm ARM
// C4.1.87). Aliases: CSET, CSETM, CINC, CINV, CNEG.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { CONDITION_NAMES, regName } from '../../disasmText';
import { conditionHolds, invertCondition } from './conditions';
import { destinationSlot, sourceSlot } from '../../registerSlots';

const enum SelectOp { CSEL, CSINC, CSINV, CSNEG }

function decodeSelect(op: SelectOp) {
  return (insn: number): Exec => {
    const sf = bit(insn, 31);
    const cond = bits(insn, 12, 4);
    const d = destinationSlot(bits(insn, 0, 5));
    const n = sourceSlot(bits(insn, 5, 5));
    const m = sourceSlot(bits(insn, 16, 5));
    if (sf === 1) {
      switch (op) {
        case SelectOp.CSEL: return (cpu: Cpu) => { const X = cpu.X; X[d] = conditionHolds(cpu, cond) ? X[n] : X[m]; };
        case SelectOp.CSINC: return (cpu: Cpu) => { const X = cpu.X; X[d] = conditionHolds(cpu, cond) ? X[n] : X[m] + 1n; };
        case SelectOp.CSINV: return (cpu: Cpu) => { const X = cpu.X; X[d] = conditionHolds(cpu, cond) ? X[n] : X[m] ^ 0xffff_ffff_ffff_ffffn; };
        case SelectOp.CSNEG: return (cpu: Cpu) => { const X = cpu.X; X[d] = conditionHolds(cpu, cond) ? X[n] : 0n - X[m]; };
      }
    }
    switch (op) {
      case SelectOp.CSEL: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = conditionHolds(cpu, cond) ? W[2 * n] : W[2 * m]; W[2 * d + 1] = 0; };
      case SelectOp.CSINC: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = conditionHolds(cpu, cond) ? W[2 * n] : W[2 * m] + 1; W[2 * d + 1] = 0; };
      case SelectOp.CSINV: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = conditionHolds(cpu, cond) ? W[2 * n] : ~W[2 * m]; W[2 * d + 1] = 0; };
      case SelectOp.CSNEG: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = conditionHolds(cpu, cond) ? W[2 * n] : -W[2 * m]; W[2 * d + 1] = 0; };
    }
  };
}

/** Mnemonics: the instruction, its one-register alias (Rn == Rm) and its no-register alias (Rn == Rm == ZR). */
const NAMES: Record<SelectOp, [string, string | undefined, string | undefined]> = {
  [SelectOp.CSEL]: ['csel', undefined, undefined],
  [SelectOp.CSINC]: ['csinc', 'cinc', 'cset'],
  [SelectOp.CSINV]: ['csinv', 'cinv', 'csetm'],
  [SelectOp.CSNEG]: ['csneg', 'cneg', undefined],
};

function disasmSelect(op: SelectOp) {
  return (insn: number): string => {
    const sf = bit(insn, 31);
    const cond = bits(insn, 12, 4);
    const Rd = bits(insn, 0, 5);
    const Rn = bits(insn, 5, 5);
    const Rm = bits(insn, 16, 5);
    const [name, oneRegister, noRegister] = NAMES[op];
    // The aliases print the inverted condition, so AL/NV (whose inverse is not distinct) keep the full form.
    if (Rn === Rm && cond < 14) {
      const inverted = CONDITION_NAMES[invertCondition(cond)];
      if (Rn === 31 && noRegister !== undefined) return `${noRegister}\t${regName(Rd, sf)}, ${inverted}`;
      if (oneRegister !== undefined && (Rn !== 31 || op === SelectOp.CSNEG)) {
        return `${oneRegister}\t${regName(Rd, sf)}, ${regName(Rn, sf)}, ${inverted}`;
      }
    }
    return `${name}\t${regName(Rd, sf)}, ${regName(Rn, sf)}, ${regName(Rm, sf)}, ${CONDITION_NAMES[cond]}`;
  };
}

export const CONDITIONAL_SELECT: readonly Encoding[] = [
  { name: 'CSEL', pattern: 'f0011010100mmmmmcccc00nnnnnddddd', decode: decodeSelect(SelectOp.CSEL), disasm: disasmSelect(SelectOp.CSEL) },
  { name: 'CSINC', pattern: 'f0011010100mmmmmcccc01nnnnnddddd', decode: decodeSelect(SelectOp.CSINC), disasm: disasmSelect(SelectOp.CSINC) },
  { name: 'CSINV', pattern: 'f1011010100mmmmmcccc00nnnnnddddd', decode: decodeSelect(SelectOp.CSINV), disasm: disasmSelect(SelectOp.CSINV) },
  { name: 'CSNEG', pattern: 'f1011010100mmmmmcccc01nnnnnddddd', decode: decodeSelect(SelectOp.CSNEG), disasm: disasmSelect(SelectOp.CSNEG) },
];
