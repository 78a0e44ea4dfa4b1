import type { Encoding } from '../../decoder';

export const INTEGER_ENCODINGS: readonly Encoding[] = [];
