// Conversion between floating-point and integer (Arm ARM C4.1.96): FCVTNS/NU, FCVTAS/AU,
// FCVTPS/PU, FCVTMS/MU, FCVTZS/ZU to W/X (saturating, NaN -> 0), SCVTF/UCVTF from W/X,
// and FMOV between general registers and S/D registers or the upper half of a Q register.

import type { Cpu } from '../../cpu';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { Rounding } from './fpControl';
import { FpKind, fpKindOf } from './fpKinds';
import { toInteger32, toInteger64 } from './fpToInteger';
import { fromInteger32, fromInteger64 } from './integerToFp';
import { writeResult32, writeResult64 } from './fpLanes';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';
import { commitScalar, result } from './vectorViews';

/** FCVT<x>S/U rounding by rmode:opcode<2>: N, P, M, Z and (rmode 00, opcode 1xx) A. */
const TO_INTEGER: Record<string, [string, Rounding]> = {
  '0:0': ['fcvtn', Rounding.TieEven],
  '1:0': ['fcvtp', Rounding.PosInf],
  '2:0': ['fcvtm', Rounding.NegInf],
  '3:0': ['fcvtz', Rounding.Zero],
  '0:1': ['fcvta', Rounding.TieAway],
};

/** FPToFixed of lane `i` of the FP register file into general register slot `d`. */
export function fpToGeneral(kind: FpKind, i: number, sf: number, d: number, fbits: number, unsigned: boolean, rounding: Rounding): (cpu: Cpu) => void {
  if (sf === 1) {
    return (cpu) => {
      const value = readForConversion(cpu, kind, i);
      cpu.X[d] = toInteger64(cpu, value, fbits, unsigned, rounding);
    };
  }
  return (cpu) => {
    const value = readForConversion(cpu, kind, i);
    cpu.W[2 * d] = toInteger32(cpu, value, fbits, unsigned, rounding);
    cpu.W[2 * d + 1] = 0;
  };
}

/** The lane's value after FPUnpack, or NaN (the conversion then raises Invalid itself). */
function readForConversion(cpu: Cpu, kind: FpKind, i: number): number {
  if (kind.isNaN(cpu, i)) return NaN;
  return kind.operand(cpu, cpu, i);
}

/** FixedToFP of general register slot `n` into Vd. */
export function generalToFp(kind: FpKind, sf: number, n: number, d: number, fbits: number, unsigned: boolean): (cpu: Cpu) => void {
  const double = kind.size === 3;
  const bytes = 1 << kind.size;
  const write = double ? writeResult64 : writeResult32;
  if (sf === 1) {
    return (cpu) => {
      write(result, 0, fromInteger64(cpu, unsigned ? cpu.X[n] : cpu.XS[n], fbits, double));
      commitScalar(cpu, d, bytes);
    };
  }
  return (cpu) => {
    write(result, 0, fromInteger32(cpu, unsigned ? cpu.W[2 * n] : cpu.WS[2 * n], fbits, double));
    commitScalar(cpu, d, bytes);
  };
}

function fmov(insn: number, sf: number, ftype: number, rmode: number, toFp: boolean): Decoded | undefined {
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (sf === 0 && ftype === 0 && rmode === 0) {
    if (toFp) {
      const source = sourceSlot(n);
      return { text: insnText('fmov', scalarReg(d, 2), regName(n, 0)), exec: (cpu) => { result.V32[0] = cpu.W[2 * source]; commitScalar(cpu, d, 4); } };
    }
    const target = destinationSlot(d);
    return { text: insnText('fmov', regName(d, 0), scalarReg(n, 2)), exec: (cpu) => { cpu.W[2 * target] = cpu.V32[4 * n]; cpu.W[2 * target + 1] = 0; } };
  }
  if (sf === 1 && ftype === 1 && rmode === 0) {
    if (toFp) {
      const source = sourceSlot(n);
      return { text: insnText('fmov', scalarReg(d, 3), regName(n, 1)), exec: (cpu) => { result.V64[0] = cpu.X[source]; commitScalar(cpu, d, 8); } };
    }
    const target = destinationSlot(d);
    return { text: insnText('fmov', regName(d, 1), scalarReg(n, 3)), exec: (cpu) => { cpu.X[target] = cpu.V64[2 * n]; } };
  }
  if (sf === 1 && ftype === 2 && rmode === 1) {
    // The upper 64 bits of a Q register; the lower half of Vd is left as it was.
    if (toFp) {
      const source = sourceSlot(n);
      return { text: insnText('fmov', `v${d}.d[1]`, regName(n, 1)), exec: (cpu) => { cpu.V64[2 * d + 1] = cpu.X[source]; } };
    }
    const target = destinationSlot(d);
    return { text: insnText('fmov', regName(d, 1), `v${n}.d[1]`), exec: (cpu) => { cpu.X[target] = cpu.V64[2 * n + 1]; } };
  }
  return undefined;
}

function analyse(insn: number): Decoded | undefined {
  const sf = bit(insn, 31);
  const ftype = bits(insn, 22, 2);
  const rmode = bits(insn, 19, 2);
  const opcode = bits(insn, 16, 3);
  if ((opcode & 0b110) === 0b110) return fmov(insn, sf, ftype, rmode, opcode === 0b111);
  const kind = fpKindOf(ftype);
  if (kind === undefined) return undefined;
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const unsigned = (opcode & 1) === 1;
  if ((opcode & 0b110) === 0b010) {
    if (rmode !== 0) return undefined;
    return {
      text: insnText(unsigned ? 'ucvtf' : 'scvtf', scalarReg(d, kind.size), regName(n, sf)),
      exec: generalToFp(kind, sf, sourceSlot(n), d, 0, unsigned),
    };
  }
  const form = TO_INTEGER[`${rmode}:${opcode >>> 2}`];
  if (form === undefined) return undefined;
  const [stem, rounding] = form;
  return {
    text: insnText(stem + (unsigned ? 'u' : 's'), regName(d, sf), scalarReg(n, kind.size)),
    exec: fpToGeneral(kind, n * kind.lanesPerRegister, sf, destinationSlot(d), 0, unsigned, rounding),
  };
}

export const CONVERSION_BETWEEN_FLOATING_POINT_AND_INTEGER = [
  simdFpEncoding('FP_INT_CONVERT', 'x001_1110_tt1r_rooo_0000_00nn_nnnd_dddd', analyse),
];

