// WebAssembly code. An expression is the code that pushes one value; the operators below
// compose them the way the generated code reads (`i64.add(a, b)` is a's code, b's code,
// then the opcode), so translators read like the Arm ARM's pseudocode. Composing nests
// arrays instead of copying bytes; a function body is flattened once (appendCode).
// Opcode numbers are the WebAssembly 2.0 core specification's (section 5.4).

/** Bytes of code, in order, with pieces of code nested anywhere among them. */
export type Code = readonly (number | Code)[];

/** Appends `code`'s bytes, flattened, to `out`. */
export function appendCode(out: number[], code: Code): void {
  for (let i = 0; i < code.length; i++) {
    const part = code[i];
    if (typeof part === 'number') out.push(part);
    else appendCode(out, part);
  }
}

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
function sleb32(value: number): number[] {
  const out: number[] = [];
  value |= 0;
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Signed LEB128 of a 64-bit integer (given modulo 2^64). */
function sleb64(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Value types. */
export const enum ValType { I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b }
/** The block type of a structured instruction with no result. */
const EMPTY = 0x40;

const binary = (opcode: number) => (a: Code, b: Code): Code => [a, b, opcode];
const unary = (opcode: number) => (a: Code): Code => [a, opcode];

/** A memory immediate: alignment hint (log2) and constant offset. */
function memarg(alignLog2: number, offset: number): Code {
  return [alignLog2, uleb(offset)];
}

const load = (opcode: number, alignLog2: number) => (address: Code, offset = 0): Code => [address, opcode, memarg(alignLog2, offset)];
const store = (opcode: number, alignLog2: number) => (address: Code, value: Code, offset = 0): Code => [address, value, opcode, memarg(alignLog2, offset)];

export const i32 = {
  const: (value: number): Code => [0x41, sleb32(value)],
  eqz: unary(0x45), eq: binary(0x46), ne: binary(0x47),
  lt_s: binary(0x48), lt_u: binary(0x49), gt_s: binary(0x4a), gt_u: binary(0x4b),
  le_s: binary(0x4c), le_u: binary(0x4d), ge_s: binary(0x4e), ge_u: binary(0x4f),
  clz: unary(0x67),
  add: binary(0x6a), sub: binary(0x6b), mul: binary(0x6c), div_s: binary(0x6d), div_u: binary(0x6e),
  and: binary(0x71), or: binary(0x72), xor: binary(0x73),
  shl: binary(0x74), shr_s: binary(0x75), shr_u: binary(0x76), rotr: binary(0x78),
  wrap_i64: unary(0xa7), trunc_f64_u: unary(0xab),
  trunc_sat_f64_s: (a: Code): Code => [a, 0xfc, 0x02], trunc_sat_f64_u: (a: Code): Code => [a, 0xfc, 0x03], extend8_s: unary(0xc0), extend16_s: unary(0xc1),
  load: load(0x28, 2), load8_u: load(0x2d, 0), load16_u: load(0x2f, 1),
  store: store(0x36, 2), store8: store(0x3a, 0), store16: store(0x3b, 1),
};

export const i64 = {
  const: (value: bigint | number): Code => [0x42, sleb64(BigInt(value))],
  eqz: unary(0x50), eq: binary(0x51), ne: binary(0x52),
  lt_s: binary(0x53), lt_u: binary(0x54), gt_s: binary(0x55), gt_u: binary(0x56),
  le_s: binary(0x57), le_u: binary(0x58), ge_s: binary(0x59), ge_u: binary(0x5a),
  clz: unary(0x79),
  add: binary(0x7c), sub: binary(0x7d), mul: binary(0x7e), div_s: binary(0x7f), div_u: binary(0x80),
  and: binary(0x83), or: binary(0x84), xor: binary(0x85),
  shl: binary(0x86), shr_s: binary(0x87), shr_u: binary(0x88), rotr: binary(0x8a),
  extend_i32_s: unary(0xac), extend_i32_u: unary(0xad),
  trunc_sat_f64_s: (a: Code): Code => [a, 0xfc, 0x06], trunc_sat_f64_u: (a: Code): Code => [a, 0xfc, 0x07],
  extend8_s: unary(0xc2), extend16_s: unary(0xc3), extend32_s: unary(0xc4),
  load: load(0x29, 3), load8_s: load(0x30, 0), load8_u: load(0x31, 0), load16_s: load(0x32, 1),
  load16_u: load(0x33, 1), load32_s: load(0x34, 2), load32_u: load(0x35, 2),
  store: store(0x37, 3), store8: store(0x3c, 0), store16: store(0x3d, 1), store32: store(0x3e, 2),
};

/** The integer operations of a datasize: i64 for 64-bit (sf = 1), i32 otherwise. */
export type IntegerOps = typeof i64 | typeof i32;

export function integerOps(wide: boolean): IntegerOps {
  return wide ? i64 : i32;
}

export function integerType(wide: boolean): ValType {
  return wide ? ValType.I64 : ValType.I32;
}

/** Scratch for the little-endian bytes of float constants. */
const float64 = new Float64Array(1);
const float64Bytes = new Uint8Array(float64.buffer);
const float32 = new Float32Array(1);
const float32Bytes = new Uint8Array(float32.buffer);

export const f64 = {
  convert_i64_u: unary(0xba),
  eq: binary(0x61), ne: binary(0x62), lt: binary(0x63), gt: binary(0x64), le: binary(0x65), ge: binary(0x66),
  abs: unary(0x99), neg: unary(0x9a), trunc: unary(0x9d), sqrt: unary(0x9f),
  convert_i32_s: unary(0xb7), convert_i32_u: unary(0xb8), convert_i64_s: unary(0xb9),
  promote_f32: unary(0xbb),
  add: binary(0xa0), sub: binary(0xa1), mul: binary(0xa2), div: binary(0xa3),
  load: load(0x2b, 3), store: store(0x39, 3),
  const: (value: number): Code => { float64[0] = value; return [0x44, Array.from(float64Bytes)]; },
};

export const f32 = {
  eq: binary(0x5b), ne: binary(0x5c), lt: binary(0x5d), gt: binary(0x5e), le: binary(0x5f), ge: binary(0x60),
  demote_f64: unary(0xb6),
  convert_i32_s: unary(0xb2), convert_i32_u: unary(0xb3), convert_i64_s: unary(0xb4), convert_i64_u: unary(0xb5),
  abs: unary(0x8b), neg: unary(0x8c), sqrt: unary(0x91),
  add: binary(0x92), sub: binary(0x93), mul: binary(0x94), div: binary(0x95),
  load: load(0x2a, 2), store: store(0x38, 2),
  const: (value: number): Code => { float32[0] = value; return [0x43, Array.from(float32Bytes)]; },
};

/** A SIMD instruction: the 0xfd prefix and its opcode (the SIMD proposal's numbering, as LEB128). */
const simd = (opcode: number): Code => [0xfd, uleb(opcode)];
const simdBinary = (opcode: number) => (a: Code, b: Code): Code => [a, b, simd(opcode)];
const simdUnary = (opcode: number) => (a: Code): Code => [a, simd(opcode)];

export const v128 = {
  load: (address: Code, offset = 0): Code => [address, simd(0x00), memarg(4, offset)],
  store: (address: Code, value: Code, offset = 0): Code => [address, value, simd(0x0b), memarg(4, offset)],
  /** A constant from its 16 bytes, lane 0's first. */
  const: (bytes: readonly number[]): Code => [simd(0x0c), bytes],
  /** Bytes of a:b (a's are 0-15, b's 16-31) picked by 16 constant indices. */
  shuffle: (a: Code, b: Code, indices: readonly number[]): Code => [a, b, simd(0x0d), indices],
  not: simdUnary(0x4d), and: simdBinary(0x4e), andnot: simdBinary(0x4f), or: simdBinary(0x50), xor: simdBinary(0x51),
  /** Bits of `a` where `mask` is set, of `b` where it is clear. */
  bitselect: (a: Code, b: Code, mask: Code): Code => [a, b, mask, simd(0x52)],
  popcnt8: simdUnary(0x62),
  extractLane32: (a: Code, lane: number): Code => [a, simd(0x1b), lane],
  extractLane64: (a: Code, lane: number): Code => [a, simd(0x1d), lane],
};

type SimdBinary = (a: Code, b: Code) => Code;
type SimdUnary = (a: Code) => Code;
type SimdShift = (a: Code, count: Code) => Code;

/** The integer lane operations of one lane size; those WebAssembly lacks for it are undefined. */
export interface IntegerLaneOps {
  readonly add: SimdBinary; readonly sub: SimdBinary; readonly mul?: SimdBinary;
  readonly splat: SimdUnary; readonly neg: SimdUnary; readonly abs: SimdUnary;
  readonly shl: SimdShift; readonly shr_s: SimdShift; readonly shr_u: SimdShift;
  readonly eq: SimdBinary; readonly gt_s: SimdBinary; readonly ge_s: SimdBinary; readonly gt_u?: SimdBinary; readonly ge_u?: SimdBinary;
  readonly min_s?: SimdBinary; readonly min_u?: SimdBinary; readonly max_s?: SimdBinary; readonly max_u?: SimdBinary;
  readonly avgr_u?: SimdBinary;
}

/** Integer lane operations by log2 of the lane's bytes (0: i8x16 ... 3: i64x2). */
export const integerLanes: readonly IntegerLaneOps[] = [
  {
    add: simdBinary(0x6e), sub: simdBinary(0x71), splat: simdUnary(0x0f), neg: simdUnary(0x61), abs: simdUnary(0x60),
    shl: simdBinary(0x6b), shr_s: simdBinary(0x6c), shr_u: simdBinary(0x6d),
    eq: simdBinary(0x23), gt_s: simdBinary(0x27), gt_u: simdBinary(0x28), ge_s: simdBinary(0x2b), ge_u: simdBinary(0x2c),
    min_s: simdBinary(0x76), min_u: simdBinary(0x77), max_s: simdBinary(0x78), max_u: simdBinary(0x79), avgr_u: simdBinary(0x7b),
  },
  {
    add: simdBinary(0x8e), sub: simdBinary(0x91), mul: simdBinary(0x95), splat: simdUnary(0x10), neg: simdUnary(0x81), abs: simdUnary(0x80),
    shl: simdBinary(0x8b), shr_s: simdBinary(0x8c), shr_u: simdBinary(0x8d),
    eq: simdBinary(0x2d), gt_s: simdBinary(0x31), gt_u: simdBinary(0x32), ge_s: simdBinary(0x35), ge_u: simdBinary(0x36),
    min_s: simdBinary(0x96), min_u: simdBinary(0x97), max_s: simdBinary(0x98), max_u: simdBinary(0x99), avgr_u: simdBinary(0x9b),
  },
  {
    add: simdBinary(0xae), sub: simdBinary(0xb1), mul: simdBinary(0xb5), splat: simdUnary(0x11), neg: simdUnary(0xa1), abs: simdUnary(0xa0),
    shl: simdBinary(0xab), shr_s: simdBinary(0xac), shr_u: simdBinary(0xad),
    eq: simdBinary(0x37), gt_s: simdBinary(0x3b), gt_u: simdBinary(0x3c), ge_s: simdBinary(0x3f), ge_u: simdBinary(0x40),
    min_s: simdBinary(0xb6), min_u: simdBinary(0xb7), max_s: simdBinary(0xb8), max_u: simdBinary(0xb9),
  },
  {
    add: simdBinary(0xce), sub: simdBinary(0xd1), mul: simdBinary(0xd5), splat: simdUnary(0x12), neg: simdUnary(0xc1), abs: simdUnary(0xc0),
    shl: simdBinary(0xcb), shr_s: simdBinary(0xcc), shr_u: simdBinary(0xcd),
    eq: simdBinary(0xd6), gt_s: simdBinary(0xd9), ge_s: simdBinary(0xdb),
  },
];

/** Widening operations from lanes of 2^size bytes (0..2) to lanes twice as wide, by [signed][high half]. */
export interface WideningLaneOps {
  readonly extend: readonly (readonly SimdUnary[])[];
  readonly extmul: readonly (readonly SimdBinary[])[];
}

const widening = (extend: number, extmul: number): WideningLaneOps => ({
  // Opcodes run low_s, high_s, low_u, high_u.
  extend: [[simdUnary(extend + 2), simdUnary(extend + 3)], [simdUnary(extend), simdUnary(extend + 1)]],
  extmul: [[simdBinary(extmul + 2), simdBinary(extmul + 3)], [simdBinary(extmul), simdBinary(extmul + 1)]],
});

/** By log2 of the narrow lane's bytes; index [signed ? 1 : 0][high ? 1 : 0]. */
export const wideningLanes: readonly WideningLaneOps[] = [widening(0x87, 0x9c), widening(0xa7, 0xbc), widening(0xc7, 0xdc)];

/** Sums of adjacent lane pairs into lanes twice as wide, by [log2 of the narrow lane's bytes (0, 1)][signed ? 1 : 0]. */
export const pairwiseWideningAdd: readonly (readonly SimdUnary[])[] = [[simdUnary(0x7d), simdUnary(0x7c)], [simdUnary(0x7f), simdUnary(0x7e)]];

export function localGet(index: number): Code {
  return [0x20, uleb(index)];
}

export function localSet(index: number, value: Code): Code {
  return [value, 0x21, uleb(index)];
}

/** `condition ? a : b` on values of one type (both are evaluated). */
export function select(a: Code, b: Code, condition: Code): Code {
  return [a, b, condition, 0x1b];
}

/** Structured control: `if` without a result, `block`/`loop` with the given result type (or none). */
export const control = {
  if: (condition: Code): Code => [condition, 0x04, EMPTY],
  block: (result?: ValType): Code => [0x02, result ?? EMPTY],
  loop: (): Code => [0x03, EMPTY],
  end: [0x0b] as Code,
  br: (depth: number): Code => [0x0c, uleb(depth)],
  br_if: (depth: number, condition: Code): Code => [condition, 0x0d, uleb(depth)],
  unreachable: [0x00] as Code,
};

/** call_indirect of a function of type `type` from table 0; the table index is the last operand. */
export function callIndirect(type: number, operands: Code, index: Code): Code {
  return [operands, index, 0x11, uleb(type), 0x00];
}
