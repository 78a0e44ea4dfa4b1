// The light DIE layout, the function index and the packed line table, each checked
// against a straightforward reading of the same bytes on every committed ELF: a DIE
// tree parsed the old way (every DIE and value decoded, recursively), the function
// walk over that tree, and line-program rows filtered one by one.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseAbbreviationTable } from '../../../src/symbols/abbreviations';
import type { DebugInfo, DwarfFunction } from '../../../src/symbols/debugInfo';
import type { CompilationUnit, DebugInfoEntry } from '../../../src/symbols/debugInfoEntries';
import {
  DW_AT_abstract_origin,
  DW_AT_decl_file,
  DW_AT_decl_line,
  DW_AT_declaration,
  DW_AT_entry_pc,
  DW_AT_external,
  DW_AT_language,
  DW_AT_name,
  DW_AT_specification,
  DW_TAG_class_type,
  DW_TAG_compile_unit,
  DW_TAG_inlined_subroutine,
  DW_TAG_namespace,
  DW_TAG_partial_unit,
  DW_TAG_structure_type,
  DW_TAG_subprogram,
} from '../../../src/symbols/dwarfConstants';
import { FormValue, readFormValue } from '../../../src/symbols/dwarfForms';
import { LineProgram, nextLineProgramOffset, parseLineProgram } from '../../../src/symbols/dwarfLineProgram';
import { ByteCursor, hex } from '../../../src/symbols/dwarfReader';
import { ProgramSymbols, loadProgramSymbols } from '../../../src/symbols/programSymbols';
import type { AddressRange } from '../../../src/symbols/rangeLists';
import { FIXTURES } from './fixtureFiles';

const REPOSITORY = path.resolve(FIXTURES, '..', '..', '..', '..');

function elfFilesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return elfFilesUnder(full);
    return entry.name.endsWith('.elf') ? [full] : [];
  });
}

/** Every committed ELF: the guest corpus, the DAP and unit-test fixtures, the benchmark guests. */
const ELF_FILES = [...elfFilesUnder(path.join(REPOSITORY, 'test')), ...elfFilesUnder(path.join(REPOSITORY, 'bench', 'guests'))].sort();

interface ReferenceDie {
  readonly offset: number;
  readonly tag: number;
  readonly parent?: ReferenceDie;
  readonly children: ReferenceDie[];
  readonly attributes: readonly (readonly [number, FormValue])[];
}

/** The unit's DIE tree, every DIE and value decoded in one recursive pass (as the reader did before the layout). */
function referenceTree(unit: CompilationUnit): ReferenceDie[] {
  const abbreviations = parseAbbreviationTable(unit.sections.abbrev!, unit.abbreviationOffset);
  const cursor = new ByteCursor(unit.sections.info!, unit.firstEntryOffset, unit.endOffset);
  const all: ReferenceDie[] = [];
  const read = (parent: ReferenceDie | undefined): ReferenceDie | undefined => {
    const offset = cursor.position;
    const code = cursor.uleb128();
    if (code === 0) return undefined;
    const abbreviation = abbreviations.get(code)!;
    const attributes = abbreviation.attributes.map((attribute) => [attribute.name, readFormValue(cursor, attribute.form, unit, attribute.implicitConst)] as const);
    const die: ReferenceDie = { offset, tag: abbreviation.tag, parent, children: [], attributes };
    all.push(die);
    if (abbreviation.hasChildren) {
      for (let child = cursor.atEnd() ? undefined : read(die); child; child = cursor.atEnd() ? undefined : read(die)) die.children.push(child);
    }
    return die;
  };
  read(undefined);
  return all;
}

const CONTAINERS = [DW_TAG_namespace, DW_TAG_structure_type, DW_TAG_class_type, DW_TAG_subprogram];

interface ReferenceFunction {
  readonly die: DebugInfoEntry;
  readonly name: string;
  readonly linkageName?: string;
  readonly ranges: readonly AddressRange[];
  readonly entry: number;
  readonly declPath?: string;
  readonly declLine?: number;
  readonly external: boolean;
  readonly fromAssembly: boolean;
}

