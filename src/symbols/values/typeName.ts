// C type names as gdb shows them. gcc names base types "short int", "long unsigned
// int", "long long int"; gdb (and clang) call them "short", "unsigned long",
// "long long". Unnamed aggregates read `union {...}`. The value layer shows gdb's
// names everywhere, so both compilers' programs read the same.

import { DwarfType, describeType } from '../dwarfTypes';

const GDB_BASE_NAMES: readonly [RegExp, string][] = [
  [/\blong long unsigned int\b/g, 'unsigned long long'],
  [/\blong long int\b/g, 'long long'],
  [/\blong unsigned int\b/g, 'unsigned long'],
  [/\bshort unsigned int\b/g, 'unsigned short'],
  [/\blong int\b/g, 'long'],
  [/\bshort int\b/g, 'short'],
  [/\b__int128 unsigned\b/g, 'unsigned __int128'],
  // gdb writes an unnamed struct, union or enum as `union {...}`.
  [/\b(struct|union|class|enum) <anonymous>/g, '$1 {...}'],
  // A code symbol without debug information is a type of its own in gdb, not a function type.
  [/<text variable, no debug info> \(\*\)\(\)/g, '<text variable, no debug info> *'],
  [/<text variable, no debug info> \(\)/g, '<text variable, no debug info>'],
];

/** A base type's name in gdb's spelling. */
export function gdbBaseName(name: string): string {
  return GDB_BASE_NAMES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), name);
}

/** The C spelling of a type, with gdb's base type names: `short *`, `unsigned long [3]`. */
export function cTypeName(type: DwarfType): string {
  // Tag and typedef names are single identifiers, so only base type spellings can match.
  return gdbBaseName(describeType(type));
}
