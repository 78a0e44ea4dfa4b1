// Evaluates the console's own expressions against a stopped guest: registers (through
// their views), guest memory (the user's view: patched BRKs show their original bytes)
// and ELF symbols. Integer arithmetic follows C on the AArch64 LP64 ABI. The program's
// C names and types are not this language's business: the selected frame's C
// evaluation (src/symbols/values, reached through `evaluateC`) takes them first.

import {
  CType, FUNCTION, INT, IntegerType, LONG, RecordType, UINT128, UINT32, UINT64,
  commonIntegerType, pointerTo, promote, sizeOf, typeName, wrapToType,
} from './cTypes';
import type { FormatOptions, ValueNode } from '../../symbols/values';
import { RegisterView, laneView, readView, resolveRegisterName, writeView } from './registerNames';
import { Expression, parseExpression } from './syntax';
import { ExpressionError } from './tokens';

export interface SymbolInfo {
  address: bigint;
  /** Size in bytes from the symbol table (0 when unknown). */
  size: number;
  isFunction: boolean;
}

/** What an expression can reach. Memory accessors throw on unreadable/unwritable bytes. */
export interface EvaluationContext {
  registerExists(register: string): boolean;
  readRegister(register: string): bigint;
  writeRegister(register: string, value: bigint): void;
  readMemory(address: bigint, length: number): Uint8Array;
  writeMemory(address: bigint, data: Uint8Array): void;
  lookupSymbol(name: string): SymbolInfo | undefined;
  /**
   * The expression in the C language of the selected source frame (its locals,
   * arguments, globals and types, gdb's printing). Undefined when the expression names
   * nothing C knows there (`x0`, `pc`, console syntax): the console language takes it.
   * Throws the value layer's EvaluationError (gdb's message) for other C errors.
   */
  evaluateC?(expression: string, options: FormatOptions): ValueNode | undefined;
}

export type Location =
  | { kind: 'register'; name: string; view: RegisterView }
  | { kind: 'memory'; address: bigint };

export interface Value {
  type: CType;
  /** The value, already wrapped to its type (signed types are negative bigints). */
  value: bigint;
  /** Where the value lives, when it can be assigned to. */
  location?: Location;
  /** Register- and address-derived values print in hex unless a format says otherwise. */
  hexByDefault: boolean;
  /** For function symbols: the symbol's name. */
  symbol?: string;
}

export function evaluateExpression(source: string, context: EvaluationContext): Value {
  return new Evaluator(context).evaluate(parseExpression(source));
}

export class Evaluator {
  constructor(private readonly context: EvaluationContext) {}

  evaluate(node: Expression): Value {
    switch (node.kind) {
      case 'number':
        return { type: node.type, value: node.value, hexByDefault: false };
      case 'identifier':
        return this.identifier(node.name);
      case 'unary':
        return this.unary(node.op, node.operand);
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'conditional':
        return isTrue(this.evaluate(node.test)) ? this.evaluate(node.whenTrue) : this.evaluate(node.whenFalse);
      case 'cast':
        return this.cast(this.evaluate(node.operand), node.type);
      case 'sizeofType':
        return { type: UINT64, value: BigInt(sizeOf(node.type)), hexByDefault: false };
      case 'sizeofExpression':
        return { type: UINT64, value: BigInt(sizeOf(this.evaluate(node.operand).type)), hexByDefault: false };
      case 'index':
        return this.index(node.base, node.index);
      case 'member':
        return this.member(this.evaluate(node.base), node.member);
      case 'assign':
        return this.assign(node.target, node.value);
    }
  }

  private identifier(name: string): Value {
    const register = resolveRegisterName(name, r => this.context.registerExists(r));
    if (register) return this.registerValue(name, register);
    if (name.startsWith('$')) throw new ExpressionError(`no register named "${name}"`);
    const symbol = this.context.lookupSymbol(name);
    if (!symbol) throw new ExpressionError(`no variable, register or symbol named "${name}"`);
    if (symbol.isFunction) return { type: FUNCTION, value: symbol.address, hexByDefault: true, symbol: name };
    const type = symbolType(name, symbol.size);
    return this.readMemoryValue(symbol.address, type, false);
  }

