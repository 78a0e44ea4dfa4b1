import * as assert from 'assert';
import { DebugInfo } from '../../../src/symbols/debugInfo';
import { dwarfSectionsFromElf } from '../../../src/symbols/dwarfSections';
import { parseElf } from '../../../src/symbols/elfFile';
import { FIXTURE_NAMES, fixtureBytes, fixturePath, requireTool, runTool } from './fixtureFiles';

/** Functions llvm-dwarfdump lists with a code address: "name@low-high". */
function dumpedFunctions(name: (typeof FIXTURE_NAMES)[number], isCode: (address: number) => boolean): string[] {
  const dump = runTool('llvm-dwarfdump', ['--debug-info', fixturePath(name)]);
  const result: string[] = [];
  for (const block of dump.split(/\n(?=0x[0-9a-f]+:\s)/)) {
    if (!/^0x[0-9a-f]+:\s+DW_TAG_subprogram/.test(block)) continue;
    const functionName = /DW_AT_name\t\("([^"]+)"\)/.exec(block)?.[1] ?? /DW_AT_(?:abstract_origin|specification)\t\(0x[0-9a-f]+ "([^"]+)"\)/.exec(block)?.[1];
    const low = /DW_AT_low_pc\t\(0x([0-9a-f]+)\)/.exec(block);
    const high = /DW_AT_high_pc\t\(0x([0-9a-f]+)\)/.exec(block);
    if (!functionName || !low || !high) continue;
    const lowPc = parseInt(low[1], 16);
    if (isCode(lowPc)) result.push(`${functionName}@${lowPc.toString(16)}-${parseInt(high[1], 16).toString(16)}`);
  }
  return result.sort();
}

describe('symbols/debugInfo', () => {
  describe('agrees with llvm-dwarfdump --debug-info on functions and their ranges', function () {
    before(function () {
      requireTool(this, 'llvm-dwarfdump');
    });
    for (const name of FIXTURE_NAMES) {
      it(name, () => {
        const elf = parseElf(fixtureBytes(name));
        const warnings: string[] = [];
        const info = new DebugInfo(dwarfSectionsFromElf(elf), warnings, { isCodeAddress: (address) => elf.isExecutableAddress(address) });
        const ours = info
          .functions()
          .filter((fn) => fn.ranges.length === 1)
          .map((fn) => `${fn.name}@${fn.ranges[0].low.toString(16)}-${fn.ranges[0].high.toString(16)}`)
          .sort();
        const expected = dumpedFunctions(name, (address) => elf.isExecutableAddress(address));
        assert.ok(expected.length >= 3, `${expected.length} functions`);
        assert.deepStrictEqual(ours, expected);
        assert.deepStrictEqual(warnings, []);
      });
    }
  });

  it('reads DWARF 5 units from clang: strx names, addrx addresses, producer and comp_dir', () => {
    const elf = parseElf(fixtureBytes('hello-clang'));
    const info = new DebugInfo(dwarfSectionsFromElf(elf), []);
    const unit = info.compileUnits().find((candidate) => candidate.name === 'hello.c')!;
    assert.strictEqual(unit.version, 5);
    assert.strictEqual(unit.compilationDirectory, '.');
    assert.match(unit.producer ?? '', /clang version 14/);
    const main = info.functionsNamed('main')[0];
    assert.strictEqual(main.entry, 0x40000514);
    assert.strictEqual(main.declLine, 50);
    assert.strictEqual(main.external, true);
    assert.strictEqual(info.functionsNamed('square')[0].external, false, 'static');
  });

  it('knows assembly units so that breakpoints skip no prologue there', () => {
    const info = new DebugInfo(dwarfSectionsFromElf(parseElf(fixtureBytes('start-asm'))), []);
    assert.ok(info.functions().every((fn) => fn.fromAssembly));
    const hello = new DebugInfo(dwarfSectionsFromElf(parseElf(fixtureBytes('hello-gcc-dwarf4'))), []);
    assert.deepStrictEqual(
      hello.functions().filter((fn) => fn.fromAssembly).map((fn) => fn.name),
      ['sys_semihost'],
      'picolibc\'s semihosting trap is written in assembly',
    );
  });
});
