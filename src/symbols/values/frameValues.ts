// One source-level frame at a stop (a function, or a call inlined into it): its
// Arguments, Locals (innermost block first) and Globals scopes as value nodes, and the
// C expression language evaluated in its scope, with assignment.

import type { ScopeFrame, VariableInfo } from '../debugInfo';
import { DW_TAG_inlined_subroutine, DW_TAG_lexical_block, DW_TAG_subprogram } from '../dwarfConstants';
import type { DebugInfoEntry } from '../debugInfoEntries';
import { CValue, MemoryReader } from './cValue';
import { EntryValueResolver } from './entryValues';
import { EvaluationError } from './evaluationError';
import { ExpressionEvaluator, assignValue } from './expressionEvaluator';
import { Expression, parseExpression } from './expressionParser';
import { FrameScope } from './frameScope';
import { ExpressionSyntaxError, tokenize } from './expressionLexer';
import { valueFromLocation } from './locationValue';
import type { FrameState, GuestAccess, ProgramValues } from './programValues';
import { lookupPc } from './programValues';
import { FormatOptions, formatValue } from './valueFormatter';
import { StorageAccess } from './valueWriter';
import { NodeFrame, ValueNode, makeValueNode } from './valueTree';
import { resolved } from './typeFacts';

export class FrameValues implements NodeFrame {
  readonly memory: MemoryReader;
  private readonly storage: StorageAccess;
  private readonly entryValues: EntryValueResolver;
  /** What expressions see from this frame: names, registers, types. */
  private readonly names: FrameScope;

  constructor(
    private readonly values: ProgramValues,
    /** The DWARF scope; undefined for code without debug information. */
    readonly scope: ScopeFrame | undefined,
    readonly frame: FrameState,
    guest: GuestAccess,
  ) {
    this.memory = { read: (address, length) => safeRead(guest, address, length) };
    this.entryValues = new EntryValueResolver(values.program, this.memory);
    this.storage = {
      readMemory: (address, length) => this.memory.read(address, length),
      writeMemory: guest.writeMemory ? (address, bytes) => guest.writeMemory!(address, bytes) : undefined,
      readRegister: (register) => frame.readRegister(register),
      writeRegister: frame.writeRegister ? (register, value) => frame.writeRegister!(register, value) : undefined,
      readNamedRegister: guest.readNamedRegister ? (name) => guest.readNamedRegister!(name) : undefined,
      writeNamedRegister: guest.writeNamedRegister ? (name, value) => guest.writeNamedRegister!(name, value) : undefined,
    };
    this.names = new FrameScope(values, scope, frame, guest, this.memory, this.storage, (variable) => this.variableValue(variable));
  }

  /** The function's name (of the inlined function for inlined frames). */
  get name(): string {
    return this.scope?.name ?? this.values.program.functionAt(lookupPc(this.frame))?.name ?? '??';
  }

  get isInlined(): boolean {
    return this.scope?.kind === 'inlined';
  }

  // ---- scopes ----

  /** The formal parameters, in declaration order. */
  argumentVariables(): VariableInfo[] {
    return (this.scope?.variables ?? []).filter((variable) => variable.kind === 'parameter');
  }

  /** Locals of the blocks that hold the PC, innermost block first; a name hidden by an inner one is left out. */
  localVariables(): VariableInfo[] {
    const locals = (this.scope?.variables ?? []).filter((variable) => variable.kind === 'local' && !this.values.isDiscarded(variable));
    return locals
      .map((variable, order) => ({ variable, order, depth: blockDepth(variable.entryDie) }))
      .sort((a, b) => b.depth - a.depth || a.order - b.order)
      .map((entry) => entry.variable);
  }

  /** Globals and file-static variables of the compile unit that holds the frame's code. */
  globalVariables(): VariableInfo[] {
    const unit = this.scope?.function.entryDie.unit;
    return unit ? this.values.globalsOfUnit(unit) : [];
  }

  arguments(options: FormatOptions = {}): ValueNode[] {
    return this.argumentVariables().map((variable) => this.variableNode(variable, options));
  }

  locals(options: FormatOptions = {}): ValueNode[] {
    return this.localVariables().map((variable) => this.variableNode(variable, options));
  }

  globals(options: FormatOptions = {}): ValueNode[] {
    return this.globalVariables().map((variable) => this.variableNode(variable, options));
  }