  /** `s.m` and `p->m` (either works on a struct and on a pointer to one). */
  private member(base: Value, name: string): Value {
    let record: Value = base;
    if (base.type.kind === 'pointer') record = this.dereference(base);
    if (record.type.kind !== 'record') throw new ExpressionError(`"${name}": ${typeName(base.type)} has no members`);
    const type: RecordType = record.type;
    const member = type.members().find(m => m.name === name);
    if (!member) throw new ExpressionError(`${type.name} has no member named "${name}"`);
    if (record.location?.kind !== 'memory') throw new ExpressionError(`${type.name} is not in memory`);
    const start = record.location.address;
    if (member.bitSize !== undefined) {
      const bitOffset = member.bitOffset ?? member.offset * 8;
      const firstByte = Math.floor(bitOffset / 8);
      const length = Math.ceil((bitOffset % 8 + member.bitSize) / 8);
      const bytes = this.readMemory(start + BigInt(firstByte), length);
      let raw = 0n;
      for (let i = bytes.length - 1; i >= 0; i--) raw = (raw << 8n) | BigInt(bytes[i]);
      raw = (raw >> BigInt(bitOffset % 8)) & ((1n << BigInt(member.bitSize)) - 1n);
      const signed = member.type.kind === 'integer' && member.type.signed;
      return { type: member.type, value: signed ? BigInt.asIntN(member.bitSize, raw) : raw, hexByDefault: false };
    }
    return this.readMemoryValue(start + BigInt(member.offset), member.type, false);
  }

  private registerValue(name: string, view: RegisterView): Value {
    const raw = view.zero ? 0n : this.context.readRegister(view.register);
    const type: IntegerType = view.bitWidth > 64 ? UINT128 : view.bitWidth > 32 ? UINT64 : UINT32;
    return {
      type, value: readView(view, raw), hexByDefault: true,
      location: view.zero ? undefined : { kind: 'register', name: name.replace(/^\$/, ''), view },
    };
  }

  private unary(op: string, operandNode: Expression): Value {
    if (op === '&') return this.addressOf(operandNode);
    const operand = this.evaluate(operandNode);
    switch (op) {
      case '*':
        return this.dereference(operand);
      case '!':
        return { type: INT, value: isTrue(operand) ? 0n : 1n, hexByDefault: false };
      case '-': case '+': case '~': {
        const type = promote(integerTypeOf(operand, op));
        const v = op === '-' ? -operand.value : op === '~' ? ~operand.value : operand.value;
        return { type, value: wrapToType(v, type), hexByDefault: operand.hexByDefault };
      }
      default:
        throw new ExpressionError(`unknown operator "${op}"`);
    }
  }

  private addressOf(operandNode: Expression): Value {
    if (operandNode.kind === 'identifier' && !operandNode.name.startsWith('$')) {
      const symbol = this.context.lookupSymbol(operandNode.name);
      if (symbol) {
        const target = symbol.isFunction ? FUNCTION : symbolType(operandNode.name, symbol.size);
        return { type: pointerTo(target), value: symbol.address, hexByDefault: true };
      }
    }
    const operand = this.evaluate(operandNode);
    if (operand.location?.kind === 'memory') return { type: pointerTo(operand.type), value: operand.location.address, hexByDefault: true };
    if (operand.location?.kind === 'register') throw new ExpressionError('a register has no address');
    throw new ExpressionError('cannot take the address of a value that is not in memory');
  }

  /** `*p`; an integer is treated as the address of a 64-bit value (handy for `*sp`). */
  private dereference(value: Value): Value {
    const pointer = decay(value);
    let target: CType;
    if (pointer.type.kind === 'pointer') target = pointer.type.target;
    else if (pointer.type.kind === 'integer') target = UINT64;
    else throw new ExpressionError('cannot dereference a function');
    if (target.kind === 'void') throw new ExpressionError('cannot dereference a void pointer; cast it first, e.g. *(uint64_t *)p');
    if (target.kind === 'function') throw new ExpressionError('cannot dereference a function pointer');
    return this.readMemoryValue(BigInt.asUintN(64, pointer.value), target, pointer.hexByDefault);
  }

  private readMemoryValue(address: bigint, type: CType, hexByDefault: boolean): Value {
    // Structs and arrays are read where they are used (members, elements, printing).
    if (type.kind === 'record' || type.kind === 'array') return { type, value: 0n, location: { kind: 'memory', address }, hexByDefault };
    const size = sizeOf(type);
    const bytes = this.readMemory(address, size);
    let raw = 0n;
    for (let i = size - 1; i >= 0; i--) raw = (raw << 8n) | BigInt(bytes[i]);
    return { type, value: wrapToType(raw, type), location: { kind: 'memory', address }, hexByDefault: hexByDefault || type.kind === 'pointer' };
  }

  private readMemory(address: bigint, size: number): Uint8Array {
    try {
      return this.context.readMemory(address, size);
    } catch (e) {
      throw new ExpressionError(`cannot read ${size} byte${size === 1 ? '' : 's'} at 0x${address.toString(16)}: ${(e as Error).message}`);
    }
  }