/** The functions as a walk over the whole DIE tree finds them (the reader's way before the index). */
function referenceFunctions(program: ProgramSymbols): ReferenceFunction[] {
  const info = program.debugInfo;
  // The DWARF path of a unit's file number, as the index gets it (private to DebugInfo).
  const filePath = (unit: CompilationUnit, file: number) => (info as unknown as { filePath(unit: CompilationUnit, file: number): string | undefined }).filePath(unit, file);
  const functions: ReferenceFunction[] = [];
  for (const unit of info.reader.units) {
    const root = unit.root();
    if (!root || (root.tag !== DW_TAG_compile_unit && root.tag !== DW_TAG_partial_unit)) continue;
    const visit = (die: DebugInfoEntry) => {
      for (const child of die.children) {
        if (child.tag === DW_TAG_subprogram && !child.flag(DW_AT_declaration)) {
          const ranges = child.ranges().filter((range) => program.elf.isExecutableAddress(range.low));
          if (ranges.length > 0) {
            const entry = child.address(DW_AT_entry_pc) ?? Math.min(...ranges.map((range) => range.low));
            const fileDie = child.followOrigins((origin) => (origin.has(DW_AT_decl_file) ? origin : undefined));
            const file = fileDie?.constant(DW_AT_decl_file);
            functions.push({
              die: child,
              name: child.name() ?? child.linkageName() ?? `<function at ${hex(entry)}>`,
              linkageName: child.linkageName(),
              ranges,
              entry,
              declPath: fileDie && file !== undefined ? filePath(fileDie.unit, file) : undefined,
              declLine: child.followOrigins((origin) => origin.constant(DW_AT_decl_line)),
              external: child.followOrigins((origin) => (origin.flag(DW_AT_external) ? true : undefined)) ?? false,
              fromAssembly: root.constant(DW_AT_language) === 0x8001,
            });
          }
        }
        if (CONTAINERS.includes(child.tag)) visit(child);
      }
    };
    visit(root);
  }
  return functions.sort((a, b) => a.entry - b.entry);
}

function summary(fn: DwarfFunction | ReferenceFunction): object {
  return {
    name: fn.name, linkageName: fn.linkageName, ranges: fn.ranges, entry: fn.entry, declPath: fn.declPath,
    declLine: fn.declLine, external: fn.external, fromAssembly: fn.fromAssembly, offset: hex('die' in fn ? fn.die.offset : fn.entryDie.offset),
  };
}

/** At most `count` of `items`, evenly spread (the large benchmark guest has tens of thousands). */
function sample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}

/** What the old range index answered: the range with the greatest start at or before the address that holds it. */
function referenceRangeIndex(functions: readonly ReferenceFunction[]): (address: number) => ReferenceFunction | undefined {
  const ranges = functions.flatMap((fn) => fn.ranges.map((range) => ({ ...range, fn }))).sort((a, b) => a.low - b.low || a.high - b.high);
  return (address) => {
    let low = 0;
    let high = ranges.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (ranges[middle].low <= address) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    for (let i = found; i >= 0 && i > found - 16; i--) if (address < ranges[i].high) return ranges[i].fn;
    return undefined;
  };
}

function checkLayout(info: DebugInfo): number {
  let checked = 0;
  for (const unit of info.reader.units) {
    const reference = referenceTree(unit);
    const layout = unit.layout()!;
    assert.strictEqual(layout.count, reference.length, `unit at ${hex(unit.offset)}: DIE count`);
    // Every DIE's place in the tree; the values of up to 20000 DIEs a unit.
    const valuesChecked = new Set(sample(reference, 20000));
    for (const die of reference) {
      const entry = unit.entryAt(die.offset);
      assert.ok(entry, `DIE at ${hex(die.offset)} is found by offset`);
      assert.strictEqual(entry, info.reader.entryAt(die.offset), 'one object per DIE');
      assert.strictEqual(entry.tag, die.tag);
      assert.strictEqual(entry.parent?.offset, die.parent?.offset, `parent of ${hex(die.offset)}`);
      assert.deepStrictEqual(entry.children.map((child) => child.offset), die.children.map((child) => child.offset), `children of ${hex(die.offset)}`);
      assert.deepStrictEqual(entry.attributes(), die.attributes.map(([name]) => name));
      if (valuesChecked.has(die)) {
        for (const [name, value] of die.attributes) assert.deepStrictEqual(entry.raw(name), value, `attribute 0x${name.toString(16)} of ${hex(die.offset)}`);
      }
      checked++;
    }
  }
  return checked;
}

function loadFile(file: string): ProgramSymbols {
  return loadProgramSymbols(new Uint8Array(fs.readFileSync(file)));
}

