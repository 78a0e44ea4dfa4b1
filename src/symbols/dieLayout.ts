// The shape of one unit's DIE tree without its attribute values: a single pass over the
// unit's bytes that records, for every DIE, its offset, tag, parent and next sibling in
// typed arrays. Attribute values are skipped by their form sizes (an abbreviation whose
// forms all have fixed sizes is skipped in one step), so the pass allocates nothing per
// DIE. Large programs have hundreds of thousands of DIEs; finding their functions, or
// one DIE by offset, then costs one pass over bytes instead of one object per value.

import type { Abbreviation } from './abbreviations';
import { DwarfFormatError, hex } from './dwarfReader';
import {
  DW_FORM_addrx,
  DW_FORM_block,
  DW_FORM_exprloc,
  DW_FORM_loclistx,
  DW_FORM_ref_udata,
  DW_FORM_rnglistx,
  DW_FORM_sdata,
  DW_FORM_strx,
  DW_FORM_udata,
  FormContext,
  VARIABLE_SIZE,
  fixedFormSize,
  skipFormValue,
  skipLeb128,
  uleb128At,
} from './dwarfForms';

// How a value without a fixed size is stepped over (the negative entries of `sizes`).
const SKIP_LEB128 = -2;
const SKIP_LEB128_LENGTH_AND_BYTES = -3;

/** An abbreviation with what a unit's format makes of its forms: where each value lies and how to step over all of them. */
export interface AbbreviationPlan {
  readonly abbreviation: Abbreviation;
  readonly tag: number;
  readonly hasChildren: boolean;
  readonly forms: readonly number[];
  /** Per attribute: its fixed size, or a negative way to skip it (VARIABLE_SIZE: by skipFormValue). */
  readonly sizes: readonly number[];
  /** Bytes of all values together, or VARIABLE_SIZE when one of them has no fixed size. */
  readonly fixedSize: number;
  /** Per attribute: bytes from the first value to it when every value before it has a fixed size, else VARIABLE_SIZE. */
  readonly valueOffsets: readonly number[];
  /**
   * How to step over all values: pairs (fixed bytes, then the index of an attribute
   * without a fixed size), ending with the fixed bytes after the last such attribute.
   */
  readonly steps: readonly number[];
}

/** The plan of one abbreviation in a unit of the given format. */
export function abbreviationPlan(abbreviation: Abbreviation, context: FormContext): AbbreviationPlan {
  const forms = abbreviation.attributes.map((attribute) => attribute.form);
  const sizes = forms.map((form) => skipKind(form, context));
  const valueOffsets: number[] = [];
  const steps: number[] = [];
  let offset = 0;
  let fixedRun = 0;
  sizes.forEach((size, attribute) => {
    valueOffsets.push(offset);
    offset = offset === VARIABLE_SIZE || size < 0 ? VARIABLE_SIZE : offset + size;
    if (size >= 0) {
      fixedRun += size;
    } else {
      steps.push(fixedRun, attribute);
      fixedRun = 0;
    }
  });
  steps.push(fixedRun);
  return { abbreviation, tag: abbreviation.tag, hasChildren: abbreviation.hasChildren, forms, sizes, fixedSize: offset, valueOffsets, steps };
}

function skipKind(form: number, context: FormContext): number {
  switch (form) {
    case DW_FORM_udata:
    case DW_FORM_sdata:
    case DW_FORM_strx:
    case DW_FORM_addrx:
    case DW_FORM_ref_udata:
    case DW_FORM_loclistx:
    case DW_FORM_rnglistx:
      return SKIP_LEB128;
    case DW_FORM_exprloc:
    case DW_FORM_block:
      return SKIP_LEB128_LENGTH_AND_BYTES;
    default:
      try {
        return fixedFormSize(form, context);
      } catch (error) {
        // An unknown form: skipFormValue reports it if a DIE really uses it.
        if (!(error instanceof DwarfFormatError)) throw error;
        return VARIABLE_SIZE;
      }
  }
}

/**
 * The position after the attribute values `first` to `last - 1` of a DIE whose value
 * `first` starts at `position`. Throws DwarfFormatError when a value runs past `end`.
 */
export function skipValues(bytes: Uint8Array, position: number, end: number, plan: AbbreviationPlan, first: number, last: number, context: FormContext): number {
  const { sizes, forms } = plan;
  for (let i = first; i < last; i++) {
    const size = sizes[i];
    if (size >= 0) {
      position += size;
    } else if (size === SKIP_LEB128) {
      position = skipLeb128(bytes, position, end);
    } else if (size === SKIP_LEB128_LENGTH_AND_BYTES) {
      const lengthEnd = skipLeb128(bytes, position, end);
      position = lengthEnd + uleb128At(bytes, position, lengthEnd);
    } else {
      position = skipFormValue(bytes, position, end, forms[i], context);
    }
  }
  if (position > end) throw new DwarfFormatError(`attribute values run past the end of their unit (${hex(end)})`);
  return position;
}

/** The position after all attribute values of a DIE whose first value starts at `position` (as skipValues, by the plan's steps). */
export function skipAllValues(bytes: Uint8Array, position: number, end: number, plan: AbbreviationPlan, context: FormContext): number {
  const { steps, sizes } = plan;
  let step = 0;
  for (; step + 1 < steps.length; step += 2) {
    position += steps[step];
    const attribute = steps[step + 1];
    const size = sizes[attribute];
    if (size === SKIP_LEB128) {
      position = skipLeb128(bytes, position, end);
    } else if (size === SKIP_LEB128_LENGTH_AND_BYTES) {
      const lengthEnd = skipLeb128(bytes, position, end);
      position = lengthEnd + uleb128At(bytes, position, lengthEnd);
    } else {
      position = skipFormValue(bytes, position, end, plan.forms[attribute], context);
    }
  }
  position += steps[step];
  if (position > end) throw new DwarfFormatError(`attribute values run past the end of their unit (${hex(end)})`);
  return position;
}

