// Advanced SIMD two-register miscellaneous (Arm ARM C4.1.95): REV16/32/64, S/UADDLP,
// S/UADALP, SUQADD/USQADD, CLS/CLZ/CNT/RBIT/NOT, ABS/NEG/SQABS/SQNEG, compares against
// zero, XTN/SQXTN/UQXTN/SQXTUN, SHLL, and the single/double FP forms: FCVTN/FCVTXN/FCVTL,
// FRINT*, FCVT<x>S/U, SCVTF/UCVTF, FRECPE/FRSQRTE/URECPE/URSQRTE, FCM<cc> #0.0, FABS,
// FNEG, FSQRT. FEAT_FP16 and FEAT_FRINTTS forms are not implemented.

import type { Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import * as ops from './integerOps';
import { LaneOp, elementwise, laneBase, registerViews, resultViews, vectorShape } from './integerLanes';
import { lengthen, narrow } from './widenNarrow';
import { fpKindOf } from './fpKinds';
import { fpElementwise, fpVectorShape } from './fpVectorLoops';
import { doubleToSingle, doubleToSingleOdd, halfToSingle, singleToDouble, singleToHalf } from './fpConvertLanes';
import { unsignedRecipEstimate, unsignedRsqrtEstimate } from './fpEstimates';
import { FP_MISC, INTEGER_MISC, NARROWING_MISC } from './twoRegisterMiscForms';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, vreg } from './simdText';
import { commitVector, result } from './vectorViews';

// ---- Element reversal ------------------------------------------------------------------------

/** REV16/32/64: reverse the 2^size-byte elements inside each container of `containerBytes`. */
export function reverseElements(size: number, containerBytes: number, q: number, n: number, d: number): Exec {
  const bytes = 8 << q;
  const elementBytes = 1 << size;
  const source: number[] = [];
  for (let i = 0; i < bytes; i++) {
    const container = i - (i % containerBytes);
    const within = i % containerBytes;
    const index = Math.floor(within / elementBytes);
    source.push(container + (containerBytes / elementBytes - 1 - index) * elementBytes + (within % elementBytes));
  }
  return (cpu) => {
    const V = cpu.V8;
    const out = result.V8;
    for (let i = 0; i < bytes; i++) out[i] = V[16 * n + source[i]];
    commitVector(cpu, d, q);
  };
}

// ---- Pairwise long -------------------------------------------------------------------------------

/** S/UADDLP and S/UADALP: adjacent pairs summed into double-width elements. */
function pairwiseLong(size: number, q: number, n: number, d: number, signed: boolean, accumulate: boolean): Exec {
  const lanes = (8 << q) >> (size + 1);
  const nb = laneBase(n, size);
  const db = laneBase(d, size + 1);
  return (cpu) => {
    const views = registerViews(cpu);
    const src = signed ? views.signed[size] : views.unsigned[size];
    if (size === 2) {
      const acc = signed ? views.s64 : views.u64;
      for (let e = 0; e < lanes; e++) {
        const sum = BigInt(src[nb + 2 * e] + src[nb + 2 * e + 1]);
        resultViews.u64[e] = accumulate ? acc[db + e] + sum : sum;
      }
    } else {
      const acc = views.unsigned[size + 1];
      const out = resultViews.unsigned[size + 1];
      for (let e = 0; e < lanes; e++) {
        const sum = src[nb + 2 * e] + src[nb + 2 * e + 1];
        out[e] = accumulate ? acc[db + e] + sum : sum;
      }
    }
    commitVector(cpu, d, q);
  };
}

// ---- Integer forms ------------------------------------------------------------------------------

function integerMisc(q: number, u: number, size: number, opcode: number, n: number, d: number): Decoded | undefined {
  const same = (mnemonic: string, exec: Exec | undefined): Decoded | undefined =>
    exec && { exec, text: insnText(mnemonic, vreg(d, size, q), vreg(n, size, q)) };
  switch ((u << 5) | opcode) {
    case 0b0_00000: return size < 3 ? same('rev64', reverseElements(size, 8, q, n, d)) : undefined;
    case 0b1_00000: return size < 2 ? same('rev32', reverseElements(size, 4, q, n, d)) : undefined;
    case 0b0_00001: return size === 0 ? same('rev16', reverseElements(size, 2, q, n, d)) : undefined;
    case 0b1_00101:
      if (size === 0) return same('mvn', elementwise(vectorShape(0, q), ops.bitwiseNot, n, n, d));
      if (size === 1) return { exec: elementwise(vectorShape(0, q), ops.reverseBits8, n, n, d)!, text: insnText('rbit', vreg(d, 0, q), vreg(n, 0, q)) };
      return undefined;
    case 0b0_00010: case 0b1_00010: case 0b0_00110: case 0b1_00110: {
      if (size === 3) return undefined;
      const name = (u === 0 ? 's' : 'u') + (opcode === 0b00010 ? 'addlp' : 'adalp');
      return { exec: pairwiseLong(size, q, n, d, u === 0, opcode === 0b00110), text: insnText(name, vreg(d, size + 1, q), vreg(n, size, q)) };
    }
    case 0b0_10010: case 0b0_10100: case 0b1_10010: case 0b1_10100: {
      const form = NARROWING_MISC[(u << 5) | opcode];
      if (size === 3 || form === undefined) return undefined;
      const [name, op] = form;
      return { exec: narrow(size, q, n, d, op(size)), text: insnText(name + (q ? '2' : ''), vreg(d, size, q), vreg(n, size + 1, 1)) };
    }
    case 0b1_10011: {
      if (size === 3) return undefined;
      const esize = 8 << size;
      const shift: LaneOp = { signed: false, number: (a) => a * 2 ** esize, big: (a) => a << BigInt(esize) };
      const exec = lengthen(size, q, n, n, d, false, shift)!;
      return { exec, text: insnText(q ? 'shll2' : 'shll', vreg(d, size + 1, 1), vreg(n, size, q), `#${esize}`) };
    }
  }
  const form = INTEGER_MISC[(u << 5) | opcode];
  if (form === undefined || (size === 3 && q === 0)) return undefined;
  const op = form.op(size);
  const exec = op && elementwise(vectorShape(size, q), op, n, n, d);
  if (exec === undefined) return undefined;
  const operands = [vreg(d, size, q), vreg(n, size, q)];
  if (form.zero) operands.push('#0');
  return { exec, text: insnText(form.mnemonic, ...operands) };
}

