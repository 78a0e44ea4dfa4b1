// Advanced SIMD load/store single structure, with and without post-index: LD1-LD4 and
// ST1-ST4 of one lane (the other lanes keep their values) and LD1R-LD4R, which
// replicate one structure to every lane.

import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName, regOrSp } from '../../disasmText';
import { PlanEntry, StructureAddressing, structureExec, structurePlan } from './structureTransfer';
import { arrangement, vectorList } from './vectorRegisterList';

interface SingleFields {
  Q: number;
  L: number;
  /** Number of registers (the n of LDn). */
  selem: number;
  /** log2 of the element size in bytes. */
  scale: number;
  replicate: boolean;
  /** The lane (not used by the replicating forms). */
  index: number;
  size: number;
  Rn: number;
  Rt: number;
}

/** The Arm ARM's decode of opcode, S and size; undefined for the reserved combinations. */
function singleFields(insn: number): SingleFields | undefined {
  const Q = bit(insn, 30);
  const L = bit(insn, 22);
  const R = bit(insn, 21);
  const opcode = bits(insn, 13, 3);
  const S = bit(insn, 12);
  const size = bits(insn, 10, 2);
  let scale = opcode >>> 1;
  const selem = (((opcode & 1) << 1) | R) + 1;
  let replicate = false;
  let index = 0;
  switch (scale) {
    case 3:
      if (L === 0 || S === 1) return undefined;
      scale = size;
      replicate = true;
      break;
    case 0:
      index = (Q << 3) | (S << 2) | size;
      break;
    case 1:
      if (size & 1) return undefined;
      index = (Q << 2) | (S << 1) | (size >>> 1);
      break;
    default:
      if (size & 2) return undefined;
      if ((size & 1) === 0) {
        index = (Q << 1) | S;
      } else {
        if (S === 1) return undefined;
        index = Q;
        scale = 3;
      }
  }
  return { Q, L, selem, scale, replicate, index, size, Rn: bits(insn, 5, 5), Rt: bits(insn, 0, 5) };
}

function singlePlan({ Q, selem, scale, replicate, index, Rt }: SingleFields) {
  const ebytes = 1 << scale;
  const entries: PlanEntry[] = [];
  const lanes = replicate ? (Q ? 16 : 8) / ebytes : 1;
  for (let s = 0; s < selem; s++) {
    const register = (Rt + s) % 32;
    for (let lane = 0; lane < lanes; lane++) {
      const element = replicate ? lane : index;
      for (let b = 0; b < ebytes; b++) entries.push({ register, offset: element * ebytes + b, memory: s * ebytes + b });
    }
  }
  const clearUpper = replicate && !Q ? Array.from({ length: selem }, (_, s) => (Rt + s) % 32) : [];
  return structurePlan(selem * ebytes, entries, clearUpper);
}

function singleDecode(insn: number, postIndex: StructureAddressing['postIndex']): Exec | undefined {
  const fields = singleFields(insn);
  if (fields === undefined) return undefined;
  return structureExec(singlePlan(fields), fields.L === 1, { n: fields.Rn, postIndex });
}

function singleText(fields: SingleFields): string {
  const { Q, L, selem, scale, replicate, index, size, Rn, Rt } = fields;
  const base = `[${regOrSp(Rn, 1)}]`;
  if (replicate) return `ld${selem}r\t${vectorList(Rt, selem, arrangement(size, Q))}, ${base}`;
  return `${L ? 'ld' : 'st'}${selem}\t${vectorList(Rt, selem, 'bhsd'[scale])}[${index}], ${base}`;
}

export const ADVANCED_SIMD_LOAD_STORE_SINGLE_STRUCTURE: readonly Encoding[] = [
  {
    name: 'LD1_ST1_single',
    pattern: '0q00_1101_0LR0_0000_oooS_ssnn_nnnt_tttt',
    decode: (insn) => singleDecode(insn, undefined),
    disasm(insn) {
      const fields = singleFields(insn);
      return fields && singleText(fields);
    },
  },
  {
    name: 'LD1_ST1_single_post',
    pattern: '0q00_1101_1LRm_mmmm_oooS_ssnn_nnnt_tttt',
    decode(insn) {
      const Rm = bits(insn, 16, 5);
      return singleDecode(insn, Rm === 31 ? 'immediate' : Rm);
    },
    disasm(insn) {
      const fields = singleFields(insn);
      if (fields === undefined) return undefined;
      const Rm = bits(insn, 16, 5);
      return `${singleText(fields)}, ${Rm === 31 ? `#${fields.selem << fields.scale}` : regName(Rm, 1)}`;
    },
  },
];
