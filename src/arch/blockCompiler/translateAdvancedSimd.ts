// The inline translations of Advanced SIMD integer instructions, one file per encoding
// group of the Arm ARM (C4.1.95); the lane and element-view helpers they share are in
// advancedSimdLanes.ts. Each translator returns false for the forms it leaves to the
// executor (compileBlock then calls it in place). References: encodings/simdFp.

import type { Translator } from './translateArithmetic';
import { ACROSS_LANES_TRANSLATORS } from './translateAdvancedSimdAcrossLanes';
import { COPY_TRANSLATORS } from './translateAdvancedSimdCopy';
import { EXTRACT_TRANSLATORS } from './translateAdvancedSimdExtract';
import { MODIFIED_IMMEDIATE_TRANSLATORS } from './translateAdvancedSimdModifiedImmediate';
import { PERMUTE_TRANSLATORS } from './translateAdvancedSimdPermute';
import { SCALAR_COPY_TRANSLATORS } from './translateAdvancedSimdScalarCopy';
import { SCALAR_PAIRWISE_TRANSLATORS } from './translateAdvancedSimdScalarPairwise';
import { SCALAR_THREE_SAME_TRANSLATORS } from './translateAdvancedSimdScalarThreeSame';
import { SHIFT_BY_IMMEDIATE_TRANSLATORS } from './translateAdvancedSimdShiftByImmediate';
import { THREE_DIFFERENT_TRANSLATORS } from './translateAdvancedSimdThreeDifferent';
import { THREE_SAME_TRANSLATORS } from './translateAdvancedSimdThreeSame';
import { TWO_REGISTER_MISC_TRANSLATORS } from './translateAdvancedSimdTwoRegisterMisc';
import { VECTOR_BY_ELEMENT_TRANSLATORS } from './translateAdvancedSimdVectorByElement';

/** Groups whose translations touch only SIMD&FP registers. */
const VECTOR_ONLY_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ...THREE_SAME_TRANSLATORS,
  ...SHIFT_BY_IMMEDIATE_TRANSLATORS,
  ...THREE_DIFFERENT_TRANSLATORS,
  ...TWO_REGISTER_MISC_TRANSLATORS,
  ...PERMUTE_TRANSLATORS,
  ...EXTRACT_TRANSLATORS,
  ...MODIFIED_IMMEDIATE_TRANSLATORS,
  ...ACROSS_LANES_TRANSLATORS,
  ...SCALAR_PAIRWISE_TRANSLATORS,
  ...SCALAR_THREE_SAME_TRANSLATORS,
  ...SCALAR_COPY_TRANSLATORS,
  ...VECTOR_BY_ELEMENT_TRANSLATORS,
};

export const ADVANCED_SIMD_TRANSLATORS: Readonly<Record<string, Translator>> = {
  ...VECTOR_ONLY_TRANSLATORS,
  // DUP/INS (general), SMOV and UMOV use general registers.
  ...COPY_TRANSLATORS,
};

/** Advanced SIMD encodings whose translations neither read nor write general registers. */
export const ADVANCED_SIMD_REGISTER_FREE: readonly string[] = Object.keys(VECTOR_ONLY_TRANSLATORS);
