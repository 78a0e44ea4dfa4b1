// The "x indexed element" instructions, shared by the vector and scalar groups (Arm ARM
// C4.1.95): the second operand is one element Vm[index] for every lane. Index and Rm come
// from H:L:M and Rm as the element size dictates.

import { bit, bits } from '../../decoder';
import * as ops from './integerOps';
import { LaneOp, elementwise, laneBase, scalarShape, vectorShape } from './integerLanes';
import { lengthen } from './widenNarrow';
import { fpKindOf } from './fpKinds';
import { fpElementwise, fpScalarShape, fpVectorShape } from './fpVectorLoops';
import { Decoded } from './simdFpEncoding';
import { element, insnText, scalarReg, vreg } from './simdText';
import { result } from './vectorViews';

export interface ByElementFields {
  u: number;
  size: number;
  l: number;
  m: number;
  rm: number;
  opcode: number;
  h: number;
  n: number;
  d: number;
}

/** The fields of an "x indexed element" word (both groups share the layout). */
export function byElementFields(insn: number): ByElementFields {
  return {
    u: bit(insn, 29),
    size: bits(insn, 22, 2),
    l: bit(insn, 21),
    m: bit(insn, 20),
    rm: bits(insn, 16, 4),
    opcode: bits(insn, 12, 4),
    h: bit(insn, 11),
    n: bits(insn, 5, 5),
    d: bits(insn, 0, 5),
  };
}

/** Element index and Vm register for an element size (1 = H, 2 = S, 3 = D). */
function indexAndRegister(f: ByElementFields, size: number): [number, number] | undefined {
  switch (size) {
    case 1: return [(f.h << 2) | (f.l << 1) | f.m, f.rm];
    case 2: return [(f.h << 1) | f.l, (f.m << 4) | f.rm];
    case 3: return f.l === 0 ? [f.h, (f.m << 4) | f.rm] : undefined;
  }
  return undefined;
}

/** FP forms by U:opcode: [mnemonic, negate product (FMLS), accumulate, extended (FMULX)]. */
const FP_FORMS: Record<number, [string, boolean, boolean, boolean]> = {
  0b0_0001: ['fmla', false, true, false],
  0b0_0101: ['fmls', true, true, false],
  0b0_1001: ['fmul', false, false, false],
  0b1_1001: ['fmulx', false, false, true],
};

function floatingPoint(f: ByElementFields, q: number | undefined): Decoded | undefined {
  const form = FP_FORMS[(f.u << 4) | f.opcode];
  const kind = fpKindOf(f.size & 1);
  if (form === undefined || kind === undefined || (f.size & 2) === 0) return undefined;
  if (q === 0 && kind.size === 3) return undefined;
  const location = indexAndRegister(f, kind.size);
  if (location === undefined) return undefined;
  const [index, m] = location;
  const [mnemonic, negateProduct, accumulate, extended] = form;
  const mElement = m * kind.lanesPerRegister + index;
  const shape = q === undefined ? fpScalarShape(kind) : fpVectorShape(kind, q);
  const op = extended ? kind.mulExtended : kind.mul;
  const exec = accumulate
    ? fpElementwise(kind, shape, (cpu, ni, mi, di, e) => kind.mulAdd(cpu, cpu, false, negateProduct, di, ni, mi, result, e), f.n, m, f.d, mElement)
    : fpElementwise(kind, shape, (cpu, ni, mi, _di, e) => kind.binary(cpu, cpu, op, ni, mi, result, e), f.n, m, f.d, mElement);
  const reg = (r: number) => (q === undefined ? scalarReg(r, kind.size) : vreg(r, kind.size, q));
  return { exec, text: insnText(mnemonic, reg(f.d), reg(f.n), element(m, kind.size, index)) };
}

interface IntegerForm {
  mnemonic: string;
  op: (size: number) => LaneOp;
  long: boolean;
  /** Whether the scalar group has it. */
  scalar: boolean;
}

