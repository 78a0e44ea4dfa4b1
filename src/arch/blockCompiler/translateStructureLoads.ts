// Inline translations of the Advanced SIMD structure loads and stores that vectorised loops
// use: LD1R (load one element and replicate it to every lane of Vt; matrix products: FMLA
// by a broadcast element), with no offset or a post-index by the element size, and the
// "multiple structures" forms LD1/ST1 of 1-4 registers and LD2/ST2, LD3/ST3, LD4/ST4
// (interleaved data: arrays of structs, complex numbers, pixels), with no offset or a
// post-index, and LD1/ST1 of one lane. The address test and its slow path are
// translateLoadStore.ts's; LD2-LD4/ST2-ST4 of one lane and LD2R-LD4R run their executors. References:
// encodings/loadStore/advancedSimdLoadStore{Single,Multiple}Structure{,s}.ts.

import { bit, bits } from '../decoder';
import { sourceSlot } from '../registerSlots';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';
import { immediateAddress } from './translateLoadStore';
import { add64, addImmediate64 } from './splitArithmetic';
import { singleLane } from './loadStoreShapes';

/** The 32-bit word of a replicated element of 1, 2 or 4 bytes loaded into v0. */
const REPLICATED_WORD = ['(v0 * 16843009)', '(v0 * 65537)', 'v0'];

/**
 * A structure access of `bytes` at X[Rn|SP] on the load/store fast path (the address test is
 * translateLoadStore.ts's): `body` when the test passes, then the post-index writeback - by
 * `bytes` (Rm = 31) or by X[Rm] - else the slow path, before the instruction.
 */
function guardedAccess(w: BlockWriter, word: number, bytes: number, store: boolean, postIndexed: boolean, body: () => void): void {
  const Rn = bits(word, 5, 5);
  const Rm = bits(word, 16, 5);
  const base = w.reg(Rn);
  const slow = w.slowPath();
  const address = immediateAddress(w, base, 0, bytes, store);
  w.emit(`if (${address.test}) {`);
  body();
  if (postIndexed) w.setReg(Rn, Rm === 31 ? addImmediate64(w, base, bytes) : add64(w, base, w.reg(sourceSlot(Rm))));
  w.emit('} else {');
  w.emitAll(slow);
  w.emit('}');
}

/** LD1R {Vt.<T>}, [Xn|SP] (and with `, #bytes` post-index): L = 1, R = 0, opcode 110, S = 0. */
function loadReplicate(postIndexed: boolean): Translator {
  return (w, word) => {
    if (bit(word, 22) !== 1 || bit(word, 21) !== 0 || bits(word, 13, 3) !== 0b110 || bit(word, 12) !== 0) return false;
    if (postIndexed && bits(word, 16, 5) !== 31) return false;
    const q = bit(word, 30);
    const size = bits(word, 10, 2);
    const t = bits(word, 0, 5);
    guardedAccess(w, word, 1 << size, false, postIndexed, () => {
      w.checkFpAccess();
      const words = size === 3
        ? ['v0', 'v1', 'v0', 'v1']
        : Array.from({ length: 4 }, () => REPLICATED_WORD[size]);
      const load = ['v0 = dv.getUint8(o);', 'v0 = dv.getUint16(o, true);', 'v0 = dv.getInt32(o, true);', 'v0 = dv.getInt32(o, true); v1 = dv.getInt32(o + 4, true);'][size];
      const upper = q === 1 ? `VW[${4 * t + 2}] = ${words[2]}; VW[${4 * t + 3}] = ${words[3]};` : `VD[${2 * t + 1}] = 0;`;
      w.emit(`${load} VW[${4 * t}] = ${words[0]}; VW[${4 * t + 1}] = ${words[1]}; ${upper}`);
    });
    return true;
  };
}

/** Registers per structure (the n of LDn/STn) and repetitions (LD1/ST1 of several registers). */
interface MultipleForm {
  readonly selem: number;
  readonly rpt: number;
}

