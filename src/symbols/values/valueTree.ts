// Values as the Variables view shows them: a node with its name, formatted value and C
// type, and children made on demand (struct and union members, array elements, the
// pointed-to object of a pointer, one level at a time), each with an expression that
// evaluates to it again (DAP's evaluateName) and what is needed to write it.

import { cTypeName } from './typeName';
import { CValue } from './cValue';
import { EvaluationError } from './evaluationError';
import { FormatOptions, elementValue, memberValue } from './valueFormatter';
import { arrayElement, isCharType, isRecordType, pointerTarget, resolved } from './typeFacts';

export interface ValueNode {
  readonly name: string;
  /** The value formatted as gdb prints it (`{x = 1, y = 2}`, `0x40001234 "hello"`, `<optimized out>`). */
  readonly value: string;
  /** The C type: `struct point *`, `int [4]`, `const char *`. */
  readonly type: string;
  /** An expression that evaluates to this node in the same frame (`p->next`, `values[2]`). */
  readonly evaluateName: string;
  /** The object's address when it is in memory; a pointer's target address. For DAP memoryReference. */
  readonly memoryReference?: bigint;
  /** The object's bytes in memory, for data breakpoints ("Break on Value Change"). */
  readonly dataAddress?: { readonly address: bigint; readonly size: number };
  readonly hasChildren: boolean;
  /** Number of elements for arrays (DAP indexedVariables); children() may then be asked for a range. */
  readonly indexedChildren?: number;
  /** Whether setValue can succeed (an lvalue whose bits are all stored somewhere). */
  readonly assignable: boolean;
  /** The typed value behind the node. */
  readonly cValue: CValue;
  /** Members, elements (from `start`, `count` of them) or the pointed-to object. */
  children(range?: { start?: number; count?: number }): ValueNode[];
  /** Evaluates `expression` in the node's frame, converts it to the node's type, writes it, and returns the updated node. */
  setValue(expression: string): ValueNode;
}

/** What nodes need from the frame they belong to. */
export interface NodeFrame {
  format(value: CValue, options: FormatOptions): string;
  evaluateValue(expression: string): CValue;
  assignValue(target: CValue, value: CValue): CValue;
  readonly memory: { read(address: bigint, length: number): Uint8Array | undefined };
}

/** Arrays with more elements than this are shown page by page. */
export const MAX_CHILDREN_AT_ONCE = 1000;

export function makeValueNode(frame: NodeFrame, name: string, value: CValue, evaluateName: string, options: FormatOptions, accessPrefix?: string): ValueNode {
  const type = resolved(value.type);
  const text = frame.format(value, options);
  const pointerValue = pointerTargetAddress(value);
  const address = value.address;
  const count = type.kind === 'array' ? arrayElement(type)?.count ?? 0 : undefined;
  const childrenOf = childMaker(frame, value, evaluateName, options, pointerValue, accessPrefix);
  return {
    name,
    value: text,
    type: cTypeName(value.type),
    evaluateName,
    memoryReference: type.kind === 'pointer' ? (pointerValue && pointerValue !== 0n ? pointerValue : undefined) : address,
    dataAddress: address !== undefined && value.byteSize > 0 && type.kind !== 'function' ? { address, size: value.byteSize } : undefined,
    hasChildren: childrenOf !== undefined,
    indexedChildren: count,
    assignable: value.storage !== undefined && value.storage.every((part) => part.place.kind !== 'none') && type.kind !== 'array' && type.kind !== 'function',
    cValue: value,
    children: (range) => (childrenOf ? childrenOf(range ?? {}) : []),
    setValue: (expression) => {
      const updated = frame.assignValue(value, frame.evaluateValue(expression));
      return makeValueNode(frame, name, updated, evaluateName, options, accessPrefix);
    },
  };
}

/** The address a pointer holds, or undefined when it is not a pointer or its value is gone. */
function pointerTargetAddress(value: CValue): bigint | undefined {
  if (resolved(value.type).kind !== 'pointer' || value.synthetic) return undefined;
  try {
    if (value.isOptimizedOut()) return undefined;
    return BigInt.asUintN(64, value.integer());
  } catch (error) {
    if (error instanceof EvaluationError) return undefined;
    throw error;
  }
}

