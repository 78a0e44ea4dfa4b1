// Evaluates a parsed C expression to a CValue in the scope of one frame: names through
// the scope (locals, arguments, globals, functions, enumerators, ELF symbols),
// `$registers`, literals typed as gdb's C parser types them, operators with C
// semantics, and assignments written back through the storage of the lvalue.

import type { DwarfType } from '../dwarfTypes';
import { BUILTIN, NO_DEBUG_DATA_TYPE, VOID_TYPE, arrayOf } from './builtinTypes';
import { CValue, MemoryReader, SyntheticPointer } from './cValue';
import { EvaluationError } from './evaluationError';
import type { Expression, TypeName } from './expressionParser';
import {
  addressOf, arithmetic, castValue, compare, complement, dereference, intValue, isTrue, negate, subscript, unaryPlus,
  unknownTypeError,
} from './valueArithmetic';
import { memberValue } from './valueFormatter';
import { StorageAccess, writeStorage } from './valueWriter';
import { byteSizeOf, isFloatType, isPointerType, isRecordType, pointerTarget, resolved } from './typeFacts';
import type { StructMember } from '../dwarfTypes';

/** What an expression can reach: the frame's names, types and the guest. */
export interface EvaluationScope {
  readonly memory: MemoryReader;
  readonly storage: StorageAccess;
  /** A variable, function, enumerator or ELF symbol by name; undefined when nothing has that name. */
  lookupName(name: string): CValue | undefined;
  /** `$name`: a register of the current frame (typed as gdb types it), or undefined. */
  lookupRegister(name: string): CValue | undefined;
  /** The type a type name denotes; throws EvaluationError ("No struct type named node.") otherwise. */
  resolveTypeName(type: TypeName): DwarfType;
  /** The value a DW_OP_implicit_pointer points to. */
  dereferenceSynthetic(pointer: SyntheticPointer, target: DwarfType): CValue;
}

export class ExpressionEvaluator {
  constructor(private readonly scope: EvaluationScope) {}

  evaluate(expression: Expression): CValue {
    switch (expression.kind) {
      case 'integer':
        return integerLiteral(expression.token);
      case 'float': {
        const type = expression.token.suffix === 'f' ? BUILTIN.float : expression.token.suffix === 'l' ? BUILTIN.longDouble : BUILTIN.double;
        return CValue.fromFloat(type, expression.token.value);
      }
      case 'char':
        return CValue.fromInteger(BUILTIN.char, BigInt(expression.value));
      case 'string':
        return CValue.fromBytes(arrayOf(BUILTIN.char, expression.codes.length + 1), Uint8Array.from([...expression.codes, 0]));
      case 'identifier': {
        const value = this.scope.lookupName(expression.name);
        if (!value) throw new EvaluationError(`No symbol "${expression.name}" in current context.`);
        return value;
      }
      case 'register':
        return this.scope.lookupRegister(expression.name) ?? CValue.fromBytes(VOID_TYPE, new Uint8Array(0));
      case 'unary':
        return this.unary(expression.operator, expression.operand);
      case 'binary':
        return this.binary(expression.operator, expression.left, expression.right);
      case 'conditional':
        return isTrue(this.known(expression.condition)) ? this.evaluate(expression.whenTrue) : this.evaluate(expression.whenFalse);
      case 'assign':
        return this.assign(expression.operator, expression.target, expression.value);
      case 'cast':
        return castValue(this.evaluate(expression.operand), this.scope.resolveTypeName(expression.type), this.scope.memory);
      case 'sizeofType':
        return sizeOf(this.scope.resolveTypeName(expression.type));
      case 'sizeofExpression':
        return sizeOf(this.evaluate(expression.operand).type);
      case 'index': {
        const array = this.known(expression.array);
        const index = this.known(expression.index);
        if (array.synthetic) return this.dereference(offsetSynthetic(array, index.integer()));
        // gdb truncates a floating-point subscript.
        if (isFloatType(index.type)) return subscript(array, CValue.fromInteger(BUILTIN.long, BigInt(Math.trunc(index.float()))), this.scope.memory);
        return subscript(array, index, this.scope.memory);
      }
      case 'member':
        return this.member(this.known(expression.object), expression.member, expression.arrow);
      case 'call':
        throw new EvaluationError('Calling functions in the program is not supported.');
      case 'increment':
        throw new EvaluationError(`The ${expression.operator} operator is not supported; use an assignment.`);
      case 'comma':
        this.evaluate(expression.left);
        return this.evaluate(expression.right);
    }
  }

