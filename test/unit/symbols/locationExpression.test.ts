import * as assert from 'assert';
import {
  EvaluatedLocation,
  ExpressionContext,
  ExpressionError,
  describeExpression,
  evaluateLocation,
  evaluateValue,
} from '../../../src/symbols/locationExpression';
import { ByteWriter } from './byteWriter';

const registers = new Map<number, bigint>([[0, 0x1234n], [2, 0x40001000n], [29, 0x40400100n], [31, 0x40400000n]]);
const memory = new Map<bigint, bigint>([[0x40400010n, 0x40000444n], [0x40001000n, 0x0000000700000005n]]);

const context: ExpressionContext = {
  readRegister: (register) => registers.get(register),
  readMemory: (address, size) => {
    const value = memory.get(address);
    return value === undefined ? undefined : size >= 8 ? value : value & ((1n << BigInt(size * 8)) - 1n);
  },
  frameBase: () => 0x40400020n,
  callFrameCfa: () => 0x40400040n,
  addressAt: (index) => (index === 3 ? 0x40400800 : undefined),
};

const expr = (build: (writer: ByteWriter) => void) => {
  const writer = new ByteWriter();
  build(writer);
  return writer.toBytes();
};

function single(location: EvaluatedLocation) {
  assert.strictEqual(location.pieces.length, 1);
  assert.strictEqual(location.pieces[0].sizeInBits, undefined);
  return location.pieces[0].part;
}