describe('symbols/functionIndex: the light index agrees with a full reading of every committed ELF', function () {
  this.timeout(120000);

  it(`covers the committed ELF files (${ELF_FILES.length})`, () => {
    assert.ok(ELF_FILES.length >= 100, `${ELF_FILES.length} files`);
    assert.ok(ELF_FILES.some((file) => file.endsWith('large-dwarf.elf')));
  });

  for (const file of ELF_FILES) {
    const name = path.relative(REPOSITORY, file);
    it(name, () => {
      const program = loadFile(file);
      const info = program.debugInfo;
      // The index first, on a fresh program: it must not need the units' layouts.
      info.functionsNamed('main');
      const dies = checkLayout(info);
      if (info.reader.units.length > 0) assert.ok(dies > 0);

      const expected = referenceFunctions(program);
      const functions = info.functions();
      assert.deepStrictEqual(functions.map(summary), expected.map(summary));
      const hasInlinedCall = (die: DebugInfoEntry): boolean => die.children.some((child) => child.tag === DW_TAG_inlined_subroutine || hasInlinedCall(child));
      functions.forEach((fn, i) => {
        assert.strictEqual(fn.entryDie, expected[i].die, `${fn.name}: its DIE, made when asked for, is the tree's`);
        assert.strictEqual(fn.key, `die:${hex(expected[i].die.offset)}`);
        assert.strictEqual(fn.containsInlinedCalls, hasInlinedCall(expected[i].die), `${fn.name}: inlined calls below it`);
      });

      const referenceAt = referenceRangeIndex(expected);
      const positions = new Map(expected.map((fn, i) => [fn, i]));
      for (const fn of sample(expected, 2000)) {
        for (const address of [fn.entry, ...fn.ranges.flatMap((range) => [range.low, range.high - 1, range.high])]) {
          const found = info.functionAt(address);
          const wanted = referenceAt(address);
          assert.strictEqual(found?.entryDie, wanted?.die, `functionAt(${hex(address)})`);
          if (found) assert.strictEqual(found, functions[positions.get(wanted!)!], 'functionAt gives the functions() object');
        }
      }
      const byName = new Map<string, number[]>();
      for (const fn of expected) {
        for (const key of new Set([fn.name, fn.linkageName])) if (key !== undefined) byName.set(key, [...(byName.get(key) ?? []), fn.die.offset]);
      }
      for (const wanted of [...sample([...byName.keys()], 300), 'no such function']) {
        assert.deepStrictEqual(info.functionsNamed(wanted).map((fn) => fn.entryDie.offset), byName.get(wanted) ?? [], `functionsNamed(${wanted})`);
      }
      assert.deepStrictEqual(program.warnings, [], 'no warnings');
    });
  }
});

describe('symbols/functionIndex: shapes', () => {
  const fixture = (name: string) => loadFile(path.join(FIXTURES, `${name}.elf`));

  it('finds C++ member functions defined outside their class by DW_AT_specification, with their class member names', () => {
    const info = fixture('cxx-clang-O0').debugInfo;
    const scaled = info.functionsNamed('_ZNK8geometry5Point6scaledEi');
    assert.strictEqual(scaled.length, 1);
    assert.strictEqual(scaled[0].name, 'scaled');
    assert.ok(scaled[0].entryDie.has(DW_AT_specification) && !scaled[0].entryDie.has(DW_AT_name), 'the name is on the declaration in the class');
    assert.strictEqual(scaled[0].declLine, 12, 'the definition has its own line');
    assert.deepStrictEqual(info.functionsNamed('twice<int>').map((fn) => fn.linkageName), ['_ZN8geometry6detail5twiceIiEET_S2_'], 'a template in a nested namespace');
    assert.ok(info.functionsNamed('triple').length === 1, 'a static member of a local class');
  });

  it('finds GNU C nested functions below their enclosing function, in DWARF 2, 3, 4 and 64-bit DWARF 5', () => {
    for (const name of ['nested-gcc-dwarf2', 'nested-gcc-dwarf3', 'nested-gcc-dwarf64']) {
      const program = fixture(name);
      const inner = program.debugInfo.functionsNamed('inner');
      assert.strictEqual(inner.length, 1, name);
      assert.strictEqual(inner[0].entryDie.parent?.tag, DW_TAG_subprogram, `${name}: inner is nested`);
      assert.strictEqual(inner[0].entryDie.parent?.name(), 'outer');
      assert.strictEqual(program.functionAt(inner[0].entry)?.name, 'inner');
      assert.strictEqual(program.debugInfo.functionsNamed('square')[0].external, false, `${name}: static`);
      assert.strictEqual(program.debugInfo.functionsNamed('outer')[0].external, true);
    }
  });

  it('names out-of-line copies of inlined functions through DW_AT_abstract_origin', () => {
    const info = fixture('nested-gcc-dwarf4-O2').debugInfo;
    const withOrigin = info.functions().filter((fn) => fn.entryDie.has(DW_AT_abstract_origin));
    assert.ok(withOrigin.length > 0, info.functions().map((fn) => fn.name).join(' '));
    for (const fn of withOrigin) assert.strictEqual(fn.name, fn.entryDie.reference(DW_AT_abstract_origin)!.name());
  });
});