  private binary(op: string, leftNode: Expression, rightNode: Expression): Value {
    if (op === '&&') {
      const left = this.evaluate(leftNode);
      return { type: INT, value: isTrue(left) && isTrue(this.evaluate(rightNode)) ? 1n : 0n, hexByDefault: false };
    }
    if (op === '||') {
      const left = this.evaluate(leftNode);
      return { type: INT, value: isTrue(left) || isTrue(this.evaluate(rightNode)) ? 1n : 0n, hexByDefault: false };
    }
    const left = decay(this.evaluate(leftNode));
    const right = decay(this.evaluate(rightNode));
    const pointerResult = this.pointerArithmetic(op, left, right);
    if (pointerResult) return pointerResult;

    const lt = integerTypeOf(left, op);
    const rt = integerTypeOf(right, op);
    const hexByDefault = left.hexByDefault || right.hexByDefault;
    if (op === '<<' || op === '>>') {
      const type = promote(lt);
      if (right.value < 0n) throw new ExpressionError('negative shift count');
      const count = right.value >= BigInt(type.size * 8) ? BigInt(type.size * 8) : right.value;
      const v = op === '<<' ? left.value << count : left.value >> count;
      return { type, value: wrapToType(v, type), hexByDefault };
    }
    const type = commonIntegerType(lt, rt);
    const a = wrapToType(left.value, type);
    const b = wrapToType(right.value, type);
    const compare = (result: boolean): Value => ({ type: INT, value: result ? 1n : 0n, hexByDefault: false });
    switch (op) {
      case '+': return { type, value: wrapToType(a + b, type), hexByDefault };
      case '-': return { type, value: wrapToType(a - b, type), hexByDefault };
      case '*': return { type, value: wrapToType(a * b, type), hexByDefault };
      case '/':
        if (b === 0n) throw new ExpressionError('division by zero');
        return { type, value: wrapToType(a / b, type), hexByDefault };
      case '%':
        if (b === 0n) throw new ExpressionError('division by zero');
        return { type, value: wrapToType(a % b, type), hexByDefault };
      case '&': return { type, value: wrapToType(a & b, type), hexByDefault };
      case '|': return { type, value: wrapToType(a | b, type), hexByDefault };
      case '^': return { type, value: wrapToType(a ^ b, type), hexByDefault };
      case '==': return compare(a === b);
      case '!=': return compare(a !== b);
      case '<': return compare(a < b);
      case '<=': return compare(a <= b);
      case '>': return compare(a > b);
      case '>=': return compare(a >= b);
      default: throw new ExpressionError(`unknown operator "${op}"`);
    }
  }

  /** C pointer arithmetic: `p + n` scales by the pointee size, `p - q` counts elements. */
  private pointerArithmetic(op: string, left: Value, right: Value): Value | undefined {
    const lp = left.type.kind === 'pointer' ? left.type : undefined;
    const rp = right.type.kind === 'pointer' ? right.type : undefined;
    if (!lp && !rp) return undefined;
    if ((op === '+' || op === '-') && lp && !rp) {
      const step = BigInt(sizeOf(lp.target)) * integerOperand(right, op);
      return { type: lp, value: wrapToType(op === '+' ? left.value + step : left.value - step, lp), hexByDefault: true };
    }
    if (op === '+' && rp && !lp) {
      const step = BigInt(sizeOf(rp.target)) * integerOperand(left, op);
      return { type: rp, value: wrapToType(right.value + step, rp), hexByDefault: true };
    }
    if (op === '-' && lp && rp) {
      const size = BigInt(sizeOf(lp.target));
      return { type: LONG, value: BigInt.asIntN(64, left.value - right.value) / size, hexByDefault: false };
    }
    if (['==', '!=', '<', '<=', '>', '>='].includes(op)) return undefined; // compared as unsigned 64-bit below
    throw new ExpressionError(`operator "${op}" does not apply to pointers`);
  }

  private cast(value: Value, type: CType): Value {
    const operand = decay(value);
    if (type.kind === 'record' || type.kind === 'array') throw new ExpressionError(`cannot cast to ${typeName(type)}`);
    if (operand.type.kind === 'record') throw new ExpressionError(`cannot cast a ${typeName(operand.type)}`);
    if (type.kind === 'float' || operand.type.kind === 'float') return convertFloat(operand, type);
    if (type.kind === 'function') throw new ExpressionError('cannot cast to a function type');
    if (type.kind === 'void') return { type, value: 0n, hexByDefault: false };
    if (operand.type.kind === 'void') throw new ExpressionError('cannot cast a void value');
    return { type, value: wrapToType(operand.value, type), hexByDefault: operand.hexByDefault || type.kind === 'pointer' };
  }