  /** Evaluates and refuses values of unknown type (ELF symbols without debug information). */
  known(expression: Expression): CValue {
    const value = this.evaluate(expression);
    if (value.type === NO_DEBUG_DATA_TYPE) throw unknownTypeError(expression.kind === 'identifier' ? expression.name : 'value');
    return value;
  }

  private unary(operator: string, operand: Expression): CValue {
    if (operator === '&') return this.addressOf(operand);
    const value = this.known(operand);
    switch (operator) {
      case '-':
        return negate(value);
      case '+':
        return unaryPlus(value);
      case '!':
        return intValue(!isTrue(value));
      case '~':
        return complement(value);
      default:
        return this.dereference(value);
    }
  }

  /** `&operand`, with gdb's messages for variables that have no address. */
  private addressOf(operand: Expression): CValue {
    const value = this.evaluate(operand);
    if (operand.kind !== 'identifier' || (value.address !== undefined && value.isLvalue)) return addressOf(value);
    const register = value.storage?.find((part) => part.place.kind === 'register')?.place;
    if (register?.kind === 'register') {
      throw new EvaluationError(`Address requested for identifier "${operand.name}" which is in register $${dwarfRegisterName(register.register)}`);
    }
    throw new EvaluationError(`Can't take address of "${operand.name}" which isn't an lvalue.`);
  }

  private dereference(value: CValue): CValue {
    if (value.synthetic) return this.scope.dereferenceSynthetic(value.synthetic, pointerTarget(value.type) ?? BUILTIN.int);
    return dereference(value, this.scope.memory);
  }

  private binary(operator: string, leftExpression: Expression, rightExpression: Expression): CValue {
    if (operator === '&&' || operator === '||') {
      const left = isTrue(this.known(leftExpression));
      if (operator === '&&' && !left) return intValue(false);
      if (operator === '||' && left) return intValue(true);
      return intValue(isTrue(this.known(rightExpression)));
    }
    const left = this.known(leftExpression);
    const right = this.known(rightExpression);
    if (operator === '@') return repeatObject(left, right, this.scope.memory);
    if ((operator === '+' || operator === '-') && left.synthetic) return offsetSynthetic(left, operator === '+' ? right.integer() : -right.integer());
    if (operator === '+' && right.synthetic) return offsetSynthetic(right, left.integer());
    if (isRecordType(left.type) || isRecordType(right.type)) throw new EvaluationError(`Structure has no component named operator${operator}.`);
    if (['==', '!=', '<', '<=', '>', '>='].includes(operator)) return compare(operator, left, right);
    return arithmetic(operator, left, right);
  }

  private member(object: CValue, name: string, arrow: boolean): CValue {
    // gdb accepts `.` on pointers and `->` on structs alike.
    let record = object;
    const notRecord = () => new EvaluationError(`Attempt to extract a component of a value that is not a structure${arrow ? ' pointer' : ''}.`);
    if (isPointerType(record.type)) {
      if (!isRecordType(pointerTarget(record.type)!)) throw notRecord();
      record = this.dereference(record);
    }
    const type = resolved(record.type);
    if (type.kind !== 'struct' && type.kind !== 'union' && type.kind !== 'class') throw notRecord();
    const path = findMember(type.members, name);
    if (!path) throw new EvaluationError(`There is no member named ${name}.`);
    let value = record;
    for (const member of path) value = memberValue(value, member);
    return value;
  }

  private assign(operator: string, targetExpression: Expression, valueExpression: Expression): CValue {
    const target = this.known(targetExpression);
    let value = this.known(valueExpression);
    if (operator !== '=') {
      const binary = operator.slice(0, -1);
      value = arithmetic(binary, target, value);
    }
    return assignValue(target, value, this.scope);
  }
}