/** The rows of the programs as LineTable should keep them: per sequence, without the end row, rows going backwards or naming no file. */
function referenceRows(programs: readonly LineProgram[], isCode: (address: number) => boolean) {
  const sequences = programs.flatMap((program) =>
    program.sequences
      .filter((sequence) => sequence.endAddress > sequence.startAddress && isCode(sequence.startAddress))
      .map((sequence) => {
        const rows = sequence.rows.slice(0, -1).flatMap((row, i) =>
          sequence.rows[i + 1].address >= row.address && program.filePaths[row.file] !== undefined
            ? [{ address: row.address, endAddress: sequence.rows[i + 1].address, path: program.filePaths[row.file]!, line: row.line, column: row.column, isStmt: row.isStmt, prologueEnd: row.prologueEnd }]
            : [],
        );
        return { start: sequence.startAddress, end: sequence.endAddress, rows };
      })
      .filter((sequence) => sequence.rows.length > 0),
  );
  return sequences.sort((a, b) => a.start - b.start);
}

function linePrograms(program: ProgramSymbols): LineProgram[] {
  const section = program.sections.line;
  if (!section) return [];
  const compDirs = new Map(program.debugInfo.compileUnits().map((unit) => [unit.lineProgramOffset, unit.compilationDirectory]));
  const programs: LineProgram[] = [];
  for (let offset = 0; offset < section.length; offset = nextLineProgramOffset(section, offset)) {
    programs.push(parseLineProgram(section, offset, program.sections, compDirs.get(offset), []));
  }
  return programs;
}

describe('symbols/lineTable: packed rows agree with the line programs\' rows', function () {
  this.timeout(120000);
  for (const file of ELF_FILES.filter((candidate) => !candidate.includes('reliability'))) {
    it(path.relative(REPOSITORY, file), () => {
      const program = loadFile(file);
      const table = program.lineTable;
      const sequences = referenceRows(linePrograms(program), (address) => program.elf.isExecutableAddress(address));
      const rows = sequences.flatMap((sequence) => sequence.rows);
      assert.deepStrictEqual(table.paths().sort(), [...new Set(rows.map((row) => row.path))].sort());
      const shape = (row: { address: number; endAddress: number; path: string; line: number; column: number; isStmt: boolean; prologueEnd: boolean }) =>
        `${hex(row.address)}-${hex(row.endAddress)} ${row.path}:${row.line}:${row.column}${row.isStmt ? ' stmt' : ''}${row.prologueEnd ? ' prologue_end' : ''}`;
      const statements = new Map<string, string[]>();
      for (const row of rows) {
        if (!row.isStmt || row.line <= 0) continue;
        const key = `${row.path}\n${row.line}`;
        statements.set(key, [...(statements.get(key) ?? []), shape(row)]);
      }
      for (const key of sample([...statements.keys()], 300)) {
        const [rowPath, line] = key.split('\n');
        assert.deepStrictEqual(table.statementRowsOnLine([rowPath], Number(line)).map(shape), statements.get(key), key);
      }
      assert.deepStrictEqual(table.statementRowsOnLine(table.paths(), 0), [], 'line 0 is never a statement line');
      // The row at an address, as LineTable found it when its rows were objects.
      const rowAt = (address: number) => {
        let index = -1;
        for (let i = 0; i < sequences.length && sequences[i].start <= address; i++) index = i;
        const sequence = [index, index - 1, index - 2].map((i) => sequences[i]).find((candidate) => candidate && address < candidate.end);
        if (!sequence) return undefined;
        const found = sequence.rows.map((row) => row.address <= address).lastIndexOf(true);
        if (found < 0 || address >= sequence.rows[found].endAddress) return undefined;
        for (let i = found; i >= 0 && sequence.rows[i].address === sequence.rows[found].address; i--) if (sequence.rows[i].isStmt) return sequence.rows[i];
        return sequence.rows[found];
      };
      for (const row of sample(rows, 300)) {
        for (const address of [row.address, row.endAddress - 1, row.endAddress]) {
          const found = table.rowAt(address);
          const wanted = rowAt(address);
          assert.strictEqual(found && shape(found), wanted && shape(wanted), `rowAt(${hex(address)})`);
        }
      }
    });
  }
});
