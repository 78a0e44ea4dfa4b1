import type { Encoding } from '../../decoder';

export const SIMD_FP_ENCODINGS: readonly Encoding[] = [];