/** Writes `value` (converted to the target's type) to the lvalue `target`; returns the target read again. */
export function assignValue(target: CValue, value: CValue, scope: Pick<EvaluationScope, 'memory' | 'storage'>): CValue {
  if (!target.storage) throw new EvaluationError(target.notLvalueReason);
  const type = resolved(target.type);
  if (type.kind === 'array' || type.kind === 'function') throw new EvaluationError('Invalid cast.');
  let converted: CValue;
  if (isRecordType(type)) {
    if (!isRecordType(value.type) || byteSizeOf(value.type) !== byteSizeOf(type)) throw new EvaluationError('Invalid cast.');
    converted = value;
  } else {
    converted = castValue(value, target.type, scope.memory);
  }
  const bytes = converted.bytes();
  writeStorage(target.storage, bytes, scope.storage);
  return rereadValue(target, scope.memory, converted);
}

/** The value of an lvalue after a write: memory is read again; other storage keeps the written bits. */
function rereadValue(target: CValue, memory: MemoryReader, written: CValue): CValue {
  const address = target.address;
  if (address !== undefined && target.storage?.length === 1) return CValue.inMemory(target.type, address, memory);
  const size = target.byteSize;
  const bytes = new Uint8Array(size);
  bytes.set(written.bytes().subarray(0, size));
  return CValue.fromData(target.type, { bytes, known: new Uint8Array(size).fill(0xff) }, target.storage);
}

/** A member by name, looking inside anonymous struct and union members (C11). */
function findMember(members: readonly StructMember[], name: string): StructMember[] | undefined {
  for (const member of members) {
    if (member.name === name) return [member];
  }
  for (const member of members) {
    if (member.name !== undefined) continue;
    const inner = resolved(member.type);
    if (inner.kind !== 'struct' && inner.kind !== 'union' && inner.kind !== 'class') continue;
    const path = findMember(inner.members, name);
    if (path) return [member, ...path];
  }
  return undefined;
}

/** gdb's `object@count`: `count` objects like `object`, starting at its address. */
function repeatObject(object: CValue, count: CValue, memory: MemoryReader): CValue {
  const times = count.integer();
  if (times <= 0n) throw new EvaluationError('Only values in memory can be extended with \'@\'.');
  const address = object.address;
  if (address === undefined) throw new EvaluationError('Only values in memory can be extended with \'@\'.');
  return CValue.inMemory(arrayOf(object.type, Number(times)), address, memory);
}

function sizeOf(type: DwarfType): CValue {
  const size = byteSizeOf(type);
  if (size === undefined) throw new EvaluationError(`sizeof applied to an incomplete type`);
  // gdb 13 types sizeof as int.
  return CValue.fromInteger(BUILTIN.int, BigInt(size));
}

/** C's rules for the type of an integer constant (6.4.4.1), as gdb applies them. */
function integerLiteral(token: Extract<Expression, { kind: 'integer' }>['token']): CValue {
  const value = token.value;
  const decimal = token.radix === 10;
  const candidates: DwarfType[] = [];
  if (token.longs === 0) {
    if (!token.unsigned) candidates.push(BUILTIN.int);
    if (token.unsigned || !decimal) candidates.push(BUILTIN.unsignedInt);
  }
  if (token.longs <= 1) {
    if (!token.unsigned) candidates.push(BUILTIN.long);
    if (token.unsigned || !decimal) candidates.push(BUILTIN.unsignedLong);
  }
  if (!token.unsigned) candidates.push(BUILTIN.longLong);
  candidates.push(BUILTIN.unsignedLongLong);
  for (const type of candidates) {
    const size = byteSizeOf(type)!;
    const signed = resolved(type).kind === 'base' && (resolved(type) as { encoding: string }).encoding === 'signed';
    const limit = signed ? 1n << BigInt(size * 8 - 1) : 1n << BigInt(size * 8);
    if (value < limit) return CValue.fromInteger(type, value);
  }
  throw new EvaluationError('Numeric constant too large.');
}

/** gdb's name of a DWARF register: x0-x30, sp, v0-v31. */
export function dwarfRegisterName(register: number): string {
  if (register <= 30) return `x${register}`;
  if (register === 31) return 'sp';
  if (register >= 64 && register <= 95) return `v${register - 64}`;
  return `r${register}`;
}

/** A synthetic pointer moved by `count` elements (pointer arithmetic on DW_OP_implicit_pointer). */
function offsetSynthetic(pointer: CValue, count: bigint): CValue {
  const target = pointerTarget(pointer.type);
  const size = BigInt(target ? byteSizeOf(target) ?? 1 : 1);
  const synthetic = pointer.synthetic!;
  return CValue.syntheticPointer(pointer.type, { die: synthetic.die, offset: synthetic.offset + Number(count * size) });
}
