import * as assert from 'assert';
import * as path from 'path';
import { ElfError } from '../../../src/symbols/elfFile';
import { ProgramSymbols, loadProgramSymbols } from '../../../src/symbols/programSymbols';
import { FIXTURES, FixtureName, fixtureBytes, fixturePath } from './fixtureFiles';

const programs = new Map<FixtureName, ProgramSymbols>();
function program(name: FixtureName): ProgramSymbols {
  if (!programs.has(name)) programs.set(name, loadProgramSymbols(fixtureBytes(name), { programPath: fixturePath(name), baseFolders: [FIXTURES] }));
  return programs.get(name)!;
}

/** "address Lline" strings for compact comparisons. */
function placed(name: FixtureName, file: string, line: number): string[] {
  return program(name).addressesForLine(file, line).map((location) => `${location.address.toString(16)} L${location.line}`);
}

describe('symbols/programSymbols', () => {
  it('loads every fixture without warnings', () => {
    for (const name of ['hello-gcc-dwarf5', 'hello-gcc-dwarf4', 'hello-clang', 'inline-gcc-O2', 'inline-clang-O2', 'start-asm'] as const) {
      assert.deepStrictEqual(program(name).warnings, [], name);
    }
  });

  it('throws ElfError only for files that cannot be loaded', () => {
    assert.throws(() => loadProgramSymbols(new Uint8Array(16)), ElfError);
  });

  describe('breakpoint placement (gcc -O0; the DWARF 4 and 5 builds agree)', () => {
    for (const name of ['hello-gcc-dwarf5', 'hello-gcc-dwarf4'] as const) {
      it(`${name}: lines with code, lines without, function starts`, () => {
        assert.deepStrictEqual(placed(name, 'hello.c', 26), ['40000474 L26']);
        assert.deepStrictEqual(placed(name, 'hello.c', 25), ['40000474 L26'], 'the "{" of square: past the prologue');
        assert.deepStrictEqual(placed(name, 'hello.c', 24), ['40000474 L26'], 'the declaration line moves into the function');
        assert.deepStrictEqual(placed(name, 'hello.c', 31), ['40000494 L32']);
        assert.deepStrictEqual(placed(name, 'hello.c', 33), ['40000498 L36'], 'a blank line inside sum_to');
        assert.deepStrictEqual(placed(name, 'hello.c', 34), ['40000498 L36'], 'a comment line inside sum_to');
        assert.deepStrictEqual(placed(name, 'hello.c', 36), ['40000498 L36'], 'the for line: its lowest address only');
        assert.deepStrictEqual(placed(name, 'hello.c', 37), ['400004a4 L37']);
        assert.deepStrictEqual(placed(name, 'hello.c', 38), ['400004d0 L39'], 'the closing brace of the loop has no code: the next line that has');
        assert.deepStrictEqual(placed(name, 'hello.c', 29), ['40000494 L32'], 'between functions: the next function');
        assert.deepStrictEqual(placed(name, 'hello.c', 56), ['4000054c L56']);
        assert.deepStrictEqual(placed(name, 'hello.c', 60), [], 'past the end of the file');
        assert.deepStrictEqual(placed(name, 'nosuchfile.c', 10), []);
      });
    }

    it('clang: prologue_end decides where the body starts', () => {
      assert.deepStrictEqual(placed('hello-clang', 'hello.c', 31), ['40000474 L32']);
      assert.deepStrictEqual(placed('hello-clang', 'hello.c', 43), ['400004d8 L44']);
      assert.deepStrictEqual(placed('hello-clang', 'hello.c', 37), ['40000498 L37']);
    });

    it('accepts the file as hello.c, ./hello.c, an absolute path, or the local file', () => {
      const expected = ['400004a4 L37'];
      assert.deepStrictEqual(placed('hello-gcc-dwarf5', './hello.c', 37), expected);
      assert.deepStrictEqual(placed('hello-gcc-dwarf5', '/abs/path/hello.c', 37), expected);
      assert.deepStrictEqual(placed('hello-gcc-dwarf5', path.join(FIXTURES, 'hello.c'), 37), expected);
      const location = program('hello-gcc-dwarf5').addressesForLine('hello.c', 37)[0];
      assert.strictEqual(location.dwarfPath, 'hello.c');
      assert.strictEqual(location.localPath, path.join(FIXTURES, 'hello.c'));
      assert.deepStrictEqual(placed('hello-gcc-dwarf5', '/abs/path/other/hello.h', 37), []);
    });

    it('optimised code: several statements at one address, inlined calls', () => {
      assert.deepStrictEqual(placed('inline-gcc-O2', 'inline.c', 12), ['40000418 L12']);
      assert.deepStrictEqual(placed('inline-gcc-O2', 'inline.c', 5), ['40000418 L5'], 'the body of the inlined twice()');
      assert.deepStrictEqual(placed('inline-gcc-O2', 'inline.c', 10), ['40000400 L10'], 'a statement at the entry stays at the entry');
      assert.deepStrictEqual(placed('inline-gcc-O2', 'inline.c', 9), ['40000400 L10'], 'the "{" moves to the next statement, here at the same address');
    });

    it('assembly: no prologue skipping, labels without code move to the next instruction', () => {
      assert.deepStrictEqual(placed('start-asm', 'start.S', 25), ['4000001c L25']);
      assert.deepStrictEqual(placed('start-asm', 'start.S', 10), ['40000010 L11']);
      assert.deepStrictEqual(placed('start-asm', 'start.S', 26), ['40000020 L29'], 'a CFI directive line');
    });
  });

  describe('addresses to source', () => {
    it('gives file, line and column for an address', () => {
      const location = program('hello-gcc-dwarf5').locationForAddress(0x400004a8)!;
      assert.deepStrictEqual([location.dwarfPath, location.line, location.column, location.rowAddress], ['hello.c', 37, 15, 0x400004a4]);
      assert.strictEqual(location.localPath, path.join(FIXTURES, 'hello.c'));
      assert.strictEqual(program('hello-gcc-dwarf5').locationForAddress(0x40400000), undefined, 'data has no line');
    });

    it('lists the source files, resolving the relative ones against the program folder', () => {
      const files = program('hello-gcc-dwarf5').sourceFiles();
      const hello = files.find((file) => file.dwarfPath === 'hello.c');
      assert.strictEqual(hello?.localPath, path.join(FIXTURES, 'hello.c'));
      assert.ok(files.some((file) => file.dwarfPath.endsWith('picocrt/machine/aarch64/crt0.c') && file.localPath === undefined));
      assert.deepStrictEqual(program('start-asm').sourceFiles().map((file) => file.dwarfPath), ['start.S']);
    });

    it('names addresses and functions', () => {
      const hello = program('hello-gcc-dwarf5');
      assert.strictEqual(hello.formatAddress(0x400004a4), 'sum_to+0x18');
      assert.strictEqual(hello.formatAddress(0x10), '0x10');
      assert.strictEqual(hello.addressOfFunction('square'), 0x4000046c);
      assert.strictEqual(hello.functionAt(0x400004a4)?.name, 'sum_to');
      assert.strictEqual(hello.functionAt(0x400004a4)?.source, 'dwarf');
      const sumTo = hello.functions().find((fn) => fn.name === 'sum_to')!;
      assert.deepStrictEqual(hello.functionLineRange(sumTo), { dwarfPath: 'hello.c', firstLine: 30, lastLine: 40 });
      assert.deepStrictEqual([sumTo.declLine, sumTo.declPath], [30, 'hello.c']);
      assert.strictEqual(program('start-asm').functionAt(0x40000030)?.name, 'framed');
    });
  });

  describe('variables and types', () => {
    const sp = 0x40c00000n - 32n;
    const frameContext = { readRegister: (register: number) => (register === 31 ? sp : register === 29 ? sp : undefined), readMemory: () => undefined };
    const addressOf = (symbols: ProgramSymbols, pc: number, name: string) => {
      const frame = symbols.framesAt(pc)[0];
      const variable = frame.variables.find((candidate) => candidate.name === name)!;
      const part = symbols.locateVariable(variable, frame, pc, frameContext).pieces[0].part;
      return part.kind === 'memory' ? part.address - sp : part;
    };

    for (const name of ['hello-gcc-dwarf5', 'hello-gcc-dwarf4'] as const) {
      it(`${name}: sum_to's parameter and locals, via DW_OP_call_frame_cfa`, () => {
        const symbols = program(name);
        const frames = symbols.framesAt(0x400004a4);
        assert.strictEqual(frames.length, 1);
        assert.deepStrictEqual(
          frames[0].variables.map((variable) => `${variable.kind} ${symbols.describeType(variable.type)} ${variable.name}:${variable.declLine}`),
          ['parameter int limit:30', 'local int total:32', 'local int i:36'],
        );
        // str w0, [sp, #12] / str wzr, [sp, #28] / str w0, [sp, #24]
        assert.strictEqual(addressOf(symbols, 0x400004a4, 'limit'), 12n);
        assert.strictEqual(addressOf(symbols, 0x400004a4, 'total'), 28n);
        assert.strictEqual(addressOf(symbols, 0x400004a4, 'i'), 24n);
        assert.ok(!symbols.framesAt(0x400004d0)[0].variables.some((variable) => variable.name === 'i'), 'i is out of scope after the loop');
      });
    }

    it('clang: a frame base in SP (DW_OP_reg31)', () => {
      const symbols = program('hello-clang');
      assert.strictEqual(addressOf(symbols, 0x40000498, 'limit'), 12n);
      assert.strictEqual(addressOf(symbols, 0x40000498, 'total'), 8n);
      assert.strictEqual(addressOf(symbols, 0x40000498, 'i'), 4n);
    });

    for (const name of ['hello-gcc-dwarf5', 'hello-clang'] as const) {
      it(`${name}: globals, their addresses and their C types`, () => {
        const symbols = program(name);
        const globals = new Map(symbols.globals().map((variable) => [variable.name, variable]));
        const describe = (variable: string) => symbols.describeType(globals.get(variable)!.type);
        assert.strictEqual(describe('tick_count'), 'volatile counter_t');
        assert.strictEqual(describe('origin'), 'struct point');
        assert.strictEqual(describe('table'), 'int [4][3]');
        assert.match(describe('favourite'), /^(const volatile|volatile const) enum colour$/);
        for (const variable of ['origin', 'table', 'tick_count']) {
          const location = symbols.locateVariable(globals.get(variable)!, undefined, 0, frameContext).pieces[0].part;
          assert.deepStrictEqual(location, { kind: 'memory', address: BigInt(symbols.symbolByName(variable)!.value) }, variable);
        }
        const point = globals.get('origin')!.type;
        assert.ok(point.kind === 'struct');
        assert.deepStrictEqual(
          point.members.map((member) => `${symbols.describeType(member.type)} ${member.name} @${member.offset}`),
          ['int x @0', 'int y @4', 'const char * label @8'],
        );
        assert.strictEqual(point.byteSize, 16);
        const colour = globals.get('favourite')!.type;
        const stripped = colour.kind === 'qualified' && colour.target.kind === 'qualified' ? colour.target.target : undefined;
        assert.ok(stripped?.kind === 'enum');
        assert.deepStrictEqual(stripped.enumerators, [{ name: 'RED', value: 0 }, { name: 'GREEN', value: 5 }, { name: 'BLUE', value: 6 }]);
        const counter = globals.get('tick_count')!.type;
        assert.ok(counter.kind === 'qualified' && counter.target.kind === 'typedef' && counter.target.target.kind === 'base');
        assert.strictEqual(symbols.describeType(counter.target.target), 'unsigned int');
      });
    }

    it('main\'s locals: a union and a pointer to a struct', () => {
      const symbols = program('hello-gcc-dwarf5');
      const variables = symbols.framesAt(0x40000530)[0].variables;
      assert.deepStrictEqual(variables.map((variable) => `${symbols.describeType(variable.type)} ${variable.name}`), ['union number n', 'struct point * where']);
    });

    it('optimised code: inlined frames, location lists, values that are gone', () => {
      const symbols = program('inline-gcc-O2');
      const frames = symbols.framesAt(0x40000418);
      assert.deepStrictEqual(frames.map((frame) => `${frame.kind} ${frame.name}`), ['inlined twice', 'function scale']);
      const inlined = frames[0].inlined!;
      assert.deepStrictEqual([inlined.callPath, inlined.callLine, inlined.callColumn], ['inline.c', 12, 23]);
      assert.deepStrictEqual(frames[0].variables.map((variable) => variable.name), ['value']);
      assert.deepStrictEqual(frames[1].variables.map((variable) => variable.name), ['values', 'count', 'total', 'i', 'doubled']);
      const scaleFrame = symbols.framesAt(0x40000420)[0];
      assert.strictEqual(scaleFrame.name, 'scale');
      const locate = (pc: number, name: string) => {
        const frame = symbols.framesAt(pc).find((candidate) => candidate.kind === 'function')!;
        const variable = frame.variables.find((candidate) => candidate.name === name)!;
        return symbols.locateVariable(variable, frame, pc, { readRegister: () => 0n, readMemory: () => undefined }).pieces[0].part;
      };
      assert.deepStrictEqual(locate(0x40000420, 'total'), { kind: 'register', register: 0 });
      assert.deepStrictEqual(locate(0x40000404, 'total'), { kind: 'value', value: 0n });
      assert.strictEqual(locate(0x40000418, 'values').kind, 'unavailable', 'DW_OP_entry_value');
      assert.deepStrictEqual(locate(0x40000430, 'count'), { kind: 'register', register: 1 });
    });

    it('clang -O2: location and range lists through DW_FORM_loclistx / DW_FORM_rnglistx', () => {
      const symbols = program('inline-clang-O2');
      const frames = symbols.framesAt(0x40000410);
      assert.deepStrictEqual(frames.map((frame) => `${frame.kind} ${frame.name}`), ['inlined twice', 'function scale']);
      assert.deepStrictEqual(frames[1].variables.map((variable) => variable.name), ['values', 'count', 'total', 'i', 'doubled']);
      assert.ok(!symbols.framesAt(0x40000420)[0].variables.some((variable) => variable.name === 'doubled'), 'outside the inner block\'s ranges');
      const locate = (pc: number, name: string) => {
        const frame = symbols.framesAt(pc).find((candidate) => candidate.kind === 'function')!;
        const variable = frame.variables.find((candidate) => candidate.name === name)!;
        return symbols.locateVariable(variable, frame, pc, { readRegister: () => 0n, readMemory: () => undefined }).pieces[0].part;
      };
      assert.deepStrictEqual(locate(0x40000440, 'total'), { kind: 'register', register: 8 });
      assert.deepStrictEqual(locate(0x400003d0, 'i'), { kind: 'value', value: 0n });
      assert.strictEqual(locate(0x400003e8, 'values').kind, 'unavailable');
      assert.deepStrictEqual(locate(0x400003f0, 'values'), { kind: 'register', register: 0 });
    });
  });
});