/** `e` as an operand of a postfix operator: parenthesised unless it is a plain access path. */
export function operand(expression: string): string {
  return /^[A-Za-z_$][\w$]*(?:(?:\.|->)[A-Za-z_]\w*|\[\d+\])*$/.test(expression) ? expression : `(${expression})`;
}

type ChildMaker = (range: { start?: number; count?: number }) => ValueNode[];

function childMaker(frame: NodeFrame, value: CValue, evaluateName: string, options: FormatOptions, pointerValue: bigint | undefined, accessPrefix?: string): ChildMaker | undefined {
  const type = resolved(value.type);
  if (value.isEntirelyOptimizedOut()) return undefined;
  if (type.kind === 'struct' || type.kind === 'union' || type.kind === 'class') {
    if (type.members.length === 0) return undefined;
    const prefix = accessPrefix ?? `${operand(evaluateName)}.`;
    return () => memberNodes(frame, value, prefix, evaluateName, options);
  }
  if (type.kind === 'array') {
    const layout = arrayElement(type)!;
    const count = layout.count ?? 0;
    if (count === 0) return undefined;
    return ({ start = 0, count: wanted }) => {
      const end = Math.min(count, start + (wanted ?? Math.min(count, MAX_CHILDREN_AT_ONCE)));
      const nodes: ValueNode[] = [];
      for (let index = start; index < end; index++) {
        nodes.push(makeValueNode(frame, `[${index}]`, elementValue(value, index), `${operand(evaluateName)}[${index}]`, options));
      }
      return nodes;
    };
  }
  if (type.kind === 'pointer' && pointerValue !== undefined && pointerValue !== 0n) {
    const target = pointerTarget(type)!;
    const targetKind = resolved(target).kind;
    if (targetKind === 'void' || targetKind === 'function' || isCharType(target)) return undefined;
    const pointee = CValue.inMemory(target, pointerValue, frame.memory);
    if (isRecordType(target)) {
      return () => {
        try {
          pointee.data();
        } catch (error) {
          if (!(error instanceof EvaluationError)) throw error;
          return [makeValueNode(frame, `*${evaluateName}`, pointee, `*${operand(evaluateName)}`, options)];
        }
        return memberNodes(frame, pointee, `${operand(evaluateName)}->`, `*${operand(evaluateName)}`, options);
      };
    }
    return () => [makeValueNode(frame, `*${evaluateName}`, pointee, `*${operand(evaluateName)}`, options)];
  }
  return undefined;
}

function memberNodes(frame: NodeFrame, record: CValue, prefix: string, recordExpression: string, options: FormatOptions): ValueNode[] {
  const type = resolved(record.type);
  if (type.kind !== 'struct' && type.kind !== 'union' && type.kind !== 'class') return [];
  return type.members.map((member) => {
    let value: CValue;
    try {
      value = memberValue(record, member);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      return errorNode(member.name ?? '<anonymous>', error.message, `${prefix}${member.name ?? ''}`, cTypeName(member.type), record);
    }
    if (member.name === undefined) {
      const kind = resolved(member.type).kind;
      // An anonymous struct or union: its members are reached through the enclosing object.
      return makeValueNode(frame, `<anonymous ${kind}>`, value, recordExpression, options, prefix);
    }
    return makeValueNode(frame, member.name, value, `${prefix}${member.name}`, options);
  });
}

/** A node for a part that cannot be read: gdb's `<error: ...>` as its value. */
function errorNode(name: string, message: string, evaluateName: string, type: string, owner: CValue): ValueNode {
  return {
    name,
    value: `<error: ${message}>`,
    type,
    evaluateName,
    hasChildren: false,
    assignable: false,
    cValue: owner,
    children: () => [],
    setValue: () => {
      throw new EvaluationError(message);
    },
  };
}
