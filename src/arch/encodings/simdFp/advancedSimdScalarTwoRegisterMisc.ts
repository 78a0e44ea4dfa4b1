// Advanced SIMD scalar two-register miscellaneous (Arm ARM C4.1.95): SUQADD, USQADD,
// SQABS, SQNEG on any size; ABS, NEG and the compares against zero on D; SQXTN, UQXTN,
// SQXTUN; FCVTXN; and the FP forms FCVT<x>S/U, SCVTF/UCVTF, FRECPE, FRSQRTE, FRECPX,
// FCM<cc> #0.0.

import { bit, bits } from '../../decoder';
import { elementwise, scalarShape } from './integerLanes';
import { narrow } from './widenNarrow';
import { fpKindOf } from './fpKinds';
import { reciprocalExponentOp } from './fpEstimates';
import { doubleToSingleOdd } from './fpConvertLanes';
import { fpElementwise, fpScalarShape } from './fpVectorLoops';
import { FP_MISC, FpLaneBuilder, INTEGER_MISC, NARROWING_MISC } from './twoRegisterMiscForms';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';
import { commitScalar, result } from './vectorViews';

/** Integer forms (U:opcode) available as scalars: any size, or D only. */
const SCALAR_INTEGER: Record<number, 'any' | 'd'> = {
  0b0_00011: 'any', 0b1_00011: 'any', 0b0_00111: 'any', 0b1_00111: 'any',
  0b0_01000: 'd', 0b0_01001: 'd', 0b0_01010: 'd', 0b0_01011: 'd',
  0b1_01000: 'd', 0b1_01001: 'd', 0b1_01011: 'd',
};

/** FP forms (U:a:opcode) available as scalars. */
const SCALAR_FP = new Set([
  0b0_0_11010, 0b0_1_11010, 0b0_0_11011, 0b0_1_11011, 0b0_0_11100,
  0b1_0_11010, 0b1_1_11010, 0b1_0_11011, 0b1_1_11011, 0b1_0_11100,
  0b0_0_11101, 0b1_0_11101, 0b0_1_11101, 0b1_1_11101,
  0b0_1_01100, 0b0_1_01101, 0b0_1_01110, 0b1_1_01100, 0b1_1_01101,
]);

const FRECPX: FpLaneBuilder = (kind) => {
  const op = reciprocalExponentOp(kind.size === 3);
  return (cpu, ni, e) => kind.unary(cpu, cpu, op, ni, result, e);
};

function floatingPoint(u: number, size: number, opcode: number, n: number, d: number): Decoded | undefined {
  const key = (u << 6) | ((size >> 1) << 5) | opcode;
  const kind = fpKindOf(size & 1);
  if (kind === undefined) return undefined;
  let mnemonic: string;
  let build: FpLaneBuilder;
  let zero = false;
  if (key === 0b0_1_11111) {
    [mnemonic, build] = ['frecpx', FRECPX];
  } else {
    if (!SCALAR_FP.has(key)) return undefined;
    [mnemonic, build, zero = false] = FP_MISC[key];
  }
  const lane = build(kind);
  const operands = [scalarReg(d, kind.size), scalarReg(n, kind.size)];
  if (zero) operands.push('#0.0');
  return {
    exec: fpElementwise(kind, fpScalarShape(kind), (cpu, ni, _mi, _di, e) => lane(cpu, ni, e), n, n, d),
    text: insnText(mnemonic, ...operands),
  };
}

function narrowing(u: number, size: number, opcode: number, n: number, d: number): Decoded | undefined {
  const form = NARROWING_MISC[(u << 5) | opcode];
  // XTN has no scalar form.
  if (size === 3 || form === undefined || form[0] === 'xtn') return undefined;
  const [mnemonic, op] = form;
  const inner = narrow(size, 0, n, d, op(size), 1);
  const bytes = 1 << size;
  return {
    exec: (cpu) => { inner(cpu); commitScalar(cpu, d, bytes); },
    text: insnText(mnemonic, scalarReg(d, size), scalarReg(n, size + 1)),
  };
}

function analyse(insn: number): Decoded | undefined {
  const u = bit(insn, 29);
  const size = bits(insn, 22, 2);
  const opcode = bits(insn, 12, 5);
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (opcode === 0b10110) {
    if (u === 0 || size !== 1) return undefined;
    return {
      exec: (cpu) => { doubleToSingleOdd(cpu, cpu, 2 * n, result, 0); commitScalar(cpu, d, 4); },
      text: insnText('fcvtxn', scalarReg(d, 2), scalarReg(n, 3)),
    };
  }
  if (opcode === 0b10010 || opcode === 0b10100) return narrowing(u, size, opcode, n, d);
  if (opcode >= 0b11000 || ((size & 2) !== 0 && opcode >= 0b01100 && opcode <= 0b01111)) return floatingPoint(u, size, opcode, n, d);
  const key = (u << 5) | opcode;
  const sizes = SCALAR_INTEGER[key];
  if (sizes === undefined || (sizes === 'd' && size !== 3)) return undefined;
  const form = INTEGER_MISC[key];
  const op = form.op(size);
  const exec = op && elementwise(scalarShape(size), op, n, n, d);
  if (exec === undefined) return undefined;
  const operands = [scalarReg(d, size), scalarReg(n, size)];
  if (form.zero) operands.push('#0');
  return { exec, text: insnText(form.mnemonic, ...operands) };
}

export const ADVANCED_SIMD_SCALAR_TWO_REGISTER_MISC = [
  simdFpEncoding('ASIMD_SCALAR_TWO_REG_MISC', '01u1_1110_ss10_000o_oooo_10nn_nnnd_dddd', analyse),
];
