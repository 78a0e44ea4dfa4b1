// Advanced SIMD three same (Arm ARM C4.1.95): integer arithmetic, compares, shifts by
// register, min/max, absolute difference, multiply(-accumulate), pairwise ops, the
// bitwise group (AND/BIC/ORR/ORN/EOR/BSL/BIT/BIF, MOV alias) and the single/double
// floating-point arithmetic, compares and pairwise ops. FEAT_FP16 and FEAT_FHM forms are
// not implemented.

import type { Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import * as ops from './integerOps';
import { LaneOp, Shape, elementwise, pairwise, vectorShape } from './integerLanes';
import { fpKindOf } from './fpKinds';
import { FP_THREE_SAME } from './fpThreeSameForms';
import { fpVectorShape } from './fpVectorLoops';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { arrangement, insnText, vreg } from './simdText';
import { commitVector, result } from './vectorViews';

// ---- Integer ----------------------------------------------------------------------------

interface IntegerForm {
  mnemonic: string;
  /** The element op for an element size; undefined where the size is reserved. */
  op: (size: number) => LaneOp | undefined;
  pairwise?: boolean;
}

const upTo32 = (make: (size: number) => LaneOp) => (size: number) => (size < 3 ? make(size) : undefined);
const anySize = (make: (size: number) => LaneOp) => make;

/** Integer three-same forms by U:opcode. */
export const INTEGER_THREE_SAME: Record<number, IntegerForm> = {
  0b0_00000: { mnemonic: 'shadd', op: upTo32(() => ops.halvingAdd(true, false)) },
  0b0_00001: { mnemonic: 'sqadd', op: anySize((s) => ops.saturatingAdd(s, true)) },
  0b0_00010: { mnemonic: 'srhadd', op: upTo32(() => ops.halvingAdd(true, true)) },
  0b0_00100: { mnemonic: 'shsub', op: upTo32(() => ops.halvingSub(true)) },
  0b0_00101: { mnemonic: 'sqsub', op: anySize((s) => ops.saturatingSub(s, true)) },
  0b0_00110: { mnemonic: 'cmgt', op: anySize(() => ops.compareGreater(true)) },
  0b0_00111: { mnemonic: 'cmge', op: anySize(() => ops.compareGreaterOrEqual(true)) },
  0b0_01000: { mnemonic: 'sshl', op: anySize((s) => ops.shiftByRegister(s, true, false, false)) },
  0b0_01001: { mnemonic: 'sqshl', op: anySize((s) => ops.shiftByRegister(s, true, false, true)) },
  0b0_01010: { mnemonic: 'srshl', op: anySize((s) => ops.shiftByRegister(s, true, true, false)) },
  0b0_01011: { mnemonic: 'sqrshl', op: anySize((s) => ops.shiftByRegister(s, true, true, true)) },
  0b0_01100: { mnemonic: 'smax', op: upTo32(() => ops.maximum(true)) },
  0b0_01101: { mnemonic: 'smin', op: upTo32(() => ops.minimum(true)) },
  0b0_01110: { mnemonic: 'sabd', op: upTo32(() => ops.absoluteDifference(true)) },
  0b0_01111: { mnemonic: 'saba', op: upTo32(() => ops.absoluteDifferenceAccumulate(true)) },
  0b0_10000: { mnemonic: 'add', op: anySize(() => ops.add) },
  0b0_10001: { mnemonic: 'cmtst', op: anySize(() => ops.compareTest) },
  0b0_10010: { mnemonic: 'mla', op: upTo32((s) => ops.multiplyAccumulate(s, false)) },
  0b0_10011: { mnemonic: 'mul', op: upTo32((s) => ops.multiply(s)) },
  0b0_10100: { mnemonic: 'smaxp', op: upTo32(() => ops.maximum(true)), pairwise: true },
  0b0_10101: { mnemonic: 'sminp', op: upTo32(() => ops.minimum(true)), pairwise: true },
  0b0_10110: { mnemonic: 'sqdmulh', op: (s) => (s === 1 || s === 2 ? ops.saturatingDoublingMultiplyHigh(s, false) : undefined) },
  0b0_10111: { mnemonic: 'addp', op: anySize(() => ops.add), pairwise: true },
  0b1_00000: { mnemonic: 'uhadd', op: upTo32(() => ops.halvingAdd(false, false)) },
  0b1_00001: { mnemonic: 'uqadd', op: anySize((s) => ops.saturatingAdd(s, false)) },
  0b1_00010: { mnemonic: 'urhadd', op: upTo32(() => ops.halvingAdd(false, true)) },
  0b1_00100: { mnemonic: 'uhsub', op: upTo32(() => ops.halvingSub(false)) },
  0b1_00101: { mnemonic: 'uqsub', op: anySize((s) => ops.saturatingSub(s, false)) },
  0b1_00110: { mnemonic: 'cmhi', op: anySize(() => ops.compareGreater(false)) },
  0b1_00111: { mnemonic: 'cmhs', op: anySize(() => ops.compareGreaterOrEqual(false)) },
  0b1_01000: { mnemonic: 'ushl', op: anySize((s) => ops.shiftByRegister(s, false, false, false)) },
  0b1_01001: { mnemonic: 'uqshl', op: anySize((s) => ops.shiftByRegister(s, false, false, true)) },
  0b1_01010: { mnemonic: 'urshl', op: anySize((s) => ops.shiftByRegister(s, false, true, false)) },
  0b1_01011: { mnemonic: 'uqrshl', op: anySize((s) => ops.shiftByRegister(s, false, true, true)) },
  0b1_01100: { mnemonic: 'umax', op: upTo32(() => ops.maximum(false)) },
  0b1_01101: { mnemonic: 'umin', op: upTo32(() => ops.minimum(false)) },
  0b1_01110: { mnemonic: 'uabd', op: upTo32(() => ops.absoluteDifference(false)) },
  0b1_01111: { mnemonic: 'uaba', op: upTo32(() => ops.absoluteDifferenceAccumulate(false)) },
  0b1_10000: { mnemonic: 'sub', op: anySize(() => ops.sub) },
  0b1_10001: { mnemonic: 'cmeq', op: anySize(() => ops.compareEqual) },
  0b1_10010: { mnemonic: 'mls', op: upTo32((s) => ops.multiplyAccumulate(s, true)) },
  0b1_10011: { mnemonic: 'pmul', op: (s) => (s === 0 ? ops.polynomialMultiply : undefined) },
  0b1_10100: { mnemonic: 'umaxp', op: upTo32(() => ops.maximum(false)), pairwise: true },
  0b1_10101: { mnemonic: 'uminp', op: upTo32(() => ops.minimum(false)), pairwise: true },
  0b1_10110: { mnemonic: 'sqrdmulh', op: (s) => (s === 1 || s === 2 ? ops.saturatingDoublingMultiplyHigh(s, true) : undefined) },
};

function integer(insn: number, u: number, opcode: number): Decoded | undefined {
  const form = INTEGER_THREE_SAME[(u << 5) | opcode];
  const q = bit(insn, 30);
  const size = bits(insn, 22, 2);
  if (form === undefined || (size === 3 && q === 0)) return undefined;
  const op = form.op(size);
  if (op === undefined) return undefined;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const shape: Shape = vectorShape(size, q);
  const exec = form.pairwise ? pairwise(shape, op, n, m, d) : elementwise(shape, op, n, m, d);
  if (exec === undefined) return undefined;
  return { exec, text: insnText(form.mnemonic, vreg(d, size, q), vreg(n, size, q), vreg(m, size, q)) };
}

// ---- Bitwise (opcode 00011) ---------------------------------------------------------------

const BITWISE = ['and', 'bic', 'orr', 'orn', 'eor', 'bsl', 'bit', 'bif'];

function bitwiseWord(which: number): (n: number, m: number, d: number) => number {
  switch (which) {
    case 0: return (n, m) => n & m;
    case 1: return (n, m) => n & ~m;
    case 2: return (n, m) => n | m;
    case 3: return (n, m) => n | ~m;
    case 4: return (n, m) => n ^ m;
    case 5: return (n, m, d) => (d & n) | (~d & m); // BSL: Vd selects
    case 6: return (n, m, d) => (d & ~m) | (n & m); // BIT: insert where Vm is set
    default: return (n, m, d) => (d & m) | (n & ~m); // BIF: insert where Vm is clear
  }
}

function bitwise(insn: number, u: number): Decoded {
  const q = bit(insn, 30);
  const which = u * 4 + bits(insn, 22, 2);
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const word = bitwiseWord(which);
  const words = q === 1 ? 4 : 2;
  const exec: Exec = (cpu) => {
    const V = cpu.V32;
    const out = result.V32;
    for (let i = 0; i < words; i++) out[i] = word(V[4 * n + i], V[4 * m + i], V[4 * d + i]);
    commitVector(cpu, d, q);
  };
  const arr = arrangement(0, q);
  if (which === 2 && n === m) return { exec, text: insnText('mov', `v${d}.${arr}`, `v${n}.${arr}`) };
  return { exec, text: insnText(BITWISE[which], `v${d}.${arr}`, `v${n}.${arr}`, `v${m}.${arr}`) };
}

function floatingPoint(insn: number, u: number, opcode: number): Decoded | undefined {
  const form = FP_THREE_SAME[(u << 4) | (bit(insn, 23) << 3) | (opcode & 7)];
  const kind = fpKindOf(bit(insn, 22));
  const q = bit(insn, 30);
  if (form === undefined || kind === undefined || (kind.size === 3 && q === 0)) return undefined;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const size = kind.size;
  return {
    exec: form.build(kind, fpVectorShape(kind, q), q, n, m, d),
    text: insnText(form.mnemonic, vreg(d, size, q), vreg(n, size, q), vreg(m, size, q)),
  };
}

function analyse(insn: number): Decoded | undefined {
  const u = bit(insn, 29);
  const opcode = bits(insn, 11, 5);
  if (opcode === 0b00011) return bitwise(insn, u);
  if (opcode >= 0b11000) return floatingPoint(insn, u, opcode);
  return integer(insn, u, opcode);
}

export const ADVANCED_SIMD_THREE_SAME = [
  simdFpEncoding('ASIMD_THREE_SAME', '0qu0_1110_ss1m_mmmm_oooo_o1nn_nnnd_dddd', analyse),
];
