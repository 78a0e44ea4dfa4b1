// Memory operands as LLVM's AArch64 printer spells them: `[x1]`, `[x1, #8]`,
// `[x1, #8]!`, `[x1], #8`. The base is X[n|SP], so register 31 prints as sp.

import { regOrSp } from '../../disasmText';

/** `[Xn|SP]` or `[Xn|SP, #offset]` (a zero offset is left out). */
export function offsetAddress(n: number, offset: number): string {
  return offset === 0 ? `[${regOrSp(n, 1)}]` : `[${regOrSp(n, 1)}, #${offset}]`;
}

/** `[Xn|SP, #offset]!` (LLVM keeps `#0`). */
export function preIndexAddress(n: number, offset: number): string {
  return `[${regOrSp(n, 1)}, #${offset}]!`;
}

/** `[Xn|SP], #offset` (LLVM keeps `#0`). */
export function postIndexAddress(n: number, offset: number): string {
  return `[${regOrSp(n, 1)}], #${offset}`;
}

/** `[Xn|SP]`, the only operand of the exclusive, ordered and atomic groups. */
export function baseOnlyAddress(n: number): string {
  return `[${regOrSp(n, 1)}]`;
}
