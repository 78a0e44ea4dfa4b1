// How console values are printed: the gdb/CodeLLDB format letters (`,x ,d ,u ,o ,b ,c`
// suffixes and `p/x`), hex by default for register- and address-derived values.

import { CType, sizeOf } from './cTypes';
import { Value, floatOf } from './evaluator';

export type FormatLetter = 'x' | 'd' | 'u' | 'o' | 'b' | 't' | 'c' | 'a';

export const FORMAT_LETTERS: readonly string[] = ['x', 'd', 'u', 'o', 'b', 't', 'c', 'a'];

/** Splits `expr,x` into the expression and its format; the expression alone otherwise. */
export function splitFormatSuffix(text: string): { expression: string; format?: FormatLetter } {
  const m = /^(.*),\s*([a-z])\s*$/s.exec(text);
  if (m && FORMAT_LETTERS.includes(m[2])) return { expression: m[1], format: m[2] as FormatLetter };
  return { expression: text };
}

export function isFormatLetter(letter: string): letter is FormatLetter {
  return FORMAT_LETTERS.includes(letter);
}

/** Names an address as `symbol+0x10` when the program knows one. */
export type Symbolizer = (address: bigint) => string | undefined;

export function formatValue(value: Value, format?: FormatLetter, symbolize?: Symbolizer): string {
  const bits = value.type.kind === 'integer' ? value.type.size * 8 : 64;
  const unsigned = BigInt.asUintN(bits, value.value);
  switch (format) {
    case 'x': return hexString(unsigned);
    case 'd': return BigInt.asIntN(bits, value.value).toString(10);
    case 'u': return unsigned.toString(10);
    case 'o': return unsigned === 0n ? '0' : '0' + unsigned.toString(8);
    case 'b': case 't': return '0b' + unsigned.toString(2);
    case 'c': return formatChar(value.value);
    case 'a': return withSymbol(unsigned, symbolize);
    case undefined: return defaultFormat(value, unsigned, symbolize);
  }
}

function defaultFormat(value: Value, unsigned: bigint, symbolize?: Symbolizer): string {
  if (value.type.kind === 'float') return String(floatOf(value.value, value.type.size));
  if (value.type.kind === 'record' || value.type.kind === 'array') return `{${value.type.kind === 'record' ? value.type.name : 'array'} at 0x${value.location?.kind === 'memory' ? value.location.address.toString(16) : '?'}}`;
  if (value.type.kind === 'function' || value.type.kind === 'pointer') return withSymbol(unsigned, symbolize);
  if (value.hexByDefault || isWide(value.type)) return hexString(unsigned);
  return value.value.toString(10);
}

function isWide(type: CType): boolean {
  return sizeOf(type) > 8;
}

export function hexString(value: bigint): string {
  return '0x' + value.toString(16);
}

function withSymbol(address: bigint, symbolize?: Symbolizer): string {
  const name = symbolize?.(address);
  return name ? `${hexString(address)} <${name}>` : hexString(address);
}

/** `97 'a'`, as gdb prints a char. */
export function formatChar(value: bigint): string {
  const code = Number(BigInt.asUintN(8, value));
  return `${BigInt.asIntN(64, value)} '${charEscape(code)}'`;
}

export function charEscape(code: number): string {
  const named: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' };
  if (named[code] !== undefined) return named[code];
  if (code >= 0x20 && code < 0x7f) return String.fromCharCode(code);
  return '\\' + code.toString(8).padStart(3, '0');
}
