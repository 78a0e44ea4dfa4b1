// Floating-point data-processing (2 source) (Arm ARM C4.1.96): FMUL, FDIV, FADD, FSUB,
// FMAX, FMIN, FMAXNM, FMINNM, FNMUL on single and double precision scalars.

import type { Cpu } from '../../cpu';
import { bits } from '../../decoder';
import { FpKind, fpKindOf } from './fpKinds';
import type { FpBinaryOp } from './fpLanes';
import { MinMaxKind } from './fpMinMax';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';
import { commitScalar, result } from './vectorViews';

const MNEMONICS = ['fmul', 'fdiv', 'fadd', 'fsub', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fnmul'];
const MIN_MAX = [MinMaxKind.Max, MinMaxKind.Min, MinMaxKind.MaxNum, MinMaxKind.MinNum];

/** The arithmetic operation for opcodes 0..3 and 8. */
function arithmetic(kind: FpKind, opcode: number): FpBinaryOp {
  switch (opcode) {
    case 0: case 8: return kind.mul;
    case 1: return kind.div;
    case 2: return kind.add;
    default: return kind.sub;
  }
}

function analyse(insn: number): Decoded | undefined {
  const kind = fpKindOf(bits(insn, 22, 2));
  const opcode = bits(insn, 12, 4);
  if (kind === undefined || opcode > 8) return undefined;
  const m = bits(insn, 16, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const lanes = kind.lanesPerRegister;
  const bytes = 1 << kind.size;
  const text = insnText(MNEMONICS[opcode], scalarReg(d, kind.size), scalarReg(n, kind.size), scalarReg(m, kind.size));
  let compute: (cpu: Cpu) => void;
  if (opcode >= 4 && opcode <= 7) {
    const which = MIN_MAX[opcode - 4];
    compute = (cpu) => kind.minMax(cpu, cpu, which, n * lanes, m * lanes, result, 0);
  } else {
    const op = arithmetic(kind, opcode);
    compute = (cpu) => kind.binary(cpu, cpu, op, n * lanes, m * lanes, result, 0);
  }
  if (opcode === 8) {
    // FNMUL = FPNeg(FPMul(...)): the negation applies to a NaN result's sign too.
    const signWord = kind.size === 3 ? 1 : 0;
    return { text, exec: (cpu) => { compute(cpu); result.V32[signWord] ^= 0x80000000; commitScalar(cpu, d, bytes); } };
  }
  return { text, exec: (cpu) => { compute(cpu); commitScalar(cpu, d, bytes); } };
}

export const FLOATING_POINT_DATA_PROCESSING_2_SOURCE = [
  simdFpEncoding('FP_2SRC', '0001_1110_tt1m_mmmm_oooo_10nn_nnnd_dddd', analyse),
];
