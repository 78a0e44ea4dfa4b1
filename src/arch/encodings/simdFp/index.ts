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
];
