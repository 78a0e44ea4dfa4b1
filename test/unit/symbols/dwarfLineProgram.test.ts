import * as assert from 'assert';
import { DwarfFormatError } from '../../../src/symbols/dwarfReader';
import { LineProgram, parseLineProgram, nextLineProgramOffset } from '../../../src/symbols/dwarfLineProgram';
import { dwarfSectionsFromElf } from '../../../src/symbols/dwarfSections';
import { parseElf } from '../../../src/symbols/elfFile';
import { LineTable } from '../../../src/symbols/lineTable';
import { ByteWriter } from './byteWriter';
import { FIXTURE_NAMES, fixtureBytes, fixturePath, requireTool, runTool } from './fixtureFiles';
import { ProgramSpec, buildLineProgram, op } from './lineProgramBuilder';

/** The opcodes every version test runs; the expected rows are worked out by hand below. */
function sampleProgram(writer: ByteWriter): void {
  op.setAddress(writer, 0x1000);
  op.copy(writer);
  op.special(writer, 1, 2);
  op.setColumn(writer, 7);
  op.advanceLine(writer, 10);
  op.prologueEnd(writer);
  op.special(writer, 0, 0);
  op.constAddPc(writer); // (255 - 13) / 14 = 17 operations of 4 bytes
  op.negateStmt(writer);
  op.setDiscriminator(writer, 3);
  op.special(writer, 2, -1);
  op.fixedAdvancePc(writer, 0x10); // bytes, not scaled
  op.setFile(writer, 2);
  op.copy(writer);
  op.advancePc(writer, 2);
  op.endSequence(writer);
  op.setAddress(writer, 0x2000);
  op.advanceLine(writer, 99);
  op.copy(writer);
  op.advancePc(writer, 1);
  op.endSequence(writer);
}

const EXPECTED_ROWS = [
  { address: 0x1000, line: 1, column: 0, file: 1, isStmt: true, prologueEnd: false, discriminator: 0, endSequence: false },
  { address: 0x1004, line: 3, column: 0, file: 1, isStmt: true, prologueEnd: false, discriminator: 0, endSequence: false },
  { address: 0x1004, line: 13, column: 7, file: 1, isStmt: true, prologueEnd: true, discriminator: 0, endSequence: false },
  { address: 0x1050, line: 12, column: 7, file: 1, isStmt: false, prologueEnd: false, discriminator: 3, endSequence: false },
  { address: 0x1060, line: 12, column: 7, file: 2, isStmt: false, prologueEnd: false, discriminator: 0, endSequence: false },
  { address: 0x1068, line: 12, column: 7, file: 2, isStmt: false, prologueEnd: false, discriminator: 0, endSequence: true },
];

function rowsOf(program: LineProgram) {
  return program.sequences.flatMap((sequence) =>
    sequence.rows.map(({ address, line, column, file, isStmt, prologueEnd, discriminator, endSequence }) => ({
      address, line, column, file, isStmt, prologueEnd, discriminator, endSequence,
    })),
  );
}

function specFor(version: ProgramSpec['version'], extra: Partial<ProgramSpec> = {}): ProgramSpec {
  return version >= 5
    ? { version, directories: ['/build', '/usr/include'], files: [['main.c', 0], ['main.c', 0], ['stdio.h', 1]], program: sampleProgram, ...extra }
    : { version, directories: ['/usr/include'], files: [['main.c', 0], ['stdio.h', 1]], program: sampleProgram, ...extra };
}

