// The program's DWARF types as console types: structs and unions with their members,
// arrays, enums, floating point, typedef names; and the lookup of type names
// (`struct point`, `counter_t`) for casts and sizeof.

import type { DwarfType } from '../../symbols/dwarfTypes';
import { stripTypedefs } from '../../symbols/dwarfTypes';
import { CType, FUNCTION, VOID, pointerTo } from './cTypes';

export class ProgramTypes {
  private readonly converted = new Map<DwarfType, CType>();

  /**
   * @param named the program's named types: `struct point`, `union u`, `enum colour`,
   *   typedef and base type names, each to its DWARF type.
   */
  constructor(private readonly named: ReadonlyMap<string, DwarfType> = new Map()) {}

  /** Whether a word can start or continue one of the program's type names. */
  isTypeWord(word: string): boolean {
    return word === 'struct' || word === 'union' || word === 'enum' || this.named.has(word);
  }

  /** A type by its words (`['struct', 'point']`, `['counter_t']`). */
  lookup(words: string[]): CType | undefined {
    const type = this.named.get(words.filter(w => w !== 'const' && w !== 'volatile').join(' '));
    return type ? this.toC(type) : undefined;
  }

  toC(type: DwarfType): CType {
    const cached = this.converted.get(type);
    if (cached) return cached;
    const result = this.convert(type);
    this.converted.set(type, result);
    return result;
  }

  private convert(type: DwarfType): CType {
    switch (type.kind) {
      case 'void': return VOID;
      case 'typedef': case 'qualified': return this.toC(type.target);
      case 'base':
        if (type.encoding === 'float') return { kind: 'float', name: type.name, size: type.byteSize, dwarf: type };
        return {
          kind: 'integer', name: type.name, size: type.byteSize,
          signed: type.encoding === 'signed' || type.encoding === 'signedChar', dwarf: type,
        };
      case 'enum': {
        const underlying = type.underlying ? stripTypedefs(type.underlying) : undefined;
        const signed = underlying?.kind === 'base' ? underlying.encoding === 'signed' : type.enumerators.some(e => e.value < 0);
        return { kind: 'integer', name: `enum ${type.name ?? '<anonymous>'}`, size: type.byteSize ?? 4, signed, dwarf: type };
      }
      case 'pointer': case 'reference': case 'rvalueReference': {
        // The target converts lazily: a struct may point to itself.
        const pointer = pointerTo(VOID);
        pointer.dwarf = type;
        this.converted.set(type, pointer);
        pointer.target = this.toC(type.target);
        return pointer;
      }
      case 'array': {
        const [length, ...inner] = type.dimensions;
        const element = inner.length > 0 ? this.toC({ ...type, dimensions: inner }) : this.toC(type.element);
        return { kind: 'array', element, length, dwarf: type };
      }
      case 'struct': case 'union': case 'class': {
        let members: ReturnType<Extract<CType, { kind: 'record' }>['members']> | undefined;
        return {
          kind: 'record', name: `${type.kind} ${type.name ?? '<anonymous>'}`, size: type.byteSize ?? 0, dwarf: type,
          members: () => (members ??= type.members.map(m => ({
            name: m.name ?? '', offset: m.offset, type: this.toC(m.type), bitSize: m.bitSize, bitOffset: m.bitOffset,
          }))),
        };
      }
      case 'function': return FUNCTION;
      default: return VOID;
    }
  }
}
