// Inline translations of the loads and stores of general-purpose and SIMD&FP registers:
// LDR/STR (unsigned offset, unscaled, pre/post-index, register offset, literal) of every
// size and sign, and LDP/STP/LDPSW/LDNP/STNP. The fast path tests that the whole access lies in RAM (and,
// for a store, that no page it touches holds decoded code) and then reads or writes the
// RAM DataView `dv` directly; anything else - MMIO, aborts, stores into code - leaves
// the block so that the interpreter, the reference, runs the instruction.

import { bit, bits, sbits } from '../decoder';
import { destinationSlot, sourceSlot } from '../registerSlots';
import type { BlockWriter } from './blockWriter';
import type { Translator } from './translateArithmetic';
import { addImmediate64 } from './splitArithmetic';
import { Halves } from './split64';
import { TRANSFERS, Transfer, literalSizeOpc, transfer, transferScale, vectorPairSizeOpc, vectorShape } from './loadStoreShapes';

/** Where the access goes: the fast-path test (which sets `o`) and the offset expression. */
export interface Address {
  readonly test: string;
  readonly offset: string;
}

/** Address X[n] + imm (|imm| < 2^24): in RAM only when bits 63:32 of Xn are zero. */
export function immediateAddress(w: BlockWriter, base: Halves, imm: number, bytes: number, store: boolean): Address {
  const test = `${base.hi} === 0 && (o = (${base.lo} + ${imm - w.ram.base}) >>> 0) <= ${w.ram.size - bytes}`;
  return { test: `${test}${pageTests(w, 'o', bytes, store)}`, offset: 'o' };
}

/** The page tests after the RAM test: stores into code, and any access to a watched page, take the slow path. */
function pageTests(w: BlockWriter, offset: string, bytes: number, store: boolean): string {
  return `${store ? ` && ${codeFree(offset, bytes)}` : ''}${w.ram.watched ? ` && ${unwatched(offset, bytes)}` : ''}`;
}

/** Accesses to a page an enabled watchpoint may cover run in the interpreter, which checks each one. */
function unwatched(offset: string, bytes: number): string {
  return bytes === 1 ? `WP[${offset} >>> 12] === 0` : `(WP[${offset} >>> 12] | WP[(${offset} + ${bytes - 1}) >>> 12]) === 0`;
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

/**
 * One register's side of a single transfer, either a general-purpose register (through the
 * locals) or a SIMD&FP register (through the register-file views).
 */
interface RegisterTransfer {
  readonly load: boolean;
  readonly bytes: number;
  /** Emits the access at RAM offset `offset` (a local or constant known to be in range). */
  transfer(w: BlockWriter, offset: string): void;
}

/** LDR/STR of Xt/Wt by size:opc; undefined for PRFM and unallocated combinations. */
function generalTransfer(size: number, opc: number, Rt: number): RegisterTransfer | undefined {
  const t = TRANSFERS[(size << 2) | opc];
  if (t === undefined) return undefined;
  return {
    load: t.load,
    bytes: t.bytes,
    transfer: (w, offset) => {
      if (!t.load) { w.emit(storeStatements(t, offset, w.reg(sourceSlot(Rt)))); return; }
      w.emit(loadStatements(t, offset));
      w.setReg(destinationSlot(Rt), loadedValue(t));
    },
  };
}

/** LDR/STR of Bt/Ht/St/Dt/Qt by size:opc (opc<1> with size 00 is the 128-bit form). */
function vectorTransfer(size: number, opc: number, Rt: number): RegisterTransfer | undefined {
  const shape = vectorShape(size, opc);
  if (shape === undefined) return undefined;
  const { load, bytes } = shape;
  return {
    load,
    bytes,
    transfer: (w, offset) => {
      w.checkFpAccess();
      w.emit(load ? vectorLoadStatements(bytes, offset, Rt) : vectorStoreStatements(bytes, offset, Rt));
    },
  };
}

/** Reads `bytes` into Vt and zeroes the rest of it (SIMD&FP views VW/VD). */
function vectorLoadStatements(bytes: number, offset: string, Rt: number): string {
  const word = (i: number) => `VW[${4 * Rt + i}]`;
  switch (bytes) {
    case 1: return `${word(0)} = dv.getUint8(${offset}); ${word(1)} = 0; VD[${2 * Rt + 1}] = 0;`;
    case 2: return `${word(0)} = dv.getUint16(${offset}, true); ${word(1)} = 0; VD[${2 * Rt + 1}] = 0;`;
    case 4: return `${word(0)} = dv.getUint32(${offset}, true); ${word(1)} = 0; VD[${2 * Rt + 1}] = 0;`;
    case 8: return `${word(0)} = dv.getUint32(${offset}, true); ${word(1)} = dv.getUint32(${offset} + 4, true); VD[${2 * Rt + 1}] = 0;`;
    default: return [0, 1, 2, 3].map((i) => `${word(i)} = dv.getUint32(${offset} + ${4 * i}, true);`).join(' ');
  }
}

function vectorStoreStatements(bytes: number, offset: string, Rt: number): string {
  const word = (i: number) => `VW[${4 * Rt + i}]`;
  switch (bytes) {
    case 1: return `dv.setUint8(${offset}, ${word(0)});`;
    case 2: return `dv.setUint16(${offset}, ${word(0)}, true);`;
    default: return [0, 1, 2, 3].slice(0, bytes / 4).map((i) => `dv.setUint32(${offset} + ${4 * i}, ${word(i)}, true);`).join(' ');
  }
}

function registerTransfer(word: number, size: number, opc: number): RegisterTransfer | undefined {
  const Rt = bits(word, 0, 5);
  return bit(word, 26) === 1 ? vectorTransfer(size, opc, Rt) : generalTransfer(size, opc, Rt);
}

const enum Indexing { Offset, PreIndex, PostIndex }

/** One single-register transfer at X[n] + imm, with optional writeback of the base. */
function singleImmediate(w: BlockWriter, word: number, imm: number, indexing: Indexing): boolean {
  const size = bits(word, 30, 2);
  const opc = bits(word, 22, 2);
  if (bit(word, 26) === 0 && size === 3 && opc === 2 && indexing === Indexing.Offset) return true;   // PRFM/PRFUM: no effect
  const t = registerTransfer(word, size, opc);
  if (t === undefined) return false;
  const Rn = bits(word, 5, 5);   // X[n|SP]
  const base = w.reg(Rn);
  const slow = w.slowPath();
  const address = immediateAddress(w, base, indexing === Indexing.PostIndex ? 0 : imm, t.bytes, !t.load);
  w.emit(`if (${address.test}) {`);
  // The written-back address comes from the base as it was before the access (it wins over a loaded Rt == Rn).
  const updatedBase = indexing === Indexing.Offset ? undefined : addImmediate64(w, base, imm);
  t.transfer(w, address.offset);
  if (updatedBase !== undefined) w.setReg(Rn, updatedBase);
  w.emit('} else {');
  w.emitAll(slow);
  w.emit('}');
  return true;
}

const unsignedOffset: Translator = (w, word) => singleImmediate(w, word, bits(word, 10, 12) << transferScale(word), Indexing.Offset);
const unscaled: Translator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.Offset);
const preIndexed: Translator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.PreIndex);
const postIndexed: Translator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.PostIndex);

