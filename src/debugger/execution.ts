// The vocabulary of the run driver: how a piece of guest execution ended, and the
// temporary breakpoints step plans place.

import type { ExitSyndrome } from './stopDescription';
import type { StopEvent } from './debugger';

export interface TemporaryBreakpoint {
  address: number;
  /** Whether this hit is the one the step waits for (e.g. the right frame of a recursion). */
  accept: () => boolean;
}

/** How a piece of execution ended. */
export type Outcome =
  | { kind: 'stop'; stop: StopEvent }
  | { kind: 'exited'; status: number }
  | { kind: 'error'; message: string }
  | { kind: 'ended' }
  /** A temporary breakpoint of a step plan was reached (and accepted). */
  | { kind: 'temporary'; exit: ExitSyndrome }
  /** One single-step completed. */
  | { kind: 'stepped'; exit?: ExitSyndrome }
  /** Internal: keep running (re-injected, condition false, logpoint). */
  | { kind: 'resume' }
  | { kind: 'budget' };