/** By opcode (bits 15:12): 0000 LD4, 0010 LD1 x4, 0100 LD3, 0110 LD1 x3, 0111 LD1 x1, 1000 LD2, 1010 LD1 x2. */
const MULTIPLE_FORMS: (MultipleForm | undefined)[] = [
  { selem: 4, rpt: 1 }, undefined, { selem: 1, rpt: 4 }, undefined,
  { selem: 3, rpt: 1 }, undefined, { selem: 1, rpt: 3 }, { selem: 1, rpt: 1 },
  { selem: 2, rpt: 1 }, undefined, { selem: 1, rpt: 2 }, undefined,
];

/** One byte of a register list: `register` counts from Vt (wrapping is the caller's). */
interface ListByte {
  readonly register: number;
  readonly byte: number;
}

/**
 * Where each byte of the memory block lives in the register list, in memory order: the
 * Arm ARM's loop for r < rpt, for e < elements, for s < selem takes element e of
 * V[t + r + s].
 */
function listLayout(form: MultipleForm, ebytes: number, registerBytes: number): ListByte[] {
  const layout: ListByte[] = [];
  for (let r = 0; r < form.rpt; r++) {
    for (let e = 0; e < registerBytes / ebytes; e++) {
      for (let s = 0; s < form.selem; s++) {
        for (let b = 0; b < ebytes; b++) layout.push({ register: r + s, byte: e * ebytes + b });
      }
    }
  }
  return layout;
}

/** Byte `byte` (0..3) of the 32-bit value `word`. */
interface WordByte {
  readonly word: string;
  readonly byte: number;
}

/**
 * The 32-bit word whose byte p is sources[p]: bytes that come from one word by one shift
 * are moved together, and masked only when the shift keeps other bytes of that word.
 */
function gatherWord(sources: readonly WordByte[]): string {
  const groups = new Map<string, { word: string; shift: number; positions: number[] }>();
  sources.forEach((source, p) => {
    const shift = p - source.byte;
    const key = `${source.word}@${shift}`;
    const group = groups.get(key) ?? { word: source.word, shift, positions: [] };
    group.positions.push(p);
    groups.set(key, group);
  });
  return [...groups.values()].map(({ word, shift, positions }) => {
    const shifted = shift > 0 ? `(${word} << ${8 * shift})` : shift < 0 ? `(${word} >>> ${-8 * shift})` : word;
    const kept = Math.min(4, 4 + shift) - Math.max(0, shift);
    if (positions.length === kept) return shifted;
    const mask = positions.reduce((m, p) => m + 0xff * 2 ** (8 * p), 0);
    return `(${shifted} & 0x${mask.toString(16)})`;
  }).join(' | ');
}

/** LDn/STn (multiple structures) with its fields decoded; undefined for unallocated forms. */
interface MultipleTransfer {
  readonly load: boolean;
  /** Bytes per register: 8 (Q = 0) or 16. */
  readonly registerBytes: number;
  readonly t: number;
  readonly layout: readonly ListByte[];
  readonly registers: number;
}

function multipleTransfer(word: number): MultipleTransfer | undefined {
  const form = MULTIPLE_FORMS[bits(word, 12, 4)];
  const q = bit(word, 30);
  const size = bits(word, 10, 2);
  if (form === undefined || (size === 3 && q === 0 && form.selem !== 1)) return undefined;   // .1d: LD1/ST1 only
  const registerBytes = q === 1 ? 16 : 8;
  return {
    load: bit(word, 22) === 1,
    registerBytes,
    t: bits(word, 0, 5),
    layout: listLayout(form, 1 << size, registerBytes),
    registers: form.rpt * form.selem,
  };
}

const vectorWord = (m: MultipleTransfer, register: number, word: number) => `VW[${4 * ((m.t + register) % 32) + word}]`;

