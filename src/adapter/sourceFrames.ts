// The call stack as the user sees it: each machine frame (from the debugger's unwinder)
// expanded into its source-level frames, inlined calls first, as gdb shows them. Each
// frame knows where it is in the source and carries the value layer's view of it
// (src/symbols/values): its scopes, C expressions and assignments.

import type { CallFrame } from '../debugger/callStack';
import type { Debugger } from '../debugger/debugger';
import type { ScopeFrame } from '../symbols/debugInfo';
import type { FrameState, FrameValues, GuestAccess } from '../symbols/values';
import type { ProgramInfo } from './programInfo';
import { readView, resolveRegisterName, writeView } from './console/registerNames';

export interface SourceFrame {
  /** Index of the machine frame in the call stack (0 = where the guest stopped). */
  machine: number;
  frame: CallFrame;
  /** The DWARF scope (function, or call inlined into it), when there is debug information. */
  scope?: ScopeFrame;
  /** Locals, arguments, globals and C expressions of this frame. */
  values: FrameValues;
  name: string;
  /** Where this frame is in the source: its PC's line, or for an outer frame of inlined calls, the call's. */
  dwarfPath?: string;
  line?: number;
  inlined: boolean;
}

export function sourceFramesOf(stack: CallFrame[], program: ProgramInfo, dbg: Debugger): SourceFrame[] {
  const result: SourceFrame[] = [];
  const guest = guestAccess(dbg);
  stack.forEach((frame, machine) => {
    const pc = frame.registers.pc;
    const lookupPc = Number(machine === 0 ? pc : pc - 4n);
    const scopes = program.reader.framesAt(lookupPc);
    // One FrameValues per scope (the same expansion as ProgramSymbols.framesAt), or one without scopes.
    const values = program.values.framesAt(frameState(frame, machine, dbg), guest);
    const location = program.lineAt(lookupPc);
    const here = location && location.line > 0 ? { dwarfPath: location.path, line: location.line } : {};
    if (scopes.length === 0) {
      const fn = program.functionAt(lookupPc);
      const name = fn?.name ?? program.symbolize(Number(pc)) ?? '0x' + pc.toString(16);
      result.push({ machine, frame, values: values[0], name, inlined: false, ...here });
      return;
    }
    scopes.forEach((scope, depth) => {
      const call = depth > 0 ? scopes[depth - 1].inlined : undefined;
      const where = depth === 0 ? here : call?.callPath && call.callLine ? { dwarfPath: call.callPath, line: call.callLine } : {};
      result.push({ machine, frame, scope, values: values[depth], name: scope.name, inlined: scope.kind === 'inlined', ...where });
    });
  });
  return result;
}

/**
 * A machine frame for the value layer, by DWARF register number: the live registers for
 * the top frame (SP is the one in use, SP_EL1 at EL1h), the unwound ones for callers.
 * Only the top frame's registers can be written: the unwinder does not say where a
 * caller's registers were saved.
 */
function frameState(frame: CallFrame, machine: number, dbg: Debugger): FrameState {
  const registers = frame.registers;
  if (machine > 0) {
    return {
      pc: Number(registers.pc),
      isCaller: true,
      cfa: frame.cfa,
      readRegister: register => (register <= 30 ? registers.x[register] : register === 31 ? registers.sp : undefined),
    };
  }
  return {
    pc: Number(registers.pc),
    cfa: frame.cfa,
    readRegister: register => {
      const name = liveRegisterName(register);
      return name === undefined ? undefined : dbg.registers.read(name);
    },
    writeRegister: (register, value) => {
      const name = liveRegisterName(register);
      if (name === undefined) throw new Error(`DWARF register ${register} cannot be written`);
      dbg.registers.write(name, value);
    },
  };
}

/** The register file's name for a DWARF register number (X0-X30 0-30, SP 31, V0-V31 64-95). */
function liveRegisterName(register: number): string | undefined {
  if (register >= 0 && register <= 30) return `x${register}`;
  if (register === 31) return 'sp';
  if (register >= 64 && register <= 95) return `v${register - 64}`;
  return undefined;
}

/** Guest memory as the user sees it (original bytes under BRKs) and `$registers` through the console's register names. */
function guestAccess(dbg: Debugger): GuestAccess {
  const exists = (name: string) => dbg.registers.exists(name);
  return {
    readMemory: (address, length) => {
      try {
        return dbg.readMemory(address, length);
      } catch {
        return undefined;
      }
    },
    writeMemory: (address, bytes) => dbg.writeMemory(address, bytes),
    readNamedRegister: name => {
      const view = resolveRegisterName(name, exists);
      if (!view) return undefined;
      return view.zero ? 0n : readView(view, dbg.registers.read(view.register));
    },
    writeNamedRegister: (name, value) => {
      const view = resolveRegisterName(name, exists);
      if (!view) throw new Error(`no register named "${name}"`);
      if (view.zero) return;
      dbg.registers.write(view.register, writeView(view, dbg.registers.read(view.register), BigInt.asUintN(view.bitWidth + view.bitOffset, value)));
    },
  };
}
