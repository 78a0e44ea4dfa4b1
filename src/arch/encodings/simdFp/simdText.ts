// Operand spelling of SIMD&FP registers as LLVM's AArch64 printer writes them.

const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'];
const SCALAR_PREFIX = ['b', 'h', 's', 'd', 'q'];
const ELEMENT_SUFFIX = ['b', 'h', 's', 'd'];

/** `8b`, `16b`, ... `2d` for element size log2 (0..3) and Q. */
export function arrangement(size: number, q: number): string {
  return ARRANGEMENTS[size * 2 + q];
}

/** `v3.4s`. */
export function vreg(n: number, size: number, q: number): string {
  return `v${n}.${arrangement(size, q)}`;
}

/** `s3` etc. for a scalar of 2^size bytes (size 0..4). */
export function scalarReg(n: number, size: number): string {
  return SCALAR_PREFIX[size] + n;
}

/** `v3.s[1]`. */
export function element(n: number, size: number, index: number): string {
  return `v${n}.${ELEMENT_SUFFIX[size]}[${index}]`;
}

/** An FP immediate as LLVM prints it (`#1.00000000`). */
export function fpImmediate(value: number): string {
  return '#' + value.toFixed(8);
}

/** A mnemonic and its operands. */
export function insnText(mnemonic: string, ...operands: string[]): string {
  return operands.length === 0 ? mnemonic : `${mnemonic}\t${operands.join(', ')}`;
}
