// DWARF expressions (DWARF 5 section 2.5 and 2.6): a stack machine that computes where
// a variable lives (memory, a register, an implicit value, or pieces of those) or a
// plain value (frame base, CFA). Values are 64-bit, held as unsigned BigInts.

import { ByteCursor, DwarfFormat, DwarfFormatError } from './dwarfReader';

const MASK64 = (1n << 64n) - 1n;

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

/** Thrown inside the evaluator when the value cannot be known (entry values, missing registers). */
class UnavailableError extends Error {}

export interface ExpressionContext {
  /** 8 on AArch64; DW_OP_addr, deref and the generic type use it. */
  readonly addressSize?: number;
  readonly format?: DwarfFormat;
  /** A register of the frame the expression is evaluated in (DWARF numbering). */
  readRegister(register: number): bigint | undefined;
  /** Target memory, little-endian, `size` bytes (1-8). */
  readMemory(address: bigint, size: number): bigint | undefined;
  /** The value of DW_AT_frame_base of the enclosing function. */
  frameBase?(): bigint | undefined;
  /** The CFA of the frame (DW_OP_call_frame_cfa). */
  callFrameCfa?(): bigint | undefined;
  /** Entry `index` of the unit's .debug_addr table (DW_OP_addrx, DW_OP_constx). */
  addressAt?(index: number): number | undefined;
  /** Values pushed before evaluation starts (the CFA for CFI register rules). */
  readonly initialStack?: readonly bigint[];
  /** DW_OP_push_object_address. */
  readonly objectAddress?: bigint;
  /**
   * DW_OP_entry_value: the value `expression` (usually DW_OP_regN) had when the
   * function was entered, found by the caller (call-site parameters); undefined when unknown.
   */
  entryValue?(expression: Uint8Array): bigint | undefined;
}

export type LocationPart =
  | { readonly kind: 'memory'; readonly address: bigint }
  | { readonly kind: 'register'; readonly register: number }
  /** The value itself (DW_OP_stack_value). */
  | { readonly kind: 'value'; readonly value: bigint }
  | { readonly kind: 'implicit'; readonly bytes: Uint8Array }
  /** Points to the value of another DIE (DW_OP_implicit_pointer): `die` is a .debug_info offset. */
  | { readonly kind: 'implicitPointer'; readonly die: number; readonly offset: number }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface LocationPiece {
  readonly part: LocationPart;
  /** Size of this piece; absent for a location that is not split into pieces. */
  readonly sizeInBits?: number;
  readonly bitOffset?: number;
}

export interface EvaluatedLocation {
  readonly pieces: readonly LocationPiece[];
}