const INTEGER_FORMS: Record<number, IntegerForm> = {
  0b1_0000: { mnemonic: 'mla', op: (s) => ops.multiplyAccumulate(s, false), long: false, scalar: false },
  0b1_0100: { mnemonic: 'mls', op: (s) => ops.multiplyAccumulate(s, true), long: false, scalar: false },
  0b0_1000: { mnemonic: 'mul', op: (s) => ops.multiply(s), long: false, scalar: false },
  0b0_0010: { mnemonic: 'smlal', op: () => ops.multiplyAccumulateLong(true, false), long: true, scalar: false },
  0b1_0010: { mnemonic: 'umlal', op: () => ops.multiplyAccumulateLong(false, false), long: true, scalar: false },
  0b0_0110: { mnemonic: 'smlsl', op: () => ops.multiplyAccumulateLong(true, true), long: true, scalar: false },
  0b1_0110: { mnemonic: 'umlsl', op: () => ops.multiplyAccumulateLong(false, true), long: true, scalar: false },
  0b0_1010: { mnemonic: 'smull', op: () => ops.multiplyLong(true), long: true, scalar: false },
  0b1_1010: { mnemonic: 'umull', op: () => ops.multiplyLong(false), long: true, scalar: false },
  0b0_0011: { mnemonic: 'sqdmlal', op: (s) => ops.saturatingDoublingMultiplyLong(s + 1, 1), long: true, scalar: true },
  0b0_0111: { mnemonic: 'sqdmlsl', op: (s) => ops.saturatingDoublingMultiplyLong(s + 1, -1), long: true, scalar: true },
  0b0_1011: { mnemonic: 'sqdmull', op: (s) => ops.saturatingDoublingMultiplyLong(s + 1, 0), long: true, scalar: true },
  0b0_1100: { mnemonic: 'sqdmulh', op: (s) => ops.saturatingDoublingMultiplyHigh(s, false), long: false, scalar: true },
  0b0_1101: { mnemonic: 'sqrdmulh', op: (s) => ops.saturatingDoublingMultiplyHigh(s, true), long: false, scalar: true },
};

function integer(f: ByElementFields, q: number | undefined): Decoded | undefined {
  const form = INTEGER_FORMS[(f.u << 4) | f.opcode];
  const size = f.size;
  if (form === undefined || (size !== 1 && size !== 2) || (q === undefined && !form.scalar)) return undefined;
  const location = indexAndRegister(f, size);
  if (location === undefined) return undefined;
  const [index, m] = location;
  const mElement = laneBase(m, size) + index;
  const op = form.op(size);
  const byElementText = element(m, size, index);
  if (form.long) {
    if (q === undefined) {
      const exec = lengthen(size, 0, f.n, m, f.d, false, op, mElement, true);
      return exec && { exec, text: insnText(form.mnemonic, scalarReg(f.d, size + 1), scalarReg(f.n, size), byElementText) };
    }
    const exec = lengthen(size, q, f.n, m, f.d, false, op, mElement);
    return exec && { exec, text: insnText(form.mnemonic + (q ? '2' : ''), vreg(f.d, size + 1, 1), vreg(f.n, size, q), byElementText) };
  }
  const shape = q === undefined ? scalarShape(size) : vectorShape(size, q);
  const exec = elementwise(shape, op, f.n, m, f.d, mElement);
  const reg = (r: number) => (q === undefined ? scalarReg(r, size) : vreg(r, size, q));
  return exec && { exec, text: insnText(form.mnemonic, reg(f.d), reg(f.n), byElementText) };
}

/** Decodes a by-element word; `q` undefined for the scalar group. */
export function analyseByElement(f: ByElementFields, q: number | undefined): Decoded | undefined {
  const isFp = f.opcode === 0b0001 || f.opcode === 0b0101 || f.opcode === 0b1001;
  return isFp ? floatingPoint(f, q) : integer(f, q);
}
