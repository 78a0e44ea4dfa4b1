// WebAssembly translations of the loads and stores of general-purpose and SIMD&FP
// registers: LDR/STR (unsigned offset, unscaled, pre/post-index, register offset, literal)
// of every size and sign, and LDP/STP/LDPSW/LDNP/STNP. The fast path
// (WasmBlockWriter.ramOffset) tests that the whole access lies in RAM and, for a store,
// that no page it touches holds decoded code; anything else leaves the block so that the
// interpreter runs the instruction. Exclusives, atomics and structure loads are not
// translated here.

import { bit, bits, sbits } from '../../decoder';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import type { WasmBlockWriter } from './wasmBlockWriter';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { Code, ValType, i32, i64 } from './wasmCode';
import { TRANSFERS, Transfer, literalSizeOpc, transfer, transferScale, vectorPairSizeOpc, vectorShape } from '../loadStoreShapes';

/** The value a load gives the register, as an i64. */
function loaded(t: Transfer, o: Code, offset = 0): Code {
  let value: Code;
  switch (t.bytes) {
    case 1: value = t.signed ? i64.load8_s(o, offset) : i64.load8_u(o, offset); break;
    case 2: value = t.signed ? i64.load16_s(o, offset) : i64.load16_u(o, offset); break;
    case 4: value = t.signed ? i64.load32_s(o, offset) : i64.load32_u(o, offset); break;
    default: return i64.load(o, offset);
  }
  // A sign-extended W register: bits 63:32 are zero.
  return t.signed && !t.toX ? i64.and(value, i64.const(0xffffffff)) : value;
}

function stored(t: Transfer, o: Code, value: Code, offset = 0): Code {
  switch (t.bytes) {
    case 1: return i64.store8(o, value, offset);
    case 2: return i64.store16(o, value, offset);
    case 4: return i64.store32(o, value, offset);
    default: return i64.store(o, value, offset);
  }
}

/** One register's side of a transfer, general-purpose or SIMD&FP. */
interface RegisterTransfer {
  readonly load: boolean;
  readonly bytes: number;
  /** Emits the access at RAM offset `o` (+ `offset`), known to be in range. */
  move(w: WasmBlockWriter, o: Code, offset?: number): void;
  /** A general-purpose register's transfer. */
  readonly general?: Transfer;
}

function generalTransfer(t: Transfer, Rt: number): RegisterTransfer {
  return {
    load: t.load,
    bytes: t.bytes,
    general: t,
    move: (w, o, offset = 0) => {
      if (t.load) w.setX(destinationSlot(Rt), loaded(t, o, offset));
      else w.emit(stored(t, o, w.x(sourceSlot(Rt)), offset));
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
    move: (w, o, offset = 0) => {
      w.checkFpAccess();
      const [v, at] = w.vector(Rt);
      if (bytes >= 8) {
        for (let half = 0; half < bytes / 8; half++) {
          w.emit(load ? i64.store(v, i64.load(o, offset + 8 * half), at + 8 * half) : i64.store(o, i64.load(v, at + 8 * half), offset + 8 * half));
        }
        if (load && bytes === 8) w.emit(i64.store(v, i64.const(0), at + 8));
        return;
      }
      if (!load) {
        const element = i32.load(v, at);
        w.emit(bytes === 4 ? i32.store(o, element, offset) : bytes === 2 ? i32.store16(o, element, offset) : i32.store8(o, element, offset));
        return;
      }
      // The element zero-extended to 32 bits, then the rest of the register zeroed.
      const element = bytes === 4 ? i32.load(o, offset) : bytes === 2 ? i32.load16_u(o, offset) : i32.load8_u(o, offset);
      w.emit(i32.store(v, element, at));
      w.emit(i32.store(v, i32.const(0), at + 4));
      w.emit(i64.store(v, i64.const(0), at + 8));
    },
  };
}

/** The transfer of a general-purpose or SIMD&FP register by size:opc; undefined for PRFM and unallocated forms. */
function transferOf(vector: boolean, size: number, opc: number, Rt: number): RegisterTransfer | undefined {
  if (vector) return vectorTransfer(size, opc, Rt);
  const t = TRANSFERS[(size << 2) | opc];
  return t === undefined ? undefined : generalTransfer(t, Rt);
}

/** The transfer of LDR/STR (immediate or register). */
function registerTransfer(word: number): RegisterTransfer | undefined {
  return transferOf(bit(word, 26) === 1, bits(word, 30, 2), bits(word, 22, 2), bits(word, 0, 5));
}

/** Whether the word is PRFM/PRFUM (no effect here). */
function isPrefetch(word: number): boolean {
  return bit(word, 26) === 0 && bits(word, 30, 2) === 3 && bits(word, 22, 2) === 2;
}

const enum Indexing { Offset, PreIndex, PostIndex }

/** One transfer at X[n|SP] + imm, with optional writeback of the base. */
function singleImmediate(w: WasmBlockWriter, word: number, imm: number, indexing: Indexing): boolean {
  if (isPrefetch(word) && indexing === Indexing.Offset) return true;
  const t = registerTransfer(word);
  if (t === undefined) return false;
  const Rn = bits(word, 5, 5);
  // The written-back address comes from the base as it was before the access (it wins over a loaded Rt == Rn).
  const base = indexing === Indexing.Offset ? w.x(Rn) : w.let(ValType.I64, w.x(Rn));
  const o = w.ramOffsetFrom(base, indexing === Indexing.PostIndex ? 0 : imm, t.bytes, !t.load);
  t.move(w, o);
  if (indexing !== Indexing.Offset) w.setX(Rn, i64.add(base, i64.const(imm)));
  return true;
}

const unsignedOffset: WasmTranslator = (w, word) => singleImmediate(w, word, bits(word, 10, 12) << transferScale(word), Indexing.Offset);
const unscaled: WasmTranslator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.Offset);
const preIndexed: WasmTranslator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.PreIndex);
const postIndexed: WasmTranslator = (w, word) => singleImmediate(w, word, sbits(word, 12, 9), Indexing.PostIndex);

