// Advanced SIMD three different (Arm ARM C4.1.95): the lengthening forms (S/UADDL, S/UADDW,
// S/USUBL, S/USUBW, S/UABAL, S/UABDL, S/UMLAL, S/UMLSL, S/UMULL, SQDMLAL, SQDMLSL,
// SQDMULL, PMULL (8-bit)) and the narrowing-high forms (ADDHN, RADDHN, SUBHN, RSUBHN),
// each with its "2" variant working on the upper halves.

import { bit, bits } from '../../decoder';
import * as ops from './integerOps';
import type { LaneOp } from './integerLanes';
import { lengthen, narrowHigh } from './widenNarrow';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, vreg } from './simdText';

interface LongForm {
  mnemonic: string;
  /** The lengthening op for a narrow element size, or undefined if that size is reserved. */
  op: (size: number) => LaneOp | undefined;
  wideFirst?: boolean;
}

const bothSigns = (signedName: string, unsignedName: string, make: (signed: boolean) => LaneOp) =>
  [{ mnemonic: signedName, op: () => make(true) }, { mnemonic: unsignedName, op: () => make(false) }];

/** By opcode, [U=0 form, U=1 form]. */
const LONG_FORMS: Record<number, (LongForm | undefined)[]> = {
  0b0000: bothSigns('saddl', 'uaddl', (s) => ({ ...ops.add, signed: s })),
  0b0001: bothSigns('saddw', 'uaddw', (s) => ({ ...ops.add, signed: s })).map((f) => ({ ...f, wideFirst: true })),
  0b0010: bothSigns('ssubl', 'usubl', (s) => ({ ...ops.sub, signed: s })),
  0b0011: bothSigns('ssubw', 'usubw', (s) => ({ ...ops.sub, signed: s })).map((f) => ({ ...f, wideFirst: true })),
  0b0101: bothSigns('sabal', 'uabal', ops.absoluteDifferenceAccumulateLong),
  0b0111: bothSigns('sabdl', 'uabdl', ops.absoluteDifferenceLong),
  0b1000: bothSigns('smlal', 'umlal', (s) => ops.multiplyAccumulateLong(s, false)),
  0b1010: bothSigns('smlsl', 'umlsl', (s) => ops.multiplyAccumulateLong(s, true)),
  0b1100: bothSigns('smull', 'umull', ops.multiplyLong),
  0b1001: [{ mnemonic: 'sqdmlal', op: (size) => doubling(size, 1) }, undefined],
  0b1011: [{ mnemonic: 'sqdmlsl', op: (size) => doubling(size, -1) }, undefined],
  0b1101: [{ mnemonic: 'sqdmull', op: (size) => doubling(size, 0) }, undefined],
  0b1110: [{ mnemonic: 'pmull', op: (size) => (size === 0 ? ops.polynomialMultiplyLong : undefined) }, undefined],
};

function doubling(size: number, accumulate: -1 | 0 | 1): LaneOp | undefined {
  return size === 1 || size === 2 ? ops.saturatingDoublingMultiplyLong(size + 1, accumulate) : undefined;
}

const NARROW_HIGH: Record<number, [string, string]> = {
  0b0100: ['addhn', 'raddhn'],
  0b0110: ['subhn', 'rsubhn'],
};

function analyse(insn: number): Decoded | undefined {
  const q = bit(insn, 30);
  const u = bit(insn, 29);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 4);
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (size === 3) return undefined;
  const suffix = q === 1 ? '2' : '';
  const narrowNames = NARROW_HIGH[opcode];
  if (narrowNames !== undefined) {
    return {
      exec: narrowHigh(size, q, n, m, d, opcode === 0b0110, u === 1),
      text: insnText(narrowNames[u] + suffix, vreg(d, size, q), vreg(n, size + 1, 1), vreg(m, size + 1, 1)),
    };
  }
  const form = LONG_FORMS[opcode]?.[u];
  const op = form?.op(size);
  if (form === undefined || op === undefined) return undefined;
  const exec = lengthen(size, q, n, m, d, form.wideFirst === true, op);
  if (exec === undefined) return undefined;
  const first = form.wideFirst ? vreg(n, size + 1, 1) : vreg(n, size, q);
  return { exec, text: insnText(form.mnemonic + suffix, vreg(d, size + 1, 1), first, vreg(m, size, q)) };
}

export const ADVANCED_SIMD_THREE_DIFFERENT = [
  simdFpEncoding('ASIMD_THREE_DIFFERENT', '0qu0_1110_ss1m_mmmm_oooo_00nn_nnnd_dddd', analyse),
];
