// The side exit of a conditional branch, shared by both block compilers (translateBranches.ts,
// wasm/wasmTranslateBranches.ts): in the middle of a block, a branch whose taken side the
// trace follows exits on its not-taken side; any other exits when taken, and at the end of
// the block its not-taken side leaves for the next instruction (or starts the next pass).

import type { GuestInstruction } from './blockPlan';

/** What the shared branch logic needs of a block writer whose conditions are of type C. */
export interface BranchWriter<C> {
  readonly index: number;
  readonly instruction: GuestInstruction;
  readonly length: number;
  /** Emits `if (condition) { then() }`. */
  ifThen(condition: C, then: () => void): void;
  /** The condition that holds when `condition` does not. */
  not(condition: C): C;
  branchTo(count: number, target: number): void;
  continueAt(count: number, target: number): void;
  fallThrough(count: number, next: number): void;
}

/** Emits the side exit of a conditional branch to `target` taken when `test` holds. */
export function conditionalBranch<C>(w: BranchWriter<C>, test: C, target: number): void {
  const count = w.index + 1;
  const next = w.instruction.pc + 4;
  if (w.instruction.continuesAt === target) {
    w.ifThen(w.not(test), () => w.branchTo(count, next));
    w.continueAt(count, target);
    return;
  }
  w.ifThen(test, () => w.branchTo(count, target));
  if (count === w.length) w.fallThrough(count, next);
}
