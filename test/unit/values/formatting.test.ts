import * as assert from 'assert';
import type { DwarfType, StructMember } from '../../../src/symbols/dwarfTypes';
import { BUILTIN, arrayOf, pointerTo } from '../../../src/symbols/values/builtinTypes';
import { characterLiteral, stringLiteral } from '../../../src/symbols/values/charFormat';
import { CValue, MemoryReader } from '../../../src/symbols/values/cValue';
import { encodeFloat, formatFloat } from '../../../src/symbols/values/floatBits';
import { cTypeName } from '../../../src/symbols/values/typeName';
import { FormatEnvironment, formatValue } from '../../../src/symbols/values/valueFormatter';

const RAM = 0x40000000n;

/** Guest memory of 4 KiB at RAM; anything else is unreadable. */
function memoryWith(contents: Record<number, number[] | string>): MemoryReader {
  const bytes = new Uint8Array(4096);
  for (const [offset, data] of Object.entries(contents)) {
    bytes.set(typeof data === 'string' ? Array.from(data, (c) => c.charCodeAt(0)) : data, Number(offset));
  }
  return { read: (address, length) => (address >= RAM && address + BigInt(length) <= RAM + 4096n ? bytes.slice(Number(address - RAM), Number(address - RAM) + length) : undefined) };
}

function environment(memory: MemoryReader = memoryWith({}), names: Record<string, string> = {}): FormatEnvironment {
  return { memory, symbolize: (address) => names[`0x${address.toString(16)}`] };
}

const format = (value: CValue, options = {}, env = environment()) => formatValue(value, env, options);

function struct(name: string, members: { name?: string; type: DwarfType; offset: number; bitSize?: number; bitOffset?: number }[], byteSize: number): DwarfType {
  return { kind: 'struct', name, byteSize, members: members.map((member) => ({ ...member, name: member.name })) as StructMember[], declaration: false, dieOffset: 1 };
}

const COLOUR: DwarfType = { kind: 'enum', name: 'colour', byteSize: 4, underlying: BUILTIN.unsignedInt, enumerators: [{ name: 'RED', value: 0 }, { name: 'GREEN', value: 5 }, { name: 'BLUE', value: 6 }], dieOffset: 2 };
const ACCESS: DwarfType = { kind: 'enum', name: 'access', byteSize: 4, underlying: BUILTIN.unsignedInt, enumerators: [{ name: 'READ', value: 1 }, { name: 'WRITE', value: 2 }, { name: 'EXEC', value: 4 }], dieOffset: 3 };

