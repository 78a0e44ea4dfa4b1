// Inline translations of the general-purpose loads and stores: LDR/STR (unsigned offset,
// unscaled, pre/post-index, register offset, literal) of every size and sign, and
// LDP/STP/LDPSW/LDNP/STNP. The fast path tests that the whole access lies in RAM (and,
// for a store, that no page it touches holds decoded code) and then reads or writes the
// RAM DataView `dv` directly; anything else - MMIO, aborts, stores into code - leaves
// the block so that the interpreter, the reference, runs the instruction.

import { bit, bits, sbits } from '../decoder';
import { destinationSlot, sourceSlot } from '../registerSlots';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';
import { addImmediate64 } from './splitArithmetic';
import { Halves } from './split64';

/** A general-purpose transfer selected by size:opc. */
interface Transfer {
  readonly load: boolean;
  readonly bytes: 1 | 2 | 4 | 8;
  /** Sign-extending load. */
  readonly signed: boolean;
  /** The loaded value fills the X register (else a W register, upper half zero). */
  readonly toX: boolean;
}

function transfer(load: boolean, bytes: 1 | 2 | 4 | 8, signed = false, toX = bytes === 8): Transfer {
  return { load, bytes, signed, toX };
}

/** Indexed by size:opc; undefined for PRFM and unallocated combinations. */
const TRANSFERS: (Transfer | undefined)[] = [
  transfer(false, 1), transfer(true, 1), transfer(true, 1, true, true), transfer(true, 1, true, false),
  transfer(false, 2), transfer(true, 2), transfer(true, 2, true, true), transfer(true, 2, true, false),
  transfer(false, 4), transfer(true, 4), transfer(true, 4, true, true), undefined,
  transfer(false, 8), transfer(true, 8), undefined, undefined,
];

const SCALE = { 1: 0, 2: 1, 4: 2, 8: 3 } as const;

/** Where the access goes: the fast-path test (which sets `o`) and the offset expression. */
interface Address {
  readonly test: string;
  readonly offset: string;
}

/** Address X[n] + imm (|imm| < 2^24): in RAM only when bits 63:32 of Xn are zero. */
function immediateAddress(w: BlockWriter, base: Halves, imm: number, bytes: number, store: boolean): Address {
  const test = `${base.hi} === 0 && (o = (${base.lo} + ${imm - w.ram.base}) >>> 0) <= ${w.ram.size - bytes}`;
  return { test: store ? `${test} && ${codeFree('o', bytes)}` : test, offset: 'o' };
}

/** Stores into a page holding decoded code must drop that code: they take the slow path. */
function codeFree(offset: string, bytes: number): string {
  return bytes === 1 ? `F[${offset} >>> 12] === 0` : `(F[${offset} >>> 12] | F[(${offset} + ${bytes - 1}) >>> 12]) === 0`;
}

/** The value loaded into v0 (bits 31:0) and v1 (bits 63:32 of a doubleword). */
function loadStatements(t: Transfer, offset: string): string {
  switch (t.bytes) {
    case 1: return `v0 = dv.${t.signed ? 'getInt8' : 'getUint8'}(${offset});`;
    case 2: return `v0 = dv.${t.signed ? 'getInt16' : 'getUint16'}(${offset}, true);`;
    case 4: return `v0 = dv.getInt32(${offset}, true);`;
    default: return `v0 = dv.getInt32(${offset}, true); v1 = dv.getInt32(${offset} + 4, true);`;
  }
}

function loadedValue(t: Transfer, lo = 'v0', hi = 'v1'): Halves {
  if (t.bytes === 8) return { lo, hi };
  if (t.signed && t.toX) return { lo, hi: `(${lo} >> 31)` };
  return { lo, hi: '0' };
}