const OPCODE_NAMES: Record<number, string> = {
  0x03: 'DW_OP_addr', 0x06: 'DW_OP_deref', 0x08: 'DW_OP_const1u', 0x09: 'DW_OP_const1s', 0x0a: 'DW_OP_const2u',
  0x0b: 'DW_OP_const2s', 0x0c: 'DW_OP_const4u', 0x0d: 'DW_OP_const4s', 0x0e: 'DW_OP_const8u', 0x0f: 'DW_OP_const8s',
  0x10: 'DW_OP_constu', 0x11: 'DW_OP_consts', 0x12: 'DW_OP_dup', 0x13: 'DW_OP_drop', 0x14: 'DW_OP_over', 0x15: 'DW_OP_pick',
  0x16: 'DW_OP_swap', 0x17: 'DW_OP_rot', 0x18: 'DW_OP_xderef', 0x19: 'DW_OP_abs', 0x1a: 'DW_OP_and', 0x1b: 'DW_OP_div',
  0x1c: 'DW_OP_minus', 0x1d: 'DW_OP_mod', 0x1e: 'DW_OP_mul', 0x1f: 'DW_OP_neg', 0x20: 'DW_OP_not', 0x21: 'DW_OP_or',
  0x22: 'DW_OP_plus', 0x23: 'DW_OP_plus_uconst', 0x24: 'DW_OP_shl', 0x25: 'DW_OP_shr', 0x26: 'DW_OP_shra', 0x27: 'DW_OP_xor',
  0x28: 'DW_OP_bra', 0x29: 'DW_OP_eq', 0x2a: 'DW_OP_ge', 0x2b: 'DW_OP_gt', 0x2c: 'DW_OP_le', 0x2d: 'DW_OP_lt', 0x2e: 'DW_OP_ne',
  0x2f: 'DW_OP_skip', 0x90: 'DW_OP_regx', 0x91: 'DW_OP_fbreg', 0x92: 'DW_OP_bregx', 0x93: 'DW_OP_piece', 0x94: 'DW_OP_deref_size',
  0x95: 'DW_OP_xderef_size', 0x96: 'DW_OP_nop', 0x97: 'DW_OP_push_object_address', 0x98: 'DW_OP_call2', 0x99: 'DW_OP_call4',
  0x9a: 'DW_OP_call_ref', 0x9b: 'DW_OP_form_tls_address', 0x9c: 'DW_OP_call_frame_cfa', 0x9d: 'DW_OP_bit_piece',
  0x9e: 'DW_OP_implicit_value', 0x9f: 'DW_OP_stack_value', 0xa0: 'DW_OP_implicit_pointer', 0xa1: 'DW_OP_addrx',
  0xa2: 'DW_OP_constx', 0xa3: 'DW_OP_entry_value', 0xa4: 'DW_OP_const_type', 0xa5: 'DW_OP_regval_type', 0xa6: 'DW_OP_deref_type',
  0xa7: 'DW_OP_xderef_type', 0xa8: 'DW_OP_convert', 0xa9: 'DW_OP_reinterpret', 0xe0: 'DW_OP_GNU_push_tls_address',
  0xf0: 'DW_OP_GNU_uninit', 0xf2: 'DW_OP_GNU_implicit_pointer', 0xf3: 'DW_OP_GNU_entry_value', 0xf4: 'DW_OP_GNU_const_type',
  0xf5: 'DW_OP_GNU_regval_type', 0xf6: 'DW_OP_GNU_deref_type', 0xf7: 'DW_OP_GNU_convert', 0xf9: 'DW_OP_GNU_reinterpret',
  0xfa: 'DW_OP_GNU_parameter_ref', 0xfb: 'DW_OP_GNU_addr_index', 0xfc: 'DW_OP_GNU_const_index',
};

const DW_OP_lit0 = 0x30;
const DW_OP_reg0 = 0x50;
const DW_OP_breg0 = 0x70;

function opcodeName(opcode: number): string {
  if (opcode >= DW_OP_lit0 && opcode < DW_OP_lit0 + 32) return `DW_OP_lit${opcode - DW_OP_lit0}`;
  if (opcode >= DW_OP_reg0 && opcode < DW_OP_reg0 + 32) return `DW_OP_reg${opcode - DW_OP_reg0}`;
  if (opcode >= DW_OP_breg0 && opcode < DW_OP_breg0 + 32) return `DW_OP_breg${opcode - DW_OP_breg0}`;
  return OPCODE_NAMES[opcode] ?? `DW_OP_0x${opcode.toString(16)}`;
}

const signed64 = (value: bigint) => BigInt.asIntN(64, value);
const unsigned64 = (value: bigint) => value & MASK64;

/**
 * Evaluates a location description. An empty expression means "optimised out".
 * Never throws for missing registers or memory: those become 'unavailable' parts.
 * Throws ExpressionError for malformed expressions.
 */
export function evaluateLocation(expression: Uint8Array, context: ExpressionContext): EvaluatedLocation {
  if (expression.length === 0) return { pieces: [{ part: { kind: 'unavailable', reason: 'optimized out' } }] };
  return new Evaluator(expression, context).run();
}

/** Evaluates an expression for its value (the top of the stack): frame bases, CFA expressions. */
export function evaluateValue(expression: Uint8Array, context: ExpressionContext): bigint {
  const { pieces } = evaluateLocation(expression, context);
  if (pieces.length !== 1) throw new ExpressionError('expression yields pieces where a single value was expected');
  const part = pieces[0].part;
  switch (part.kind) {
    case 'memory':
      return part.address;
    case 'value':
      return part.value;
    case 'register': {
      // A register location used as a value (DW_AT_frame_base of DW_OP_reg29) means its contents.
      const value = context.readRegister(part.register);
      if (value === undefined) throw new ExpressionError(`register ${part.register} is not available`);
      return value;
    }
    case 'unavailable':
      throw new ExpressionError(part.reason);
    default:
      throw new ExpressionError(`expression yields ${part.kind} where a value was expected`);
  }
}

