// Inline translations of the logical (immediate and shifted register) groups, the
// bitfield group (SBFM/UBFM: LSL/LSR/ASR immediate, SXTW, UBFX, ...; BFM: BFI, BFXIL) and
// the variable shifts LSLV/LSRV/ASRV/RORV.

import { bit, bits } from '../decoder';
import { decodeBitMasks, decodeLogicalImmediate } from '../encodings/integer/bitMasks';
import { destinationSlot, sourceSlot } from '../registerSlots';
import type { Translator } from './translateArithmetic';
import { FlagOp } from './lazyFlags';
import {
  Halves, constantHalves, shiftLeft32, shiftLeft64, shiftRegister32, shiftRegister64, shiftRightArithmetic32,
  rotateRight32, rotateRight64, shiftRightArithmetic64, shiftRightLogical32, shiftRightLogical64,
} from './split64';

/** opc of the logical groups: AND, ORR, EOR, ANDS. */
const OPERATORS = ['&', '|', '^', '&'];

function logical(w: Parameters<Translator>[0], opc: number, wide: boolean, d: number, n: Halves, operand2: Halves): void {
  const op = OPERATORS[opc];
  if (opc === 3) {
    // ANDS/BICS/TST: N and Z from the result, C = V = 0.
    w.emit(wide ? `fa = ${n.lo} & ${operand2.lo}; fah = ${n.hi} & ${operand2.hi};` : `fa = ${n.lo} & ${operand2.lo};`);
    w.setPendingFlags(FlagOp.Logic, wide);
    w.setReg(d, wide ? { lo: 'fa', hi: 'fah' } : { lo: 'fa', hi: '0' });
    return;
  }
  // ORR with XZR is MOV (MVN with the N bit).
  const combine = (a: string, b: string) => (a === '0' && op !== '&' ? b : `(${a} ${op} ${b})`);
  w.setReg(d, { lo: combine(n.lo, operand2.lo), hi: wide ? combine(n.hi, operand2.hi) : '0' });
}

const translateLogicalShifted: Translator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const opc = bits(word, 29, 2);
  const invert = bit(word, 21) === 1;
  const shift = bits(word, 22, 2);
  const amount = bits(word, 10, 6);
  const n = w.reg(sourceSlot(bits(word, 5, 5)));
  const m = w.reg(sourceSlot(bits(word, 16, 5)));
  let operand2: Halves = wide ? shiftRegister64(m, shift, amount) : { lo: shiftRegister32(m.lo, shift, amount), hi: '0' };
  if (invert) operand2 = { lo: `~${operand2.lo}`, hi: wide ? `~${operand2.hi}` : '0' };
  logical(w, opc, wide, destinationSlot(bits(word, 0, 5)), n, operand2);
  return true;
};

const translateLogicalImmediate: Translator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const opc = bits(word, 29, 2);
  const imm = decodeLogicalImmediate(bit(word, 22), bits(word, 10, 6), bits(word, 16, 6), wide ? 64 : 32);
  if (imm === undefined) return false;
  const n = w.reg(sourceSlot(bits(word, 5, 5)));
  const Rd = bits(word, 0, 5);
  // AND/ORR/EOR write X[d|SP]; ANDS writes X[d].
  const d = opc === 3 ? destinationSlot(Rd) : Rd;
  const value = constantHalves(imm);
  logical(w, opc, wide, d, n, wide ? value : { lo: value.lo, hi: '0' });
  return true;
};

/**
 * SBFM/UBFM as two shifts: bit <imms> to the top (left by width-1-imms), then right
 * (arithmetic for SBFM) so that the field lands where the pseudocode puts it.
 */
function bitfield(signed: boolean): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const immr = bits(word, 16, 6);
    const imms = bits(word, 10, 6);
    const top = wide ? 63 : 31;
    const left = top - imms;
    const right = imms >= immr ? left + immr : immr - imms - 1;
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const d = destinationSlot(bits(word, 0, 5));
    if (!wide) {
      const shifted = shiftLeft32(n.lo, left);
      w.setReg32(d, signed ? shiftRightArithmetic32(shifted, right) : shiftRightLogical32(shifted, right));
      return true;
    }
    const shifted = shiftLeft64(n, left);
    if (shifted !== n) {
      w.emit(`t0 = ${shifted.lo}; t1 = ${shifted.hi};`);
    }
    const source = shifted === n ? n : { lo: 't0', hi: 't1' };
    w.setReg(d, signed ? shiftRightArithmetic64(source, right) : shiftRightLogical64(source, right));
    return true;
  };
}

/**
 * BFM (BFI, BFXIL): as the pseudocode, with wmask and tmask known when translating:
 * bot = (Xd AND NOT wmask) OR (ROR(Xn, immr) AND wmask); Xd = (Xd AND NOT tmask) OR (bot AND tmask).
 */
