// Inline translations of conditional select (CSEL, CSINC, CSINV, CSNEG and their CSET,
// CINC, CNEG aliases) and conditional compare (CCMP, CCMN). The condition is tested on
// the lazy flags, so CMP + CSEL needs no NZCV at all.

import { bit, bits } from '../decoder';
import { destinationSlot, sourceSlot } from '../registerSlots';
import type { Translator } from './translateArithmetic';
import { FlagOp, materialize } from './lazyFlags';

/** op:op2 of conditional select: CSEL, CSINC, CSINV, CSNEG. */
function conditionalSelect(kind: 0 | 1 | 2 | 3): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const condition = w.condition(bits(word, 12, 4));
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    const d = destinationSlot(bits(word, 0, 5));
    let otherwise: string;
    switch (kind) {
      case 0: otherwise = wide ? `t0 = ${m.lo}; t1 = ${m.hi};` : `t0 = ${m.lo};`; break;
      case 1: otherwise = wide ? `t0 = (${m.lo} + 1) | 0; t1 = (${m.hi} + (t0 === 0 ? 1 : 0)) | 0;` : `t0 = (${m.lo} + 1) | 0;`; break;
      case 2: otherwise = wide ? `t0 = ~${m.lo}; t1 = ~${m.hi};` : `t0 = ~${m.lo};`; break;
      default: otherwise = wide ? `t0 = (-${m.lo}) | 0; t1 = (~${m.hi} + (t0 === 0 ? 1 : 0)) | 0;` : `t0 = (-${m.lo}) | 0;`; break;
    }
    const chosen = wide ? `t0 = ${n.lo}; t1 = ${n.hi};` : `t0 = ${n.lo};`;
    w.emit(`if (${condition}) { ${chosen} } else { ${otherwise} }`);
    w.setReg(d, { lo: 't0', hi: wide ? 't1' : '0' });
    return true;
  };
}

/** CCMP/CCMN: NZCV of Rn -/+ operand2 when the condition holds, else the #nzcv field. */
function conditionalCompare(subtract: boolean, immediate: boolean): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const condition = w.condition(bits(word, 12, 4));
    const nzcv = bits(word, 0, 4);
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const m = immediate ? { lo: String(bits(word, 16, 5)), hi: '0' } : w.reg(sourceSlot(bits(word, 16, 5)));
    const operands = wide ? `fa = ${n.lo}; fah = ${n.hi}; fb = ${m.lo}; fbh = ${m.hi};` : `fa = ${n.lo}; fb = ${m.lo};`;
    const compare = materialize({ op: subtract ? FlagOp.Sub : FlagOp.Add, wide });
    const fixed = `cpu.n = ${(nzcv >>> 3) & 1}; cpu.z = ${(nzcv >>> 2) & 1}; cpu.c = ${(nzcv >>> 1) & 1}; cpu.v = ${nzcv & 1};`;
    w.emit(`if (${condition}) { ${operands} ${compare} } else { ${fixed} }`);
    w.setFlagsInCpu();
    return true;
  };
}

export const CONDITIONAL_TRANSLATORS: Record<string, Translator> = {
  CSEL: conditionalSelect(0),
  CSINC: conditionalSelect(1),
  CSINV: conditionalSelect(2),
  CSNEG: conditionalSelect(3),
  CCMP_reg: conditionalCompare(true, false),
  CCMN_reg: conditionalCompare(false, false),
  CCMP_imm: conditionalCompare(true, true),
  CCMN_imm: conditionalCompare(false, true),
};
