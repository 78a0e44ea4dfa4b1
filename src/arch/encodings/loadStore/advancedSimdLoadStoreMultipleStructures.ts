// Advanced SIMD load/store multiple structures, with and without post-index:
// LD1/ST1 of 1-4 registers and LD2/ST2, LD3/ST3, LD4/ST4, which (de-)interleave
// elements: element e of structure member s lives in V[(t + s) mod 32] lane e.

import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName, regOrSp } from '../../disasmText';
import { PlanEntry, StructureAddressing, structureExec, structurePlan } from './structureTransfer';
import { arrangement, vectorList } from './vectorRegisterList';

interface MultipleForm {
  /** Registers per structure (LDn). */
  selem: number;
  /** Repetitions of LD1 with several registers. */
  rpt: number;
}

/** opcode -> form: 0000 LD4, 0010 LD1 x4, 0100 LD3, 0110 LD1 x3, 0111 LD1 x1, 1000 LD2, 1010 LD1 x2. */
const FORMS: (MultipleForm | undefined)[] = [
  { selem: 4, rpt: 1 }, undefined, { selem: 1, rpt: 4 }, undefined,
  { selem: 3, rpt: 1 }, undefined, { selem: 1, rpt: 3 }, { selem: 1, rpt: 1 },
  { selem: 2, rpt: 1 }, undefined, { selem: 1, rpt: 2 }, undefined,
  undefined, undefined, undefined, undefined,
];

interface MultipleFields {
  Q: number;
  L: number;
  size: number;
  form: MultipleForm;
  Rn: number;
  Rt: number;
}

function multipleFields(insn: number): MultipleFields | undefined {
  const form = FORMS[bits(insn, 12, 4)];
  const size = bits(insn, 10, 2);
  const Q = bit(insn, 30);
  if (form === undefined) return undefined;
  // The .1d arrangement only exists for LD1/ST1.
  if (size === 3 && Q === 0 && form.selem !== 1) return undefined;
  return { Q, L: bit(insn, 22), size, form, Rn: bits(insn, 5, 5), Rt: bits(insn, 0, 5) };
}

/** The Arm ARM's loop: for r < rpt, for e < elements, for s < selem, one element after another in memory. */
function multiplePlan({ Q, size, form, Rt }: MultipleFields) {
  const ebytes = 1 << size;
  const elements = (Q ? 16 : 8) / ebytes;
  const entries: PlanEntry[] = [];
  let memory = 0;
  for (let r = 0; r < form.rpt; r++) {
    for (let e = 0; e < elements; e++) {
      for (let s = 0; s < form.selem; s++) {
        const register = (Rt + r + s) % 32;
        for (let b = 0; b < ebytes; b++) entries.push({ register, offset: e * ebytes + b, memory: memory++ });
      }
    }
  }
  const registers = form.rpt * form.selem;
  const clearUpper = Q ? [] : Array.from({ length: registers }, (_, i) => (Rt + i) % 32);
  return structurePlan(memory, entries, clearUpper);
}

function multipleDecode(insn: number, postIndex: StructureAddressing['postIndex']): Exec | undefined {
  const fields = multipleFields(insn);
  if (fields === undefined) return undefined;
  return structureExec(multiplePlan(fields), fields.L === 1, { n: fields.Rn, postIndex });
}

function multipleText(fields: MultipleFields): string {
  const { Q, L, size, form, Rt, Rn } = fields;
  const mnemonic = `${L ? 'ld' : 'st'}${form.selem}`;
  return `${mnemonic}\t${vectorList(Rt, form.rpt * form.selem, arrangement(size, Q))}, [${regOrSp(Rn, 1)}]`;
}

export const ADVANCED_SIMD_LOAD_STORE_MULTIPLE_STRUCTURES: readonly Encoding[] = [
  {
    name: 'LD1_ST1_multiple',
    pattern: '0q00_1100_0L00_0000_oooo_ssnn_nnnt_tttt',
    decode: (insn) => multipleDecode(insn, undefined),
    disasm(insn) {
      const fields = multipleFields(insn);
      return fields && multipleText(fields);
    },
  },
  {
    name: 'LD1_ST1_multiple_post',
    pattern: '0q00_1100_1L0m_mmmm_oooo_ssnn_nnnt_tttt',
    decode(insn) {
      const Rm = bits(insn, 16, 5);
      return multipleDecode(insn, Rm === 31 ? 'immediate' : Rm);
    },
    disasm(insn) {
      const fields = multipleFields(insn);
      if (fields === undefined) return undefined;
      const Rm = bits(insn, 16, 5);
      const bytes = (fields.Q ? 16 : 8) * fields.form.rpt * fields.form.selem;
      return `${multipleText(fields)}, ${Rm === 31 ? `#${bytes}` : regName(Rm, 1)}`;
    },
  },
];
