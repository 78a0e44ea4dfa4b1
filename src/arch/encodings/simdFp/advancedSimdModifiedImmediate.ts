// Advanced SIMD modified immediate (Arm ARM C4.1.95): MOVI, MVNI, ORR (vector, immediate),
// BIC (vector, immediate) and FMOV (vector, immediate), with AdvSIMDExpandImm.

import type { Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { expandFpImmediate } from './floatingPointImmediate';
import { Decoded, simdFpEncoding } from './simdFpEncoding';
import { arrangement, fpImmediate, insnText } from './simdText';
import { commitVector, result } from './vectorViews';

/** AdvSIMDExpandImm(op, cmode, imm8) for the integer forms, as one 64-bit pattern. */
export function expandSimdImmediate(op: number, cmode: number, imm8: number): bigint {
  const imm = BigInt(imm8);
  const replicate32 = (x: bigint) => x | (x << 32n);
  const replicate16 = (x: bigint) => replicate32(x | (x << 16n));
  switch (cmode >>> 1) {
    case 0: case 1: case 2: case 3: return replicate32(imm << BigInt(8 * (cmode >>> 1)));
    case 4: case 5: return replicate16(imm << BigInt(8 * ((cmode >>> 1) & 1)));
    case 6: return replicate32((cmode & 1) === 0 ? (imm << 8n) | 0xffn : (imm << 16n) | 0xffffn);
  }
  if (cmode === 0b1110 && op === 0) {
    const byte = imm;
    return replicate16(byte | (byte << 8n));
  }
  // cmode 1110, op 1: each bit of imm8 becomes a byte of ones or zeros.
  let pattern = 0n;
  for (let i = 0; i < 8; i++) if ((imm8 >>> i) & 1) pattern |= 0xffn << BigInt(8 * i);
  return pattern;
}

/** printf("%#016llx"): LLVM's spelling of a 64-bit MOVI immediate. */
export function hex64Immediate(value: bigint): string {
  if (value === 0n) return '#' + '0'.repeat(16);
  return '#0x' + value.toString(16).padStart(14, '0');
}

type Operation = 'movi' | 'mvni' | 'orr' | 'bic';

function execFor(operation: Operation, pattern: bigint, q: number, d: number): Exec {
  const lo = Number(pattern & 0xffffffffn);
  const hi = Number(pattern >> 32n);
  const inverted = operation === 'mvni';
  const words = [inverted ? ~lo >>> 0 : lo, inverted ? ~hi >>> 0 : hi];
  if (operation === 'movi' || operation === 'mvni') {
    return (cpu) => {
      const out = result.V32;
      out[0] = words[0]; out[1] = words[1]; out[2] = words[0]; out[3] = words[1];
      commitVector(cpu, d, q);
    };
  }
  const count = q === 1 ? 4 : 2;
  const bic = operation === 'bic';
  return (cpu) => {
    const V = cpu.V32;
    const out = result.V32;
    for (let i = 0; i < count; i++) {
      const imm = words[i & 1];
      out[i] = bic ? V[4 * d + i] & ~imm : V[4 * d + i] | imm;
    }
    commitVector(cpu, d, q);
  };
}

function analyse(insn: number): Decoded | undefined {
  const q = bit(insn, 30);
  const op = bit(insn, 29);
  const cmode = bits(insn, 12, 4);
  const o2 = bit(insn, 11);
  const imm8 = (bits(insn, 16, 3) << 5) | bits(insn, 5, 5);
  const d = bits(insn, 0, 5);
  if (o2 === 1) return undefined; // FMOV (half precision), FEAT_FP16
  if (cmode === 0b1111) {
    if (op === 1 && q === 0) return undefined;
    const value = expandFpImmediate(imm8);
    const double = op === 1;
    const writeLanes: Exec = (cpu) => {
      if (double) { result.VF64[0] = value; result.VF64[1] = value; }
      else for (let i = 0; i < 4; i++) result.VF32[i] = value;
      commitVector(cpu, d, q);
    };
    return { exec: writeLanes, text: insnText('fmov', `v${d}.${arrangement(double ? 3 : 2, q)}`, fpImmediate(value)) };
  }
  const pattern = expandSimdImmediate(op, cmode, imm8);
  if (cmode === 0b1110) {
    if (op === 0) return { exec: execFor('movi', pattern, q, d), text: insnText('movi', `v${d}.${arrangement(0, q)}`, `#${imm8}`) };
    const target = q === 1 ? `v${d}.2d` : `d${d}`;
    return { exec: execFor('movi', pattern, q, d), text: insnText('movi', target, hex64Immediate(pattern)) };
  }
  const isOrrBic = (cmode & 1) === 1 && cmode < 0b1100;
  const operation: Operation = isOrrBic ? (op === 0 ? 'orr' : 'bic') : (op === 0 ? 'movi' : 'mvni');
  let size: number;
  let shiftText: string;
  if (cmode < 0b1000) {
    size = 2;
    shiftText = (cmode >>> 1) === 0 ? '' : `lsl #${8 * (cmode >>> 1)}`;
  } else if (cmode < 0b1100) {
    size = 1;
    shiftText = ((cmode >>> 1) & 1) === 0 ? '' : 'lsl #8';
  } else {
    size = 2;
    shiftText = `msl #${(cmode & 1) === 0 ? 8 : 16}`;
  }
  const operands = [`v${d}.${arrangement(size, q)}`, `#${imm8}`];
  if (shiftText) operands.push(shiftText);
  return { exec: execFor(operation, pattern, q, d), text: insnText(operation, ...operands) };
}

export const ADVANCED_SIMD_MODIFIED_IMMEDIATE = [
  simdFpEncoding('ASIMD_MODIFIED_IMM', '0qo0_1111_0000_0abc_mmmm_o1de_fghd_dddd', analyse),
];
