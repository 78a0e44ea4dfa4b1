// WebAssembly translations of the branches, with the JavaScript blocks' rules
// (translateBranches.ts): a direct branch to the block's start is a back edge, any other
// taken branch leaves the block with the next address; a conditional branch in the middle is
// a side exit of the side the trace does not follow.

import { bit, bits, sbits } from '../../decoder';
import { sourceSlot } from '../../registerSlots';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { ValType, i32, i64 } from './wasmCode';
import { conditionalBranch } from '../conditionalBranch';

const LINK_REGISTER = 30;

const branchConditional: WasmTranslator = (w, word, pc) => {
  const cond = bits(word, 0, 4);
  const target = pc + sbits(word, 5, 19) * 4;
  if (cond >= 14) { w.branchTo(w.index + 1, target); return true; }
  conditionalBranch(w, w.condition(cond), target);
  return true;
};

function compareAndBranch(ifZero: boolean): WasmTranslator {
  return (w, word, pc) => {
    const t = sourceSlot(bits(word, 0, 5));
    const isZero = bit(word, 31) === 1 ? i64.eqz(w.x(t)) : i32.eqz(w.w(t));
    conditionalBranch(w, ifZero ? isZero : w.not(isZero), pc + sbits(word, 5, 19) * 4);
    return true;
  };
}

function testAndBranch(ifZero: boolean): WasmTranslator {
  return (w, word, pc) => {
    const position = (bit(word, 31) << 5) | bits(word, 19, 5);
    const isZero = i64.eqz(i64.and(w.x(sourceSlot(bits(word, 0, 5))), i64.const(1n << BigInt(position))));
    conditionalBranch(w, ifZero ? isZero : w.not(isZero), pc + sbits(word, 5, 14) * 4);
    return true;
  };
}

/** B, and BL after writing X30: nothing more when the trace continues at the target. */
function branch(link: boolean): WasmTranslator {
  return (w, word, pc) => {
    const target = pc + sbits(word, 0, 26) * 4;
    if (link) w.setX(LINK_REGISTER, i64.const(pc + 4));
    if (w.instruction.continuesAt === undefined) w.branchTo(w.index + 1, target);
    else w.continueAt(w.index + 1, target);
    return true;
  };
}

/** BR and RET; a RET the trace expects to return to its caller continues there when it does. */
const branchToRegister: WasmTranslator = (w, word) => {
  const count = w.index + 1;
  const expected = w.instruction.continuesAt;
  const target = w.x(sourceSlot(bits(word, 5, 5)));
  if (expected === undefined) {
    w.branchToComputed(count, target);
    return true;
  }
  const address = w.let(ValType.I64, target);
  w.ifThen(i64.ne(address, i64.const(expected)), () => w.branchToComputed(count, address));
  w.continueAt(count, expected);
  return true;
};

/** BLR reads the target before writing X30, so `blr x30` works. */
const branchWithLinkToRegister: WasmTranslator = (w, word, pc) => {
  const target = w.let(ValType.I64, w.x(sourceSlot(bits(word, 5, 5))));
  w.setX(LINK_REGISTER, i64.const(pc + 4));
  w.branchToComputed(w.index + 1, target);
  return true;
};

export const WASM_BRANCH_TRANSLATORS: Record<string, WasmTranslator> = {
  B_cond: branchConditional,
  BC_cond: branchConditional,
  CBZ: compareAndBranch(true),
  CBNZ: compareAndBranch(false),
  TBZ: testAndBranch(true),
  TBNZ: testAndBranch(false),
  B: branch(false),
  BL: branch(true),
  BR: branchToRegister,
  RET: branchToRegister,
  BLR: branchWithLinkToRegister,
};
