// Data processing -- scalar floating-point and Advanced SIMD (Arm ARM C4.1.96, C4.1.95):
// every encoding group of this folder.

import type { Encoding } from '../../decoder';
import { FLOATING_POINT_DATA_PROCESSING_1_SOURCE } from './floatingPointDataProcessing1Source';
import { FLOATING_POINT_DATA_PROCESSING_2_SOURCE } from './floatingPointDataProcessing2Source';
import { FLOATING_POINT_DATA_PROCESSING_3_SOURCE } from './floatingPointDataProcessing3Source';
import { FLOATING_POINT_COMPARE } from './floatingPointCompare';
import { FLOATING_POINT_CONDITIONAL_COMPARE } from './floatingPointConditionalCompare';
import { FLOATING_POINT_CONDITIONAL_SELECT } from './floatingPointConditionalSelect';
import { FLOATING_POINT_IMMEDIATE } from './floatingPointImmediate';
import { CONVERSION_BETWEEN_FLOATING_POINT_AND_INTEGER } from './conversionBetweenFloatingPointAndInteger';
import { CONVERSION_BETWEEN_FLOATING_POINT_AND_FIXED_POINT } from './conversionBetweenFloatingPointAndFixedPoint';
import { ADVANCED_SIMD_THREE_SAME } from './advancedSimdThreeSame';
import { ADVANCED_SIMD_THREE_DIFFERENT } from './advancedSimdThreeDifferent';
import { ADVANCED_SIMD_TWO_REGISTER_MISC } from './advancedSimdTwoRegisterMisc';
import { ADVANCED_SIMD_COPY } from './advancedSimdCopy';
import { ADVANCED_SIMD_MODIFIED_IMMEDIATE } from './advancedSimdModifiedImmediate';
import { ADVANCED_SIMD_PERMUTE } from './advancedSimdPermute';
import { ADVANCED_SIMD_EXTRACT } from './advancedSimdExtract';
import { ADVANCED_SIMD_TABLE_LOOKUP } from './advancedSimdTableLookup';
import { ADVANCED_SIMD_SHIFT_BY_IMMEDIATE } from './advancedSimdShiftByImmediate';
import { ADVANCED_SIMD_SCALAR_SHIFT_BY_IMMEDIATE } from './advancedSimdScalarShiftByImmediate';
import { ADVANCED_SIMD_VECTOR_X_INDEXED_ELEMENT } from './advancedSimdVectorXIndexedElement';
import { ADVANCED_SIMD_SCALAR_X_INDEXED_ELEMENT } from './advancedSimdScalarXIndexedElement';
import { ADVANCED_SIMD_ACROSS_LANES } from './advancedSimdAcrossLanes';
import { ADVANCED_SIMD_SCALAR_COPY } from './advancedSimdScalarCopy';
import { ADVANCED_SIMD_SCALAR_PAIRWISE } from './advancedSimdScalarPairwise';
import { ADVANCED_SIMD_SCALAR_THREE_SAME } from './advancedSimdScalarThreeSame';
import { ADVANCED_SIMD_SCALAR_THREE_DIFFERENT } from './advancedSimdScalarThreeDifferent';
import { ADVANCED_SIMD_SCALAR_TWO_REGISTER_MISC } from './advancedSimdScalarTwoRegisterMisc';

export const SIMD_FP_ENCODINGS: readonly Encoding[] = [
  ...FLOATING_POINT_DATA_PROCESSING_1_SOURCE,
  ...FLOATING_POINT_DATA_PROCESSING_2_SOURCE,
  ...FLOATING_POINT_DATA_PROCESSING_3_SOURCE,
  ...FLOATING_POINT_COMPARE,
  ...FLOATING_POINT_CONDITIONAL_COMPARE,
  ...FLOATING_POINT_CONDITIONAL_SELECT,
  ...FLOATING_POINT_IMMEDIATE,
  ...CONVERSION_BETWEEN_FLOATING_POINT_AND_INTEGER,
  ...CONVERSION_BETWEEN_FLOATING_POINT_AND_FIXED_POINT,
  ...ADVANCED_SIMD_THREE_SAME,
  ...ADVANCED_SIMD_THREE_DIFFERENT,
  ...ADVANCED_SIMD_TWO_REGISTER_MISC,
  ...ADVANCED_SIMD_COPY,
  ...ADVANCED_SIMD_MODIFIED_IMMEDIATE,
  ...ADVANCED_SIMD_PERMUTE,
  ...ADVANCED_SIMD_EXTRACT,
  ...ADVANCED_SIMD_TABLE_LOOKUP,
  ...ADVANCED_SIMD_SHIFT_BY_IMMEDIATE,
  ...ADVANCED_SIMD_SCALAR_SHIFT_BY_IMMEDIATE,
  ...ADVANCED_SIMD_VECTOR_X_INDEXED_ELEMENT,
  ...ADVANCED_SIMD_SCALAR_X_INDEXED_ELEMENT,
  ...ADVANCED_SIMD_ACROSS_LANES,
  ...ADVANCED_SIMD_SCALAR_COPY,
  ...ADVANCED_SIMD_SCALAR_PAIRWISE,
  ...ADVANCED_SIMD_SCALAR_THREE_SAME,
  ...ADVANCED_SIMD_SCALAR_THREE_DIFFERENT,
  ...ADVANCED_SIMD_SCALAR_TWO_REGISTER_MISC,
];
