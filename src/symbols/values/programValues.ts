// The entry point of the value layer for one program: per-stop frames with their
// scopes and expression evaluation, plus what is shared by all stops (the type and
// global-variable indexes, gdb-style `<symbol+offset>` names for addresses).

import type { DwarfFunction, VariableInfo } from '../debugInfo';
import type { CompilationUnit } from '../debugInfoEntries';
import { DW_AT_external } from '../dwarfConstants';
import type { ProgramSymbols } from '../programSymbols';
import { AddressNames } from './addressNames';
import { FrameValues } from './frameValues';
import { TypeIndex } from './typeIndex';

/** The stopped guest as every frame sees it. Callbacks may throw; a throwing reader counts as unreadable. */
export interface GuestAccess {
  /** Guest memory; undefined when the range cannot be read. */
  readMemory(address: bigint, length: number): Uint8Array | undefined;
  /** For assignments; throws an Error when the range cannot be written. */
  writeMemory?(address: bigint, bytes: Uint8Array): void;
  /** `$name` in expressions (x0-x30, w0-w30, sp, pc, fp, lr, ...): the registers of the current frame. */
  readNamedRegister?(name: string): bigint | undefined;
  writeNamedRegister?(name: string, value: bigint): void;
}

/** One machine frame: the top frame at the stop, or a caller found by unwinding. */
export interface FrameState {
  /** The frame's PC: for callers, the return address. */
  readonly pc: number;
  /** True for frames above the top one: scopes and location lists are looked up at the call (pc - 4). */
  readonly isCaller?: boolean;
  /** The frame's canonical frame address, when the unwinder knows it. */
  readonly cfa?: bigint;
  /** The frame's registers in DWARF numbering (X0-X30 0-30, SP 31, V0-V31 64-95); undefined when not known. */
  readRegister(dwarfRegister: number): bigint | undefined;
  /** For assignments to variables that live in registers; throws an Error when it cannot write. */
  writeRegister?(dwarfRegister: number, value: bigint): void;
}

export class ProgramValues {
  readonly types: TypeIndex;
  private readonly addressNames: AddressNames;
  private globalsByName: Map<string, VariableInfo[]> | undefined;
  private globalList: VariableInfo[] | undefined;

  constructor(readonly program: ProgramSymbols) {
    this.types = new TypeIndex(program.debugInfo);
    this.addressNames = new AddressNames(program);
  }

  /**
   * The source-level frames of one machine frame, innermost first: the calls inlined at
   * its PC, then the function itself (as ProgramSymbols.framesAt). Code without debug
   * information gives one frame without locals, whose expressions still see globals
   * and ELF symbols.
   */
  framesAt(frame: FrameState, guest: GuestAccess): FrameValues[] {
    const scopes = this.program.framesAt(lookupPc(frame));
    if (scopes.length === 0) return [new FrameValues(this, undefined, frame, guest)];
    return scopes.map((scope) => new FrameValues(this, scope, frame, guest));
  }

  /** Every global and file-static variable of the program (those the linker discarded left out). */
  globals(): readonly VariableInfo[] {
    this.globalList ??= this.program.globals(true).filter((variable) => !this.isDiscarded(variable));
    return this.globalList;
  }

  /**
   * A static variable the linker removed keeps its DWARF with address 0. Like gdb, such
   * variables do not exist (unless the program really has something at address 0).
   */
  isDiscarded(variable: VariableInfo): boolean {
    if (variable.location.kind !== 'expression') return false;
    const location = this.program.locateVariable(variable, undefined, 0, { readRegister: () => undefined, readMemory: () => undefined });
    const part = location.pieces.length === 1 ? location.pieces[0].part : undefined;
    return part?.kind === 'memory' && part.address === 0n && this.program.elf.segmentContaining(0) === undefined;
  }

  /** Globals and file-statics of one compile unit, in declaration order. */
  globalsOfUnit(unit: CompilationUnit): VariableInfo[] {
    return this.globals().filter((variable) => variable.entryDie.unit === unit);
  }

  /** Globals with this name; those of `preferredUnit` first, then external ones. */
  globalsNamed(name: string, preferredUnit?: CompilationUnit): VariableInfo[] {
    if (!this.globalsByName) {
      this.globalsByName = new Map();
      for (const variable of this.globals()) {
        const list = this.globalsByName.get(variable.name);
        if (list) list.push(variable);
        else this.globalsByName.set(variable.name, [variable]);
      }
    }
    const found = this.globalsByName.get(name) ?? [];
    const rank = (variable: VariableInfo) => (variable.entryDie.unit === preferredUnit ? 0 : variable.entryDie.flag(DW_AT_external) ? 1 : 2);
    return [...found].sort((a, b) => rank(a) - rank(b));
  }

  /** Functions with this name; those of `preferredUnit` first. */
  functionsNamed(name: string, preferredUnit?: CompilationUnit): DwarfFunction[] {
    const found = this.program.debugInfo.functionsNamed(name);
    return [...found].sort((a, b) => Number(b.entryDie.unit === preferredUnit) - Number(a.entryDie.unit === preferredUnit));
  }

  /** gdb's name for an address a pointer holds: `counter`, `rec+8`, `main+16`; undefined for stack and heap addresses. */
  symbolize(address: bigint): string | undefined {
    return this.addressNames.nameOf(address);
  }
}

/** Where a frame's scopes and location lists are looked up: a caller's call instruction, not its return address. */
export function lookupPc(frame: FrameState): number {
  return frame.isCaller && frame.pc >= 4 ? frame.pc - 4 : frame.pc;
}