describe('values: formatting like gdb', () => {
  it('prints floats with 9, 17 and 36 significant digits, shortest form, C exponents', () => {
    const double = (value: number) => formatFloat(encodeFloat(value, 8));
    const float = (value: number) => formatFloat(encodeFloat(value, 4));
    assert.strictEqual(double(0.1), '0.10000000000000001');
    assert.strictEqual(double(3.5), '3.5');
    assert.strictEqual(double(100), '100');
    assert.strictEqual(double(123456789), '123456789');
    assert.strictEqual(double(1e300), '1.0000000000000001e+300');
    assert.strictEqual(double(1e-5), '1.0000000000000001e-05');
    assert.strictEqual(double(1e10), '10000000000');
    assert.strictEqual(double(1.2345678901234568e17), '1.2345678901234568e+17');
    assert.strictEqual(double(5e-324), '4.9406564584124654e-324');
    assert.strictEqual(double(-0), '-0');
    assert.strictEqual(double(-Infinity), '-inf');
    assert.strictEqual(float(1 / 3), '0.333333343');
    assert.strictEqual(float(0.1), '0.100000001');
    assert.strictEqual(float(1e-10), '1.00000001e-10');
    assert.strictEqual(float(3), '3');
    // Quiet NaN with the sign bit: gdb shows the fraction field.
    assert.strictEqual(formatFloat(Uint8Array.of(0xff, 0xff, 0xff, 0xff)), '-nan(0x7fffff)');
    // long double (IEEE binary128) 0.1L, as gdb prints it on AArch64.
    const quarter = Uint8Array.from([0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0xfb, 0x3f]);
    assert.strictEqual(formatFloat(quarter), '0.100000000000000000000000000000000005');
    assert.strictEqual(formatFloat(encodeFloat(3.5, 16)), '3.5');
  });

  it('prints characters and strings with C escapes, repeats and the 200-element limit', () => {
    assert.strictEqual(characterLiteral(65), "'A'");
    assert.strictEqual(characterLiteral(10), "'\\n'");
    assert.strictEqual(characterLiteral(0), "'\\000'");
    assert.strictEqual(characterLiteral(200), "'\\310'");
    assert.strictEqual(characterLiteral(39), "'\\''");
    assert.strictEqual(characterLiteral(34), `'"'`);
    const codes = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
    assert.strictEqual(stringLiteral(codes('a"b\\\x1b\x7f'), false), '"a\\"b\\\\\\033\\177"');
    assert.strictEqual(stringLiteral([...codes('hi'), ...new Array(13).fill(0)], false), '"hi", \'\\000\' <repeats 13 times>');
    assert.strictEqual(stringLiteral([...codes('hi'), ...new Array(10).fill(0)], false), '"hi\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000"');
    assert.strictEqual(stringLiteral(new Array(266).fill(97).concat(new Array(33).fill(0)), false), "'a' <repeats 266 times>...");
    const alphabet = Array.from({ length: 300 }, (_, i) => 97 + (i % 26));
    const long = stringLiteral(alphabet, false);
    assert.ok(long.endsWith('"...') && long.length === 200 + 5, long);
    assert.strictEqual(stringLiteral([], false), '""');
  });

  it('prints integers of every size and signedness, chars, bools and enums (names, flags, numbers)', () => {
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.int, -7n)), '-7');
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.unsignedLongLong, (1n << 64n) - 1n)), '18446744073709551615');
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.signedChar, -3n)), "-3 '\\375'");
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.unsignedChar, 200n)), "200 '\\310'");
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.bool, 1n)), 'true');
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.bool, 0n)), 'false');
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.bool, 2n)), '2');
    assert.strictEqual(format(CValue.fromInteger(COLOUR, 6n)), 'BLUE');
    assert.strictEqual(format(CValue.fromInteger(COLOUR, 3n)), '3', 'GREEN = 5 has two bits: not a flag enum');
    assert.strictEqual(format(CValue.fromInteger(ACCESS, 5n)), '(READ | EXEC)');
    assert.strictEqual(format(CValue.fromInteger(ACCESS, 10n)), '(WRITE | unknown: 0x8)');
    assert.strictEqual(format(CValue.fromInteger(ACCESS, 8n)), '(unknown: 0x8)');
    assert.strictEqual(format(CValue.fromInteger(ACCESS, 0n)), '0');
  });

  it('prints hexadecimal like print/x: two\'s complement in the type\'s width, aggregates element by element', () => {
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.int, -1n), { hex: true }), '0xffffffff');
    assert.strictEqual(format(CValue.fromInteger(BUILTIN.signedChar, -3n), { hex: true }), '0xfd');
    assert.strictEqual(format(CValue.fromInteger(COLOUR, 6n), { hex: true }), '0x6');
    const chars = CValue.fromBytes(arrayOf(BUILTIN.char, 3), Uint8Array.of(65, 66, 0));
    assert.strictEqual(format(chars, { hex: true }), '{0x41, 0x42, 0x0}');
    assert.strictEqual(format(chars), '"AB"');
  });

  it('prints pointers with their symbol, char pointers with their string, and gdb\'s print-style type prefix', () => {
    const memory = memoryWith({ 0x100: 'hello\0', 0xffc: 'abcd' });
    const env = environment(memory, { '0x40000200': 'counter', '0x40000204': 'counter+4' });
    const charPointer = pointerTo(BUILTIN.char);
    assert.strictEqual(format(CValue.fromInteger(charPointer, RAM + 0x100n), {}, env), '0x40000100 "hello"');
    assert.strictEqual(format(CValue.fromInteger(charPointer, RAM + 0x100n), { printStyle: true }, env), '0x40000100 "hello"');
    assert.strictEqual(format(CValue.fromInteger(charPointer, 0n), { printStyle: true }, env), '0x0');
    assert.strictEqual(format(CValue.fromInteger(charPointer, RAM + 0xffcn), {}, env), '0x40000ffc "abcd"<error: Cannot access memory at address 0x40001000>');
    assert.strictEqual(format(CValue.fromInteger(charPointer, 0x10n), {}, env), '0x10 <error: Cannot access memory at address 0x10>');
    const intPointer = pointerTo(BUILTIN.int);
    assert.strictEqual(format(CValue.fromInteger(intPointer, RAM + 0x204n), {}, env), '0x40000204 <counter+4>');
    assert.strictEqual(format(CValue.fromInteger(intPointer, RAM + 0x204n), { printStyle: true }, env), '(int *) 0x40000204 <counter+4>');
    assert.strictEqual(format(CValue.fromInteger(pointerTo(BUILTIN.unsignedChar), RAM + 0x100n), { printStyle: true }, env), '(unsigned char *) 0x40000100 "hello"');
  });

  it('prints arrays with repeats and the element limit, char arrays as strings without one trailing NUL', () => {
    const ints = (values: number[]) => CValue.fromBytes(arrayOf(BUILTIN.int, values.length), new Uint8Array(Int32Array.from(values).buffer));
    assert.strictEqual(format(ints([1, 2, 3])), '{1, 2, 3}');
    assert.strictEqual(format(ints(new Array(20).fill(0))), '{0 <repeats 20 times>}');
    assert.strictEqual(format(ints([...new Array(11).fill(1), ...new Array(10).fill(2), 3])), '{1 <repeats 11 times>, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3}');
    const many = format(ints(Array.from({ length: 300 }, (_, i) => i)));
    assert.ok(many.startsWith('{0, 1, 2,') && many.endsWith(', 198, 199...}'), many);
    const text = (value: string, size: number) => {
      const bytes = new Uint8Array(size);
      bytes.set(Array.from(value, (c) => c.charCodeAt(0)));
      return CValue.fromBytes(arrayOf(BUILTIN.char, size), bytes);
    };
    assert.strictEqual(format(text('rec', 8)), '"rec\\000\\000\\000\\000"');
    assert.strictEqual(format(text('abcd', 4)), '"abcd"');
    assert.strictEqual(format(text('hello', 16)), '"hello\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000"');
  });

  it('prints structs and unions with members, anonymous members, bit-fields and <optimized out> parts', () => {
    const inner: DwarfType = { kind: 'union', name: undefined, byteSize: 4, members: [{ name: 'b', type: BUILTIN.int, offset: 0 }, { name: 'c', type: BUILTIN.unsignedInt, offset: 0 }], declaration: false, dieOffset: 4 };
    const outer = struct('anon', [{ name: 'a', type: BUILTIN.int, offset: 0 }, { type: inner, offset: 4 }, { name: 'flags', type: BUILTIN.unsignedInt, offset: 8, bitSize: 3, bitOffset: 64 }, { name: 'delta', type: BUILTIN.int, offset: 8, bitSize: 4, bitOffset: 67 }], 12);
    const bytes = new Uint8Array(12);
    new DataView(bytes.buffer).setInt32(0, 1, true);
    new DataView(bytes.buffer).setInt32(4, 2, true);
    bytes[8] = 5 | (0b1101 << 3); // flags = 5, delta = -3
    assert.strictEqual(format(CValue.fromBytes(outer, bytes)), '{a = 1, {b = 2, c = 2}, flags = 5, delta = -3}');
    assert.strictEqual(format(CValue.fromBytes(struct('empty', [], 0), new Uint8Array(0))), '{<No data fields>}');
    const point = struct('point', [{ name: 'x', type: BUILTIN.int, offset: 0 }, { name: 'y', type: BUILTIN.int, offset: 4 }], 8);
    const half = CValue.fromData(point, { bytes: Uint8Array.of(6, 0, 0, 0, 0, 0, 0, 0), known: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0) });
    assert.strictEqual(format(half), '{x = 6, y = <optimized out>}');
    assert.strictEqual(format(CValue.optimizedOut(point)), '<optimized out>');
    const gone = CValue.optimizedOut(arrayOf(BUILTIN.char, 3));
    const record = struct('r', [{ name: 'name', type: arrayOf(BUILTIN.char, 3), offset: 0 }, { name: 'n', type: BUILTIN.int, offset: 4 }], 8);
    const partial = CValue.fromData(record, { bytes: Uint8Array.of(0, 0, 0, 0, 9, 0, 0, 0), known: Uint8Array.of(0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff) });
    assert.strictEqual(format(gone), '<optimized out>', 'a whole value gone is one <optimized out>');
    assert.strictEqual(format(partial), '{name = {<optimized out>, <optimized out>, <optimized out>}, n = 9}', 'inside a struct, arrays show each element');
  });

  it('prints functions as {type} address <name>', () => {
    const square: DwarfType = { kind: 'function', returnType: BUILTIN.int, parameters: [BUILTIN.int], variadic: false, prototyped: true, dieOffset: 5 };
    const memory = memoryWith({});
    const env = environment(memory, { '0x40000484': 'square' });
    assert.strictEqual(format(CValue.inMemory(square, RAM + 0x484n, memory), {}, env), '{int (int)} 0x40000484 <square>');
    assert.strictEqual(format(CValue.fromInteger(pointerTo(square), RAM + 0x484n), { printStyle: true }, env), '(int (*)(int)) 0x40000484 <square>');
  });

  it('names base types as gdb does, whatever the compiler called them', () => {
    const named = (name: string, encoding: 'signed' | 'unsigned', byteSize: number): DwarfType => ({ kind: 'base', name, byteSize, encoding, dieOffset: 9 });
    assert.strictEqual(cTypeName(pointerTo(named('short int', 'signed', 2))), 'short *');
    assert.strictEqual(cTypeName(arrayOf(named('long unsigned int', 'unsigned', 8), 3)), 'unsigned long [3]');
    assert.strictEqual(cTypeName(named('long long unsigned int', 'unsigned', 8)), 'unsigned long long');
    assert.strictEqual(cTypeName(named('long int', 'signed', 8)), 'long');
  });
});
