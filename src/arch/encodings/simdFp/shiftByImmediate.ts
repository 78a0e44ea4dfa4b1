// The shift-by-immediate instructions, shared by the vector and scalar encoding groups
// (Arm ARM C4.1.95 "Advanced SIMD shift by immediate" and "Advanced SIMD scalar shift by
// immediate"): element size from immh's top set bit, shift amounts from immh:immb.

import type { Exec } from '../../decoder';
import * as ops from './integerOps';
import { LaneOp, Shape, elementwise, saturate, saturateBig, scalarShape, signedMax, signedMin, unsignedMax, vectorShape } from './integerLanes';
import { NarrowOp, lengthen, narrow } from './widenNarrow';
import { Rounding } from './fpControl';
import { DOUBLE_KIND, SINGLE_KIND } from './fpKinds';
import { fpToIntegerLane, integerToFpLane } from './fpConvertLanes';
import { Decoded } from './simdFpEncoding';
import { insnText, scalarReg, vreg } from './simdText';
import { commitScalar, commitVector, result } from './vectorViews';

export interface ShiftFields {
  u: number;
  opcode: number;
  /** Element size log2 bytes from immh (0..3). */
  size: number;
  /** immh:immb. */
  immediate: number;
  n: number;
  d: number;
}

/** The element shape: a vector with Q, or a scalar (q undefined). */
interface Form {
  q: number | undefined;
}

const shapeOf = (size: number, form: Form): Shape => (form.q === undefined ? scalarShape(size) : vectorShape(size, form.q));
const operand = (r: number, size: number, form: Form) => (form.q === undefined ? scalarReg(r, size) : vreg(r, size, form.q));

function narrowShift(size: number, shift: number, rounding: boolean, saturating: boolean, fromSigned: boolean, toSigned: boolean): NarrowOp {
  const divisor = 2 ** shift;
  const round = rounding ? divisor / 2 : 0;
  const s = BigInt(shift);
  const roundBig = rounding ? 1n << (s - 1n) : 0n;
  if (!saturating) {
    return { signed: false, number: (x) => Math.floor((x + round) / divisor), big: (x) => Number(BigInt.asUintN(32, (x + roundBig) >> s)) };
  }
  const low = toSigned ? signedMin(size) : 0;
  const high = toSigned ? signedMax(size) : unsignedMax(size);
  const lowBig = BigInt(low);
  const highBig = BigInt(high);
  return {
    signed: fromSigned,
    number: (x) => saturate(Math.floor((x + round) / divisor), low, high),
    big: (x) => Number(saturateBig((x + roundBig) >> s, lowBig, highBig)),
  };
}

/** Narrowing shifts by U:opcode: [mnemonic, rounding, saturating, signed source, signed result]. */
const NARROWING: Record<number, [string, boolean, boolean, boolean, boolean]> = {
  0b0_10000: ['shrn', false, false, false, false],
  0b0_10001: ['rshrn', true, false, false, false],
  0b0_10010: ['sqshrn', false, true, true, true],
  0b0_10011: ['sqrshrn', true, true, true, true],
  0b1_10000: ['sqshrun', false, true, true, false],
  0b1_10001: ['sqrshrun', true, true, true, false],
  0b1_10010: ['uqshrn', false, true, false, false],
  0b1_10011: ['uqrshrn', true, true, false, false],
};

/** Whether a narrowing/saturating form exists as a scalar (the plain SHRN/RSHRN do not). */
const SCALAR_NARROWING = new Set([0b0_10010, 0b0_10011, 0b1_10000, 0b1_10001, 0b1_10010, 0b1_10011]);

function narrowing(f: ShiftFields, form: Form): Decoded | undefined {
  const key = (f.u << 5) | f.opcode;
  const entry = NARROWING[key];
  if (entry === undefined || f.size === 3) return undefined;
  if (form.q === undefined && !SCALAR_NARROWING.has(key)) return undefined;
  const [mnemonic, rounding, saturating, fromSigned, toSigned] = entry;
  const shift = 2 * (8 << f.size) - f.immediate;
  const op = narrowShift(f.size, shift, rounding, saturating, fromSigned, toSigned);
  if (form.q === undefined) {
    // One element narrowed; the scalar commit then zeroes everything above it.
    const inner = narrow(f.size, 0, f.n, f.d, op, 1);
    const bytes = 1 << f.size;
    const exec: Exec = (cpu) => { inner(cpu); commitScalar(cpu, f.d, bytes); };
    return { exec, text: insnText(mnemonic, scalarReg(f.d, f.size), scalarReg(f.n, f.size + 1), `#${shift}`) };
  }
  return {
    exec: narrow(f.size, form.q, f.n, f.d, op),
    text: insnText(mnemonic + (form.q ? '2' : ''), vreg(f.d, f.size, form.q), vreg(f.n, f.size + 1, 1), `#${shift}`),
  };
}

