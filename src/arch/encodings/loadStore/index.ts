import type { Encoding } from '../../decoder';

export const LOAD_STORE_ENCODINGS: readonly Encoding[] = [];
