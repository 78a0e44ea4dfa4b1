// Inline translation of LD1R (load one element and replicate it to every lane of Vt), with
// no offset or a post-index by the element size: vectorised loops load a scalar operand
// this way (matrix products: FMLA by a broadcast element). The address test and its slow
// path are translateLoadStore.ts's; the other structure loads and stores run their
// executors. Reference: encodings/loadStore/advancedSimdLoadStoreSingleStructure.ts.

import { bit, bits } from '../decoder';
import type { Translator } from './translateArithmetic';
import { immediateAddress } from './translateLoadStore';
import { addImmediate64 } from './splitArithmetic';

/** The 32-bit word of a replicated element of 1, 2 or 4 bytes loaded into v0. */
const REPLICATED_WORD = ['(v0 * 16843009)', '(v0 * 65537)', 'v0'];

/** LD1R {Vt.<T>}, [Xn|SP] (and with `, #bytes` post-index): L = 1, R = 0, opcode 110, S = 0. */
function loadReplicate(postIndexed: boolean): Translator {
  return (w, word) => {
    if (bit(word, 22) !== 1 || bit(word, 21) !== 0 || bits(word, 13, 3) !== 0b110 || bit(word, 12) !== 0) return false;
    if (postIndexed && bits(word, 16, 5) !== 31) return false;
    const q = bit(word, 30);
    const size = bits(word, 10, 2);
    const Rn = bits(word, 5, 5);
    const t = bits(word, 0, 5);
    const bytes = 1 << size;
    const base = w.reg(Rn);
    const slow = w.slowPath();
    const address = immediateAddress(w, base, 0, bytes, false);
    w.emit(`if (${address.test}) {`);
    w.checkFpAccess();
    const words = size === 3
      ? ['v0', 'v1', 'v0', 'v1']
      : Array.from({ length: 4 }, () => REPLICATED_WORD[size]);
    const load = ['v0 = dv.getUint8(o);', 'v0 = dv.getUint16(o, true);', 'v0 = dv.getInt32(o, true);', 'v0 = dv.getInt32(o, true); v1 = dv.getInt32(o + 4, true);'][size];
    const upper = q === 1 ? `VW[${4 * t + 2}] = ${words[2]}; VW[${4 * t + 3}] = ${words[3]};` : `VD[${2 * t + 1}] = 0;`;
    w.emit(`${load} VW[${4 * t}] = ${words[0]}; VW[${4 * t + 1}] = ${words[1]}; ${upper}`);
    if (postIndexed) w.setReg(Rn, addImmediate64(w, base, bytes));
    w.emit('} else {');
    w.emitAll(slow);
    w.emit('}');
    return true;
  };
}

export const STRUCTURE_LOAD_TRANSLATORS: Readonly<Record<string, Translator>> = {
  LD1_ST1_single: loadReplicate(false),
  LD1_ST1_single_post: loadReplicate(true),
};