function lengthening(f: ShiftFields, form: Form): Decoded | undefined {
  if (form.q === undefined || f.size === 3) return undefined;
  const shift = f.immediate - (8 << f.size);
  const signed = f.u === 0;
  const op: LaneOp = { signed, number: (a) => a * 2 ** shift, big: (a) => a << BigInt(shift) };
  const exec = lengthen(f.size, form.q, f.n, f.n, f.d, false, op);
  if (exec === undefined) return undefined;
  const mnemonic = (signed ? 'sshll' : 'ushll') + (form.q ? '2' : '');
  return { exec, text: insnText(mnemonic, vreg(f.d, f.size + 1, 1), vreg(f.n, f.size, form.q), `#${shift}`) };
}

/** SCVTF/UCVTF/FCVTZS/FCVTZU with fbits, on 32- or 64-bit elements. */
function fixedPoint(f: ShiftFields, form: Form, toFp: boolean): Decoded | undefined {
  if (f.size < 2 || (f.size === 3 && form.q === 0)) return undefined;
  const kind = f.size === 3 ? DOUBLE_KIND : SINGLE_KIND;
  const fbits = 2 * (8 << f.size) - f.immediate;
  const unsigned = f.u === 1;
  const lanes = form.q === undefined ? 1 : form.q === 1 ? kind.lanesPerRegister : kind.lanesPerRegister >>> 1;
  const per = kind.lanesPerRegister;
  const { n, d } = f;
  const exec: Exec = (cpu) => {
    for (let e = 0; e < lanes; e++) {
      if (toFp) integerToFpLane(kind, cpu, cpu, n * per + e, result, e, fbits, unsigned);
      else fpToIntegerLane(kind, cpu, cpu, n * per + e, result, e, fbits, unsigned, Rounding.Zero);
    }
    if (form.q === undefined) commitScalar(cpu, d, 1 << f.size);
    else commitVector(cpu, d, form.q);
  };
  const mnemonic = toFp ? (unsigned ? 'ucvtf' : 'scvtf') : (unsigned ? 'fcvtzu' : 'fcvtzs');
  return { exec, text: insnText(mnemonic, operand(d, f.size, form), operand(n, f.size, form), `#${fbits}`) };
}

/** The element-wise forms by U:opcode; `scalarNeeds64` marks those whose scalar form is D only. */
function elementOp(f: ShiftFields): [string, LaneOp, boolean] | undefined {
  const esize = 8 << f.size;
  const right = 2 * esize - f.immediate;
  const left = f.immediate - esize;
  const signed = f.u === 0;
  const prefix = signed ? 's' : 'u';
  switch (f.opcode) {
    case 0b00000: return [prefix + 'shr', ops.shiftRightImmediate(signed, right, false, false), true];
    case 0b00010: return [prefix + 'sra', ops.shiftRightImmediate(signed, right, false, true), true];
    case 0b00100: return [prefix + 'rshr', ops.shiftRightImmediate(signed, right, true, false), true];
    case 0b00110: return [prefix + 'rsra', ops.shiftRightImmediate(signed, right, true, true), true];
    case 0b01000: return signed ? undefined : ['sri', ops.shiftRightInsert(f.size, right), true];
    case 0b01010: return signed ? ['shl', ops.shiftLeftImmediate(left), true] : ['sli', ops.shiftLeftInsert(f.size, left), true];
    case 0b01100: return signed ? undefined : ['sqshlu', ops.saturatingShiftLeftImmediate(f.size, left, true, false), false];
    case 0b01110: return [prefix + 'qshl', ops.saturatingShiftLeftImmediate(f.size, left, signed, signed), false];
  }
  return undefined;
}

/** Decodes a shift-by-immediate word; `q` undefined for the scalar group. */
export function analyseShift(f: ShiftFields, q: number | undefined): Decoded | undefined {
  const form: Form = { q };
  if (q === 0 && f.size === 3) return undefined;
  if (f.opcode >= 0b10000 && f.opcode <= 0b10011) return narrowing(f, form);
  if (f.opcode === 0b10100) return lengthening(f, form);
  if (f.opcode === 0b11100) return fixedPoint(f, form, true);
  if (f.opcode === 0b11111) return fixedPoint(f, form, false);
  const entry = elementOp(f);
  if (entry === undefined) return undefined;
  const [mnemonic, op, scalarNeeds64] = entry;
  if (q === undefined && scalarNeeds64 && f.size !== 3) return undefined;
  const exec = elementwise(shapeOf(f.size, form), op, f.n, f.n, f.d);
  if (exec === undefined) return undefined;
  const esize = 8 << f.size;
  const amount = f.opcode >= 0b01010 || mnemonic === 'sqshlu' ? f.immediate - esize : 2 * esize - f.immediate;
  return { exec, text: insnText(mnemonic, operand(f.d, f.size, form), operand(f.n, f.size, form), `#${amount}`) };
}

/** The element size encoded by immh (its highest set bit), or -1 for immh = 0. */
export function immhSize(immh: number): number {
  return immh === 0 ? -1 : 31 - Math.clz32(immh);
}