  private index(baseNode: Expression, indexNode: Expression): Value {
    const index = this.evaluate(indexNode);
    if (baseNode.kind === 'member' && !baseNode.arrow && baseNode.base.kind === 'identifier') {
      const vector = resolveRegisterName(baseNode.base.name, r => this.context.registerExists(r));
      if (vector) {
        const lane = laneView(vector, baseNode.member.toLowerCase(), Number(index.value));
        if (!lane) throw new ExpressionError(`no lane ${baseNode.base.name}.${baseNode.member}[${index.value}]`);
        return this.registerValue(`${baseNode.base.name}.${baseNode.member}[${index.value}]`, lane);
      }
    }
    const base = decay(this.evaluate(baseNode));
    if (base.type.kind !== 'pointer') throw new ExpressionError('subscript needs an array or a pointer (cast the address first)');
    const step = BigInt(sizeOf(base.type.target)) * integerOperand(index, '[]');
    return this.dereference({ ...base, value: wrapToType(base.value + step, base.type) });
  }

  private assign(targetNode: Expression, valueNode: Expression): Value {
    const target = this.evaluate(targetNode);
    const value = this.evaluate(valueNode);
    if (!target.location) throw new ExpressionError('the left side of "=" cannot be assigned to');
    if (target.type.kind === 'record' || target.type.kind === 'array') throw new ExpressionError(`cannot assign a whole ${typeName(target.type)}: assign its members or elements`);
    const converted = target.type.kind === 'float' || value.type.kind === 'float' ? convertFloat(decay(value), target.type).value : wrapToType(decay(value).value, target.type);
    if (target.location.kind === 'register') {
      const { view } = target.location;
      const current = this.context.readRegister(view.register);
      this.context.writeRegister(view.register, writeView(view, current, BigInt.asUintN(view.bitWidth + view.bitOffset, converted)));
    } else {
      const size = sizeOf(target.type);
      const bytes = new Uint8Array(size);
      let v = BigInt.asUintN(size * 8, converted);
      for (let i = 0; i < size; i++) {
        bytes[i] = Number(v & 0xffn);
        v >>= 8n;
      }
      try {
        this.context.writeMemory(target.location.address, bytes);
      } catch (e) {
        throw new ExpressionError(`cannot write ${size} bytes at 0x${target.location.address.toString(16)}: ${(e as Error).message}`);
      }
    }
    return { ...target, value: converted };
  }
}

/** An array in an expression stands for the address of its first element (C's decay). */
function decay(value: Value): Value {
  if (value.type.kind !== 'array' || value.location?.kind !== 'memory') return value;
  return { type: pointerTo(value.type.element), value: value.location.address, hexByDefault: true };
}

/** Conversions between integers and IEEE floating point (the value of a float is its bit pattern). */
function convertFloat(value: Value, type: CType): Value {
  const number = value.type.kind === 'float' ? floatOf(value.value, value.type.size) : Number(value.value);
  if (type.kind !== 'float') {
    if (!Number.isFinite(number)) throw new ExpressionError(`${number} has no integer value`);
    return { type, value: wrapToType(BigInt(Math.trunc(number)), type), hexByDefault: false };
  }
  return { type, value: floatBits(number, type.size), hexByDefault: false };
}

export function floatOf(bits: bigint, size: number): number {
  const view = new DataView(new ArrayBuffer(8));
  if (size === 4) {
    view.setUint32(0, Number(BigInt.asUintN(32, bits)), true);
    return view.getFloat32(0, true);
  }
  view.setBigUint64(0, BigInt.asUintN(64, bits), true);
  return view.getFloat64(0, true);
}

function floatBits(number: number, size: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  if (size === 4) {
    view.setFloat32(0, number, true);
    return BigInt(view.getUint32(0, true));
  }
  view.setFloat64(0, number, true);
  return view.getBigUint64(0, true);
}

function integerTypeOf(value: Value, op: string): IntegerType {
  if (value.type.kind === 'float') throw new ExpressionError(`operator "${op}": the console computes with integers only (cast the float to an integer type)`);
  if (value.type.kind === 'integer') return value.type;
  if (value.type.kind === 'pointer' || value.type.kind === 'function') return UINT64;
  throw new ExpressionError(`operator "${op}" does not apply to a ${typeName(value.type)} value`);
}

function integerOperand(value: Value, op: string): bigint {
  if (value.type.kind !== 'integer') throw new ExpressionError(`operator "${op}" needs an integer operand`);
  return value.value;
}

export function isTrue(value: Value): boolean {
  return value.value !== 0n;
}

/** A data symbol without DWARF: an integer of its size, or an error naming the fix. */
function symbolType(name: string, size: number): CType {
  switch (size) {
    case 1: return { kind: 'integer', name: 'int8_t', size: 1, signed: true };
    case 2: return { kind: 'integer', name: 'int16_t', size: 2, signed: true };
    case 4: return INT;
    case 8: return LONG;
    default:
      throw new ExpressionError(`"${name}" is ${size} bytes with no known type; cast its address, e.g. *(uint32_t *)&${name}`);
  }
}