const bitfieldMove: Translator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const immr = bits(word, 16, 6);
  const masks = decodeBitMasks(bit(word, 22), bits(word, 10, 6), immr, false, wide ? 64 : 32);
  if (masks === undefined) return false;
  const n = w.reg(sourceSlot(bits(word, 5, 5)));
  const d = destinationSlot(bits(word, 0, 5));
  const dst = w.reg(sourceSlot(bits(word, 0, 5)));
  const wmask = constantHalves(masks.wmask);
  const tmask = constantHalves(masks.tmask);
  const rotated = wide ? rotateRight64(n, immr) : { lo: rotateRight32(n.lo, immr), hi: '0' };
  const merge = (d: string, src: string, wm: string, tm: string) => `((${d} & ~${tm}) | (((${d} & ~${wm}) | (${src} & ${wm})) & ${tm}))`;
  w.setReg(d, { lo: merge(dst.lo, rotated.lo, wmask.lo, tmask.lo), hi: wide ? merge(dst.hi, rotated.hi, wmask.hi, tmask.hi) : '0' });
  return true;
};

/** LSLV/LSRV/ASRV/RORV: the amount is Rm modulo the data size. */
function variableShift(type: number): Translator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const n = w.reg(sourceSlot(bits(word, 5, 5)));
    const m = w.reg(sourceSlot(bits(word, 16, 5)));
    const d = destinationSlot(bits(word, 0, 5));
    if (!wide) {
      // JavaScript shifts take the count modulo 32, like the architecture.
      switch (type) {
        case 0: w.setReg32(d, `(${n.lo} << ${m.lo})`); return true;
        case 1: w.setReg32(d, `((${n.lo} >>> ${m.lo}) | 0)`); return true;
        case 2: w.setReg32(d, `(${n.lo} >> ${m.lo})`); return true;
        default: w.setReg32(d, `((${n.lo} >>> ${m.lo}) | (${n.lo} << (32 - (${m.lo} & 31))))`); return true;
      }
    }
    // Three cases on the amount s = Xm & 63: zero, below 32, 32 and above.
    w.emit(`t0 = ${m.lo} & 63;`);
    switch (type) {
      case 0:
        w.emit(`if (t0 === 0) { t2 = ${n.lo}; t3 = ${n.hi}; } else if (t0 < 32) { t2 = ${n.lo} << t0; t3 = (${n.hi} << t0) | (${n.lo} >>> (32 - t0)); } ` +
          `else { t2 = 0; t3 = ${n.lo} << (t0 - 32); }`);
        break;
      case 1:
        w.emit(`if (t0 === 0) { t2 = ${n.lo}; t3 = ${n.hi}; } else if (t0 < 32) { t2 = (${n.lo} >>> t0) | (${n.hi} << (32 - t0)); t3 = (${n.hi} >>> t0) | 0; } ` +
          `else { t2 = (${n.hi} >>> (t0 - 32)) | 0; t3 = 0; }`);
        break;
      case 2:
        w.emit(`if (t0 === 0) { t2 = ${n.lo}; t3 = ${n.hi}; } else if (t0 < 32) { t2 = (${n.lo} >>> t0) | (${n.hi} << (32 - t0)); t3 = ${n.hi} >> t0; } ` +
          `else { t2 = ${n.hi} >> (t0 - 32); t3 = ${n.hi} >> 31; }`);
        break;
      default:
        // A rotation by 32 or more swaps the halves first; JavaScript's x << 32 is x, so
        // (lo >>> 0) | (hi << 32) must not be left to stand for a rotation by 0.
        w.emit(`if (t0 >= 32) { t2 = ${n.hi}; t3 = ${n.lo}; t0 -= 32; } else { t2 = ${n.lo}; t3 = ${n.hi}; } ` +
          'if (t0 !== 0) { t1 = (t2 >>> t0) | (t3 << (32 - t0)); t3 = (t3 >>> t0) | (t2 << (32 - t0)); t2 = t1; }');
        break;
    }
    w.setReg(d, { lo: 't2', hi: 't3' });
    return true;
  };
}

export const LOGICAL_TRANSLATORS: Record<string, Translator> = {
  AND_log_shift: translateLogicalShifted,
  BIC_log_shift: translateLogicalShifted,
  ORR_log_shift: translateLogicalShifted,
  ORN_log_shift: translateLogicalShifted,
  EOR_log_shift: translateLogicalShifted,
  EON_log_shift: translateLogicalShifted,
  ANDS_log_shift: translateLogicalShifted,
  BICS_log_shift: translateLogicalShifted,
  AND_log_imm: translateLogicalImmediate,
  ORR_log_imm: translateLogicalImmediate,
  EOR_log_imm: translateLogicalImmediate,
  ANDS_log_imm: translateLogicalImmediate,
  SBFM: bitfield(true),
  UBFM: bitfield(false),
  BFM: bitfieldMove,
  LSLV: variableShift(0),
  LSRV: variableShift(1),
  ASRV: variableShift(2),
  RORV: variableShift(3),
};
