import * as assert from 'assert';
import { parseElf } from '../../../src/symbols/elfFile';
import { ElfSymbol, SymbolTable } from '../../../src/symbols/elfSymbols';
import { FIXTURE_NAMES, fixtureBytes, fixturePath, requireTool, runTool } from './fixtureFiles';

function tableOf(name: Parameters<typeof fixtureBytes>[0], edit?: (view: DataView) => void): { table: SymbolTable; warnings: string[] } {
  const bytes = fixtureBytes(name).slice();
  edit?.(new DataView(bytes.buffer));
  const elf = parseElf(bytes);
  const warnings: string[] = [];
  return { table: SymbolTable.fromElf(elf, warnings), warnings };
}

/** File offset of the section header of `sectionName`. */
function sectionHeaderOffset(name: Parameters<typeof fixtureBytes>[0], sectionName: string): number {
  const elf = parseElf(fixtureBytes(name));
  const index = elf.section(sectionName)!.index;
  return elf.header.sectionHeaderOffset + index * 64;
}

describe('symbols/elfSymbols', () => {
  it('reads the assembly program symbols: sized functions, labels, no mapping symbols', () => {
    const { table, warnings } = tableOf('start-asm');
    assert.deepStrictEqual(warnings, []);
    const framed = table.byName('framed')!;
    assert.deepStrictEqual([framed.value, framed.size, framed.type, framed.binding], [0x4000001c, 36, 'FUNC', 'GLOBAL']);
    assert.deepStrictEqual(
      table.functions().map((symbol) => symbol.name),
      ['_start', 'leaf', 'framed'],
    );
    assert.strictEqual(table.byName('halt')?.type, 'NOTYPE');
    assert.strictEqual(table.byName('$x')?.name, '$x'); // still listed by name, never used for addresses
    assert.strictEqual(table.formatAddress(0x40000000), '_start');
    assert.strictEqual(table.formatAddress(0x40000004), '_start+0x4');
    assert.strictEqual(table.formatAddress(0x40000010), 'halt', 'a label inside a function names its own address');
    assert.strictEqual(table.formatAddress(0x40000028), 'framed+0xc');
    assert.strictEqual(table.functionContaining(0x40000010)?.name, '_start');
    assert.strictEqual(table.functionContaining(0x40000040), undefined, 'past the end of framed');
    assert.strictEqual(table.formatAddress(0x40000180), 'stack_top');
    assert.strictEqual(table.formatAddress(0x40100000), undefined, 'no symbol names an address outside every section');
  });

  it('prefers global over local and functions over data when names repeat', () => {
    const make = (name: string, value: number, binding: ElfSymbol['binding'], type: ElfSymbol['type']): ElfSymbol => ({
      name, value, size: 4, type, binding, visibility: 0, sectionIndex: 1, table: '.symtab',
    });
    const table = new SymbolTable([make('helper', 0x100, 'LOCAL', 'FUNC'), make('helper', 0x200, 'GLOBAL', 'FUNC'), make('helper', 0x300, 'WEAK', 'FUNC')]);
    assert.strictEqual(table.byName('helper')?.value, 0x200);
    assert.strictEqual(table.allByName('helper').length, 3);
    assert.strictEqual(table.formatAddress(0x102), 'helper+0x2');
  });

  describe('agrees with llvm-nm', function () {
    before(function () {
      requireTool(this, 'llvm-nm');
    });
    for (const name of FIXTURE_NAMES) {
      it(`on the code symbols of ${name}`, () => {
        const { table } = tableOf(name);
        const nmFunctions = runTool('llvm-nm', ['-S', '--defined-only', fixturePath(name)])
          .split('\n')
          .map((line) => line.trim().split(/\s+/))
          .filter((fields) => fields.length === 4 && (fields[2] === 'T' || fields[2] === 't'))
          .map(([value, size, , symbolName]) => ({ value: parseInt(value, 16), size: parseInt(size, 16), name: symbolName }))
          .filter((entry) => entry.size > 0);
        assert.ok(nmFunctions.length >= 3);
        for (const expected of nmFunctions) {
          const symbols = table.allByName(expected.name);
          assert.ok(symbols.some((symbol) => symbol.value === expected.value && symbol.size === expected.size), `${expected.name} at ${expected.value.toString(16)}`);
          const middle = expected.value + Math.floor(expected.size / 2 / 4) * 4;
          // nm's "t" covers anything in a code section (functions and constant objects).
          assert.strictEqual(table.symbolForAddress(middle)?.value, expected.value, `symbol for ${middle.toString(16)}`);
        }
      });
    }
  });

  describe('degrades on corrupt tables', () => {
    it('a .symtab that links to a section that is not a string table', () => {
      const header = sectionHeaderOffset('hello-gcc-dwarf5', '.symtab');
      const { table, warnings } = tableOf('hello-gcc-dwarf5', (view) => view.setUint32(header + 40, 1, true));
      assert.strictEqual(table.byName('main'), undefined);
      assert.match(warnings.join('\n'), /\.symtab \(section \d+\) links to section 1, which is not a readable string table/);
    });

    it('a wrong entry size', () => {
      const header = sectionHeaderOffset('hello-gcc-dwarf5', '.symtab');
      const { table, warnings } = tableOf('hello-gcc-dwarf5', (view) => view.setBigUint64(header + 56, 16n, true));
      assert.strictEqual(table.symbols.filter((symbol) => symbol.table === '.symtab').length, 0);
      assert.match(warnings.join('\n'), /entry size 16, expected 24/);
    });

    it('names outside the string table: those symbols are skipped, the rest survive', () => {
      const elf = parseElf(fixtureBytes('hello-gcc-dwarf5'));
      const symtab = elf.section('.symtab')!;
      const { table, warnings } = tableOf('hello-gcc-dwarf5', (view) => {
        for (let index = 1; index < 6; index++) view.setUint32(symtab.offset + index * 24, 0x7fffffff, true);
      });
      assert.match(warnings.join('\n'), /5 symbols have a name outside the string table/);
      assert.strictEqual(table.byName('main')?.type, 'FUNC');
    });

    it('a size that is not a multiple of the entry size', () => {
      const header = sectionHeaderOffset('start-asm', '.symtab');
      const elf = parseElf(fixtureBytes('start-asm'));
      const size = elf.section('.symtab')!.size;
      const { table, warnings } = tableOf('start-asm', (view) => view.setBigUint64(header + 32, BigInt(size - 10), true));
      assert.match(warnings.join('\n'), /not a multiple of 24/);
      assert.strictEqual(table.byName('framed')?.value, 0x4000001c);
    });
  });
});
