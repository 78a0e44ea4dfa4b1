// Load/store register pair (post-indexed): LDP/STP/LDPSW at X[n|SP], then Xn + offset
// is written back (the `ldp x29, x30, [sp], #32` of function epilogues).

import type { Encoding } from '../../decoder';
import { PairMode, pairEncodingBody } from './pairAddressing';

export const LOAD_STORE_REGISTER_PAIR_POST_INDEXED: readonly Encoding[] = [
  { name: 'LDP_STP_post', pattern: 'oo10_1v00_1Lii_iiii_iaaa_aann_nnnt_tttt', ...pairEncodingBody(PairMode.PostIndex) },
];
