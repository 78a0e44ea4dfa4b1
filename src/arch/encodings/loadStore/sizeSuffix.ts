// The b/h suffix LLVM appends to byte and halfword forms (ldxrb, casah, ldaddlb), and
// the register width of the other sizes.

import { regName } from '../../disasmText';

/** Mnemonic suffix for size = 0..3. */
export function sizeSuffix(size: number): string {
  return size === 0 ? 'b' : size === 1 ? 'h' : '';
}

/** Wn for sizes 0..2, Xn for size 3 (register 31 is the zero register). */
export function sizedRegister(r: number, size: number): string {
  return regName(r, size === 3 ? 1 : 0);
}
