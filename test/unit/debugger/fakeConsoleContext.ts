// A register file and a sparse memory standing in for a stopped guest in console tests.

import type { ConsoleContext, RegisterGroup } from '../../../src/adapter/console/commands';
import type { SymbolInfo } from '../../../src/adapter/console/evaluator';

export class FakeConsoleContext implements ConsoleContext {
  readonly registers = new Map<string, bigint>();
  /** Readable bytes by address. */
  readonly memory = new Map<bigint, number>();
  readonly symbols = new Map<string, SymbolInfo>();
  breakpoints: string[] = [];

  constructor() {
    for (let i = 0; i <= 30; i++) this.registers.set(`x${i}`, 0n);
    for (let i = 0; i < 32; i++) this.registers.set(`v${i}`, 0n);
    for (const name of ['sp', 'pc', 'pstate', 'fpsr', 'fpcr', 'esr_el1', 'elr_el1']) this.registers.set(name, 0n);
  }

  mapMemory(address: bigint, bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.memory.set(address + BigInt(i), bytes[i]);
  }

  registerExists(register: string): boolean {
    return this.registers.has(register);
  }

  readRegister(register: string): bigint {
    const value = this.registers.get(register);
    if (value === undefined) throw new Error(`no register ${register}`);
    return value;
  }

  writeRegister(register: string, value: bigint): void {
    this.registers.set(register, value);
  }

  readMemory(address: bigint, length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const byte = this.memory.get(address + BigInt(i));
      if (byte === undefined) throw new Error('nothing mapped there');
      out[i] = byte;
    }
    return out;
  }

  writeMemory(address: bigint, data: Uint8Array): void {
    this.readMemory(address, data.length);
    data.forEach((byte, i) => this.memory.set(address + BigInt(i), byte));
  }

  lookupSymbol(name: string): SymbolInfo | undefined {
    return this.symbols.get(name);
  }

  registerGroups(): RegisterGroup[] {
    return [
      { name: 'general', title: 'General', registers: [...Array.from({ length: 31 }, (_, i) => `x${i}`), 'sp', 'pc'] },
      { name: 'pstate', title: 'PSTATE', registers: ['pstate', 'nzcv'] },
      { name: 'system', title: 'System', registers: ['esr_el1', 'elr_el1'] },
    ];
  }

  describeRegister(name: string, value: bigint): string | undefined {
    return name === 'pstate' ? `[ EL=${(value >> 2n) & 3n} ]` : undefined;
  }

  symbolize(address: bigint): string | undefined {
    for (const [name, s] of this.symbols) {
      if (address >= s.address && address < s.address + BigInt(Math.max(s.size, 1))) {
        const offset = address - s.address;
        return offset === 0n ? name : `${name}+0x${offset.toString(16)}`;
      }
    }
    return undefined;
  }

  breakpointSummary(): string[] {
    return this.breakpoints;
  }

  disassemble(address: bigint, count: number): { address: bigint; text: string }[] {
    return Array.from({ length: count }, (_, i) => ({ address: address + BigInt(4 * i), text: 'nop' }));
  }
}
