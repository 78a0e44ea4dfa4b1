// Every inline translation, by encoding name. Instructions not listed here (vector SIMD,
// bitfield moves, system instructions, ...) run through the interpreter's executor.

import type { Translator } from './translateArithmetic';
import { ARITHMETIC_TRANSLATORS } from './translateArithmetic';
import { BRANCH_TRANSLATORS } from './translateBranches';
import { CONDITIONAL_TRANSLATORS } from './translateConditional';
import { FLOATING_POINT_TRANSLATORS } from './translateFloatingPoint';
import { LOAD_STORE_TRANSLATORS } from './translateLoadStore';
import { LOGICAL_TRANSLATORS } from './translateLogical';
import { MULTIPLY_DIVIDE_TRANSLATORS } from './translateMultiplyDivide';

/** Hints (NOP, ...) and barriers have no effect on one in-order PE. */
const noEffect: Translator = () => true;

export const TRANSLATORS: Readonly<Record<string, Translator>> = {
  ...ARITHMETIC_TRANSLATORS,
  ...MULTIPLY_DIVIDE_TRANSLATORS,
  ...LOGICAL_TRANSLATORS,
  ...CONDITIONAL_TRANSLATORS,
  ...LOAD_STORE_TRANSLATORS,
  ...BRANCH_TRANSLATORS,
  ...FLOATING_POINT_TRANSLATORS,
  HINT: noEffect,
  DSB: noEffect,
  DMB: noEffect,
  ISB: noEffect,
  SB: noEffect,
};

/** Translations that emit the block's exits themselves. */
export const BRANCH_NAMES: ReadonlySet<string> = new Set(Object.keys(BRANCH_TRANSLATORS));