function storeStatements(t: Transfer, offset: string, value: Halves): string {
  switch (t.bytes) {
    case 1: return `dv.setInt8(${offset}, ${value.lo});`;
    case 2: return `dv.setInt16(${offset}, ${value.lo}, true);`;
    case 4: return `dv.setInt32(${offset}, ${value.lo}, true);`;
    default: return `dv.setInt32(${offset}, ${value.lo}, true); dv.setInt32(${offset} + 4, ${value.hi}, true);`;
  }
}

const enum Indexing { Offset, PreIndex, PostIndex }

/**
 * One single-register transfer at X[n] + imm, with optional writeback of the base.
 * Returns false for SIMD&FP registers (left to the interpreter's executor).
 */
function singleImmediate(w: BlockWriter, word: number, imm: number, indexing: Indexing): boolean {
  if (bit(word, 26) === 1) return false;
  const size = bits(word, 30, 2);
  const opc = bits(word, 22, 2);
  if (size === 3 && opc === 2 && indexing === Indexing.Offset) return true;   // PRFM/PRFUM: no effect
  const t = TRANSFERS[(size << 2) | opc];
  if (t === undefined) return false;
  const Rn = bits(word, 5, 5);   // X[n|SP]
  const Rt = bits(word, 0, 5);
  const base = w.reg(Rn);
  const tSlot = t.load ? destinationSlot(Rt) : sourceSlot(Rt);
  const slow = w.slowPath();
  const address = immediateAddress(w, base, indexing === Indexing.PostIndex ? 0 : imm, t.bytes, !t.load);
  w.emit(`if (${address.test}) {`);
  w.emit(t.load ? loadStatements(t, address.offset) : storeStatements(t, address.offset, w.reg(tSlot)));
  // The written-back address comes from the base as it was before the access (it wins over a loaded Rt == Rn).
  const updatedBase = indexing === Indexing.Offset ? undefined : addImmediate64(w, base, imm);
  if (t.load) w.setReg(tSlot, loadedValue(t));
  if (updatedBase !== undefined) w.setReg(Rn, updatedBase);
  w.emit('} else {');
  w.emitAll(slow);
  w.emit('}');
  return true;
}

const unsignedOffset: Translator = (w, word) => singleImmediate(w, word, bits(word, 10, 12) << bits(word, 30, 2), Indexing.Offset);
const unscaled: Translator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.Offset);
const preIndexed: Translator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.PreIndex);
const postIndexed: Translator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.PostIndex);

/** LDR/STR (register): X[n|SP] + ExtendReg(Rm, option, S ? scale : 0). */
const registerOffset: Translator = (w, word) => {
  if (bit(word, 26) === 1) return false;
  const size = bits(word, 30, 2);
  const opc = bits(word, 22, 2);
  const option = bits(word, 13, 3);
  if (size === 3 && opc === 2) return true;   // PRFM (register)
  const t = TRANSFERS[(size << 2) | opc];
  if (t === undefined) return false;
  const factor = bit(word, 12) === 1 ? 1 << SCALE[t.bytes] : 1;
  const Rt = bits(word, 0, 5);
  const base = w.reg(bits(word, 5, 5));
  const m = w.reg(sourceSlot(bits(word, 16, 5)));
  const tSlot = t.load ? destinationSlot(Rt) : sourceSlot(Rt);
  const slow = w.slowPath();
  // The index as an exact number; a 64-bit index takes the fast path only when it is below 2^32.
  const scaled = (x: string) => (factor === 1 ? x : `${x} * ${factor}`);
  let index: string;
  let indexTest = '';
  switch (option) {
    case 2: index = scaled(`(${m.lo} >>> 0)`); break;              // UXTW
    case 6: index = scaled(m.lo); break;                            // SXTW
    default: index = scaled(`(${m.lo} >>> 0)`); indexTest = ` && ${m.hi} === 0`; break;   // LSL, SXTX
  }
  let test = `${base.hi} === 0${indexTest} && (ad = (${base.lo} >>> 0) + ${index} - ${w.ram.base}) >= 0 && ad <= ${w.ram.size - t.bytes}`;
  if (!t.load) test += ` && ${codeFree('ad', t.bytes)}`;
  w.emit(`if (${test}) {`);
  if (t.load) {
    w.emit(loadStatements(t, 'ad'));
    w.setReg(tSlot, loadedValue(t));
  } else {
    w.emit(storeStatements(t, 'ad', w.reg(tSlot)));
  }
  w.emit('} else {');
  w.emitAll(slow);
  w.emit('}');
  return true;
};

