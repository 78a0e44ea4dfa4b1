// PRFM/PRFUM: a hint with no architectural effect, so the executor does nothing (a
// prefetch never faults, whatever the address).

import type { Exec } from '../../decoder';

export const prefetchExec: Exec = () => {};
