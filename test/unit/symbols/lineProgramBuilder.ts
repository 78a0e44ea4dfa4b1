// Hand-made .debug_line programs for every header version, in DWARF 32 or 64.

import { ByteWriter } from './byteWriter';

export interface ProgramSpec {
  readonly version: 2 | 3 | 4 | 5;
  readonly format?: 32 | 64;
  readonly minimumInstructionLength?: number;
  readonly lineBase?: number;
  readonly lineRange?: number;
  readonly opcodeBase?: number;
  readonly directories: readonly string[];
  /** [name, directory index] */
  readonly files: readonly (readonly [string, number])[];
  /** The opcodes after the header. */
  readonly program: (writer: ByteWriter) => void;
  /** v5: emit an MD5 column for files. */
  readonly md5?: boolean;
  /** v5: where path strings go ('string' inline, or offsets into the returned .debug_line_str). */
  readonly pathForm?: 'string' | 'line_strp';
}

export interface BuiltProgram {
  readonly line: Uint8Array;
  readonly lineStr: Uint8Array;
}

const DW_FORM_string = 0x08;
const DW_FORM_line_strp = 0x1f;
const DW_FORM_udata = 0x0f;
const DW_FORM_data16 = 0x1e;

export function buildLineProgram(spec: ProgramSpec, prefix: Uint8Array = new Uint8Array(0)): BuiltProgram {
  const format = spec.format ?? 32;
  const opcodeBase = spec.opcodeBase ?? 13;
  const lineStr = new ByteWriter();
  const out = new ByteWriter().raw(prefix);
  const lengthAt = out.length + (format === 64 ? 4 : 0);
  if (format === 64) out.u32(0xffffffff).u64(0);
  else out.u32(0);
  const unitStart = out.length;
  out.u16(spec.version);
  if (spec.version >= 5) out.u8(8, 0);
  const headerLengthAt = out.length;
  if (format === 64) out.u64(0);
  else out.u32(0);
  const headerStart = out.length;
  out.u8(spec.minimumInstructionLength ?? 4);
  if (spec.version >= 4) out.u8(1);
  out.u8(1); // default_is_stmt
  out.u8((spec.lineBase ?? -5) & 0xff);
  out.u8(spec.lineRange ?? 14);
  out.u8(opcodeBase);
  const standardLengths = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
  for (let opcode = 1; opcode < opcodeBase; opcode++) out.u8(standardLengths[opcode - 1] ?? 0);
  const writePath = (text: string) => {
    if (spec.pathForm === 'line_strp') {
      const offset = lineStr.length;
      lineStr.cstring(text);
      if (format === 64) out.u64(offset);
      else out.u32(offset);
    } else {
      out.cstring(text);
    }
  };
  const pathForm = spec.pathForm === 'line_strp' ? DW_FORM_line_strp : DW_FORM_string;
  if (spec.version >= 5) {
    out.u8(1).uleb(1).uleb(pathForm);
    out.uleb(spec.directories.length);
    for (const directory of spec.directories) writePath(directory);
    out.u8(spec.md5 ? 3 : 2).uleb(1).uleb(pathForm).uleb(2).uleb(DW_FORM_udata);
    if (spec.md5) out.uleb(5).uleb(DW_FORM_data16);
    out.uleb(spec.files.length);
    spec.files.forEach(([name, directory], index) => {
      writePath(name);
      out.uleb(directory);
      if (spec.md5) for (let i = 0; i < 16; i++) out.u8(index * 16 + i);
    });
  } else {
    for (const directory of spec.directories) out.cstring(directory);
    out.u8(0);
    for (const [name, directory] of spec.files) out.cstring(name).uleb(directory).uleb(0).uleb(0);
    out.u8(0);
  }
  const headerLength = out.length - headerStart;
  if (format === 64) out.patchU64(headerLengthAt, headerLength);
  else out.patchU32(headerLengthAt, headerLength);
  spec.program(out);
  const unitLength = out.length - unitStart;
  if (format === 64) out.patchU64(lengthAt, unitLength);
  else out.patchU32(lengthAt, unitLength);
  return { line: out.toBytes(), lineStr: lineStr.toBytes() };
}

/** Opcode helpers. */
export const op = {
  setAddress: (writer: ByteWriter, address: number) => writer.u8(0).uleb(9).u8(2).u64(address),
  endSequence: (writer: ByteWriter) => writer.u8(0).uleb(1).u8(1),
  setDiscriminator: (writer: ByteWriter, value: number) => writer.u8(0).uleb(2).u8(4).uleb(value),
  defineFile: (writer: ByteWriter, name: string, directory: number) => {
    const body = new ByteWriter().u8(3).cstring(name).uleb(directory).uleb(0).uleb(0).toBytes();
    writer.u8(0).uleb(body.length).raw(body);
  },
  copy: (writer: ByteWriter) => writer.u8(1),
  advancePc: (writer: ByteWriter, operations: number) => writer.u8(2).uleb(operations),
  advanceLine: (writer: ByteWriter, delta: number) => writer.u8(3).sleb(delta),
  setFile: (writer: ByteWriter, file: number) => writer.u8(4).uleb(file),
  setColumn: (writer: ByteWriter, column: number) => writer.u8(5).uleb(column),
  negateStmt: (writer: ByteWriter) => writer.u8(6),
  constAddPc: (writer: ByteWriter) => writer.u8(8),
  fixedAdvancePc: (writer: ByteWriter, delta: number) => writer.u8(9).u16(delta),
  prologueEnd: (writer: ByteWriter) => writer.u8(10),
  /** Special opcode for (operation advance, line advance) with line_base -5, line_range 14, opcode_base 13. */
  special: (writer: ByteWriter, operationAdvance: number, lineAdvance: number) => writer.u8(13 + (lineAdvance + 5) + 14 * operationAdvance),
};
