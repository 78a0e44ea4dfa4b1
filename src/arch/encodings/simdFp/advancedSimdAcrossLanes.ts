// Advanced SIMD across lanes (Arm ARM C4.1.95): ADDV, SADDLV, UADDLV, SMAXV, SMINV,
// UMAXV, UMINV, and FMAXV, FMINV, FMAXNMV, FMINNMV on 4S (reduced pairwise as a tree, as
// the pseudocode's Reduce does, which matters for NaN propagation).

import type { Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { laneBase, registerViews, resultViews } from './integerLanes';
import { SINGLE_KIND } from './fpKinds';
import { MinMaxKind } from './fpMinMax';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg, vreg } from './simdText';
import { VectorViews, commitScalar, result } from './vectorViews';

/** The intermediate level of the FP reduction tree. */
const treeLevel: VectorViews = (() => {
  const buffer = new ArrayBuffer(16);
  return {
    V8: new Uint8Array(buffer), V16: new Uint16Array(buffer), V32: new Uint32Array(buffer),
    V64: new BigUint64Array(buffer), VF32: new Float32Array(buffer), VF64: new Float64Array(buffer),
  };
})();

type Reduction = 'add' | 'max' | 'min';

const REDUCERS: Record<Reduction, (acc: number, x: number) => number> = {
  add: (acc, x) => acc + x,
  max: (acc, x) => (x > acc ? x : acc),
  min: (acc, x) => (x < acc ? x : acc),
};

function integerReduce(size: number, q: number, n: number, d: number, signed: boolean, how: Reduction, long: boolean): Exec {
  const lanes = (8 << q) >> size;
  const nb = laneBase(n, size);
  const resultSize = long ? size + 1 : size;
  const combine = REDUCERS[how];
  return (cpu) => {
    const views = registerViews(cpu);
    const src = signed ? views.signed[size] : views.unsigned[size];
    let acc = src[nb];
    for (let e = 1; e < lanes; e++) acc = combine(acc, src[nb + e]);
    // Sums of 32-bit lanes into 64 bits stay exact in a double (at most 4 x 2^32).
    if (resultSize === 3) resultViews.u64[0] = BigInt.asUintN(64, BigInt(acc));
    else resultViews.unsigned[resultSize][0] = acc;
    commitScalar(cpu, d, 1 << resultSize);
  };
}

const INTEGER_FORMS: Record<number, [string, boolean, Reduction, boolean]> = {
  0b0_00011: ['saddlv', true, 'add', true],
  0b1_00011: ['uaddlv', false, 'add', true],
  0b0_01010: ['smaxv', true, 'max', false],
  0b1_01010: ['umaxv', false, 'max', false],
  0b0_11010: ['sminv', true, 'min', false],
  0b1_11010: ['uminv', false, 'min', false],
  0b0_11011: ['addv', false, 'add', false],
};

/** FP forms by a:opcode (U = 1). */
const FP_FORMS: Record<number, [string, MinMaxKind]> = {
  0b0_01100: ['fmaxnmv', MinMaxKind.MaxNum],
  0b1_01100: ['fminnmv', MinMaxKind.MinNum],
  0b0_01111: ['fmaxv', MinMaxKind.Max],
  0b1_01111: ['fminv', MinMaxKind.Min],
};

function floatingPoint(insn: number, q: number, size: number, opcode: number, n: number, d: number): Decoded | undefined {
  const form = FP_FORMS[((size >> 1) << 5) | opcode];
  if (form === undefined || bit(insn, 29) === 0 || (size & 1) === 1 || q === 0) return undefined;
  const [mnemonic, which] = form;
  const kind = SINGLE_KIND;
  const base = 4 * n;
  return {
    exec: (cpu) => {
      kind.minMax(cpu, cpu, which, base, base + 1, treeLevel, 0);
      kind.minMax(cpu, cpu, which, base + 2, base + 3, treeLevel, 1);
      kind.minMax(cpu, treeLevel, which, 0, 1, result, 0);
      commitScalar(cpu, d, 4);
    },
    text: insnText(mnemonic, scalarReg(d, 2), vreg(n, 2, 1)),
  };
}

function analyse(insn: number): Decoded | undefined {
  const q = bit(insn, 30);
  const u = bit(insn, 29);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (opcode === 0b01100 || opcode === 0b01111) return floatingPoint(insn, q, size, opcode, n, d);
  const form = INTEGER_FORMS[(u << 5) | opcode];
  if (form === undefined || size === 3 || (size === 2 && q === 0)) return undefined;
  const [mnemonic, signed, how, long] = form;
  return {
    exec: integerReduce(size, q, n, d, signed, how, long),
    text: insnText(mnemonic, scalarReg(d, long ? size + 1 : size), vreg(n, size, q)),
  };
}

export const ADVANCED_SIMD_ACROSS_LANES = [
  simdFpEncoding('ASIMD_ACROSS_LANES', '0qu0_1110_ss11_000o_oooo_10nn_nnnd_dddd', analyse),
];
