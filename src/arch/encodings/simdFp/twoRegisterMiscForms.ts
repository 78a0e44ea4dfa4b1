// The forms of "two-register miscellaneous" shared by the vector and scalar groups:
// integer forms by U:opcode, floating-point forms by U:a:opcode, the narrowing forms.

import type { Cpu } from '../../cpu';
import * as ops from './integerOps';
import type { LaneOp } from './integerLanes';
import { NarrowOp, narrowOp } from './widenNarrow';
import { Rounding } from './fpControl';
import { FpKind, SignOp } from './fpKinds';
import { CompareKind, ZERO_OPERAND } from './fpCompare';
import { roundIntegralOp } from './fpRoundIntegral';
import { fpToIntegerLane, integerToFpLane } from './fpConvertLanes';
import { reciprocalEstimateOp, reciprocalSqrtEstimateOp } from './fpEstimates';
import { result } from './vectorViews';

export interface IntegerMiscForm {
  mnemonic: string;
  op: (size: number) => LaneOp | undefined;
  /** Operand suffix after Vn (`#0` for the compares against zero). */
  zero?: boolean;
}

const sizesUpTo = (limit: number, make: (size: number) => LaneOp) => (size: number) => (size <= limit ? make(size) : undefined);

export const INTEGER_MISC: Record<number, IntegerMiscForm> = {
  0b0_00011: { mnemonic: 'suqadd', op: (s) => ops.signedAccumulateUnsigned(s) },
  0b0_00100: { mnemonic: 'cls', op: sizesUpTo(2, ops.countLeadingSignBits) },
  0b0_00101: { mnemonic: 'cnt', op: sizesUpTo(0, () => ops.populationCount) },
  0b0_00111: { mnemonic: 'sqabs', op: (s) => ops.saturatingAbsolute(s) },
  0b0_01000: { mnemonic: 'cmgt', op: () => ops.compareWithZero((a) => a > 0, (a) => a > 0n), zero: true },
  0b0_01001: { mnemonic: 'cmeq', op: () => ops.compareWithZero((a) => a === 0, (a) => a === 0n), zero: true },
  0b0_01010: { mnemonic: 'cmlt', op: () => ops.compareWithZero((a) => a < 0, (a) => a < 0n), zero: true },
  0b0_01011: { mnemonic: 'abs', op: () => ops.absolute },
  0b1_00011: { mnemonic: 'usqadd', op: (s) => ops.unsignedAccumulateSigned(s) },
  0b1_00100: { mnemonic: 'clz', op: sizesUpTo(2, ops.countLeadingZeros) },
  0b1_00111: { mnemonic: 'sqneg', op: (s) => ops.saturatingNegate(s) },
  0b1_01000: { mnemonic: 'cmge', op: () => ops.compareWithZero((a) => a >= 0, (a) => a >= 0n), zero: true },
  0b1_01001: { mnemonic: 'cmle', op: () => ops.compareWithZero((a) => a <= 0, (a) => a <= 0n), zero: true },
  0b1_01011: { mnemonic: 'neg', op: () => ops.negate },
};

export type FpLaneBuilder = (kind: FpKind) => (cpu: Cpu, ni: number, e: number) => void;

const unary = (op: (kind: FpKind) => Parameters<FpKind['unary']>[2]): FpLaneBuilder => (kind) => {
  const f = op(kind);
  return (cpu, ni, e) => kind.unary(cpu, cpu, f, ni, result, e);
};

const toInteger = (unsigned: boolean, rounding: Rounding): FpLaneBuilder => (kind) =>
  (cpu, ni, e) => fpToIntegerLane(kind, cpu, cpu, ni, result, e, 0, unsigned, rounding);

const fromInteger = (unsigned: boolean): FpLaneBuilder => (kind) =>
  (cpu, ni, e) => integerToFpLane(kind, cpu, cpu, ni, result, e, 0, unsigned);

const frint = (rounding: Rounding | undefined, exact = false) => unary(() => roundIntegralOp(rounding, exact));

