import * as assert from 'assert';
import { parseElf } from '../../../src/symbols/elfFile';
import { ProgramSymbols, loadProgramSymbols } from '../../../src/symbols/programSymbols';
import { FixtureName, fixtureBytes } from './fixtureFiles';

const DEBUG_SECTIONS = [
  '.debug_info', '.debug_abbrev', '.debug_line', '.debug_str', '.debug_line_str', '.debug_rnglists',
  '.debug_loclists', '.debug_addr', '.debug_str_offsets', '.debug_frame', '.eh_frame', '.symtab', '.strtab',
];

/** A small deterministic generator so that failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Corruption = 'truncate' | 'garble' | 'zero-length-prefix';

function corrupted(name: FixtureName, sectionName: string, how: Corruption, seed: number): Uint8Array | undefined {
  const bytes = fixtureBytes(name).slice();
  const elf = parseElf(bytes);
  const section = elf.section(sectionName);
  if (!section || section.size === 0) return undefined;
  const view = new DataView(bytes.buffer);
  const header = elf.header.sectionHeaderOffset + section.index * 64;
  const next = random(seed);
  switch (how) {
    case 'truncate':
      view.setBigUint64(header + 32, BigInt(Math.floor(section.size * (0.2 + 0.6 * next()))), true);
      break;
    case 'garble':
      for (let i = 0; i < Math.max(4, section.size / 16); i++) bytes[section.offset + Math.floor(next() * section.size)] ^= 1 + Math.floor(next() * 255);
      break;
    case 'zero-length-prefix':
      // A huge unit length at the start of the section.
      if (section.size >= 4) view.setUint32(section.offset, 0xfffffff0 - 1, true);
      break;
  }
  return bytes;
}

/** Everything the debugger and adapter would ask; none of it may throw. */
function exercise(symbols: ProgramSymbols): void {
  const addresses = [0x40000000, 0x4000046c, 0x40000474, 0x400004a4, 0x400004e8, 0x40000418, 0x40000530, 0x4000001c, 0x40000030];
  symbols.functions();
  symbols.sourceFiles();
  for (const file of ['hello.c', 'inline.c', 'start.S']) for (const line of [5, 12, 25, 31, 37, 56]) symbols.addressesForLine(file, line);
  const context = { readRegister: () => 0x40c00000n, readMemory: () => 0n };
  for (const address of addresses) {
    symbols.formatAddress(address);
    symbols.locationForAddress(address);
    const fn = symbols.functionAt(address);
    if (fn) symbols.functionLineRange(fn);
    symbols.unwindRow(address);
    symbols.unwind(address, () => 0x40c00000n, () => 0x40000100n);
    for (const frame of symbols.framesAt(address)) {
      for (const variable of frame.variables) {
        symbols.locateVariable(variable, frame, address, context);
        symbols.describeType(variable.type);
      }
    }
  }
  for (const variable of symbols.globals()) {
    symbols.locateVariable(variable, undefined, 0, context);
    symbols.describeType(variable.type);
  }
}

describe('symbols: corrupt DWARF degrades into warnings', function () {
  this.timeout(60000);
  const fixtures: FixtureName[] = ['hello-gcc-dwarf5', 'hello-clang', 'inline-gcc-O2', 'inline-clang-O2', 'hello-gcc-dwarf4', 'start-asm'];
  for (const name of fixtures) {
    it(`${name}: truncated, garbled and mis-sized sections never throw`, () => {
      let variants = 0;
      let warned = 0;
      for (const sectionName of DEBUG_SECTIONS) {
        for (const how of ['truncate', 'garble', 'zero-length-prefix'] as const) {
          for (const seed of how === 'garble' ? [1, 2, 3] : [7]) {
            const bytes = corrupted(name, sectionName, how, seed);
            if (!bytes) continue;
            variants++;
            let symbols: ProgramSymbols;
            try {
              symbols = loadProgramSymbols(bytes);
              exercise(symbols);
            } catch (error) {
              assert.fail(`${sectionName} ${how} (seed ${seed}) threw: ${(error as Error).stack}`);
            }
            if (symbols.warnings.length > 0) warned++;
          }
        }
      }
      assert.ok(variants >= 10, `${variants} variants`);
      assert.ok(warned >= variants / 3, `only ${warned} of ${variants} variants produced warnings`);
    });
  }

  it('names the broken part in the warning', () => {
    const symbols = loadProgramSymbols(corrupted('hello-gcc-dwarf5', '.debug_info', 'zero-length-prefix', 7)!);
    assert.match(symbols.warnings.join('\n'), /^\.debug_info: unit at offset 0x0 claims 0xffffffef bytes but only 0x[0-9a-f]+ remain; the units after 0x0 are ignored$/m);
    const abbrev = loadProgramSymbols(corrupted('hello-gcc-dwarf5', '.debug_abbrev', 'truncate', 7)!);
    abbrev.functions();
    assert.ok(abbrev.warnings.some((warning) => warning.startsWith('.debug_info: unit at 0x')), abbrev.warnings.join('\n'));
    const line = loadProgramSymbols(corrupted('hello-gcc-dwarf5', '.debug_line', 'truncate', 7)!);
    assert.match(line.warnings.join('\n'), /\.debug_line/);
    // What still parses keeps working: symbols survive any DWARF damage.
    assert.strictEqual(line.symbolByName('main')?.value, 0x40000514);
  });
});
