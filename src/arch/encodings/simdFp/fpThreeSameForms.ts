// The floating-point forms of "three same" (vector and scalar groups): for each
// U:a:opcode<2:0>, the mnemonic and how to build the executor for a shape.

import type { Cpu } from '../../cpu';
import type { FpKind } from './fpKinds';
import { CompareKind } from './fpCompare';
import { MinMaxKind } from './fpMinMax';
import { recipStep, rsqrtStep } from './fpEstimates';
import type { FpBinaryOp } from './fpLanes';
import { FpShape, fpElementwise, fpPairwise } from './fpVectorLoops';
import { result } from './vectorViews';

export interface FpForm {
  mnemonic: string;
  /** Element-wise forms work on any shape; pairwise forms only on vectors (q). */
  build: (kind: FpKind, shape: FpShape, q: number, n: number, m: number, d: number) => (cpu: Cpu) => void;
  pairwise?: boolean;
}

function arithmeticForm(mnemonic: string, pick: (kind: FpKind) => FpBinaryOp): FpForm {
  return {
    mnemonic,
    build: (kind, shape, _q, n, m, d) => {
      const op = pick(kind);
      return fpElementwise(kind, shape, (cpu, ni, mi, _di, e) => kind.binary(cpu, cpu, op, ni, mi, result, e), n, m, d);
    },
  };
}

function minMaxForm(mnemonic: string, which: MinMaxKind, isPairwise: boolean): FpForm {
  return {
    mnemonic,
    pairwise: isPairwise,
    build: (kind, shape, q, n, m, d) => isPairwise
      ? fpPairwise(kind, q, (cpu, i, j, e) => kind.minMax(cpu, cpu, which, i, j, result, e), n, m, d)
      : fpElementwise(kind, shape, (cpu, ni, mi, _di, e) => kind.minMax(cpu, cpu, which, ni, mi, result, e), n, m, d),
  };
}

function compareForm(mnemonic: string, which: CompareKind, absolute: boolean): FpForm {
  return {
    mnemonic,
    build: (kind, shape, _q, n, m, d) => fpElementwise(kind, shape,
      (cpu, ni, mi, _di, e) => kind.writeMask(result, e, kind.compareLane(cpu, cpu, which, ni, mi, absolute)), n, m, d),
  };
}

function fusedForm(mnemonic: string, subtract: boolean): FpForm {
  return {
    mnemonic,
    build: (kind, shape, _q, n, m, d) => fpElementwise(kind, shape,
      (cpu, ni, mi, di, e) => kind.mulAdd(cpu, cpu, false, subtract, di, ni, mi, result, e), n, m, d),
  };
}

/** FRECPS/FRSQRTS: the first operand goes through FPNeg before NaN processing. */
function stepForm(mnemonic: string, step: typeof recipStep): FpForm {
  return {
    mnemonic,
    build: (kind, shape, _q, n, m, d) => {
      const double = kind.size === 3;
      const op: FpBinaryOp = (env, a, b) => step(env, a, b, double);
      return fpElementwise(kind, shape, (cpu, ni, mi, _di, e) => kind.binary(cpu, cpu, op, ni, mi, result, e, true), n, m, d);
    },
  };
}

/** FABD: FPAbs(FPSub(...)), clearing the sign of a NaN result too. */
const absoluteDifferenceForm: FpForm = {
  mnemonic: 'fabd',
  build: (kind, shape, _q, n, m, d) => {
    const signWord = kind.size === 3 ? 1 : 0;
    const per = kind.size === 3 ? 2 : 1;
    return fpElementwise(kind, shape, (cpu, ni, mi, _di, e) => {
      kind.binary(cpu, cpu, kind.sub, ni, mi, result, e);
      result.V32[e * per + signWord] &= 0x7fffffff;
    }, n, m, d);
  },
};

const faddp: FpForm = {
  mnemonic: 'faddp',
  pairwise: true,
  build: (kind, _shape, q, n, m, d) => fpPairwise(kind, q, (cpu, i, j, e) => kind.binary(cpu, cpu, kind.add, i, j, result, e), n, m, d),
};

/** FP three-same forms by U:a:opcode<2:0> (opcode<4:3> = 11). */
export const FP_THREE_SAME: Record<number, FpForm> = {
  0b0_0_000: minMaxForm('fmaxnm', MinMaxKind.MaxNum, false),
  0b0_1_000: minMaxForm('fminnm', MinMaxKind.MinNum, false),
  0b0_0_001: fusedForm('fmla', false),
  0b0_1_001: fusedForm('fmls', true),
  0b0_0_010: arithmeticForm('fadd', (k) => k.add),
  0b0_1_010: arithmeticForm('fsub', (k) => k.sub),
  0b0_0_011: arithmeticForm('fmulx', (k) => k.mulExtended),
  0b0_0_100: compareForm('fcmeq', CompareKind.Equal, false),
  0b0_0_110: minMaxForm('fmax', MinMaxKind.Max, false),
  0b0_1_110: minMaxForm('fmin', MinMaxKind.Min, false),
  0b0_0_111: stepForm('frecps', recipStep),
  0b0_1_111: stepForm('frsqrts', rsqrtStep),
  0b1_0_000: minMaxForm('fmaxnmp', MinMaxKind.MaxNum, true),
  0b1_1_000: minMaxForm('fminnmp', MinMaxKind.MinNum, true),
  0b1_0_010: faddp,
  0b1_1_010: absoluteDifferenceForm,
  0b1_0_011: arithmeticForm('fmul', (k) => k.mul),
  0b1_0_100: compareForm('fcmge', CompareKind.GreaterOrEqual, false),
  0b1_1_100: compareForm('fcmgt', CompareKind.Greater, false),
  0b1_0_101: compareForm('facge', CompareKind.GreaterOrEqual, true),
  0b1_1_101: compareForm('facgt', CompareKind.Greater, true),
  0b1_0_110: minMaxForm('fmaxp', MinMaxKind.Max, true),
  0b1_1_110: minMaxForm('fminp', MinMaxKind.Min, true),
  0b1_0_111: arithmeticForm('fdiv', (k) => k.div),
};