// ---- Floating point --------------------------------------------------------------------------------

function fpMisc(q: number, u: number, size: number, opcode: number, n: number, d: number): Decoded | undefined {
  const a = size >> 1;
  const kind = fpKindOf(size & 1);
  const entry = FP_MISC[(u << 6) | (a << 5) | opcode];
  if (entry === undefined || kind === undefined || (kind.size === 3 && q === 0)) return undefined;
  const [mnemonic, build, zero] = entry;
  const lane = build(kind);
  const operands = [vreg(d, kind.size, q), vreg(n, kind.size, q)];
  if (zero) operands.push('#0.0');
  return {
    exec: fpElementwise(kind, fpVectorShape(kind, q), (cpu, ni, _mi, _di, e) => lane(cpu, ni, e), n, n, d),
    text: insnText(mnemonic, ...operands),
  };
}

/** URECPE / URSQRTE on 32-bit integer lanes. */
function unsignedEstimate(q: number, size: number, n: number, d: number, sqrt: boolean): Decoded | undefined {
  if (size !== 2) return undefined;
  const op: LaneOp = { signed: false, number: sqrt ? unsignedRsqrtEstimate : unsignedRecipEstimate };
  return {
    exec: elementwise(vectorShape(2, q), op, n, n, d)!,
    text: insnText(sqrt ? 'ursqrte' : 'urecpe', vreg(d, 2, q), vreg(n, 2, q)),
  };
}

/** FCVTN/FCVTXN (narrowing into the lower or upper half) and FCVTL (from either half). */
function fpPrecisionChange(q: number, u: number, size: number, opcode: number, n: number, d: number): Decoded | undefined {
  const double = (size & 1) === 1;
  if (opcode === 0b10111) {
    if (u === 1) return undefined;
    const lanes = double ? 2 : 4;
    const convert = double ? singleToDouble : halfToSingle;
    const fromBase = (double ? 4 : 8) * n + q * lanes;
    return {
      exec: (cpu) => {
        for (let e = 0; e < lanes; e++) convert(cpu, cpu, fromBase + e, result, e);
        commitVector(cpu, d, 1);
      },
      text: insnText(q ? 'fcvtl2' : 'fcvtl', vreg(d, double ? 3 : 2, 1), vreg(n, double ? 2 : 1, q)),
    };
  }
  // FCVTN (u = 0) or FCVTXN (u = 1, double only).
  if (u === 1 && !double) return undefined;
  const lanes = double ? 2 : 4;
  const convert = u === 1 ? doubleToSingleOdd : double ? doubleToSingle : singleToHalf;
  const fromBase = (double ? 2 : 4) * n;
  const name = (u === 1 ? 'fcvtxn' : 'fcvtn') + (q ? '2' : '');
  return {
    exec: (cpu) => {
      if (q === 1) {
        result.V32[0] = cpu.V32[4 * d];
        result.V32[1] = cpu.V32[4 * d + 1];
      }
      for (let e = 0; e < lanes; e++) convert(cpu, cpu, fromBase + e, result, q * lanes + e);
      commitVector(cpu, d, q);
    },
    text: insnText(name, vreg(d, double ? 2 : 1, q), vreg(n, double ? 3 : 2, 1)),
  };
}

function analyse(insn: number): Decoded | undefined {
  const q = bit(insn, 30);
  const u = bit(insn, 29);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (opcode === 0b10110 || opcode === 0b10111) {
    if ((size & 2) !== 0) return undefined;
    return fpPrecisionChange(q, u, size, opcode, n, d);
  }
  if (opcode === 0b11100 && size === 2) return unsignedEstimate(q, size, n, d, u === 1);
  if (opcode >= 0b11000 || ((size & 2) !== 0 && opcode >= 0b01100 && opcode <= 0b01111)) return fpMisc(q, u, size, opcode, n, d);
  return integerMisc(q, u, size, opcode, n, d);
}

export const ADVANCED_SIMD_TWO_REGISTER_MISC = [
  simdFpEncoding('ASIMD_TWO_REG_MISC', '0qu0_1110_ss10_000o_oooo_10nn_nnnd_dddd', analyse),
];
