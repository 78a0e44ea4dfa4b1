// The console language's view of a stopped session: registers through the debugger's
// register file, guest memory as the user sees it (original bytes under BRKs), ELF
// symbols, breakpoints and disassembly.

import { disassemble } from '../arch/disassembler';
import type { Debugger } from '../debugger/debugger';
import type { ProgramSymbols } from '../debugger/programSymbols';
import type { ConsoleContext, RegisterGroup } from './console/commands';
import type { SymbolInfo } from './console/evaluator';
import { REGISTER_GROUPS, describeRegister, registersOfGroup } from './registerView';

export class SessionConsoleContext implements ConsoleContext {
  constructor(
    private readonly debuggerOf: () => Debugger,
    private readonly symbols: ProgramSymbols,
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
    const symbol = this.symbols.symbolByName(name);
    return symbol && { address: BigInt(symbol.address), size: symbol.size, isFunction: symbol.isFunction };
  }

  registerGroups(): RegisterGroup[] {
    return REGISTER_GROUPS.map(g => ({ name: g.consoleName, title: g.title, registers: registersOfGroup(g.id) }));
  }

  describeRegister(name: string, value: bigint): string | undefined {
    return describeRegister(name, value);
  }

  symbolize(address: bigint): string | undefined {
    return address < 1n << 53n ? this.symbols.symbolize(Number(address)) : undefined;
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
      result.push({ address: at, text: disassemble(word, Number(at), { symbolize: a => this.symbols.symbolize(a) }).replace('\t', ' ') });
    }
    return result;
  }
}
