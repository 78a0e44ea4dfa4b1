import type { Encoding } from '../../decoder';

export const SYSTEM_ENCODINGS: readonly Encoding[] = [];