  variableNode(variable: VariableInfo, options: FormatOptions = {}): ValueNode {
    return makeValueNode(this, variable.name, this.variableValue(variable), variable.name, options);
  }

  /** A variable's value in this frame (globals need no frame). */
  variableValue(variable: VariableInfo): CValue {
    const frame = this.frame;
    const scope = variable.kind === 'global' ? undefined : this.scope;
    const location = this.values.program.locateVariable(variable, scope, lookupPc(frame), {
      readRegister: (register) => frame.readRegister(register),
      readMemory: (address, size) => {
        const bytes = this.memory.read(address, size);
        if (!bytes) return undefined;
        let value = 0n;
        for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
        return value;
      },
      cfa: frame.cfa,
      entryValue: scope ? (expression) => this.entryValues.resolve(expression, scope.function, frame) : undefined,
    });
    return valueFromLocation(variable.type, location, (register) => frame.readRegister(register), this.memory);
  }

  // ---- expressions ----

  /** Evaluates a C expression (assignments included) and returns it as a node named after the expression. */
  evaluate(expression: string, options: FormatOptions = {}): ValueNode {
    const value = this.evaluateValue(expression);
    return makeValueNode(this, expression.trim(), value, expression.trim(), options);
  }

  /** Evaluates a C expression to a typed value. Throws EvaluationError with gdb's wording. */
  evaluateValue(expression: string): CValue {
    let parsed: Expression;
    try {
      parsed = parseExpression(expression, (name) => this.isTypedefName(name));
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) this.reportUnknownName(expression, error.position);
      throw error;
    }
    const evaluator = new ExpressionEvaluator(this.names);
    const value = evaluator.known(parsed);
    // Like gdb's print, the value is fetched now: unreadable memory is an error, not a value.
    if (resolved(value.type).kind !== 'function') value.data();
    return value;
  }

  /** gdb resolves names while it parses: an unknown name before a syntax error is the error it reports. */
  private reportUnknownName(expression: string, errorPosition: number): void {
    const tokens = tokenize(expression);
    for (const [index, token] of tokens.entries()) {
      if (token.start >= errorPosition) return;
      if (token.kind !== 'identifier' || C_KEYWORDS.has(token.text)) continue;
      const previous = tokens[index - 1];
      if (previous?.kind === 'punctuator' && (previous.text === '.' || previous.text === '->')) continue;
      if (previous?.kind === 'identifier' && ['struct', 'union', 'enum'].includes(previous.text)) continue;
      if (this.isTypedefName(token.text) || this.names.lookupName(token.text)) continue;
      throw new EvaluationError(`No symbol "${token.text}" in current context.`);
    }
  }

  /** `target = value` for the Variables view's setVariable and the Watch view's setExpression. */
  assign(target: string, value: string, options: FormatOptions = {}): ValueNode {
    const lvalue = this.evaluateValue(target);
    const updated = this.assignValue(lvalue, this.evaluateValue(value));
    return makeValueNode(this, target.trim(), updated, target.trim(), options);
  }

  assignValue(target: CValue, value: CValue): CValue {
    return assignValue(target, value, { memory: this.memory, storage: this.storage });
  }

  format(value: CValue, options: FormatOptions = {}): string {
    return formatValue(value, { memory: this.memory, symbolize: (address) => this.values.symbolize(address) }, options);
  }

  private isTypedefName(name: string): boolean {
    return this.names.isTypedefName(name);
  }
}

const C_KEYWORDS = new Set([
  'sizeof', 'struct', 'union', 'enum', 'const', 'volatile', 'restrict', 'void', 'char', 'short', 'int', 'long', 'signed', 'unsigned',
  'float', 'double', '_Bool', '__int128',
]);

/** Number of lexical blocks between a variable's DIE and its function (or inlined call). */
function blockDepth(die: DebugInfoEntry): number {
  let depth = 0;
  for (let parent = die.parent; parent; parent = parent.parent) {
    if (parent.tag === DW_TAG_lexical_block) depth++;
    if (parent.tag === DW_TAG_subprogram || parent.tag === DW_TAG_inlined_subroutine) break;
  }
  return depth;
}

function safeRead(guest: GuestAccess, address: bigint, length: number): Uint8Array | undefined {
  if (address < 0n || address + BigInt(length) > 1n << 64n) return undefined;
  try {
    return guest.readMemory(address, length);
  } catch {
    return undefined;
  }
}

