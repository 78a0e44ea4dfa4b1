// The program's named types and enumerators, for expressions: `(struct node *)p`,
// `(uint32_t)x`, `sizeof(struct record)`, `RED`. Built on first use by walking every
// unit's DIE tree once; lookups prefer the unit of the current frame, then complete
// definitions over declarations.

import type { CompilationUnit, DebugInfoEntry } from '../debugInfoEntries';
import {
  DW_AT_const_value,
  DW_AT_declaration,
  DW_AT_language,
  DW_AT_prototyped,
  DW_AT_type,
  DW_TAG_base_type,
  DW_TAG_enumeration_type,
  DW_TAG_enumerator,
  DW_TAG_formal_parameter,
  DW_TAG_structure_type,
  DW_TAG_typedef,
  DW_TAG_union_type,
  DW_TAG_unspecified_parameters,
  DW_TAG_unspecified_type,
} from '../dwarfConstants';
import { VOID_TYPE } from './builtinTypes';
import type { DebugInfo } from '../debugInfo';
import type { DwarfType } from '../dwarfTypes';

export type TypeNamespace = 'typedef' | 'struct' | 'union' | 'enum' | 'base';

export interface EnumeratorEntry {
  readonly name: string;
  readonly value: bigint;
  /** The DW_TAG_enumeration_type DIE. */
  readonly enumeration: DebugInfoEntry;
}

const TAG_NAMESPACES: Record<number, TypeNamespace> = {
  [DW_TAG_typedef]: 'typedef',
  [DW_TAG_structure_type]: 'struct',
  [DW_TAG_union_type]: 'union',
  [DW_TAG_enumeration_type]: 'enum',
  [DW_TAG_base_type]: 'base',
};

export class TypeIndex {
  private types: Map<string, DebugInfoEntry[]> | undefined;
  private enumerators: Map<string, EnumeratorEntry[]> | undefined;

  constructor(private readonly debugInfo: DebugInfo) {}

  /** A named type: `lookup('struct', 'node')`, `lookup('typedef', 'uint32_t')`. */
  lookup(namespace: TypeNamespace, name: string, preferredUnit?: CompilationUnit): DwarfType | undefined {
    this.build();
    const candidates = this.types!.get(`${namespace} ${name}`);
    if (!candidates || candidates.length === 0) return undefined;
    const rank = (die: DebugInfoEntry) => (die.unit === preferredUnit ? 0 : 2) + (die.flag(DW_AT_declaration) ? 1 : 0);
    const best = [...candidates].sort((a, b) => rank(a) - rank(b))[0];
    return this.debugInfo.types.resolve(best);
  }

  hasTypedef(name: string): boolean {
    this.build();
    return this.types!.has(`typedef ${name}`);
  }

  enumerator(name: string, preferredUnit?: CompilationUnit): { type: DwarfType; value: bigint } | undefined {
    this.build();
    const candidates = this.enumerators!.get(name);
    if (!candidates || candidates.length === 0) return undefined;
    const best = candidates.find((candidate) => candidate.enumeration.unit === preferredUnit) ?? candidates[0];
    return { type: this.debugInfo.types.resolve(best.enumeration), value: best.value };
  }

  /** The C type of a function from its DW_TAG_subprogram DIE: `int (int)`. */
  functionType(die: DebugInfoEntry): DwarfType {
    const types = this.debugInfo.types;
    const declaration = die.followOrigins((origin) => (origin.children.some((child) => child.tag === DW_TAG_formal_parameter) || origin.has(DW_AT_prototyped) ? origin : undefined)) ?? die;
    const returnOwner = die.followOrigins((origin) => (origin.reference(DW_AT_type) ? origin : undefined)) ?? die;
    const returnType = types.typeOf(returnOwner);
    return {
      kind: 'function',
      // Assemblers describe a function's result as DW_TAG_unspecified_type; gdb calls that void.
      returnType: returnType.kind === 'unknown' && returnType.tag === DW_TAG_unspecified_type ? VOID_TYPE : returnType,
      parameters: declaration.children.filter((child) => child.tag === DW_TAG_formal_parameter).map((child) => {
        const typed = child.followOrigins((origin) => (origin.reference(DW_AT_type) ? origin : undefined)) ?? child;
        return types.typeOf(typed);
      }),
      variadic: declaration.children.some((child) => child.tag === DW_TAG_unspecified_parameters),
      prototyped: declaration.flag(DW_AT_prototyped) || !isCLanguage(die),
      dieOffset: die.offset,
    };
  }

  private build(): void {
    if (this.types) return;
    const types = new Map<string, DebugInfoEntry[]>();
    const enumerators = new Map<string, EnumeratorEntry[]>();
    const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    const visit = (die: DebugInfoEntry) => {
      for (const child of die.children) {
        const namespace = TAG_NAMESPACES[child.tag];
        if (namespace) {
          const name = child.name();
          if (name) add(types, `${namespace} ${name}`, child);
        }
        if (child.tag === DW_TAG_enumeration_type) {
          for (const enumerator of child.children) {
            const name = enumerator.tag === DW_TAG_enumerator ? enumerator.name() : undefined;
            const raw = enumerator.raw(DW_AT_const_value);
            if (!name || raw?.kind !== 'constant') continue;
            add(enumerators, name, { name, value: raw.big ?? BigInt(raw.value), enumeration: child });
          }
        }
        if (child.children.length > 0) visit(child);
      }
    };
    for (const unit of this.debugInfo.reader.units) {
      const root = unit.root();
      if (root) visit(root);
    }
    this.types = types;
    this.enumerators = enumerators;
  }
}

/** DW_AT_language values of C (C89, C, C99, C11, C17): only C functions without DW_AT_prototyped are K&R style. */
const C_LANGUAGES = new Set([0x0001, 0x0002, 0x000c, 0x001d, 0x002c]);

function isCLanguage(die: DebugInfoEntry): boolean {
  const language = die.unit.unitEntry()?.constant(DW_AT_language);
  return language === undefined || C_LANGUAGES.has(language);
}
