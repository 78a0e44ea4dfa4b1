// WebAssembly translations of Advanced SIMD instructions: "modified immediate" (Arm ARM
// C4.1.95) integer forms - MOVI, MVNI, ORR and BIC (vector, immediate) - with the immediate
// expanded at translation time (AdvSIMDExpandImm, shared with the executor). Compilers
// emit MOVI to zero vector registers before block copies (snprintf's prologue does), so a
// block with one is otherwise left to JavaScript. Reference:
// encodings/simdFp/advancedSimdModifiedImmediate.ts.

import { bit, bits } from '../../decoder';
import { expandSimdImmediate } from '../../encodings/simdFp/advancedSimdModifiedImmediate';
import type { WasmTranslator } from './wasmTranslateDataProcessing';
import { i64 } from './wasmCode';

const modifiedImmediate: WasmTranslator = (w, word) => {
  const q = bit(word, 30);
  const op = bit(word, 29);
  const cmode = bits(word, 12, 4);
  if (bit(word, 11) === 1 || cmode === 0b1111) return false;   // FMOV (vector, immediate): JavaScript blocks
  const imm8 = (bits(word, 16, 3) << 5) | bits(word, 5, 5);
  const pattern = expandSimdImmediate(op, cmode, imm8);
  // The ORR/BIC forms are cmode 0xx1 and 10x1; MVNI is op = 1 in the other cmodes except 1110.
  const orrOrBic = (cmode & 1) === 1 && cmode < 0b1100;
  const inverted = op === 1 && !orrOrBic && cmode !== 0b1110;
  w.checkFpAccess();
  const [v, at] = w.vector(bits(word, 0, 5));
  for (let half = 0; half < 2; half++) {
    const offset = at + 8 * half;
    if (half === 1 && q === 0) {
      w.emit(i64.store(v, i64.const(0), offset));
    } else if (!orrOrBic) {
      w.emit(i64.store(v, i64.const(inverted ? ~pattern : pattern), offset));
    } else {
      const element = i64.load(v, offset);
      w.emit(i64.store(v, op === 1 ? i64.and(element, i64.const(~pattern)) : i64.or(element, i64.const(pattern)), offset));
    }
  }
  return true;
};

export const WASM_ADVANCED_SIMD_TRANSLATORS: Record<string, WasmTranslator> = {
  ASIMD_MODIFIED_IMM: modifiedImmediate,
};
