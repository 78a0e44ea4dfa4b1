// The call stack as the user sees it: each machine frame (from the debugger's unwinder)
// expanded into its source-level frames, inlined calls first, as gdb shows them. Each
// frame knows where it is in the source and how to read its registers and variables.

import type { CallFrame } from '../debugger/callStack';
import type { Debugger } from '../debugger/debugger';
import type { ScopeFrame, VariableInfo } from '../symbols/debugInfo';
import type { FrameContext } from '../symbols/programSymbols';
import type { CValue, ValueSource } from './cValues';
import { integerOf, valueFromLocation } from './cValues';
import { resolveEntryValue } from './entryValues';
import type { ProgramInfo } from './programInfo';

export interface SourceFrame {
  /** Index of the machine frame in the call stack (0 = where the guest stopped). */
  machine: number;
  frame: CallFrame;
  /** The machine frame that called this one, when known (for entry values). */
  caller?: () => CallFrame | undefined;
  /** The address the frame's source position is looked up at (a caller's is its call, pc - 4). */
  lookupPc: number;
  /** The DWARF scope (function, or call inlined into it), when there is debug information. */
  scope?: ScopeFrame;
  name: string;
  /** Where this frame is in the source: its PC's line, or for an outer frame of inlined calls, the call's. */
  dwarfPath?: string;
  line?: number;
  inlined: boolean;
}

export function sourceFramesOf(stack: CallFrame[], program: ProgramInfo, callerOfTop?: () => CallFrame | undefined): SourceFrame[] {
  const result: SourceFrame[] = [];
  stack.forEach((frame, machine) => {
    const caller = stack.length > machine + 1 ? () => stack[machine + 1] : machine === 0 ? callerOfTop : undefined;
    const pc = frame.registers.pc;
    const lookupPc = Number(machine === 0 ? pc : pc - 4n);
    const scopes = program.reader.framesAt(lookupPc);
    const location = program.lineAt(lookupPc);
    const here = location && location.line > 0 ? { dwarfPath: location.path, line: location.line } : {};
    if (scopes.length === 0) {
      const fn = program.functionAt(lookupPc);
      result.push({ machine, frame, caller, lookupPc, name: fn?.name ?? program.symbolize(Number(pc)) ?? '0x' + pc.toString(16), inlined: false, ...here });
      return;
    }
    scopes.forEach((scope, depth) => {
      const call = depth > 0 ? scopes[depth - 1].inlined : undefined;
      const where = depth === 0 ? here : call?.callPath && call.callLine ? { dwarfPath: call.callPath, line: call.callLine } : {};
      result.push({ machine, frame, caller, lookupPc, scope, name: scope.name, inlined: scope.kind === 'inlined', ...where });
    });
  });
  return result;
}

/** Registers of a frame by DWARF number: live ones for the top frame, unwound ones for callers. */
export function frameValueSource(frame: SourceFrame, dbg: Debugger, program: ProgramInfo): ValueSource {
  const live = frame.machine === 0;
  return {
    readMemory: (address, length) => dbg.readMemory(address, length),
    symbolize: address => (address < 1n << 53n ? program.symbolize(Number(address)) : undefined),
    readRegister: register => {
      const registers = frame.frame.registers;
      if (register <= 30) return live ? dbg.registers.x(register) : registers.x[register];
      if (register === 31) return registers.sp;
      if (register >= 64 && register <= 95) return live ? dbg.registers.read(`v${register - 64}`) : undefined;
      return undefined;
    },
  };
}

/** What locating a variable in a frame needs: its registers, memory, CFA and entry values. */
export function frameContext(frame: SourceFrame | undefined, source: ValueSource, program: ProgramInfo): FrameContext {
  const readMemory = (address: bigint, size: number): bigint | undefined => {
    try {
      return integerOf(source.readMemory(address, size), false);
    } catch {
      return undefined;
    }
  };
  return {
    readRegister: register => source.readRegister(register),
    readMemory,
    cfa: frame?.frame.cfa,
    entryValue: expression => {
      const caller = frame?.caller?.();
      return caller ? resolveEntryValue(program, expression, caller, readMemory) : undefined;
    },
  };
}

/** A variable's value in a frame. */
export function variableValue(variable: VariableInfo, frame: SourceFrame | undefined, source: ValueSource, program: ProgramInfo, pc: number): CValue {
  const location = program.reader.locateVariable(variable, frame?.scope, pc, frameContext(frame, source, program));
  return valueFromLocation(variable.type, location, source);
}

/** Global variables of the compile unit a frame's function belongs to. */
export function globalsOf(frame: SourceFrame, program: ProgramInfo): VariableInfo[] {
  const unit = frame.scope?.function.entryDie.unit;
  if (!unit) return [];
  return program.reader.globals().filter(v => v.entryDie.unit === unit);
}
