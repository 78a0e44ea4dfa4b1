// Operand spelling shared by every disassembler line, following LLVM's AArch64 printer
// (what `llvm-objdump -d` shows): lower case, immediates in decimal unless the
// instruction class prints hex, branch targets as absolute addresses.

import type { DisasmContext } from './decoder';

/** X or W register name; register 31 is the zero register. */
export function regName(r: number, sf: number | boolean): string {
  const x = sf === 1 || sf === true;
  if (r === 31) return x ? 'xzr' : 'wzr';
  return (x ? 'x' : 'w') + r;
}

/** X or W register name; register 31 is the stack pointer. */
export function regOrSp(r: number, sf: number | boolean): string {
  const x = sf === 1 || sf === true;
  if (r === 31) return x ? 'sp' : 'wsp';
  return (x ? 'x' : 'w') + r;
}

export function hex(value: number | bigint): string {
  return '0x' + value.toString(16);
}

/** `#imm` in decimal, as LLVM prints arithmetic immediates. */
export function imm(value: number | bigint): string {
  return '#' + value.toString(10);
}

/** An absolute code address, with `<symbol+off>` when the context knows one. */
export function formatTarget(address: number, ctx: DisasmContext): string {
  const a = address < 0 ? BigInt.asUintN(64, BigInt(address)) : BigInt(address);
  const sym = ctx.symbolize?.(Number(a));
  return sym ? `0x${a.toString(16)} <${sym}>` : `0x${a.toString(16)}`;
}

export const CONDITION_NAMES = ['eq', 'ne', 'hs', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

/**
 * `text` followed by LLVM's trailing `// comment`. llvm-objdump pads to a comment column
 * 32 columns after the start of the instruction text (at least one space); its column
 * counter (formatted_raw_ostream) moves a tab to the next multiple of 8 but counts a tab
 * that is already on a multiple of 8 as width 0.
 */
export function withComment(text: string, comment: string): string {
  const COMMENT_COLUMN = 32;
  let column = 0;
  for (const ch of text) column += ch === '\t' ? (8 - (column & 7)) & 7 : 1;
  return text + ' '.repeat(Math.max(COMMENT_COLUMN - column, 1)) + '// ' + comment;
}