/** FCM<cc> #0.0: op1/op2 order as in the pseudocode (FCMLE/FCMLT compare 0 with the element). */
const compareZero = (kind: CompareKind, zeroFirst: boolean): FpLaneBuilder => (fk) =>
  (cpu, ni, e) => fk.writeMask(result, e, zeroFirst
    ? fk.compareLane(cpu, cpu, kind, ZERO_OPERAND, ni, false)
    : fk.compareLane(cpu, cpu, kind, ni, ZERO_OPERAND, false));

const sign = (how: SignOp): FpLaneBuilder => (kind) => (cpu, ni, e) => kind.copySign(cpu, ni, result, e, how);

/** FP forms by U:a:opcode: mnemonic, lane builder, and whether a #0.0 operand is printed. */
export const FP_MISC: Record<number, [string, FpLaneBuilder, boolean?]> = {
  0b0_0_11000: ['frintn', frint(Rounding.TieEven)],
  0b0_1_11000: ['frintp', frint(Rounding.PosInf)],
  0b0_0_11001: ['frintm', frint(Rounding.NegInf)],
  0b0_1_11001: ['frintz', frint(Rounding.Zero)],
  0b1_0_11000: ['frinta', frint(Rounding.TieAway)],
  0b1_0_11001: ['frintx', frint(undefined, true)],
  0b1_1_11001: ['frinti', frint(undefined)],
  0b0_0_11010: ['fcvtns', toInteger(false, Rounding.TieEven)],
  0b0_1_11010: ['fcvtps', toInteger(false, Rounding.PosInf)],
  0b0_0_11011: ['fcvtms', toInteger(false, Rounding.NegInf)],
  0b0_1_11011: ['fcvtzs', toInteger(false, Rounding.Zero)],
  0b0_0_11100: ['fcvtas', toInteger(false, Rounding.TieAway)],
  0b1_0_11010: ['fcvtnu', toInteger(true, Rounding.TieEven)],
  0b1_1_11010: ['fcvtpu', toInteger(true, Rounding.PosInf)],
  0b1_0_11011: ['fcvtmu', toInteger(true, Rounding.NegInf)],
  0b1_1_11011: ['fcvtzu', toInteger(true, Rounding.Zero)],
  0b1_0_11100: ['fcvtau', toInteger(true, Rounding.TieAway)],
  0b0_0_11101: ['scvtf', fromInteger(false)],
  0b1_0_11101: ['ucvtf', fromInteger(true)],
  0b0_1_11101: ['frecpe', unary((k) => reciprocalEstimateOp(k.size === 3))],
  0b1_1_11101: ['frsqrte', unary((k) => reciprocalSqrtEstimateOp(k.size === 3))],
  0b0_1_01100: ['fcmgt', compareZero(CompareKind.Greater, false), true],
  0b0_1_01101: ['fcmeq', compareZero(CompareKind.Equal, false), true],
  0b0_1_01110: ['fcmlt', compareZero(CompareKind.Greater, true), true],
  0b1_1_01100: ['fcmge', compareZero(CompareKind.GreaterOrEqual, false), true],
  0b1_1_01101: ['fcmle', compareZero(CompareKind.GreaterOrEqual, true), true],
  0b0_1_01111: ['fabs', sign(SignOp.Clear)],
  0b1_1_01111: ['fneg', sign(SignOp.Flip)],
  0b1_1_11111: ['fsqrt', unary((k) => k.sqrt)],
};

/** XTN, SQXTN, SQXTUN, UQXTN by U:opcode: the mnemonic and the element op for a narrow size. */
export const NARROWING_MISC: Record<number, [string, (size: number) => NarrowOp]> = {
  0b0_10010: ['xtn', (s) => narrowOp(s, false, false, false)],
  0b0_10100: ['sqxtn', (s) => narrowOp(s, true, true, true)],
  0b1_10010: ['sqxtun', (s) => narrowOp(s, true, true, false)],
  0b1_10100: ['uqxtn', (s) => narrowOp(s, true, false, false)],
};
