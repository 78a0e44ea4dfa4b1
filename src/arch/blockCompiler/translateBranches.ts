// Branches. A direct branch to the block's own start is a back edge (the block runs as a
// JavaScript loop); any other taken branch leaves the block with the next address. A
// conditional branch in the middle of a block is a side exit - of its taken side, or of its
// not-taken side when the trace follows the taken one; at the end, its not-taken side leaves
// to the next instruction (or starts the next pass, when that is the start).

import { bit, bits, sbits } from '../decoder';
import { sourceSlot } from '../registerSlots';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';
import { constantHalves, int32Literal } from './split64';
import { conditionalBranch } from './conditionalBranch';

const LINK_REGISTER = 30;

const branchConditional: Translator = (w, word, pc) => {
  const cond = bits(word, 0, 4);
  const target = pc + sbits(word, 5, 19) * 4;
  if (cond >= 14) { w.branchTo(w.index + 1, target); return true; }
  conditionalBranch(w, w.condition(cond), target);
  return true;
};

function compareAndBranch(ifZero: boolean): Translator {
  return (w, word, pc) => {
    const t = w.reg(sourceSlot(bits(word, 0, 5)));
    const value = bit(word, 31) === 1 ? `(${t.lo} | ${t.hi})` : t.lo;
    conditionalBranch(w, `${value} ${ifZero ? '===' : '!=='} 0`, pc + sbits(word, 5, 19) * 4);
    return true;
  };
}

function testAndBranch(ifZero: boolean): Translator {
  return (w, word, pc) => {
    const t = w.reg(sourceSlot(bits(word, 0, 5)));
    const position = (bit(word, 31) << 5) | bits(word, 19, 5);
    const half = position >= 32 ? t.hi : t.lo;
    const mask = int32Literal(2 ** (position & 31));
    conditionalBranch(w, `(${half} & ${mask}) ${ifZero ? '===' : '!=='} 0`, pc + sbits(word, 5, 14) * 4);
    return true;
  };
}

/** B: nothing to do when the trace continues at the target. */
const branch: Translator = (w, word, pc) => {
  const target = pc + sbits(word, 0, 26) * 4;
  if (w.instruction.continuesAt === undefined) w.branchTo(w.index + 1, target);
  else w.continueAt(w.index + 1, target);
  return true;
};

const branchWithLink: Translator = (w, word, pc) => {
  const target = pc + sbits(word, 0, 26) * 4;
  w.setReg(LINK_REGISTER, constantHalves(BigInt(pc + 4)));
  if (w.instruction.continuesAt === undefined) w.branchTo(w.index + 1, target);
  else w.continueAt(w.index + 1, target);
  return true;
};

/** The address in a register as the interpreter computes it (cpu.addr): exact below 2^53. */
function registerTarget(w: BlockWriter, word: number): string {
  const n = w.reg(sourceSlot(bits(word, 5, 5)));
  return `((${n.hi} >>> 0) * 4294967296 + (${n.lo} >>> 0))`;
}

/** BR and RET; a RET the trace expects to return to its caller continues there when it does. */
const branchToRegister: Translator = (w, word) => {
  const expected = w.instruction.continuesAt;
  if (expected === undefined) {
    w.branchToComputed(w.index + 1, registerTarget(w, word));
    return true;
  }
  w.emit(`bt = ${registerTarget(w, word)}; if (bt !== ${expected}) {`);
  w.branchToComputed(w.index + 1, 'bt');
  w.emit('}');
  w.continueAt(w.index + 1, expected);
  return true;
};

/** BLR reads the target before writing X30, so `blr x30` works. */
const branchWithLinkToRegister: Translator = (w, word, pc) => {
  w.emit(`bt = ${registerTarget(w, word)};`);
  w.setReg(LINK_REGISTER, constantHalves(BigInt(pc + 4)));
  w.branchToComputed(w.index + 1, 'bt');
  return true;
};

export const BRANCH_TRANSLATORS: Record<string, Translator> = {
  B_cond: branchConditional,
  BC_cond: branchConditional,
  CBZ: compareAndBranch(true),
  CBNZ: compareAndBranch(false),
  TBZ: testAndBranch(true),
  TBNZ: testAndBranch(false),
  B: branch,
  BL: branchWithLink,
  BR: branchToRegister,
  RET: branchToRegister,
  BLR: branchWithLinkToRegister,
};
