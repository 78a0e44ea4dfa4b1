// One source-level frame at a stop (a function, or a call inlined into it): its
// Arguments, Locals (innermost block first) and Globals scopes as value nodes, and the
// C expression language evaluated in its scope, with assignment.

import type { ScopeFrame, VariableInfo } from '../debugInfo';
import { DW_TAG_inlined_subroutine, DW_TAG_lexical_block, DW_TAG_subprogram } from '../dwarfConstants';
import type { DebugInfoEntry } from '../debugInfoEntries';
import type { DwarfType } from '../dwarfTypes';
import { BUILTIN, CODE_POINTER_TYPE, DATA_POINTER_TYPE, NO_DEBUG_DATA_TYPE, NO_DEBUG_TEXT_TYPE, builtinTypeFromKeywords } from './builtinTypes';
import { CValue, MemoryReader, SyntheticPointer } from './cValue';
import { EvaluationError } from './evaluationError';
import { ExpressionEvaluator, EvaluationScope, applyDeclarator, assignValue } from './expressionEvaluator';
import { TypeName, parseExpression } from './expressionParser';
import { valueFromLocation } from './locationValue';
import type { FrameState, GuestAccess, ProgramValues } from './programValues';
import { lookupPc } from './programValues';
import { FormatOptions, formatValue } from './valueFormatter';
import { StorageAccess } from './valueWriter';
import { NodeFrame, ValueNode, makeValueNode } from './valueTree';
import { byteSizeOf } from './typeFacts';

export class FrameValues implements NodeFrame {
  readonly memory: MemoryReader;
  private readonly storage: StorageAccess;

  constructor(
    private readonly values: ProgramValues,
    /** The DWARF scope; undefined for code without debug information. */
    readonly scope: ScopeFrame | undefined,
    readonly frame: FrameState,
    private readonly guest: GuestAccess,
  ) {
    this.memory = { read: (address, length) => safeRead(guest, address, length) };
    this.storage = {
      readMemory: (address, length) => this.memory.read(address, length),
      writeMemory: guest.writeMemory ? (address, bytes) => guest.writeMemory!(address, bytes) : undefined,
      readRegister: (register) => frame.readRegister(register),
      writeRegister: frame.writeRegister ? (register, value) => frame.writeRegister!(register, value) : undefined,
      readNamedRegister: guest.readNamedRegister ? (name) => guest.readNamedRegister!(name) : undefined,
      writeNamedRegister: guest.writeNamedRegister ? (name, value) => guest.writeNamedRegister!(name, value) : undefined,
    };
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
    const locals = (this.scope?.variables ?? []).filter((variable) => variable.kind === 'local');
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
    const parsed = parseExpression(expression, (name) => this.isTypedefName(name));
    const evaluator = new ExpressionEvaluator(this.evaluationScope());
    return evaluator.known(parsed);
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
    if (this.scope?.variables.some((variable) => variable.name === name)) return false;
    return this.values.types.hasTypedef(name);
  }

  private get unit() {
    return this.scope?.function.entryDie.unit;
  }

  private evaluationScope(): EvaluationScope {
    return {
      memory: this.memory,
      storage: this.storage,
      lookupName: (name) => this.lookupName(name),
      lookupRegister: (name) => this.lookupRegister(name),
      resolveTypeName: (type) => this.resolveTypeName(type),
      dereferenceSynthetic: (pointer, target) => this.dereferenceSynthetic(pointer, target),
    };
  }

  /** C name lookup: the frame's variables, globals (this unit's first), enumerators, functions, then ELF symbols. */
  private lookupName(name: string): CValue | undefined {
    const local = this.scope?.variables.find((variable) => variable.name === name);
    if (local) return this.variableValue(local);
    const global = this.values.globalsNamed(name, this.unit)[0];
    if (global) return this.variableValue(global);
    const enumerator = this.values.types.enumerator(name, this.unit);
    if (enumerator) return CValue.fromInteger(enumerator.type, BigInt.asUintN((byteSizeOf(enumerator.type) ?? 4) * 8, enumerator.value));
    const fn = this.values.functionsNamed(name, this.unit)[0];
    if (fn) return CValue.inMemory(this.values.types.functionType(fn.entryDie), BigInt(fn.entry), this.memory);
    const symbol = this.values.program.symbolByName(name);
    if (symbol) {
      const isCode = symbol.type === 'FUNC' || symbol.type === 'IFUNC';
      return CValue.inMemory(isCode ? NO_DEBUG_TEXT_TYPE : NO_DEBUG_DATA_TYPE, BigInt(symbol.value), this.memory);
    }
    return undefined;
  }