/** Reads the block into block-scoped words mw0.. before any register is written, then fills the list. */
function emitMultipleLoad(w: BlockWriter, m: MultipleTransfer): void {
  const memoryWords = m.layout.length / 4;
  w.emit(`const ${Array.from({ length: memoryWords }, (_, i) => `mw${i} = dv.getInt32(o + ${4 * i}, true)`).join(', ')};`);
  const sourceOf = new Map<string, WordByte>();
  m.layout.forEach((at, i) => sourceOf.set(`${at.register}:${at.byte}`, { word: `mw${i >> 2}`, byte: i & 3 }));
  for (let r = 0; r < m.registers; r++) {
    const words = [];
    for (let k = 0; k < m.registerBytes / 4; k++) {
      const sources = [0, 1, 2, 3].map((p) => sourceOf.get(`${r}:${4 * k + p}`)!);
      words.push(`${vectorWord(m, r, k)} = ${gatherWord(sources)};`);
    }
    if (m.registerBytes === 8) words.push(`VD[${2 * ((m.t + r) % 32) + 1}] = 0;`);
    w.emit(words.join(' '));
  }
}

function emitMultipleStore(w: BlockWriter, m: MultipleTransfer): void {
  for (let i = 0; i < m.layout.length / 4; i++) {
    const sources = m.layout.slice(4 * i, 4 * i + 4).map((at) => ({ word: vectorWord(m, at.register, at.byte >> 2), byte: at.byte & 3 }));
    w.emit(`dv.setInt32(o + ${4 * i}, ${gatherWord(sources)}, true);`);
  }
}

/**
 * LD1-LD4/ST1-ST4 (multiple structures) at X[n|SP]; post-indexed by the block's size
 * (Rm = 31) or by X[m], written back after the access.
 */
function multipleStructures(postIndexed: boolean): Translator {
  return (w, word) => {
    const m = multipleTransfer(word);
    if (m === undefined) return false;
    guardedAccess(w, word, m.layout.length, !m.load, postIndexed, () => {
      w.checkFpAccess();
      if (m.load) emitMultipleLoad(w, m);
      else emitMultipleStore(w, m);
    });
    return true;
  };
}

/** The lane's element in the views VB/VH/VW (a doubleword as two words). */
function laneStatements(load: boolean, scale: number, t: number, index: number): string {
  if (scale === 3) {
    const [lo, hi] = [`VW[${4 * t + 2 * index}]`, `VW[${4 * t + 2 * index + 1}]`];
    return load ? `${lo} = dv.getInt32(o, true); ${hi} = dv.getInt32(o + 4, true);` : `dv.setInt32(o, ${lo}, true); dv.setInt32(o + 4, ${hi}, true);`;
  }
  const lane = `${['VB', 'VH', 'VW'][scale]}[${(16 >> scale) * t + index}]`;
  const [get, set] = [['getUint8(o)', 'setUint8(o, '], ['getUint16(o, true)', 'setUint16(o, '], ['getInt32(o, true)', 'setInt32(o, ']][scale];
  return load ? `${lane} = dv.${get};` : `dv.${set}${lane}${scale === 0 ? '' : ', true'});`;
}

/** LD1/ST1 {Vt.<T>}[index] (single structure, R = 0): one element, the other lanes kept; post-index by its size or by X[m]. */
function singleStructure(postIndexed: boolean): Translator {
  return (w, word) => {
    const lane = bit(word, 21) === 0 ? singleLane(word) : undefined;
    if (lane === undefined) return false;
    const load = bit(word, 22) === 1;
    guardedAccess(w, word, 1 << lane.scale, !load, postIndexed, () => {
      w.useLaneViews();
      w.emit(laneStatements(load, lane.scale, bits(word, 0, 5), lane.index));
    });
    return true;
  };
}

/** LD1R; translators.ts tries these before STRUCTURE_LOAD_TRANSLATORS, which share its encodings. */
export const REPLICATE_LOAD_TRANSLATORS: Readonly<Record<string, Translator>> = {
  LD1_ST1_single: loadReplicate(false),
  LD1_ST1_single_post: loadReplicate(true),
};

export const STRUCTURE_LOAD_TRANSLATORS: Readonly<Record<string, Translator>> = {
  LD1_ST1_single: singleStructure(false),
  LD1_ST1_single_post: singleStructure(true),
  LD1_ST1_multiple: multipleStructures(false),
  LD1_ST1_multiple_post: multipleStructures(true),
};
