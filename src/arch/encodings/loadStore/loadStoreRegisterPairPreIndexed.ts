// Load/store register pair (pre-indexed): LDP/STP/LDPSW at X[n|SP] + offset, which is
// then written back (the `stp x29, x30, [sp, #-32]!` of function prologues).

import type { Encoding } from '../../decoder';
import { PairMode, pairEncodingBody } from './pairAddressing';

export const LOAD_STORE_REGISTER_PAIR_PRE_INDEXED: readonly Encoding[] = [
  { name: 'LDP_STP_pre', pattern: 'oo10_1v01_1Lii_iiii_iaaa_aann_nnnt_tttt', ...pairEncodingBody(PairMode.PreIndex) },
];
