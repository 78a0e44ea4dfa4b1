// Inline translations of add/subtract (with carry): ADC, ADCS, SBC, SBCS - the high
// halves of 128-bit arithmetic. PSTATE.C comes in through the lazy-flag condition CS; the
// flag-setting forms compute NZCV into cpu directly (a carry-in does not fit the lazy kinds).

import { bit, bits } from '../decoder';
import { destinationSlot, sourceSlot } from '../registerSlots';
import type { Translator } from './translateArithmetic';

/** ConditionHolds(CS): PSTATE.C = 1. */
const CARRY_SET = 0b0010;

/**
 * AddWithCarry(Xn, Xm or NOT(Xm), C). The sum of each half is carried out when, as an
 * unsigned word, it is below the first operand (or equal to it with a carry in).
 */
function addWithCarry(subtract: boolean, setFlags: boolean): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    // The carry is read first: the condition may need code that runs before anything else.
    w.emit(`t4 = ${w.condition(CARRY_SET)} ? 1 : 0;`);
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    const d = destinationSlot(bits(word, 0, 5));
    const operand2 = (half: string) => (subtract ? `~${half}` : half);
    const carryOut = (sum: string, first: string, carryIn: string) =>
      `(${carryIn} === 1 ? ((${sum} >>> 0) <= (${first} >>> 0) ? 1 : 0) : ((${sum} >>> 0) < (${first} >>> 0) ? 1 : 0))`;
    w.emit(`t0 = ${n.lo}; t1 = ${operand2(m.lo)}; t2 = (t0 + t1 + t4) | 0;`);
    if (wide) {
      w.emit(`t5 = ${carryOut('t2', 't0', 't4')}; t0 = ${n.hi}; t1 = ${operand2(m.hi)}; t3 = (t0 + t1 + t5) | 0;`);
      if (setFlags) w.emit(`cpu.c = ${carryOut('t3', 't0', 't5')};`);
    } else if (setFlags) {
      w.emit(`cpu.c = ${carryOut('t2', 't0', 't4')};`);
    }
    if (setFlags) {
      // t0/t1 hold the top words of the operands, the top word of the result is t3 (or t2).
      const top = wide ? 't3' : 't2';
      const zero = wide ? '(t2 | t3) === 0' : 't2 === 0';
      w.emit(`cpu.n = ${top} >>> 31; cpu.z = ${zero} ? 1 : 0; cpu.v = ((t0 ^ ${top}) & (t1 ^ ${top})) >>> 31;`);
      w.setFlagsInCpu();
    }
    w.setReg(d, { lo: 't2', hi: wide ? 't3' : '0' });
    return true;
  };
}

export const ADD_WITH_CARRY_TRANSLATORS: Record<string, Translator> = {
  ADC: addWithCarry(false, false),
  ADCS: addWithCarry(false, true),
  SBC: addWithCarry(true, false),
  SBCS: addWithCarry(true, true),
};