class Evaluator {
  private readonly stack: bigint[];
  private readonly pieces: LocationPiece[] = [];
  /** The location of the current piece when it is not "the top of the stack is an address". */
  private pending: LocationPart | undefined;
  private readonly addressSize: number;

  constructor(private readonly expression: Uint8Array, private readonly context: ExpressionContext) {
    this.stack = [...(context.initialStack ?? [])];
    this.addressSize = context.addressSize ?? 8;
  }

  run(): EvaluatedLocation {
    try {
      this.execute();
    } catch (error) {
      if (error instanceof UnavailableError) return { pieces: [{ part: { kind: 'unavailable', reason: error.message } }] };
      if (error instanceof DwarfFormatError) throw new ExpressionError(`truncated expression: ${error.message}`);
      throw error;
    }
    // A location left over after the last DW_OP_piece is not valid DWARF; the pieces win.
    if (this.pieces.length > 0) return { pieces: this.pieces };
    return { pieces: [{ part: this.currentPart() ?? { kind: 'unavailable', reason: 'optimized out' } }] };
  }

  /** The location described so far: an explicit one, else the address on top of the stack. */
  private currentPart(): LocationPart | undefined {
    if (this.pending) return this.pending;
    if (this.stack.length === 0) return undefined;
    return { kind: 'memory', address: this.stack[this.stack.length - 1] };
  }

  private pop(): bigint {
    const value = this.stack.pop();
    if (value === undefined) throw new ExpressionError('expression stack underflow');
    return value;
  }

  private push(value: bigint): void {
    this.stack.push(unsigned64(value));
  }

  private register(register: number): bigint {
    const value = this.context.readRegister(register);
    if (value === undefined) throw new UnavailableError(`register ${register} is not available`);
    return value;
  }

  private memory(address: bigint, size: number): bigint {
    const value = this.context.readMemory(address, size);
    if (value === undefined) throw new UnavailableError(`memory at 0x${address.toString(16)} cannot be read`);
    return value;
  }

  private indexedAddress(index: number): bigint {
    const value = this.context.addressAt?.(index);
    if (value === undefined) throw new UnavailableError(`address index ${index} cannot be resolved`);
    return BigInt(value);
  }

