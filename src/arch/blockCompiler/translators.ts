// Every inline translation, by encoding name. Instructions not listed here (system
// instructions, CRC32, LD2-LD4/ST2-ST4 of one lane, LD2R-LD4R, saturating SIMD, ...) and
// forms a translator declines run through the interpreter's executor.

import type { Translator } from './translateArithmetic';
import { ADVANCED_SIMD_REGISTER_FREE, ADVANCED_SIMD_TRANSLATORS } from './translateAdvancedSimd';
import { ADVANCED_SIMD_FLOATING_POINT_TRANSLATORS } from './translateAdvancedSimdFloatingPoint';
import { ADD_WITH_CARRY_TRANSLATORS } from './translateAddWithCarry';
import { ARITHMETIC_TRANSLATORS } from './translateArithmetic';
import { BIT_MANIPULATION_TRANSLATORS } from './translateBitManipulation';
import { BRANCH_TRANSLATORS } from './translateBranches';
import { CONDITIONAL_TRANSLATORS } from './translateConditional';
import { FLOATING_POINT_TRANSLATORS } from './translateFloatingPoint';
import { LOAD_STORE_TRANSLATORS } from './translateLoadStore';
import { REPLICATE_LOAD_TRANSLATORS, STRUCTURE_LOAD_TRANSLATORS } from './translateStructureLoads';
import { LOGICAL_TRANSLATORS } from './translateLogical';
import { MULTIPLY_DIVIDE_TRANSLATORS } from './translateMultiplyDivide';

/** Hints (NOP, ...) and barriers have no effect on one in-order PE. */
const noEffect: Translator = () => true;

/**
 * One translator per encoding name from several tables: where more than one table
 * handles an encoding (an Advanced SIMD group holds integer and floating-point forms),
 * the first that translates the word wins. A translator that returns false emits nothing.
 */
function firstThatTranslates(tables: readonly Readonly<Record<string, Translator>>[]): Record<string, Translator> {
  const byName = new Map<string, Translator[]>();
  for (const table of tables) for (const [name, t] of Object.entries(table)) byName.set(name, [...(byName.get(name) ?? []), t]);
  const merged: Record<string, Translator> = {};
  for (const [name, list] of byName) merged[name] = list.length === 1 ? list[0] : (w, word, pc) => list.some((t) => t(w, word, pc));
  return merged;
}

export const TRANSLATORS: Readonly<Record<string, Translator>> = firstThatTranslates([
  ARITHMETIC_TRANSLATORS,
  ADD_WITH_CARRY_TRANSLATORS,
  MULTIPLY_DIVIDE_TRANSLATORS,
  LOGICAL_TRANSLATORS,
  BIT_MANIPULATION_TRANSLATORS,
  CONDITIONAL_TRANSLATORS,
  LOAD_STORE_TRANSLATORS,
  REPLICATE_LOAD_TRANSLATORS,
  STRUCTURE_LOAD_TRANSLATORS,
  BRANCH_TRANSLATORS,
  FLOATING_POINT_TRANSLATORS,
  ADVANCED_SIMD_TRANSLATORS,
  ADVANCED_SIMD_FLOATING_POINT_TRANSLATORS,
  { HINT: noEffect, DSB: noEffect, DMB: noEffect, ISB: noEffect, SB: noEffect },
]);

/** Translations that emit the block's exits themselves. */
export const BRANCH_NAMES: ReadonlySet<string> = new Set(Object.keys(BRANCH_TRANSLATORS));

/** Translations that neither read nor write general registers (no reload of the locals before them). */
export const REGISTER_FREE_TRANSLATIONS: ReadonlySet<string> = new Set([
  'FP_2SRC', 'FP_3SRC', 'FP_1SRC', 'FP_IMM', 'FP_COMPARE', 'FP_CSELECT', ...ADVANCED_SIMD_REGISTER_FREE,
  ...Object.keys(ADVANCED_SIMD_FLOATING_POINT_TRANSLATORS),
]);
