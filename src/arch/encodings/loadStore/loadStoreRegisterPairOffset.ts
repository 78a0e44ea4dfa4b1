// Load/store register pair (signed offset): LDP/STP/LDPSW at X[n|SP] + offset.

import type { Encoding } from '../../decoder';
import { PairMode, pairEncodingBody } from './pairAddressing';

export const LOAD_STORE_REGISTER_PAIR_OFFSET: readonly Encoding[] = [
  { name: 'LDP_STP_offset', pattern: 'oo10_1v01_0Lii_iiii_iaaa_aann_nnnt_tttt', ...pairEncodingBody(PairMode.Offset) },
];
