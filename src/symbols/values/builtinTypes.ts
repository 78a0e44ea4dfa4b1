// The C types the expression language knows without debug information (literal types,
// results of comparisons, sizeof, casts to keywords), with AAPCS64 LP64 sizes: int 4,
// long 8, pointers 8, long double 16 (IEEE binary128). They are DwarfType values with
// no DIE behind them (dieOffset -1), so the formatter and describeType treat them like
// any other type.

import type { BaseEncoding, DwarfType } from '../dwarfTypes';

type BaseType = Extract<DwarfType, { kind: 'base' }>;

function base(name: string, byteSize: number, encoding: BaseEncoding): BaseType {
  return { kind: 'base', name, byteSize, encoding, dieOffset: -1 };
}

export const VOID_TYPE: DwarfType = { kind: 'void' };

export const BUILTIN = {
  char: base('char', 1, 'unsignedChar'),
  signedChar: base('signed char', 1, 'signedChar'),
  unsignedChar: base('unsigned char', 1, 'unsignedChar'),
  short: base('short', 2, 'signed'),
  unsignedShort: base('unsigned short', 2, 'unsigned'),
  int: base('int', 4, 'signed'),
  unsignedInt: base('unsigned int', 4, 'unsigned'),
  long: base('long', 8, 'signed'),
  unsignedLong: base('unsigned long', 8, 'unsigned'),
  longLong: base('long long', 8, 'signed'),
  unsignedLongLong: base('unsigned long long', 8, 'unsigned'),
  int128: base('__int128', 16, 'signed'),
  unsignedInt128: base('unsigned __int128', 16, 'unsigned'),
  bool: base('_Bool', 1, 'boolean'),
  float: base('float', 4, 'float'),
  double: base('double', 8, 'float'),
  longDouble: base('long double', 16, 'float'),
} as const;

export function pointerTo(target: DwarfType): DwarfType {
  return { kind: 'pointer', byteSize: 8, target, dieOffset: -1 };
}

export function arrayOf(element: DwarfType, count: number | undefined): DwarfType {
  return { kind: 'array', element, dimensions: [count], dieOffset: -1 };
}

export function qualified(qualifier: 'const' | 'volatile', target: DwarfType): DwarfType {
  return { kind: 'qualified', qualifier, target, dieOffset: -1 };
}

/** `void (*)()`: the type gdb gives $pc. */
export const CODE_POINTER_TYPE = pointerTo({ kind: 'function', returnType: VOID_TYPE, parameters: [], variadic: false, prototyped: false, dieOffset: -1 });

/** `void *`: the type gdb gives $sp and $fp. */
export const DATA_POINTER_TYPE = pointerTo(VOID_TYPE);

/** What an ELF symbol without debug information has: gdb refuses to guess. */
export const NO_DEBUG_DATA_TYPE: DwarfType = { kind: 'unknown', tag: 0, name: '<data variable, no debug info>', dieOffset: -1 };
export const NO_DEBUG_TEXT_NAME = '<text variable, no debug info>';
export const NO_DEBUG_TEXT_TYPE: DwarfType = {
  kind: 'function',
  returnType: { kind: 'unknown', tag: 0, name: NO_DEBUG_TEXT_NAME, dieOffset: -1 },
  parameters: [],
  variadic: false,
  prototyped: false,
  dieOffset: -2,
};

/**
 * The C keyword spellings of base types, as sorted specifier lists ("unsigned long"
 * = ["long", "unsigned"]), mapped to the builtin type. `int` may be added to short/long
 * forms and `signed` to the signed ones, as C allows.
 */
const KEYWORD_TYPES: readonly [string, BaseType][] = [
  ['char', BUILTIN.char],
  ['char signed', BUILTIN.signedChar],
  ['char unsigned', BUILTIN.unsignedChar],
  ['short', BUILTIN.short],
  ['short unsigned', BUILTIN.unsignedShort],
  ['int', BUILTIN.int],
  ['signed', BUILTIN.int],
  ['unsigned', BUILTIN.unsignedInt],
  ['long', BUILTIN.long],
  ['long unsigned', BUILTIN.unsignedLong],
  ['long long', BUILTIN.longLong],
  ['long long unsigned', BUILTIN.unsignedLongLong],
  ['__int128', BUILTIN.int128],
  ['__int128 unsigned', BUILTIN.unsignedInt128],
  ['_Bool', BUILTIN.bool],
  ['float', BUILTIN.float],
  ['double', BUILTIN.double],
  ['double long', BUILTIN.longDouble],
];

/** The builtin type a list of base-type keywords names, or undefined for an invalid combination. */
export function builtinTypeFromKeywords(keywords: readonly string[]): DwarfType | undefined {
  if (keywords.length === 1 && keywords[0] === 'void') return VOID_TYPE;
  let words = [...keywords];
  // "short int", "long int", "unsigned int", "signed char" keep their meaning without the extra word.
  if (words.length > 1 && words.includes('int')) words.splice(words.indexOf('int'), 1);
  const signedIndex = words.indexOf('signed');
  if (signedIndex >= 0 && words.length > 1 && !words.includes('char')) words.splice(signedIndex, 1);
  words = words.sort();
  const key = words.join(' ');
  return KEYWORD_TYPES.find(([spelling]) => spelling.split(' ').sort().join(' ') === key)?.[1];
}
