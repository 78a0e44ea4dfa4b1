// Location lists: .debug_loc (DWARF 2-4) and .debug_loclists (DWARF 5, DW_LLE_*).
// Each entry says where a variable lives while the PC is in [low, high).

import { ByteCursor, DwarfFormatError, hex } from './dwarfReader';
import { ListUnitContext, readTargetAddress } from './rangeLists';

export interface LocationListEntry {
  readonly low: number;
  readonly high: number;
  readonly expression: Uint8Array;
}

export interface LocationList {
  readonly entries: readonly LocationListEntry[];
  /** DW_LLE_default_location: applies where no entry does. */
  readonly defaultExpression?: Uint8Array;
}

const DW_LLE_end_of_list = 0x00;
const DW_LLE_base_addressx = 0x01;
const DW_LLE_startx_endx = 0x02;
const DW_LLE_startx_length = 0x03;
const DW_LLE_offset_pair = 0x04;
const DW_LLE_default_location = 0x05;
const DW_LLE_base_address = 0x06;
const DW_LLE_start_end = 0x07;
const DW_LLE_start_length = 0x08;
/** GCC's location view pairs (-gvariable-location-views=incompat5). */
const DW_LLE_GNU_view_pair = 0x09;

const MAX_ENTRIES = 100_000;

export function readLocationList(
  kind: 'loc' | 'loclists',
  section: Uint8Array | undefined,
  offset: number,
  unit: ListUnitContext,
): LocationList {
  const name = kind === 'loc' ? '.debug_loc' : '.debug_loclists';
  if (!section) throw new DwarfFormatError(`a location list refers to ${name}, which is missing`);
  const cursor = new ByteCursor(section, offset);
  return kind === 'loc' ? readLegacyList(cursor, unit) : readListEntries(cursor, unit);
}

function readLegacyList(cursor: ByteCursor, unit: ListUnitContext): LocationList {
  const entries: LocationListEntry[] = [];
  let base = unit.baseAddress;
  for (let count = 0; count < MAX_ENTRIES; count++) {
    const start = readTargetAddress(cursor, unit.addressSize);
    const end = readTargetAddress(cursor, unit.addressSize);
    if (start.value === 0 && end.value === 0) return { entries };
    if (start.isAllOnes) {
      base = end.value;
      continue;
    }
    const expression = cursor.bytesOf(cursor.u16());
    entries.push({ low: base + start.value, high: base + end.value, expression });
  }
  throw new DwarfFormatError(`location list at ${hex(cursor.position)} has no end`);
}

function readListEntries(cursor: ByteCursor, unit: ListUnitContext): LocationList {
  const entries: LocationListEntry[] = [];
  let defaultExpression: Uint8Array | undefined;
  let base = unit.baseAddress;
  const size = unit.addressSize;
  const expression = () => cursor.bytesOf(cursor.uleb128());
  for (let count = 0; count < MAX_ENTRIES; count++) {
    const kind = cursor.u8();
    switch (kind) {
      case DW_LLE_end_of_list:
        return { entries, defaultExpression };
      case DW_LLE_base_addressx:
        base = unit.addressAtIndex(cursor.uleb128());
        break;
      case DW_LLE_startx_endx: {
        const low = unit.addressAtIndex(cursor.uleb128());
        const high = unit.addressAtIndex(cursor.uleb128());
        entries.push({ low, high, expression: expression() });
        break;
      }
      case DW_LLE_startx_length: {
        const low = unit.addressAtIndex(cursor.uleb128());
        const high = low + cursor.uleb128();
        entries.push({ low, high, expression: expression() });
        break;
      }
      case DW_LLE_offset_pair: {
        const low = base + cursor.uleb128();
        const high = base + cursor.uleb128();
        entries.push({ low, high, expression: expression() });
        break;
      }
      case DW_LLE_default_location:
        defaultExpression = expression();
        break;
      case DW_LLE_base_address:
        base = cursor.address(size);
        break;
      case DW_LLE_start_end: {
        const low = cursor.address(size);
        const high = cursor.address(size);
        entries.push({ low, high, expression: expression() });
        break;
      }
      case DW_LLE_start_length: {
        const low = cursor.address(size);
        const high = low + cursor.uleb128();
        entries.push({ low, high, expression: expression() });
        break;
      }
      case DW_LLE_GNU_view_pair:
        cursor.uleb128();
        cursor.uleb128();
        break;
      default:
        throw new DwarfFormatError(`unknown location list entry kind ${kind} at ${hex(cursor.position - 1)}`);
    }
  }
  throw new DwarfFormatError(`location list at ${hex(cursor.position)} has no end`);
}

/** The expression in force at `pc`, or undefined when the variable has no location there. */
export function expressionAt(list: LocationList, pc: number): Uint8Array | undefined {
  for (const entry of list.entries) {
    if (pc >= entry.low && pc < entry.high) return entry.expression;
  }
  return list.defaultExpression;
}