describe('symbols/dwarfLineProgram', () => {
  for (const version of [2, 3, 4, 5] as const) {
    for (const format of [32, 64] as const) {
      it(`runs the state machine of a version ${version} program in DWARF ${format}`, () => {
        const { line, lineStr } = buildLineProgram(specFor(version, { format, pathForm: version === 5 && format === 64 ? 'line_strp' : 'string' }));
        const warnings: string[] = [];
        const program = parseLineProgram(line, 0, { lineStr }, '/build', warnings);
        assert.deepStrictEqual(warnings, []);
        assert.strictEqual(program.header.version, version);
        assert.strictEqual(program.header.format, format);
        assert.deepStrictEqual(rowsOf(program).slice(0, EXPECTED_ROWS.length), EXPECTED_ROWS);
        assert.strictEqual(program.sequences.length, 2);
        assert.deepStrictEqual([program.sequences[1].startAddress, program.sequences[1].endAddress, program.sequences[1].rows[0].line], [0x2000, 0x2004, 100]);
        assert.strictEqual(program.filePaths[1], '/build/main.c');
        assert.strictEqual(program.filePaths[2], '/usr/include/stdio.h');
        assert.strictEqual(nextLineProgramOffset(line, 0), line.length);
      });
    }
  }

  it('reads DWARF 5 MD5 checksums and .debug_line_str paths', () => {
    const { line, lineStr } = buildLineProgram(specFor(5, { md5: true, pathForm: 'line_strp' }));
    const program = parseLineProgram(line, 0, { lineStr }, undefined, []);
    assert.strictEqual(program.header.fileNames[2]?.md5, '202122232425262728292a2b2c2d2e2f');
    assert.strictEqual(program.header.includeDirectories[1], '/usr/include');
  });

  it('joins relative directories with the compilation directory (-fdebug-prefix-map=$PWD=.)', () => {
    const { line } = buildLineProgram({ version: 4, directories: ['src', '../lib'], files: [['main.c', 1], ['util.c', 2], ['top.c', 0]], program: sampleProgram });
    const program = parseLineProgram(line, 0, {}, '.', []);
    assert.deepStrictEqual(program.filePaths.slice(1), ['src/main.c', '../lib/util.c', 'top.c']);
  });

  it('adds files announced by DW_LNE_define_file (DWARF 2)', () => {
    const { line } = buildLineProgram({
      version: 2,
      directories: [],
      files: [['a.c', 0]],
      program: (writer) => {
        op.defineFile(writer, 'b.c', 0);
        op.setAddress(writer, 0x100);
        op.setFile(writer, 2);
        op.copy(writer);
        op.advancePc(writer, 1);
        op.endSequence(writer);
      },
    });
    const program = parseLineProgram(line, 0, {}, '/w', []);
    assert.strictEqual(program.filePaths[program.sequences[0].rows[0].file], '/w/b.c');
  });

  it('keeps the sequences before a truncation and says so', () => {
    const { line } = buildLineProgram(specFor(4));
    // Cut inside the second sequence and fix the unit length so the header still parses.
    const cut = line.slice(0, line.length - 3);
    new DataView(cut.buffer).setUint32(0, cut.length - 4, true);
    const warnings: string[] = [];
    const program = parseLineProgram(cut, 0, {}, '/build', warnings);
    assert.strictEqual(program.sequences.length, 1);
    assert.match(warnings.join('\n'), /ends without DW_LNE_end_sequence; its last 1 rows are ignored/);
  });

  it('refuses headers it cannot read', () => {
    const { line } = buildLineProgram(specFor(4));
    const badVersion = line.slice();
    new DataView(badVersion.buffer).setUint16(4, 9, true);
    assert.throws(() => parseLineProgram(badVersion, 0, {}, undefined, []), /unsupported version 9/);
    const badRange = line.slice();
    badRange[4 + 2 + 4 + 5] = 0; // line_range
    assert.throws(() => parseLineProgram(badRange, 0, {}, undefined, []), DwarfFormatError);
    assert.throws(() => parseLineProgram(line.slice(0, 20), 0, {}, undefined, []), DwarfFormatError);
  });

  it('answers address queries through the merged line table', () => {
    const { line } = buildLineProgram(specFor(5));
    const table = new LineTable([parseLineProgram(line, 0, {}, undefined, [])]);
    assert.strictEqual(table.locationForAddress(0x1002)?.line, 1);
    const inside = table.locationForAddress(0x1049)!;
    assert.deepStrictEqual([inside.line, inside.column, inside.rowAddress], [13, 7, 0x1004]);
    assert.strictEqual(table.locationForAddress(0x1055)?.isStmt, false);
    assert.strictEqual(table.locationForAddress(0x1068), undefined, 'end_sequence is one past the end');
    assert.strictEqual(table.locationForAddress(0x2003)?.line, 100);
    assert.strictEqual(table.locationForAddress(0xfff), undefined);
    assert.deepStrictEqual(table.paths().sort(), ['/build/main.c', '/usr/include/stdio.h']);
  });

  describe('agrees with llvm-dwarfdump --debug-line', function () {
    before(function () {
      requireTool(this, 'llvm-dwarfdump');
    });
    for (const name of FIXTURE_NAMES) {
      it(`on every row of ${name}`, () => {
        const dump = runTool('llvm-dwarfdump', ['--debug-line', fixturePath(name)]);
        const expected = new Map<number, string[]>();
        let current: string[] = [];
        for (const text of dump.split('\n')) {
          const header = /^debug_line\[0x([0-9a-f]+)\]/.exec(text);
          if (header) {
            current = [];
            expected.set(parseInt(header[1], 16), current);
            continue;
          }
          const row = /^0x([0-9a-f]+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*(.*)$/.exec(text);
          if (row) {
            const flags = row[7].split(/\s+/).filter((flag) => flag !== '').sort().join(',');
            current.push(`${parseInt(row[1], 16).toString(16)} ${row[2]}:${row[3]} f${row[4]} d${row[6]} ${flags}`);
          }
        }
        const sections = dwarfSectionsFromElf(parseElf(fixtureBytes(name)));
        const warnings: string[] = [];
        assert.ok(expected.size > 0);
        for (const [offset, rows] of expected) {
          const program = parseLineProgram(sections.line!, offset, sections, undefined, warnings);
          const actual = program.sequences.flatMap((sequence) =>
            sequence.rows.map((row) => {
              const flags = [
                row.isStmt ? 'is_stmt' : '',
                row.endSequence ? 'end_sequence' : '',
                row.prologueEnd ? 'prologue_end' : '',
                row.epilogueBegin ? 'epilogue_begin' : '',
                row.basicBlock ? 'basic_block' : '',
              ]
                .filter((flag) => flag !== '')
                .sort()
                .join(',');
              return `${row.address.toString(16)} ${row.line}:${row.column} f${row.file} d${row.discriminator} ${flags}`;
            }),
          );
          assert.deepStrictEqual(actual, rows, `program at 0x${offset.toString(16)}`);
        }
        assert.deepStrictEqual(warnings, []);
      });
    }
  });
});