/**
 * LDR/STR (register): X[n|SP] + ExtendReg(Rm, option, S ? scale : 0). The fast path takes a
 * base below 2^32 and, for a 64-bit index, a signed index within +/-2^32 (negative indices
 * walk buffers backwards): the sum is then exact and unwrapped, as the interpreter computes it.
 */
const registerOffset: WasmTranslator = (w, word) => {
  const option = bits(word, 13, 3);
  if ((option & 2) === 0) return false;
  if (isPrefetch(word)) return true;
  const t = registerTransfer(word);
  if (t === undefined) return false;
  const shift = bit(word, 12) === 1 ? transferScale(word) : 0;
  const base = w.x(bits(word, 5, 5));
  const m = sourceSlot(bits(word, 16, 5));
  let index: Code;
  let outOfRange = i64.ne(i64.shr_u(base, i64.const(32)), i64.const(0));
  switch (option) {
    case 2: index = i64.extend_i32_u(w.w(m)); break;   // UXTW
    case 6: index = i64.extend_i32_s(w.w(m)); break;   // SXTW
    default:                                           // LSL, SXTX: a signed 64-bit index
      index = w.x(m);
      outOfRange = i32.or(outOfRange, i64.ge_u(i64.add(w.x(m), i64.const(2 ** 32)), i64.const(2 ** 33)));
      break;
  }
  w.slowPathIf(outOfRange);
  const scaled = shift === 0 ? index : i64.shl(index, i64.const(shift));
  const o = w.ramOffset(i64.sub(i64.add(base, scaled), i64.const(w.ram.base)), t.bytes, !t.load);
  t.move(w, o);
  return true;
};

/** LDR (literal) of X, W, LDRSW, S, D and Q: the address is a constant. */
const literal: WasmTranslator = (w, word, pc) => {
  const opc = bits(word, 30, 2);
  const vector = bit(word, 26) === 1;
  if (!vector && opc === 3) return true;   // PRFM (literal)
  const sizeOpc = literalSizeOpc(opc, vector);
  const t = sizeOpc === undefined ? undefined : transferOf(vector, sizeOpc[0], sizeOpc[1], bits(word, 0, 5));
  if (t === undefined) return false;
  const o = w.ramOffset(i64.const(pc + sbits(word, 5, 19) * 4 - w.ram.base), t.bytes, false);
  t.move(w, o);
  return true;
};

/** The two transfers of LDP/STP/LDPSW/LDNP/STNP, or undefined for unallocated and unpredictable forms. */
function pairTransfers(word: number, noAllocate: boolean): [RegisterTransfer, RegisterTransfer] | undefined {
  const opc = bits(word, 30, 2);
  const load = bit(word, 22) === 1;
  const Rt = bits(word, 0, 5);
  const Rt2 = bits(word, 10, 5);
  if (bit(word, 26) === 1) {
    // Loading both elements into one register is CONSTRAINED UNPREDICTABLE: the interpreter decides.
    if (opc === 3 || (load && Rt === Rt2)) return undefined;
    const [size, sizeOpc] = vectorPairSizeOpc(opc);
    return [vectorTransfer(size, sizeOpc | (load ? 1 : 0), Rt)!, vectorTransfer(size, sizeOpc | (load ? 1 : 0), Rt2)!];
  }
  let t: Transfer;
  if (opc === 0) t = transfer(load, 4);
  else if (opc === 2) t = transfer(load, 8);
  else if (opc === 1 && load && !noAllocate) t = transfer(true, 4, true, true);   // LDPSW
  else return undefined;
  return [generalTransfer(t, Rt), generalTransfer(t, Rt2)];
}

/** LDP/STP/LDPSW/LDNP/STNP of general-purpose and S/D/Q registers. */
function pair(indexing: Indexing, noAllocate = false): WasmTranslator {
  return (w, word) => {
    const transfers = pairTransfers(word, noAllocate);
    if (transfers === undefined) return false;
    const [first, second] = transfers;
    const bytes = first.bytes;
    const imm = sbits(word, 15, 7) * bytes;
    const Rn = bits(word, 5, 5);
    const base = indexing === Indexing.Offset ? w.x(Rn) : w.let(ValType.I64, w.x(Rn));
    const o = w.ramOffsetFrom(base, indexing === Indexing.PostIndex ? 0 : imm, 2 * bytes, !first.load);
    const general = first.general;
    if (general !== undefined && general.load) {
      // Both elements are read before either register is written; Rt2 is written last.
      const value1 = w.let(ValType.I64, loaded(general, o));
      const value2 = w.let(ValType.I64, loaded(general, o, bytes));
      w.setX(destinationSlot(bits(word, 0, 5)), value1);
      w.setX(destinationSlot(bits(word, 10, 5)), value2);
    } else {
      first.move(w, o);
      second.move(w, o, bytes);
    }
    if (indexing !== Indexing.Offset) w.setX(Rn, i64.add(base, i64.const(imm)));
    return true;
  };
}

export const WASM_LOAD_STORE_TRANSLATORS: Record<string, WasmTranslator> = {
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
