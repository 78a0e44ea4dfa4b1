// What a C expression sees from one frame (the EvaluationScope of the evaluator):
// names looked up as C and gdb do (the frame's variables, globals of its unit first,
// other units, enumerators, functions, then ELF symbols), `$registers` typed as gdb
// types them, type names, and the targets of synthetic pointers.

import type { ScopeFrame, VariableInfo } from '../debugInfo';
import type { DebugInfoEntry } from '../debugInfoEntries';
import type { DwarfType } from '../dwarfTypes';
import {
  BUILTIN, CODE_POINTER_TYPE, DATA_POINTER_TYPE, NO_DEBUG_DATA_TYPE, NO_DEBUG_TEXT_TYPE, arrayOf, builtinTypeFromKeywords, pointerTo, qualified,
} from './builtinTypes';
import { CValue, MemoryReader, StoragePlace, SyntheticPointer } from './cValue';
import { EvaluationError } from './evaluationError';
import type { EvaluationScope } from './expressionEvaluator';
import type { TypeName } from './expressionParser';
import type { FrameState, GuestAccess, ProgramValues } from './programValues';
import type { StorageAccess } from './valueWriter';
import { byteSizeOf } from './typeFacts';

export class FrameScope implements EvaluationScope {
  constructor(
    private readonly values: ProgramValues,
    private readonly scope: ScopeFrame | undefined,
    private readonly frame: FrameState,
    private readonly guest: GuestAccess,
    readonly memory: MemoryReader,
    readonly storage: StorageAccess,
    private readonly variableValue: (variable: VariableInfo) => CValue,
  ) {}

  private get unit() {
    return this.scope?.function.entryDie.unit;
  }

  /** A typedef name not hidden by a variable of the frame: `(name)` then starts a cast. */
  isTypedefName(name: string): boolean {
    if (this.scope?.variables.some((variable) => variable.name === name)) return false;
    return this.values.types.hasTypedef(name);
  }

  lookupName(name: string): CValue | undefined {
    const local = this.scope?.variables.find((variable) => variable.name === name && !this.values.isDiscarded(variable));
    if (local) return this.variableValue(local);
    const global = this.values.globalsNamed(name, this.unit)[0];
    if (global) return this.variableValue(global);
    const enumerator = this.values.types.enumerator(name, this.unit);
    if (enumerator) return CValue.fromInteger(enumerator.type, BigInt.asUintN((byteSizeOf(enumerator.type) ?? 4) * 8, enumerator.value));
    const fn = this.values.functionsNamed(name, this.unit)[0];
    if (fn) return CValue.inMemory(this.values.types.functionType(fn.entryDie), BigInt(fn.entry), this.memory);
    const symbol = this.values.program.symbolByName(name);
    if (symbol) {
      // Like gdb: code symbols without debug information are functions of unknown type, data ones need a cast.
      const isCode = symbol.type === 'FUNC' || symbol.type === 'IFUNC' || (symbol.type === 'NOTYPE' && this.values.program.elf.isExecutableAddress(symbol.value));
      return CValue.inMemory(isCode ? NO_DEBUG_TEXT_TYPE : NO_DEBUG_DATA_TYPE, BigInt(symbol.value), this.memory);
    }
    return undefined;
  }

  /**
   * `$name`. A caller frame's registers come from the unwinder (its DWARF registers);
   * the top frame asks the guest's register file first, which knows every register.
   */
  lookupRegister(name: string): CValue | undefined {
    const lower = name.toLowerCase();
    const type = registerType(lower);
    const fromFrame = (): CValue | undefined => {
      if (lower === 'pc') return CValue.fromInteger(type, BigInt(this.frame.pc));
      const register = dwarfRegisterNumber(lower);
      const raw = register === undefined ? undefined : this.frame.readRegister(register);
      if (raw === undefined) return undefined;
      return registerValue(type, raw, { kind: 'register', register: register!, bitOffset: 0 });
    };
    const fromGuest = (): CValue | undefined => {
      const raw = this.guest.readNamedRegister?.(lower);
      return raw === undefined ? undefined : registerValue(type, raw, { kind: 'namedRegister', name: lower, bitOffset: 0 });
    };
    return this.frame.isCaller ? fromFrame() ?? fromGuest() : fromGuest() ?? fromFrame();
  }

  resolveTypeName(type: TypeName): DwarfType {
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
  dereferenceSynthetic(pointer: SyntheticPointer, target: DwarfType): CValue {
    const die = this.values.program.debugInfo.reader.entryAt(pointer.die);
    const variable = die ? this.scope?.variables.find((candidate) => sameVariable(candidate.entryDie, die)) : undefined;
    if (!variable) throw new EvaluationError('Cannot dereference this synthetic pointer: its target is not in scope.');
    const whole = this.variableValue(variable);
    if (pointer.offset < 0 || pointer.offset + (byteSizeOf(target) ?? 0) > whole.byteSize) {
      throw new EvaluationError('Attempt to access outside the object a synthetic pointer points to.');
    }
    return whole.part(target, pointer.offset);
  }
}

function sameVariable(candidate: DebugInfoEntry, target: DebugInfoEntry): boolean {
  return candidate === target || candidate.followOrigins((origin) => (origin === target ? true : undefined)) === true;
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

/** DWARF number of an AArch64 register name: x0-x30 (and w0-w30, their low halves), fp, lr, sp, v0-v31. */
function dwarfRegisterNumber(name: string): number | undefined {
  const general = /^[xw]([0-9]|[12][0-9]|30)$/.exec(name);
  if (general) return Number(general[1]);
  if (name === 'fp') return 29;
  if (name === 'lr') return 30;
  if (name === 'sp') return 31;
  const vector = /^[vqds]([0-9]|[12][0-9]|3[01])$/.exec(name);
  return vector ? 64 + Number(vector[1]) : undefined;
}

/** A register's value as `type` (its low bytes), written back through `place`. */
function registerValue(type: DwarfType, raw: bigint, place: StoragePlace): CValue {
  const size = byteSizeOf(type) ?? 8;
  const bytes = new Uint8Array(size);
  let rest = raw;
  for (let i = 0; i < size; i++) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return CValue.fromData(type, { bytes, known: new Uint8Array(size).fill(0xff) }, [{ start: 0, size: size * 8, place }]);
}

/** Builds the DwarfType a parsed type name denotes, from the specifier's type. */
export function applyDeclarator(base: DwarfType, type: TypeName, resolveParameter: (parameter: TypeName) => DwarfType): DwarfType {
  let result = base;
  for (const qualifier of type.qualifiers) result = qualified(qualifier, result);
  for (const step of type.steps) {
    switch (step.kind) {
      case 'pointer':
        result = pointerTo(result);
        for (const qualifier of step.qualifiers) result = qualified(qualifier, result);
        break;
      case 'array':
        result = arrayOf(result, step.count);
        break;
      case 'function':
        result = { kind: 'function', returnType: result, parameters: step.parameters.map(resolveParameter), variadic: step.variadic, prototyped: true, dieOffset: -1 };
        break;
    }
  }
  return result;
}