  private execute(): void {
    const cursor = new ByteCursor(this.expression);
    const format = this.context.format ?? 32;
    while (!cursor.atEnd()) {
      const opcode = cursor.u8();
      if (opcode >= DW_OP_lit0 && opcode < DW_OP_lit0 + 32) {
        this.push(BigInt(opcode - DW_OP_lit0));
        continue;
      }
      if (opcode >= DW_OP_reg0 && opcode < DW_OP_reg0 + 32) {
        this.pending = { kind: 'register', register: opcode - DW_OP_reg0 };
        continue;
      }
      if (opcode >= DW_OP_breg0 && opcode < DW_OP_breg0 + 32) {
        this.push(this.register(opcode - DW_OP_breg0) + cursor.sleb128Big());
        continue;
      }
      switch (opcode) {
        case 0x03: // DW_OP_addr
          this.push(BigInt(cursor.address(this.addressSize)));
          break;
        case 0x06: // DW_OP_deref
          this.push(this.memory(this.pop(), this.addressSize));
          break;
        case 0x08:
          this.push(BigInt(cursor.u8()));
          break;
        case 0x09:
          this.push(BigInt(cursor.i8()));
          break;
        case 0x0a:
          this.push(BigInt(cursor.u16()));
          break;
        case 0x0b:
          this.push(BigInt(cursor.i16()));
          break;
        case 0x0c:
          this.push(BigInt(cursor.u32()));
          break;
        case 0x0d:
          this.push(BigInt(cursor.i32()));
          break;
        case 0x0e:
          this.push(cursor.u64Big());
          break;
        case 0x0f:
          this.push(cursor.i64Big());
          break;
        case 0x10: // DW_OP_constu
          this.push(cursor.uleb128Big());
          break;
        case 0x11: // DW_OP_consts
          this.push(cursor.sleb128Big());
          break;
        case 0x12: // DW_OP_dup
          this.push(this.peek(0));
          break;
        case 0x13: // DW_OP_drop
          this.pop();
          break;
        case 0x14: // DW_OP_over
          this.push(this.peek(1));
          break;
        case 0x15: // DW_OP_pick
          this.push(this.peek(cursor.u8()));
          break;
        case 0x16: { // DW_OP_swap
          const top = this.pop();
          const second = this.pop();
          this.push(top);
          this.push(second);
          break;
        }
        case 0x17: { // DW_OP_rot
          const top = this.pop();
          const second = this.pop();
          const third = this.pop();
          this.push(top);
          this.push(third);
          this.push(second);
          break;
        }
        case 0x19: { // DW_OP_abs
          const value = signed64(this.pop());
          this.push(value < 0n ? -value : value);
          break;
        }
        case 0x1a:
          this.binary((a, b) => a & b);
          break;
        case 0x1b: // DW_OP_div (signed)
          this.binary((a, b) => {
            if (b === 0n) throw new ExpressionError('division by zero');
            return signed64(a) / signed64(b);
          });
          break;
        case 0x1c:
          this.binary((a, b) => a - b);
          break;
        case 0x1d: // DW_OP_mod
          this.binary((a, b) => {
            if (b === 0n) throw new ExpressionError('modulo by zero');
            return a % b;
          });
          break;
        case 0x1e:
          this.binary((a, b) => a * b);
          break;
        case 0x1f:
          this.push(-signed64(this.pop()));
          break;
        case 0x20:
          this.push(~this.pop());
          break;
        case 0x21:
          this.binary((a, b) => a | b);
          break;
        case 0x22:
          this.binary((a, b) => a + b);
          break;
        case 0x23: // DW_OP_plus_uconst
          this.push(this.pop() + cursor.uleb128Big());
          break;
        case 0x24:
          this.binary((a, b) => (b >= 64n ? 0n : a << b));
          break;
        case 0x25:
          this.binary((a, b) => (b >= 64n ? 0n : a >> b));
          break;
        case 0x26:
          this.binary((a, b) => signed64(a) >> (b >= 64n ? 63n : b));
          break;
        case 0x27:
          this.binary((a, b) => a ^ b);
          break;
        case 0x28: { // DW_OP_bra
          const offset = cursor.i16();
          if (this.pop() !== 0n) this.jump(cursor, offset);
          break;
        }
        case 0x29:
          this.compare((a, b) => a === b);
          break;
        case 0x2a:
          this.compare((a, b) => a >= b);
          break;
        case 0x2b:
          this.compare((a, b) => a > b);
          break;
        case 0x2c:
          this.compare((a, b) => a <= b);
          break;
        case 0x2d:
          this.compare((a, b) => a < b);
          break;
        case 0x2e:
          this.compare((a, b) => a !== b);
          break;
        case 0x2f: // DW_OP_skip
          this.jump(cursor, cursor.i16());
          break;
        case 0x90: // DW_OP_regx
          this.pending = { kind: 'register', register: cursor.uleb128() };
          break;
        case 0x91: { // DW_OP_fbreg
          const offset = cursor.sleb128Big();
          const base = this.context.frameBase?.();
          if (base === undefined) throw new UnavailableError('the frame base is not known');
          this.push(base + offset);
          break;
        }
        case 0x92: { // DW_OP_bregx
          const register = cursor.uleb128();
          this.push(this.register(register) + cursor.sleb128Big());
          break;
        }
        case 0x93: // DW_OP_piece
          this.finishPiece(cursor.uleb128() * 8, undefined);
          break;
        case 0x9d: { // DW_OP_bit_piece
          const size = cursor.uleb128();
          this.finishPiece(size, cursor.uleb128());
          break;
        }
        case 0x94: { // DW_OP_deref_size
          const size = cursor.u8();
          this.push(this.memory(this.pop(), size));
          break;
        }
        case 0x96: // DW_OP_nop
          break;
        case 0x97: // DW_OP_push_object_address
          if (this.context.objectAddress === undefined) throw new UnavailableError('no object address');
          this.push(this.context.objectAddress);
          break;
        case 0x9c: { // DW_OP_call_frame_cfa
          const cfa = this.context.callFrameCfa?.();
          if (cfa === undefined) throw new UnavailableError('the call frame address (CFA) is not known');
          this.push(cfa);
          break;
        }
        case 0x9e: // DW_OP_implicit_value
          this.pending = { kind: 'implicit', bytes: cursor.bytesOf(cursor.uleb128()) };
          break;
        case 0x9f: // DW_OP_stack_value
          this.pending = { kind: 'value', value: this.pop() };
          break;
        case 0xa0: // DW_OP_implicit_pointer
        case 0xf2: { // DW_OP_GNU_implicit_pointer
          const die = cursor.offset(format);
          this.pending = { kind: 'implicitPointer', die, offset: cursor.sleb128() };
          break;
        }
        case 0xa1: // DW_OP_addrx
        case 0xa2: // DW_OP_constx
        case 0xfb: // DW_OP_GNU_addr_index
        case 0xfc: // DW_OP_GNU_const_index
          this.push(this.indexedAddress(cursor.uleb128()));
          break;
        case 0xa3: // DW_OP_entry_value
        case 0xf3: { // DW_OP_GNU_entry_value
          const block = cursor.bytesOf(cursor.uleb128());
          const value = this.context.entryValue?.(block);
          if (value === undefined) throw new UnavailableError('optimized out (the value at function entry is not known)');
          this.push(value);
          break;
        }
        case 0xa4: // DW_OP_const_type: the type is ignored; the value is kept as raw bits.
        case 0xf4: {
          cursor.uleb128();
          const size = cursor.u8();
          const bytes = cursor.bytesOf(size);
          let value = 0n;
          for (let i = Math.min(size, 8) - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
          this.push(value);
          break;
        }
        case 0xa5: // DW_OP_regval_type
        case 0xf5: {
          const register = cursor.uleb128();
          cursor.uleb128();
          this.push(this.register(register));
          break;
        }
        case 0xa6: // DW_OP_deref_type
        case 0xf6: {
          const size = cursor.u8();
          cursor.uleb128();
          this.push(this.memory(this.pop(), size));
          break;
        }
        case 0xa8: // DW_OP_convert
        case 0xa9: // DW_OP_reinterpret
        case 0xf7:
        case 0xf9:
          cursor.uleb128();
          break;
        case 0xf0: // DW_OP_GNU_uninit
          break;
        case 0x9b: // DW_OP_form_tls_address
        case 0xe0: // DW_OP_GNU_push_tls_address
          throw new UnavailableError('thread-local storage is not supported');
        case 0x98: // DW_OP_call2
        case 0x99: // DW_OP_call4
        case 0x9a: // DW_OP_call_ref
        case 0xfa: // DW_OP_GNU_parameter_ref
          throw new UnavailableError(`${opcodeName(opcode)} is not supported`);
        case 0x18: // DW_OP_xderef
        case 0x95: // DW_OP_xderef_size
        case 0xa7: // DW_OP_xderef_type
          throw new UnavailableError('address spaces (xderef) are not supported');
        default:
          throw new ExpressionError(`unknown DWARF expression opcode 0x${opcode.toString(16)}`);
      }
    }
  }

  private peek(depth: number): bigint {
    const index = this.stack.length - 1 - depth;
    if (index < 0) throw new ExpressionError('expression stack underflow');
    return this.stack[index];
  }

  private binary(operation: (a: bigint, b: bigint) => bigint): void {
    const b = this.pop();
    const a = this.pop();
    this.push(operation(a, b));
  }

  private compare(operation: (a: bigint, b: bigint) => boolean): void {
    const b = signed64(this.pop());
    const a = signed64(this.pop());
    this.push(operation(a, b) ? 1n : 0n);
  }

  private jump(cursor: ByteCursor, offset: number): void {
    const target = cursor.position + offset;
    if (target < 0 || target > this.expression.length) throw new ExpressionError(`branch to ${target} leaves the expression`);
    cursor.seek(target);
  }

  private finishPiece(sizeInBits: number, bitOffset: number | undefined): void {
    const part = this.pending ?? (this.stack.length > 0 ? { kind: 'memory' as const, address: this.pop() } : { kind: 'unavailable' as const, reason: 'optimized out' });
    this.pieces.push({ part, sizeInBits, bitOffset });
    this.pending = undefined;
  }
}

/** Renders an expression as llvm-dwarfdump does: "DW_OP_fbreg -20", "DW_OP_breg31 +16, DW_OP_deref". */
export function describeExpression(expression: Uint8Array, addressSize = 8, format: DwarfFormat = 32): string {
  const cursor = new ByteCursor(expression);
  const parts: string[] = [];
  const signed = (value: bigint | number) => (value < 0 ? `${value}` : `+${value}`);
  try {
    while (!cursor.atEnd()) {
      const opcode = cursor.u8();
      const name = opcodeName(opcode);
      if (opcode >= DW_OP_breg0 && opcode < DW_OP_breg0 + 32) {
        parts.push(`${name} ${signed(cursor.sleb128Big())}`);
        continue;
      }
      if (opcode >= DW_OP_lit0 && opcode < DW_OP_breg0) {
        parts.push(name);
        continue;
      }
      if (!OPCODE_NAMES[opcode]) {
        // Unknown operands: nothing after this can be decoded.
        parts.push(name);
        break;
      }
      let operand: string;
      try {
        operand = describeOperands(opcode, cursor, addressSize, format);
      } catch {
        parts.push(`${name} <truncated>`);
        break;
      }
      parts.push(operand === '' ? name : `${name} ${operand}`);
    }
  } catch {
    parts.push('<truncated>');
  }
  return parts.join(', ');
}

function describeOperands(opcode: number, cursor: ByteCursor, addressSize: number, format: DwarfFormat): string {
  const hexValue = (value: number | bigint) => `0x${value.toString(16)}`;
  switch (opcode) {
    case 0x03:
      return hexValue(cursor.address(addressSize));
    case 0x08: return hexValue(cursor.u8());
    case 0x09: return `${cursor.i8()}`;
    case 0x0a: return hexValue(cursor.u16());
    case 0x0b: return `${cursor.i16()}`;
    case 0x0c: return hexValue(cursor.u32());
    case 0x0d: return `${cursor.i32()}`;
    case 0x0e: return hexValue(cursor.u64Big());
    case 0x0f: return `${cursor.i64Big()}`;
    case 0x10: case 0x23: return hexValue(cursor.uleb128Big());
    case 0x11: return `${cursor.sleb128Big()}`;
    case 0x15: case 0x94: return hexValue(cursor.u8());
    case 0x28: case 0x2f: return `${cursor.i16()}`;
    case 0x90: case 0x93: case 0xa1: case 0xa2: case 0xfb: case 0xfc: return hexValue(cursor.uleb128());
    case 0x91: return `${cursor.sleb128Big()}`;
    case 0x92: return `${cursor.uleb128()} ${cursor.sleb128Big()}`;
    case 0x9d: return `${cursor.uleb128()} ${cursor.uleb128()}`;
    case 0x9e: {
      const bytes = cursor.bytesOf(cursor.uleb128());
      return `${bytes.length} ${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
    }
    case 0xa0: case 0xf2: return `${hexValue(cursor.offset(format))} ${cursor.sleb128()}`;
    case 0xa3: case 0xf3: {
      const inner = cursor.bytesOf(cursor.uleb128());
      return `(${describeExpression(inner, addressSize, format)})`;
    }
    case 0xa4: case 0xf4: {
      const type = cursor.uleb128();
      const bytes = cursor.bytesOf(cursor.u8());
      return `${hexValue(type)} ${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
    }
    case 0xa5: case 0xf5: return `${cursor.uleb128()} ${hexValue(cursor.uleb128())}`;
    case 0xa6: case 0xf6: return `${cursor.u8()} ${hexValue(cursor.uleb128())}`;
    case 0xa8: case 0xa9: case 0xf7: case 0xf9: return hexValue(cursor.uleb128());
    case 0x98: return hexValue(cursor.u16());
    case 0x99: return hexValue(cursor.u32());
    case 0x9a: return hexValue(cursor.offset(format));
    case 0xfa: return hexValue(cursor.u32());
    default:
      return '';
  }
}