  private lookupRegister(name: string): CValue | undefined {
    const lower = name.toLowerCase();
    const raw = this.guest.readNamedRegister?.(lower);
    if (raw === undefined) return undefined;
    const type = registerType(lower);
    const size = byteSizeOf(type) ?? 8;
    const bytes = new Uint8Array(size);
    let rest = raw;
    for (let i = 0; i < size; i++) {
      bytes[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    return CValue.fromData(type, { bytes, known: new Uint8Array(size).fill(0xff) }, [
      { start: 0, size: size * 8, place: { kind: 'namedRegister', name: lower, bitOffset: 0 } },
    ]);
  }

  private resolveTypeName(type: TypeName): DwarfType {
    const specifier = type.specifier;
    let base: DwarfType | undefined;
    switch (specifier.kind) {
      case 'keywords':
        base = builtinTypeFromKeywords(specifier.words);
        if (!base) throw new EvaluationError(`A syntax error in expression: "${specifier.words.join(' ')}" is not a type.`);
        break;
      case 'tag':
        base = this.values.types.lookup(specifier.tag, specifier.name, this.unit);
        if (!base) throw new EvaluationError(`No ${specifier.tag} type named ${specifier.name}.`);
        break;
      case 'typedef':
        base = this.values.types.lookup('typedef', specifier.name, this.unit);
        if (!base) throw new EvaluationError(`No symbol "${specifier.name}" in current context.`);
        break;
    }
    return applyDeclarator(base, type, (parameter) => this.resolveTypeName(parameter));
  }

  /** The object a DW_OP_implicit_pointer designates: the variable of that DIE, at the pointer's offset. */
  private dereferenceSynthetic(pointer: SyntheticPointer, target: DwarfType): CValue {
    const die = this.values.program.debugInfo.reader.entryAt(pointer.die);
    const variable = die ? this.scope?.variables.find((candidate) => sameVariable(candidate.entryDie, die)) : undefined;
    if (!variable) throw new EvaluationError('Cannot dereference this synthetic pointer: its target is not in scope.');
    const whole = this.variableValue(variable);
    return whole.part(target, pointer.offset);
  }
}

function sameVariable(candidate: DebugInfoEntry, target: DebugInfoEntry): boolean {
  return candidate === target || candidate.followOrigins((origin) => (origin === target ? true : undefined)) === true;
}

/** Number of lexical blocks between a variable's DIE and its function (or inlined call). */
function blockDepth(die: DebugInfoEntry): number {
  let depth = 0;
  for (let parent = die.parent; parent; parent = parent.parent) {
    if (parent.tag === DW_TAG_lexical_block) depth++;
    if (parent.tag === DW_TAG_subprogram || parent.tag === DW_TAG_inlined_subroutine) break;
  }
  return depth;
}

/** The types gdb gives AArch64 registers: x0-x30 long, w0-w30 int, sp/fp void *, pc void (*)(). */
function registerType(name: string): DwarfType {
  if (name === 'pc') return CODE_POINTER_TYPE;
  if (name === 'sp' || name === 'fp') return DATA_POINTER_TYPE;
  if (/^x([0-9]|[12][0-9]|30)$/.test(name) || name === 'lr') return BUILTIN.long;
  if (/^w([0-9]|[12][0-9]|30)$/.test(name)) return BUILTIN.int;
  if (/^d([0-9]|[12][0-9]|3[01])$/.test(name)) return BUILTIN.double;
  if (/^s([0-9]|[12][0-9]|3[01])$/.test(name)) return BUILTIN.float;
  if (/^[vq]([0-9]|[12][0-9]|3[01])$/.test(name)) return BUILTIN.unsignedInt128;
  return BUILTIN.unsignedLong;
}

function safeRead(guest: GuestAccess, address: bigint, length: number): Uint8Array | undefined {
  if (address < 0n || address + BigInt(length) > 1n << 64n) return undefined;
  try {
    return guest.readMemory(address, length);
  } catch {
    return undefined;
  }
}

