// Load/store no-allocate pair (offset): LDNP/STNP. The non-temporal hint changes
// nothing here, so they behave like LDP/STP with a signed offset.

import type { Encoding } from '../../decoder';
import { PairMode, pairEncodingBody } from './pairAddressing';

export const LOAD_STORE_NO_ALLOCATE_PAIR_OFFSET: readonly Encoding[] = [
  { name: 'LDNP_STNP', pattern: 'oo10_1v00_0Lii_iiii_iaaa_aann_nnnt_tttt', ...pairEncodingBody(PairMode.NoAllocate) },
];
