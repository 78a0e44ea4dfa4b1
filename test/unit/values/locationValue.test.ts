import * as assert from 'assert';
import type { DwarfType } from '../../../src/symbols/dwarfTypes';
import type { EvaluatedLocation } from '../../../src/symbols/locationExpression';
import { BUILTIN, arrayOf } from '../../../src/symbols/values/builtinTypes';
import { CValue, MemoryReader } from '../../../src/symbols/values/cValue';
import { EvaluationError } from '../../../src/symbols/values/evaluationError';
import { assignValue } from '../../../src/symbols/values/expressionEvaluator';
import { valueFromLocation } from '../../../src/symbols/values/locationValue';
import { FormatEnvironment, formatValue, memberValue } from '../../../src/symbols/values/valueFormatter';
import { StorageAccess } from '../../../src/symbols/values/valueWriter';

const RAM = 0x40000000n;

/** A register file and 256 bytes of memory that record writes. */
function fakeGuest() {
  const registers = new Map<number, bigint>([[0, 0x1122334455667788n], [1, 0xfffffffffffffffen], [64, 0x3ff80000000000004048f5c3n], [19, 7n]]);
  const ram = new Uint8Array(256);
  ram.set([0x2a, 0, 0, 0, 0x05, 0, 0, 0], 0x10);
  const memory: MemoryReader = { read: (address, length) => (address >= RAM && address + BigInt(length) <= RAM + 256n ? ram.slice(Number(address - RAM), Number(address - RAM) + length) : undefined) };
  const access: StorageAccess = {
    readMemory: (address, length) => memory.read(address, length),
    writeMemory: (address, bytes) => {
      if (!memory.read(address, bytes.length)) throw new Error('unmapped');
      ram.set(bytes, Number(address - RAM));
    },
    readRegister: (register) => registers.get(register),
    writeRegister: (register, value) => {
      registers.set(register, value);
    },
  };
  return { registers, ram, memory, access };
}

const environment = (memory: MemoryReader): FormatEnvironment => ({ memory, symbolize: () => undefined });

type RecordType = Extract<DwarfType, { kind: 'struct' | 'union' | 'class' }>;

const POINT: RecordType = {
  kind: 'struct',
  name: 'point',
  byteSize: 8,
  members: [
    { name: 'x', type: BUILTIN.int, offset: 0 },
    { name: 'y', type: BUILTIN.int, offset: 4 },
  ],
  declaration: false,
  dieOffset: 1,
};

const FLAGS: RecordType = {
  kind: 'struct',
  name: 'flags',
  byteSize: 4,
  members: [
    { name: 'ready', type: BUILTIN.unsignedInt, offset: 0, bitSize: 1, bitOffset: 0 },
    { name: 'level', type: BUILTIN.unsignedInt, offset: 0, bitSize: 3, bitOffset: 1 },
    { name: 'delta', type: BUILTIN.int, offset: 0, bitSize: 4, bitOffset: 4 },
  ],
  declaration: false,
  dieOffset: 2,
};

