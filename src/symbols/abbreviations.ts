// Abbreviation tables (.debug_abbrev, DWARF 5 section 7.5.3): each DIE starts with an
// abbreviation code that gives its tag, whether it has children, and the
// (attribute, form) list of its attributes.

import { ByteCursor, DwarfFormatError, hex } from './dwarfReader';
import { DW_FORM_implicit_const } from './dwarfForms';

export interface AbbreviationAttribute {
  readonly name: number;
  readonly form: number;
  /** The value of a DW_FORM_implicit_const attribute, stored in the abbreviation itself. */
  readonly implicitConst: number;
}

export interface Abbreviation {
  readonly code: number;
  readonly tag: number;
  readonly hasChildren: boolean;
  readonly attributes: readonly AbbreviationAttribute[];
  /** The attributes' names in order, shared by every DIE of this abbreviation (one array, not one per DIE). */
  readonly attributeNames: readonly number[];
}

/** Reads the abbreviation table at `offset` of .debug_abbrev. */
export function parseAbbreviationTable(section: Uint8Array, offset: number): Map<number, Abbreviation> {
  if (offset >= section.length) throw new DwarfFormatError(`abbreviation table offset ${hex(offset)} lies outside .debug_abbrev`);
  const cursor = new ByteCursor(section, offset);
  const table = new Map<number, Abbreviation>();
  for (;;) {
    const code = cursor.uleb128();
    if (code === 0) break;
    const tag = cursor.uleb128();
    const hasChildren = cursor.u8() !== 0;
    const attributes: AbbreviationAttribute[] = [];
    for (;;) {
      const name = cursor.uleb128();
      const form = cursor.uleb128();
      if (name === 0 && form === 0) break;
      const implicitConst = form === DW_FORM_implicit_const ? cursor.sleb128() : 0;
      attributes.push({ name, form, implicitConst });
    }
    table.set(code, { code, tag, hasChildren, attributes, attributeNames: attributes.map((attribute) => attribute.name) });
  }
  return table;
}
