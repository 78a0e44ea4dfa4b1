// Floating-point data-processing (1 source) (Arm ARM C4.1.96): FMOV (register), FABS,
// FNEG, FSQRT, FCVT between half/single/double, FRINTN/P/M/Z/A/X/I. Half-precision
// arithmetic (FEAT_FP16) and FRINT32/64 (FEAT_FRINTTS) are not implemented: UNDEFINED.

import type { Cpu } from '../../cpu';
import { bits } from '../../decoder';
import { Rounding } from './fpControl';
import { FpKind, SignOp, fpKindOf } from './fpKinds';
import { roundIntegralOp } from './fpRoundIntegral';
import { doubleToHalf, doubleToSingle, halfToDouble, halfToSingle, singleToDouble, singleToHalf } from './fpConvertLanes';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';
import { commitScalar, result } from './vectorViews';

/** FRINT variants by opcode<2:0>: the fixed rounding (undefined = FPCR's) and exactness. */
const FRINT: ({ mnemonic: string; rounding: Rounding | undefined; exact: boolean } | undefined)[] = [
  { mnemonic: 'frintn', rounding: Rounding.TieEven, exact: false },
  { mnemonic: 'frintp', rounding: Rounding.PosInf, exact: false },
  { mnemonic: 'frintm', rounding: Rounding.NegInf, exact: false },
  { mnemonic: 'frintz', rounding: Rounding.Zero, exact: false },
  { mnemonic: 'frinta', rounding: Rounding.TieAway, exact: false },
  undefined,
  { mnemonic: 'frintx', rounding: undefined, exact: true },
  { mnemonic: 'frinti', rounding: undefined, exact: false },
];

/** Register size (log2 bytes) of an ftype: 0 single, 1 double, 3 half. */
const FTYPE_SIZE = [2, 3, -1, 1];

function sameType(kind: FpKind, mnemonic: string, n: number, d: number, exec: (cpu: Cpu) => void): Decoded {
  return { exec, text: insnText(mnemonic, scalarReg(d, kind.size), scalarReg(n, kind.size)) };
}

function signOperation(kind: FpKind, mnemonic: string, how: SignOp, n: number, d: number): Decoded {
  const lanes = kind.lanesPerRegister;
  const bytes = 1 << kind.size;
  return sameType(kind, mnemonic, n, d, (cpu) => {
    kind.copySign(cpu, n * lanes, result, 0, how);
    commitScalar(cpu, d, bytes);
  });
}

function unaryOperation(kind: FpKind, mnemonic: string, op: Parameters<FpKind['unary']>[2], n: number, d: number): Decoded {
  const lanes = kind.lanesPerRegister;
  const bytes = 1 << kind.size;
  return sameType(kind, mnemonic, n, d, (cpu) => {
    kind.unary(cpu, cpu, op, n * lanes, result, 0);
    commitScalar(cpu, d, bytes);
  });
}

/** FCVT lane converters by from * 4 + to (ftype 0 single, 1 double, 3 half). */
const CONVERTERS: Record<number, typeof singleToDouble> = {
  [0 * 4 + 1]: singleToDouble,
  [0 * 4 + 3]: singleToHalf,
  [1 * 4 + 0]: doubleToSingle,
  [1 * 4 + 3]: doubleToHalf,
  [3 * 4 + 0]: halfToSingle,
  [3 * 4 + 1]: halfToDouble,
};

/** FCVT from ftype `from` to ftype `to` (both 0, 1 or 3, different). */
function convert(from: number, to: number, n: number, d: number): Decoded {
  const converter = CONVERTERS[from * 4 + to];
  const sourceIndex = n * (16 >> FTYPE_SIZE[from]);
  const bytes = 1 << FTYPE_SIZE[to];
  return {
    text: insnText('fcvt', scalarReg(d, FTYPE_SIZE[to]), scalarReg(n, FTYPE_SIZE[from])),
    exec: (cpu) => { converter(cpu, cpu, sourceIndex, result, 0); commitScalar(cpu, d, bytes); },
  };
}

function analyse(insn: number): Decoded | undefined {
  const ftype = bits(insn, 22, 2);
  const opcode = bits(insn, 15, 6);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if ((opcode & 0b111100) === 0b000100) {
    const to = opcode & 3;
    if (to === 2 || to === ftype || ftype === 2) return undefined;
    return convert(ftype, to, n, d);
  }
  const kind = fpKindOf(ftype);
  if (kind === undefined) return undefined;
  switch (opcode) {
    case 0b000000: return signOperation(kind, 'fmov', SignOp.Keep, n, d);
    case 0b000001: return signOperation(kind, 'fabs', SignOp.Clear, n, d);
    case 0b000010: return signOperation(kind, 'fneg', SignOp.Flip, n, d);
    case 0b000011: return unaryOperation(kind, 'fsqrt', kind.sqrt, n, d);
  }
  if ((opcode & 0b111000) === 0b001000) {
    const frint = FRINT[opcode & 7];
    if (frint === undefined) return undefined;
    return unaryOperation(kind, frint.mnemonic, roundIntegralOp(frint.rounding, frint.exact), n, d);
  }
  return undefined;
}

export const FLOATING_POINT_DATA_PROCESSING_1_SOURCE = [
  simdFpEncoding('FP_1SRC', '0001_1110_tt1o_oooo_o100_00nn_nnnd_dddd', analyse),
];