/** No DIE: what parent, firstChild and nextSibling return at the ends. */
export const NO_DIE = -1;

export class DieLayout {
  private constructor(
    /** DIEs in .debug_info order (index 0 is the unit DIE). */
    readonly count: number,
    private readonly offsets: Uint32Array,
    private readonly tags: Uint32Array,
    private readonly parents: Int32Array,
    private readonly siblings: Int32Array,
  ) {}

  /**
   * Walks the DIEs of the unit in [start, end) of .debug_info. Throws DwarfFormatError
   * where a DIE cannot be read (unknown abbreviation code or form, a value running past
   * the end), as parsing the whole tree would.
   */
  static scan(info: Uint8Array, start: number, end: number, plans: readonly (AbbreviationPlan | undefined)[], context: FormContext): DieLayout {
    // About one DIE per 8 bytes at most; the four columns share one ArrayBuffer.
    let columns = new LayoutColumns(Math.max(16, (end - start) >> 3));
    let { offsets, tags, parents, siblings } = columns;
    let count = 0;
    // The DIEs whose children are being read, and the last child read of each.
    const openParents: number[] = [];
    const lastChildren: number[] = [];
    let position = start;
    do {
      const offset = position;
      // The abbreviation code (ULEB128, usually one byte).
      let code = 0;
      let multiplier = 1;
      for (let length = 0; ; length++) {
        if (position >= end || length === 10) throw new DwarfFormatError(`DIE at ${hex(offset)} has an unreadable abbreviation code`);
        const byte = info[position++];
        code += (byte & 0x7f) * multiplier;
        if ((byte & 0x80) === 0) break;
        multiplier *= 128;
      }
      if (code === 0) {
        if (count === 0) throw new DwarfFormatError('unit has no entries');
        // A null entry ends a list of siblings.
        openParents.pop();
        lastChildren.pop();
        continue;
      }
      const plan = plans[code];
      if (!plan) throw new DwarfFormatError(`DIE at ${hex(offset)} uses unknown abbreviation code ${code}`);
      if (count === columns.capacity) {
        columns = columns.grown(count);
        ({ offsets, tags, parents, siblings } = columns);
      }
      const index = count++;
      offsets[index] = offset;
      tags[index] = plan.tag;
      siblings[index] = NO_DIE;
      const depth = openParents.length;
      if (depth > 0) {
        parents[index] = openParents[depth - 1];
        const previous = lastChildren[depth - 1];
        if (previous !== NO_DIE) siblings[previous] = index;
        lastChildren[depth - 1] = index;
      } else {
        parents[index] = NO_DIE;
      }
      if (plan.fixedSize !== VARIABLE_SIZE) {
        position += plan.fixedSize;
        if (position > end) throw new DwarfFormatError(`DIE at ${hex(offset)} runs past the end of its unit (${hex(end)})`);
      } else {
        position = skipAllValues(info, position, end, plan, context);
      }
      if (plan.hasChildren) {
        openParents.push(index);
        lastChildren.push(NO_DIE);
      }
    } while (openParents.length > 0 && position < end);
    return new DieLayout(count, offsets, tags, parents, siblings);
  }

  offset(index: number): number {
    return this.offsets[index];
  }

  tag(index: number): number {
    return this.tags[index];
  }

  parent(index: number): number {
    return this.parents[index];
  }

  /** The first child of a DIE, or NO_DIE. Children directly follow their parent. */
  firstChild(index: number): number {
    const next = index + 1;
    return next < this.count && this.parents[next] === index ? next : NO_DIE;
  }

  nextSibling(index: number): number {
    return this.siblings[index];
  }

  /** The index of the DIE at a .debug_info offset, or NO_DIE. */
  indexAt(offset: number): number {
    const offsets = this.offsets;
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const middleOffset = offsets[middle];
      if (middleOffset === offset) return middle;
      if (middleOffset < offset) low = middle + 1;
      else high = middle - 1;
    }
    return NO_DIE;
  }
}

/** The layout's columns in one ArrayBuffer (fewer, larger allocations outside the JavaScript heap). */
class LayoutColumns {
  readonly offsets: Uint32Array;
  readonly tags: Uint32Array;
  readonly parents: Int32Array;
  readonly siblings: Int32Array;

  constructor(readonly capacity: number) {
    const buffer = new ArrayBuffer(capacity * 16);
    this.offsets = new Uint32Array(buffer, 0, capacity);
    this.tags = new Uint32Array(buffer, capacity * 4, capacity);
    this.parents = new Int32Array(buffer, capacity * 8, capacity);
    this.siblings = new Int32Array(buffer, capacity * 12, capacity);
  }

  /** Twice the room, with the first `count` rows copied. */
  grown(count: number): LayoutColumns {
    const larger = new LayoutColumns(this.capacity * 2);
    larger.offsets.set(this.offsets.subarray(0, count));
    larger.tags.set(this.tags.subarray(0, count));
    larger.parents.set(this.parents.subarray(0, count));
    larger.siblings.set(this.siblings.subarray(0, count));
    return larger;
  }
}
