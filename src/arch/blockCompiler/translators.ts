// Every inline translation, by encoding name. Instructions not listed here (vector SIMD,
// bitfield moves, system instructions, ...) run through the interpreter's executor.

import type { Translator } from './translateArithmetic';
import { ADVANCED_SIMD_TRANSLATORS } from './translateAdvancedSimd';
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
  ...ADVANCED_SIMD_TRANSLATORS,
  HINT: noEffect,
  DSB: noEffect,
  DMB: noEffect,
  ISB: noEffect,
  SB: noEffect,
};

/** Translations that emit the block's exits themselves. */
export const BRANCH_NAMES: ReadonlySet<string> = new Set(Object.keys(BRANCH_TRANSLATORS));

/** Translations that neither read nor write general registers (no reload of the locals before them). */
export const REGISTER_FREE_TRANSLATIONS: ReadonlySet<string> = new Set([
  'FP_2SRC', 'FP_3SRC', 'FP_1SRC', 'FP_IMM', 'FP_COMPARE', 'FP_CSELECT', ...Object.keys(ADVANCED_SIMD_TRANSLATORS),
]);
