// WebAssembly translations of the Advanced SIMD structure loads and stores of one element:
// LD1R (load one element and replicate it to every lane: matrix products broadcast an
// element this way) and LD1/ST1 of one lane, with no offset or a post-index by the
// element's size or by X[m]. The fast path is WasmBlockWriter.ramOffset's; the multiple-
// structure forms and LD2-LD4/ST2-ST4 are the JavaScript blocks'. References:
// encodings/loadStore/advancedSimdLoadStoreSingleStructure{,s}.ts.

import { bit, bits } from '../../decoder';
import { sourceSlot } from '../../registerSlots';
import { singleLane } from '../loadStoreShapes';
import type { WasmBlockWriter } from './wasmBlockWriter';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { Code, ValType, i64, integerLanes } from './wasmCode';
import { loadElement, storeElement, writeVector } from './wasmVectorRegisters';

/**
 * An access of `bytes` at X[Rn|SP] on the fast path: `body` with its RAM offset, then the
 * post-index writeback - by `bytes` (Rm = 31) or by X[Rm].
 */
function structureAccess(w: WasmBlockWriter, word: number, bytes: number, store: boolean, postIndexed: boolean, body: (o: Code) => void): void {
  const Rn = bits(word, 5, 5);
  const Rm = bits(word, 16, 5);
  const base = postIndexed ? w.let(ValType.I64, w.x(Rn)) : w.x(Rn);
  const o = w.ramOffsetFrom(base, 0, bytes, store);
  w.checkFpAccess();
  body(o);
  if (postIndexed) w.setX(Rn, i64.add(base, Rm === 31 ? i64.const(bytes) : w.x(sourceSlot(Rm))));
}

/** LD1R {Vt.<T>}: L = 1, R = 0, opcode 110, S = 0; the element in every lane (Q = 0: of the lower half). */
function loadReplicate(w: WasmBlockWriter, word: number, postIndexed: boolean): boolean {
  const size = bits(word, 10, 2);
  structureAccess(w, word, 1 << size, false, postIndexed, (o) => {
    writeVector(w, bit(word, 30), bits(word, 0, 5), integerLanes[size].splat(loadElement(size, o)));
  });
  return true;
}

/** LD1/ST1 {Vt.<T>}[index] (R = 0): one element, the other lanes kept. */
function singleStructure(postIndexed: boolean): WasmTranslator {
  return (w, word) => {
    const load = bit(word, 22) === 1;
    if (bit(word, 21) === 1) return false; // LD2/ST2, LD4/ST4 (single structure), LD2R, LD4R
    if (load && bits(word, 13, 3) === 0b110 && bit(word, 12) === 0) return loadReplicate(w, word, postIndexed);
    const lane = singleLane(word);
    if (lane === undefined) return false;
    const { scale, index } = lane;
    structureAccess(w, word, 1 << scale, !load, postIndexed, (o) => {
      const [v, at] = w.vector(bits(word, 0, 5));
      const elementAt = at + (index << scale);
      if (load) w.emit(storeElement(scale, v, loadElement(scale, o), elementAt));
      else w.emit(storeElement(scale, o, loadElement(scale, v, elementAt)));
    });
    return true;
  };
}

export const WASM_STRUCTURE_LOAD_TRANSLATORS: Record<string, WasmTranslator> = {
  LD1_ST1_single: singleStructure(false),
  LD1_ST1_single_post: singleStructure(true),
};
