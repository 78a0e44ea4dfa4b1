// The console language's view of a stopped session: the C variables in scope in the
// selected frame (DWARF), registers through the debugger's register file, guest memory
// as the user sees it (original bytes under BRKs), ELF symbols, breakpoints and
// disassembly.

import { disassemble } from '../arch/disassembler';
import type { Debugger } from '../debugger/debugger';
import type { VariableInfo } from '../symbols/debugInfo';
import type { DwarfType } from '../symbols/dwarfTypes';
import { sizeOfType } from '../symbols/dwarfTypes';
import type { ConsoleContext, RegisterGroup } from './console/commands';
import type { CType } from './console/cTypes';
import type { ProgramVariable, SymbolInfo, Value } from './console/evaluator';
import { ProgramTypes } from './console/programTypes';
import { CValue, ValueSource, bigintBytes, formatCValue, integerOf, valueFromLocation } from './cValues';
import type { ProgramInfo } from './programInfo';
import { REGISTER_GROUPS, describeRegister, registersOfGroup } from './registerView';
import { SourceFrame, frameContext, frameValueSource, globalsOf, sourceFramesOf } from './sourceFrames';

export class SessionConsoleContext implements ConsoleContext {
  /** The frame C names are looked up in; the top frame when unset. */
  frame: SourceFrame | undefined;
  private programTypesCache: ProgramTypes | undefined;

  constructor(
    private readonly debuggerOf: () => Debugger,
    private readonly program: ProgramInfo,
    private readonly describeBreakpoints: () => string[],
  ) {}

  private get debugger(): Debugger {
    return this.debuggerOf();
  }

  get programTypes(): ProgramTypes {
    return (this.programTypesCache ??= new ProgramTypes(this.program.namedTypes()));
  }

  registerExists(register: string): boolean {
    return this.debugger.registers.exists(register);
  }

  readRegister(register: string): bigint {
    return this.debugger.registers.read(register);
  }

  writeRegister(register: string, value: bigint): void {
    this.debugger.registers.write(register, value);
  }

  readMemory(address: bigint, length: number): Uint8Array {
    return this.debugger.readMemory(address, length);
  }

  writeMemory(address: bigint, data: Uint8Array): void {
    this.debugger.writeMemory(address, data);
  }

  lookupSymbol(name: string): SymbolInfo | undefined {
    const symbol = this.program.symbolByName(name);
    return symbol && { address: BigInt(symbol.address), size: symbol.size, isFunction: symbol.isFunction };
  }

  // ---- C variables ---------------------------------------------------------------------------

  /** The selected frame, or the innermost source frame where the guest stopped. */
  private currentFrame(): SourceFrame | undefined {
    if (this.frame) return this.frame;
    const top = { registers: this.debugger.frameRegisters(), via: 'registers' as const };
    return sourceFramesOf([top], this.program, () => this.debugger.callStack(2)[1])[0];
  }

  /** Locals and arguments of the frame (inner blocks hide outer ones), then globals. */
  lookupVariable(name: string): ProgramVariable | undefined {
    const frame = this.currentFrame();
    if (!frame) return undefined;
    const local = frame.scope?.variables.filter(v => v.name === name).pop();
    const variable = local ?? globalsOf(frame, this.program).find(v => v.name === name)
      ?? this.program.reader.globals().find(v => v.name === name);
    return variable ? this.locate(variable, local ? frame : undefined, frame) : undefined;
  }

  private locate(variable: VariableInfo, scopeFrame: SourceFrame | undefined, frame: SourceFrame): ProgramVariable {
    const type: CType = this.programTypes.toC(variable.type);
    const source = frameValueSource(frame, this.debugger, this.program);
    const location = this.program.reader.locateVariable(variable, scopeFrame?.scope, frame.lookupPc, frameContext(frame, source, this.program));
    const size = sizeOfType(variable.type) ?? 8;
    const [piece] = location.pieces;
    if (location.pieces.length === 1 && piece.sizeInBits === undefined) {
      const part = piece.part;
      if (part.kind === 'memory') return { type, location: { kind: 'memory', address: part.address } };
      if (part.kind === 'register' && frame.machine === 0 && (part.register <= 30 || (part.register >= 64 && part.register <= 95))) {
        const register = part.register <= 30 ? `x${part.register}` : `v${part.register - 64}`;
        const view = { register, bitOffset: 0, bitWidth: Math.min(size, 16) * 8, inPlace: false, zeroRest: false, zero: false };
        return { type, location: { kind: 'register', name: variable.name, view } };
      }
      if (part.kind === 'unavailable') return { type, unavailable: part.reason };
    }
    // Values without storage (stack values, constants, pieces, registers of outer frames).
    const value = valueFromLocation(variable.type, location, source);
    if (value.unavailable !== undefined) return { type, unavailable: value.unavailable };
    return { type, value: integerOf(value.bytes!, false) };
  }

  /** Values of the program's types print as C does (struct members, enum names, chars, floats). */
  describeValue(value: Value): string | undefined {
    const shown = this.cValueOf(value);
    if (!shown) return undefined;
    return formatCValue(shown.value, shown.source, false);
  }

  /** A console value of one of the program's types as a C value (bytes read where needed), with where to read more. */
  cValueOf(value: Value): { value: CValue; source: ValueSource; frame: SourceFrame } | undefined {
    const dwarf = dwarfTypeOf(value.type);
    if (!dwarf) return undefined;
    const size = sizeOfType(dwarf);
    if (size === undefined) return undefined;
    const frame = this.currentFrame();
    if (!frame) return undefined;
    const source = frameValueSource(frame, this.debugger, this.program);
    let bytes: Uint8Array;
    if (value.location?.kind === 'memory' && (value.type.kind === 'record' || value.type.kind === 'array')) {
      try {
        bytes = source.readMemory(value.location.address, size);
      } catch {
        return { value: { type: dwarf, unavailable: `cannot read memory at 0x${value.location.address.toString(16)}` }, source, frame };
      }
    } else {
      bytes = bigintBytes(value.value, size);
    }
    return { value: { type: dwarf, bytes, address: value.location?.kind === 'memory' ? value.location.address : undefined }, source, frame };
  }

  // ---- Commands -----------------------------------------------------------------------------

  registerGroups(): RegisterGroup[] {
    return REGISTER_GROUPS.map(g => ({ name: g.consoleName, title: g.title, registers: registersOfGroup(g.id) }));
  }

  describeRegister(name: string, value: bigint): string | undefined {
    return describeRegister(name, value);
  }

  symbolize(address: bigint): string | undefined {
    return address < 1n << 53n ? this.program.symbolize(Number(address)) : undefined;
  }

  breakpointSummary(): string[] {
    return this.describeBreakpoints();
  }

  disassemble(address: bigint, count: number): { address: bigint; text: string }[] {
    const result: { address: bigint; text: string }[] = [];
    for (let i = 0; i < count; i++) {
      const at = address + BigInt(4 * i);
      const word = this.debugger.instructionAt(Number(at));
      if (word === undefined) break;
      result.push({ address: at, text: disassemble(word, Number(at), { symbolize: a => this.program.symbolize(a) }).replace('\t', ' ') });
    }
    return result;
  }
}

/** The DWARF type behind a console type, when it came from the program. */
export function dwarfTypeOf(type: CType): DwarfType | undefined {
  switch (type.kind) {
    case 'integer': case 'float': case 'pointer': case 'array': return type.dwarf;
    case 'record': return type.dwarf;
    default: return undefined;
  }
}