/** LDR (literal): the address is a constant, so a literal in RAM needs no test. */
const literal: Translator = (w, word, pc) => {
  if (bit(word, 26) === 1) return false;
  const opc = bits(word, 30, 2);
  if (opc === 3) return true;   // PRFM (literal)
  const t = opc === 0 ? TRANSFERS[0b1001]! : opc === 1 ? TRANSFERS[0b1101]! : TRANSFERS[0b1010]!;
  const offset = pc + sbits(word, 5, 19) * 4 - w.ram.base;
  if (offset < 0 || offset > w.ram.size - t.bytes) return false;
  w.emit(loadStatements(t, String(offset)));
  w.setReg(destinationSlot(bits(word, 0, 5)), loadedValue(t));
  return true;
};

/** LDP/STP/LDPSW/LDNP/STNP of general-purpose registers. */
function pair(indexing: Indexing, noAllocate = false): Translator {
  return (w, word) => {
    if (bit(word, 26) === 1) return false;
    const opc = bits(word, 30, 2);
    const load = bit(word, 22) === 1;
    let t: Transfer;
    if (opc === 0) t = transfer(load, 4);
    else if (opc === 2) t = transfer(load, 8);
    else if (opc === 1 && load && !noAllocate) t = transfer(true, 4, true, true);   // LDPSW
    else return false;
    const imm = sbits(word, 15, 7) * t.bytes;
    const Rn = bits(word, 5, 5);
    const slot = load ? destinationSlot : sourceSlot;
    const t1 = slot(bits(word, 0, 5));
    const t2 = slot(bits(word, 10, 5));
    const base = w.reg(Rn);
    const slow = w.slowPath();
    const address = immediateAddress(w, base, indexing === Indexing.PostIndex ? 0 : imm, 2 * t.bytes, !load);
    w.emit(`if (${address.test}) {`);
    if (load) {
      // Both elements are read before either register is written; Rt2 is written last.
      if (t.bytes === 8) w.emit('v0 = dv.getInt32(o, true); v1 = dv.getInt32(o + 4, true); v2 = dv.getInt32(o + 8, true); v3 = dv.getInt32(o + 12, true);');
      else w.emit('v0 = dv.getInt32(o, true); v2 = dv.getInt32(o + 4, true);');
    } else {
      w.emit(storeStatements(t, 'o', w.reg(t1)));
      w.emit(storeStatements(t, `o + ${t.bytes}`, w.reg(t2)));
    }
    const updatedBase = indexing === Indexing.Offset ? undefined : addImmediate64(w, base, imm);
    if (load) {
      w.setReg(t1, loadedValue(t, 'v0', 'v1'));
      w.setReg(t2, loadedValue(t, 'v2', 'v3'));
    }
    if (updatedBase !== undefined) w.setReg(Rn, updatedBase);
    w.emit('} else {');
    w.emitAll(slow);
    w.emit('}');
    return true;
  };
}

export const LOAD_STORE_TRANSLATORS: Record<string, Translator> = {
  LDR_STR_unsigned_immediate: unsignedOffset,
  LDUR_STUR_unscaled: unscaled,
  LDR_STR_immediate_pre: preIndexed,
  LDR_STR_immediate_post: postIndexed,
  LDR_STR_register_offset: registerOffset,
  LDR_literal: literal,
  LDP_STP_offset: pair(Indexing.Offset),
  LDP_STP_pre: pair(Indexing.PreIndex),
  LDP_STP_post: pair(Indexing.PostIndex),
  LDNP_STNP: pair(Indexing.Offset, true),
};
