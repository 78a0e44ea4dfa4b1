// The console language's view of a stopped session: C expressions in the selected
// frame (the value layer, src/symbols/values), registers through the debugger's register
// file, guest memory as the user sees it (original bytes under BRKs), ELF symbols,
// breakpoints and disassembly.

import { disassemble } from '../arch/disassembler';
import type { Debugger } from '../debugger/debugger';
import { EvaluationError, ExpressionSyntaxError, FormatOptions, ValueNode } from '../symbols/values';
import type { ConsoleContext, RegisterGroup } from './console/commands';
import type { SymbolInfo } from './console/evaluator';
import type { ProgramInfo } from './programInfo';
import { REGISTER_GROUPS, describeRegister, registersOfGroup } from './registerView';
import { SourceFrame, sourceFramesOf } from './sourceFrames';

export class SessionConsoleContext implements ConsoleContext {
  /** The frame C names are looked up in; the top frame when unset. */
  frame: SourceFrame | undefined;

  constructor(
    private readonly debuggerOf: () => Debugger,
    private readonly program: ProgramInfo,
    private readonly describeBreakpoints: () => string[],
  ) {}

  private get debugger(): Debugger {
    return this.debuggerOf();
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

  // ---- C expressions ---------------------------------------------------------------------------

  /** The selected frame, or the innermost source frame where the guest stopped. */
  private currentFrame(): SourceFrame {
    if (this.frame) return this.frame;
    // Two frames: unwinding the top one is what gives it its CFA.
    const [top] = this.debugger.callStack(2);
    return sourceFramesOf([top], this.program, this.debugger)[0];
  }

  /** C in the selected frame; undefined when the expression names nothing C knows there, or is not C. */
  evaluateC(expression: string, options: FormatOptions): ValueNode | undefined {
    try {
      return this.currentFrame().values.evaluate(expression, options);
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) return undefined;
      if (error instanceof EvaluationError && error.message.startsWith('No symbol "')) return undefined;
      throw error;
    }
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
