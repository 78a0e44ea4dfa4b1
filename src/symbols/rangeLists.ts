// Address range lists: .debug_ranges (DWARF 2-4: address pairs with base-address
// selection entries) and .debug_rnglists (DWARF 5: DW_RLE_* entries).

import { ByteCursor, DwarfFormatError, hex } from './dwarfReader';

export interface AddressRange {
  readonly low: number;
  /** One past the last address. */
  readonly high: number;
}

/** What a list needs from its unit. */
export interface ListUnitContext {
  readonly addressSize: number;
  /** DW_AT_low_pc of the unit: the initial base address. */
  readonly baseAddress: number;
  addressAtIndex(index: number): number;
}

export interface RangeListLocation {
  readonly kind: 'ranges' | 'rnglists';
  readonly section: Uint8Array | undefined;
  readonly offset: number;
}

const DW_RLE_end_of_list = 0x00;
const DW_RLE_base_addressx = 0x01;
const DW_RLE_startx_endx = 0x02;
const DW_RLE_startx_length = 0x03;
const DW_RLE_offset_pair = 0x04;
const DW_RLE_base_address = 0x05;
const DW_RLE_start_end = 0x06;
const DW_RLE_start_length = 0x07;

/** Bounded so that a corrupt list without an end cannot run away. */
const MAX_ENTRIES = 100_000;

/** Reads an address of the unit's size, telling the all-ones "base address selection" marker apart. */
export function readTargetAddress(cursor: ByteCursor, addressSize: number): { value: number; isAllOnes: boolean } {
  if (addressSize === 8) {
    const big = cursor.u64Big();
    return { value: Number(big), isAllOnes: big === 0xffffffffffffffffn };
  }
  const value = cursor.address(addressSize);
  return { value, isAllOnes: value === 0xffffffff };
}

export function readRangeList(location: RangeListLocation, unit: ListUnitContext): AddressRange[] {
  const sectionName = location.kind === 'ranges' ? '.debug_ranges' : '.debug_rnglists';
  if (!location.section) throw new DwarfFormatError(`a range list refers to ${sectionName}, which is missing`);
  const cursor = new ByteCursor(location.section, location.offset);
  const ranges = location.kind === 'ranges' ? readLegacyRanges(cursor, unit) : readRangeListEntries(cursor, unit);
  // Discarded code keeps ranges starting at 0 (or all-ones) after --gc-sections; callers filter by code address.
  return ranges.filter((range) => range.high > range.low);
}

function readLegacyRanges(cursor: ByteCursor, unit: ListUnitContext): AddressRange[] {
  const ranges: AddressRange[] = [];
  let base = unit.baseAddress;
  for (let count = 0; count < MAX_ENTRIES; count++) {
    const start = readTargetAddress(cursor, unit.addressSize);
    const end = readTargetAddress(cursor, unit.addressSize);
    if (start.value === 0 && end.value === 0) return ranges;
    if (start.isAllOnes) {
      base = end.value;
      continue;
    }
    ranges.push({ low: base + start.value, high: base + end.value });
  }
  throw new DwarfFormatError(`range list at ${hex(cursor.position)} has no end`);
}

function readRangeListEntries(cursor: ByteCursor, unit: ListUnitContext): AddressRange[] {
  const ranges: AddressRange[] = [];
  let base = unit.baseAddress;
  const size = unit.addressSize;
  for (let count = 0; count < MAX_ENTRIES; count++) {
    const kind = cursor.u8();
    switch (kind) {
      case DW_RLE_end_of_list:
        return ranges;
      case DW_RLE_base_addressx:
        base = unit.addressAtIndex(cursor.uleb128());
        break;
      case DW_RLE_startx_endx: {
        const low = unit.addressAtIndex(cursor.uleb128());
        ranges.push({ low, high: unit.addressAtIndex(cursor.uleb128()) });
        break;
      }
      case DW_RLE_startx_length: {
        const low = unit.addressAtIndex(cursor.uleb128());
        ranges.push({ low, high: low + cursor.uleb128() });
        break;
      }
      case DW_RLE_offset_pair: {
        const low = base + cursor.uleb128();
        ranges.push({ low, high: base + cursor.uleb128() });
        break;
      }
      case DW_RLE_base_address:
        base = cursor.address(size);
        break;
      case DW_RLE_start_end: {
        const low = cursor.address(size);
        ranges.push({ low, high: cursor.address(size) });
        break;
      }
      case DW_RLE_start_length: {
        const low = cursor.address(size);
        ranges.push({ low, high: low + cursor.uleb128() });
        break;
      }
      default:
        throw new DwarfFormatError(`unknown range list entry kind ${kind} at ${hex(cursor.position - 1)}`);
    }
  }
  throw new DwarfFormatError(`range list at ${hex(cursor.position)} has no end`);
}
