// How many instructions one run() slice gets. The budget follows the measured speed
// so that a slice takes about SLICE_TARGET_MS: pause and disconnect are answered
// well within 100 ms, yet a fast guest does not pay an event-loop turn per few
// thousand instructions.

/** Time a slice should take, so that pause answers well within 100 ms. */
export const SLICE_TARGET_MS = 12;
const MIN_BUDGET = 2_000;
const MAX_BUDGET = 4_000_000;

/** Lets pending DAP requests (pause, disconnect) in between slices. */
export const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

export class SliceBudget {
  instructions = 50_000;

  /** After a slice that used its whole budget: scale towards the target time, at most 4x up per slice. */
  adapt(elapsedMs: number, usedWholeBudget: boolean): void {
    if (!usedWholeBudget) return;
    const scaled = elapsedMs <= 0 ? this.instructions * 2 : Math.round((this.instructions * SLICE_TARGET_MS) / elapsedMs);
    this.instructions = Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, Math.min(scaled, this.instructions * 4)));
  }
}