/** LDR/STR (register): X[n|SP] + ExtendReg(Rm, option, S ? scale : 0). */
const registerOffset: Translator = (w, word) => {
  const size = bits(word, 30, 2);
  const opc = bits(word, 22, 2);
  const option = bits(word, 13, 3);
  if (bit(word, 26) === 0 && size === 3 && opc === 2) return true;   // PRFM (register)
  const t = registerTransfer(word, size, opc);
  if (t === undefined) return false;
  const factor = bit(word, 12) === 1 ? 1 << transferScale(word) : 1;
  const base = w.reg(bits(word, 5, 5));
  const m = w.reg(sourceSlot(bits(word, 16, 5)));
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
  test += pageTests(w, 'ad', t.bytes, !t.load);
  w.emit(`if (${test}) {`);
  t.transfer(w, 'ad');
  w.emit('} else {');
  w.emitAll(slow);
  w.emit('}');
  return true;
};

/** LDR (literal): the address is a constant, so a literal in RAM needs no test (but the watched-page one). */
const literal: Translator = (w, word, pc) => {
  const opc = bits(word, 30, 2);
  const vector = bit(word, 26) === 1;
  if (!vector && opc === 3) return true;   // PRFM (literal)
  const sizeOpc = literalSizeOpc(opc, vector);
  const t = sizeOpc === undefined ? undefined : (vector ? vectorTransfer : generalTransfer)(sizeOpc[0], sizeOpc[1], bits(word, 0, 5));
  if (t === undefined) return false;
  const offset = pc + sbits(word, 5, 19) * 4 - w.ram.base;
  if (offset < 0 || offset > w.ram.size - t.bytes) return false;
  if (!w.ram.watched) {
    t.transfer(w, String(offset));
    return true;
  }
  const slow = w.slowPath();
  w.emit(`if (${unwatched(String(offset), t.bytes)}) {`);
  t.transfer(w, String(offset));
  w.emit('} else {');
  w.emitAll(slow);
  w.emit('}');
  return true;
};

/** LDP/STP/LDPSW/LDNP/STNP of general-purpose registers and of S/D/Q registers. */
function pair(indexing: Indexing, noAllocate = false): Translator {
  return (w, word) => (bit(word, 26) === 1 ? vectorPair(w, word, indexing) : generalPair(w, word, indexing, noAllocate));
}

/** LDP/STP/LDNP/STNP of S, D or Q registers (opc 00, 01, 10). */
function vectorPair(w: BlockWriter, word: number, indexing: Indexing): boolean {
  const opc = bits(word, 30, 2);
  const load = bit(word, 22) === 1;
  const Rt = bits(word, 0, 5);
  const Rt2 = bits(word, 10, 5);
  // Loading both elements into one register is CONSTRAINED UNPREDICTABLE: the interpreter decides.
  if (opc === 3 || (load && Rt === Rt2)) return false;
  const [size, sizeOpc] = vectorPairSizeOpc(opc);
  const first = vectorTransfer(size, sizeOpc | (load ? 1 : 0), Rt)!;
  const second = vectorTransfer(size, sizeOpc | (load ? 1 : 0), Rt2)!;
  const bytes = first.bytes;
  const imm = sbits(word, 15, 7) * bytes;
  const Rn = bits(word, 5, 5);
  const base = w.reg(Rn);
  const slow = w.slowPath();
  const address = immediateAddress(w, base, indexing === Indexing.PostIndex ? 0 : imm, 2 * bytes, !load);
  w.emit(`if (${address.test}) {`);
  const updatedBase = indexing === Indexing.Offset ? undefined : addImmediate64(w, base, imm);
  first.transfer(w, 'o');
  second.transfer(w, `o + ${bytes}`);
  if (updatedBase !== undefined) w.setReg(Rn, updatedBase);
  w.emit('} else {');
  w.emitAll(slow);
  w.emit('}');
  return true;
}

/** LDP/STP/LDPSW/LDNP/STNP of general-purpose registers. */
function generalPair(w: BlockWriter, word: number, indexing: Indexing, noAllocate: boolean): boolean {
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