describe('symbols/locationExpression', () => {
  it('locates variables in memory relative to the frame base, a register, or an address', () => {
    assert.deepStrictEqual(single(evaluateLocation(expr((w) => w.u8(0x91).sleb(-20)), context)), { kind: 'memory', address: 0x4040000cn });
    assert.deepStrictEqual(single(evaluateLocation(expr((w) => w.u8(0x70 + 31).sleb(16)), context)), { kind: 'memory', address: 0x40400010n });
    assert.deepStrictEqual(single(evaluateLocation(expr((w) => w.u8(0x03).u64(0x40400030)), context)), { kind: 'memory', address: 0x40400030n });
    assert.deepStrictEqual(single(evaluateLocation(expr((w) => w.u8(0x92).uleb(29).sleb(-8)), context)), { kind: 'memory', address: 0x404000f8n });
    assert.deepStrictEqual(single(evaluateLocation(expr((w) => w.u8(0x9c)), context)), { kind: 'memory', address: 0x40400040n });
    assert.deepStrictEqual(single(evaluateLocation(expr((w) => w.u8(0xa1).uleb(3)), context)), { kind: 'memory', address: 0x40400800n });
  });

  it('names registers and computed values', () => {
    assert.deepStrictEqual(single(evaluateLocation(Uint8Array.of(0x50 + 19), context)), { kind: 'register', register: 19 });
    assert.deepStrictEqual(single(evaluateLocation(expr((w) => w.u8(0x90).uleb(64)), context)), { kind: 'register', register: 64 });
    assert.deepStrictEqual(single(evaluateLocation(Uint8Array.of(0x30, 0x9f), context)), { kind: 'value', value: 0n });
    // DW_OP_breg2 +0, DW_OP_deref_size 4, DW_OP_lit1, DW_OP_shl, DW_OP_stack_value: gcc's "doubled" in inline.c
    assert.deepStrictEqual(single(evaluateLocation(Uint8Array.of(0x72, 0x00, 0x94, 0x04, 0x31, 0x24, 0x9f), context)), { kind: 'value', value: 10n });
    const implicit = single(evaluateLocation(Uint8Array.of(0x9e, 0x02, 0xaa, 0xbb), context));
    assert.deepStrictEqual(implicit, { kind: 'implicit', bytes: Uint8Array.of(0xaa, 0xbb) });
  });

  it('computes with the whole stack machine', () => {
    const value = (build: (writer: ByteWriter) => void) => evaluateValue(expr(build), context);
    assert.strictEqual(value((w) => w.u8(0x08, 200).u8(0x09, 0xfe).u8(0x22)), 198n); // const1u 200 + const1s -2
    assert.strictEqual(value((w) => w.u8(0x11).sleb(-7).u8(0x19)), 7n); // consts -7, abs
    assert.strictEqual(value((w) => w.u8(0x11).sleb(-7).u8(0x35).u8(0x1b)), BigInt.asUintN(64, -1n)); // -7 / 5 (signed) = -1
    assert.strictEqual(value((w) => w.u8(0x3a).u8(0x33).u8(0x1d)), 1n); // 10 mod 3
    assert.strictEqual(value((w) => w.u8(0x31).u8(0x10).uleb(63).u8(0x24).u8(0x10).uleb(60).u8(0x26)), 0xfffffffffffffff8n); // (1<<63) >>a 60
    assert.strictEqual(value((w) => w.u8(0x32).u8(0x33).u8(0x16).u8(0x1c)), 1n); // swap, minus: 3 - 2
    assert.strictEqual(value((w) => w.u8(0x31).u8(0x32).u8(0x33).u8(0x17).u8(0x13).u8(0x13)), 3n); // rot then drop twice
    assert.strictEqual(value((w) => w.u8(0x35).u8(0x33).u8(0x14).u8(0x15, 2).u8(0x22).u8(0x22)), 13n); // over, pick
    assert.strictEqual(value((w) => w.u8(0x33).u8(0x35).u8(0x2d)), 1n); // 3 < 5
    assert.strictEqual(value((w) => w.u8(0x11).sleb(-1).u8(0x30).u8(0x2b)), 0n); // -1 > 0 is false (signed)
    // Loop: count 5 down to 0 with bra/skip.
    assert.strictEqual(value((w) => w.u8(0x35).u8(0x12).u8(0x28).u16(3).u8(0x2f).u16(5).u8(0x31).u8(0x1c).u8(0x2f).u16(0xfff4)), 0n);
    assert.strictEqual(value((w) => w.u8(0x70 + 31).sleb(16).u8(0x06)), 0x40000444n, 'deref reads memory');
    assert.strictEqual(value((w) => w.u8(0x0e).u64(0xffffffffffffffffn).u8(0x23).uleb(2)), 1n, '64-bit wrap-around');
  });

  it('splits variables into pieces', () => {
    const location = evaluateLocation(Uint8Array.of(0x50, 0x93, 0x04, 0x51, 0x93, 0x04, 0x93, 0x04, 0x30, 0x9f, 0x9d, 0x03, 0x05), context);
    assert.deepStrictEqual(location.pieces, [
      { part: { kind: 'register', register: 0 }, sizeInBits: 32, bitOffset: undefined },
      { part: { kind: 'register', register: 1 }, sizeInBits: 32, bitOffset: undefined },
      { part: { kind: 'unavailable', reason: 'optimized out' }, sizeInBits: 32, bitOffset: undefined },
      { part: { kind: 'value', value: 0n }, sizeInBits: 3, bitOffset: 5 },
    ]);
  });

  it('reports what cannot be known instead of guessing', () => {
    const reason = (bytes: Uint8Array, ctx: ExpressionContext = context) => {
      const part = single(evaluateLocation(bytes, ctx));
      assert.strictEqual(part.kind, 'unavailable');
      return part.kind === 'unavailable' ? part.reason : '';
    };
    assert.match(reason(new Uint8Array(0)), /optimized out/);
    assert.match(reason(Uint8Array.of(0xa3, 0x01, 0x50, 0x9f)), /value at function entry/); // DW_OP_entry_value(DW_OP_reg0), stack_value
    assert.match(reason(Uint8Array.of(0x70 + 5, 0x00)), /register 5 is not available/);
    assert.match(reason(Uint8Array.of(0x70 + 31, 0x08, 0x06)), /memory at 0x40400008 cannot be read/);
    assert.match(reason(Uint8Array.of(0x91, 0x00), { ...context, frameBase: undefined }), /frame base/);
    assert.match(reason(Uint8Array.of(0xe0)), /thread-local/);
  });

  it('throws ExpressionError for malformed expressions', () => {
    assert.throws(() => evaluateLocation(Uint8Array.of(0x22), context), ExpressionError); // plus on an empty stack
    assert.throws(() => evaluateLocation(Uint8Array.of(0x03, 0x01), context), /truncated/);
    assert.throws(() => evaluateLocation(Uint8Array.of(0xfe), context), /unknown DWARF expression opcode 0xfe/);
    assert.throws(() => evaluateLocation(Uint8Array.of(0x2f, 0x00, 0x10), context), /leaves the expression/);
    assert.throws(() => evaluateValue(Uint8Array.of(0x30, 0x1b), context), ExpressionError);
  });

  it('describes expressions as llvm-dwarfdump does', () => {
    assert.strictEqual(describeExpression(Uint8Array.of(0x91, 0x6c)), 'DW_OP_fbreg -20');
    assert.strictEqual(describeExpression(Uint8Array.of(0x9c)), 'DW_OP_call_frame_cfa');
    assert.strictEqual(describeExpression(Uint8Array.of(0x72, 0x00, 0x94, 0x04, 0x31, 0x24, 0x9f)), 'DW_OP_breg2 +0, DW_OP_deref_size 0x4, DW_OP_lit1, DW_OP_shl, DW_OP_stack_value');
    assert.strictEqual(describeExpression(Uint8Array.of(0xa3, 0x01, 0x50, 0x9f)), 'DW_OP_entry_value (DW_OP_reg0), DW_OP_stack_value');
    assert.strictEqual(describeExpression(expr((w) => w.u8(0x03).u64(0x40400000))), 'DW_OP_addr 0x40400000');
    assert.strictEqual(describeExpression(Uint8Array.of(0x03, 0x00)), 'DW_OP_addr <truncated>');
  });
});
