// Conversion between floating-point and fixed-point (Arm ARM C4.1.96): SCVTF/UCVTF from
// W/X with #fbits, FCVTZS/FCVTZU to W/X with #fbits (fbits = 64 - scale; W forms need
// scale >= 32).

import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { Rounding } from './fpControl';
import { fpKindOf } from './fpKinds';
import { fpToGeneral, generalToFp } from './conversionBetweenFloatingPointAndInteger';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { insnText, scalarReg } from './simdText';

function analyse(insn: number): Decoded | undefined {
  const sf = bit(insn, 31);
  const kind = fpKindOf(bits(insn, 22, 2));
  const rmode = bits(insn, 19, 2);
  const opcode = bits(insn, 16, 3);
  const scale = bits(insn, 10, 6);
  if (kind === undefined || (sf === 0 && scale < 32)) return undefined;
  const fbits = 64 - scale;
  const n = bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  const unsigned = (opcode & 1) === 1;
  if (rmode === 0 && (opcode & 0b110) === 0b010) {
    return {
      text: insnText(unsigned ? 'ucvtf' : 'scvtf', scalarReg(d, kind.size), regName(n, sf), `#${fbits}`),
      exec: generalToFp(kind, sf, sourceSlot(n), d, fbits, unsigned),
    };
  }
  if (rmode === 3 && (opcode & 0b110) === 0) {
    return {
      text: insnText(unsigned ? 'fcvtzu' : 'fcvtzs', regName(d, sf), scalarReg(n, kind.size), `#${fbits}`),
      exec: fpToGeneral(kind, n * kind.lanesPerRegister, sf, destinationSlot(d), fbits, unsigned, Rounding.Zero),
    };
  }
  return undefined;
}

export const CONVERSION_BETWEEN_FLOATING_POINT_AND_FIXED_POINT = [
  simdFpEncoding('FP_FIXED_CONVERT', 'x001_1110_tt0r_rooo_ssss_ssnn_nnnd_dddd', analyse),
];