describe('values: from DWARF locations to values and back', () => {
  it('reads values in memory, in X and V registers, computed and implicit', () => {
    const { memory, access } = fakeGuest();
    const read = (type: DwarfType, location: EvaluatedLocation) => formatValue(valueFromLocation(type, location, access.readRegister, memory), environment(memory));
    assert.strictEqual(read(POINT, { pieces: [{ part: { kind: 'memory', address: RAM + 0x10n } }] }), '{x = 42, y = 5}');
    assert.strictEqual(read(BUILTIN.int, { pieces: [{ part: { kind: 'register', register: 0 } }] }), '1432778632', 'the low 32 bits of X0');
    assert.strictEqual(read(BUILTIN.long, { pieces: [{ part: { kind: 'register', register: 1 } }] }), '-2');
    assert.strictEqual(read(BUILTIN.float, { pieces: [{ part: { kind: 'register', register: 64 } }] }), '3.1400001', 'a float in S0, the low bits of V0');
    assert.strictEqual(read(BUILTIN.int, { pieces: [{ part: { kind: 'value', value: 0xfffffffbn } }] }), '-5');
    assert.strictEqual(read(BUILTIN.short, { pieces: [{ part: { kind: 'implicit', bytes: Uint8Array.of(0x34, 0x12) } }] }), '4660');
    assert.strictEqual(read(BUILTIN.int, { pieces: [{ part: { kind: 'unavailable', reason: 'optimized out' } }] }), '<optimized out>');
    assert.strictEqual(read(BUILTIN.int, { pieces: [{ part: { kind: 'register', register: 5 } }] }), '<optimized out>', 'a register the frame does not know');
    assert.strictEqual(read(BUILTIN.int, { pieces: [{ part: { kind: 'memory', address: 8n } }] }), '<error: Cannot access memory at address 0x8>');
  });

  it('assembles pieces (registers, memory, values, gaps) and bit pieces', () => {
    const { memory, access } = fakeGuest();
    const pieces: EvaluatedLocation = {
      pieces: [
        { part: { kind: 'register', register: 19 }, sizeInBits: 32 },
        { part: { kind: 'unavailable', reason: 'optimized out' }, sizeInBits: 32 },
      ],
    };
    const value = valueFromLocation(POINT, pieces, access.readRegister, memory);
    assert.strictEqual(formatValue(value, environment(memory)), '{x = 7, y = <optimized out>}');
    const mixed = valueFromLocation(arrayOf(BUILTIN.int, 3), {
      pieces: [
        { part: { kind: 'memory', address: RAM + 0x14n }, sizeInBits: 32 },
        { part: { kind: 'value', value: 9n }, sizeInBits: 32 },
        { part: { kind: 'register', register: 0 }, sizeInBits: 16, bitOffset: 16 },
        { part: { kind: 'value', value: 0n }, sizeInBits: 16 },
      ],
    }, access.readRegister, memory);
    // The third element: bits 16-31 of X0 (0x5566), then a zero half from a value piece.
    assert.strictEqual(formatValue(mixed, environment(memory)), `{5, 9, ${0x5566}}`);
  });

  it('writes back to memory, registers and bit-fields, and keeps neighbouring bits', () => {
    const { memory, access, registers, ram } = fakeGuest();
    const inMemory = CValue.inMemory(POINT, RAM + 0x10n, memory);
    const y = memberValue(inMemory, POINT.members[1]);
    assignValue(y, CValue.fromInteger(BUILTIN.int, -1n), { memory, storage: access });
    assert.deepStrictEqual(Array.from(ram.subarray(0x14, 0x18)), [0xff, 0xff, 0xff, 0xff]);

    const inRegister = valueFromLocation(BUILTIN.int, { pieces: [{ part: { kind: 'register', register: 0 } }] }, access.readRegister, memory);
    const written = assignValue(inRegister, CValue.fromInteger(BUILTIN.int, 5n), { memory, storage: access });
    assert.strictEqual(registers.get(0), 0x1122334400000005n, 'only the low 32 bits of X0 change');
    assert.strictEqual(formatValue(written, environment(memory)), '5');

    ram.set([0b0101_0111], 0x20);
    const flags = CValue.inMemory(FLAGS, RAM + 0x20n, memory);
    const members = FLAGS.members;
    assert.strictEqual(formatValue(flags, environment(memory)), '{ready = 1, level = 3, delta = 5}');
    assignValue(memberValue(flags, members[1]), CValue.fromInteger(BUILTIN.int, 6n), { memory, storage: access });
    assignValue(memberValue(flags, members[2]), CValue.fromInteger(BUILTIN.int, -3n), { memory, storage: access });
    assert.strictEqual(formatValue(CValue.inMemory(FLAGS, RAM + 0x20n, memory), environment(memory)), '{ready = 1, level = 6, delta = -3}');
  });

  it('writes a value split over pieces to each piece', () => {
    const { memory, access, registers, ram } = fakeGuest();
    const split = valueFromLocation(BUILTIN.long, {
      pieces: [
        { part: { kind: 'register', register: 19 }, sizeInBits: 32 },
        { part: { kind: 'memory', address: RAM + 0x40n }, sizeInBits: 32 },
      ],
    }, access.readRegister, memory);
    assignValue(split, CValue.fromInteger(BUILTIN.long, 0x0102030405060708n), { memory, storage: access });
    assert.strictEqual(registers.get(19), 0x05060708n);
    assert.deepStrictEqual(Array.from(ram.subarray(0x40, 0x44)), [0x04, 0x03, 0x02, 0x01]);
  });

  it('refuses writes that cannot be done, and changes nothing then', () => {
    const { memory, access, registers } = fakeGuest();
    const refuse = (target: CValue) => {
      try {
        assignValue(target, CValue.fromInteger(BUILTIN.int, 1n), { memory, storage: access });
      } catch (error) {
        assert.ok(error instanceof EvaluationError);
        return error.message;
      }
      assert.fail('the write was accepted');
    };
    assert.strictEqual(refuse(CValue.optimizedOut(BUILTIN.int)), 'value has been optimized out');
    assert.strictEqual(refuse(CValue.fromInteger(BUILTIN.int, 3n)), 'Left operand of assignment is not an lvalue.');
    const computed = valueFromLocation(BUILTIN.int, { pieces: [{ part: { kind: 'value', value: 3n } }] }, access.readRegister, memory);
    assert.strictEqual(refuse(computed), 'Left operand of assignment is not a modifiable lvalue.');
    const half = valueFromLocation(BUILTIN.long, {
      pieces: [
        { part: { kind: 'register', register: 19 }, sizeInBits: 32 },
        { part: { kind: 'unavailable', reason: 'optimized out' }, sizeInBits: 32 },
      ],
    }, access.readRegister, memory);
    assert.strictEqual(refuse(half), 'value has been optimized out');
    assert.strictEqual(registers.get(19), 7n, 'the available half was not written either');
    assert.strictEqual(refuse(CValue.inMemory(BUILTIN.int, 0x10n, memory)), 'Cannot access memory at address 0x10');
  });
});
