// gdb's `<symbol+offset>` for addresses that pointers hold. gdb prefers the sized
// function or object that contains the address; an unsized label names it only when
// no sized symbol does, and unsized labels outside code never do (gdb ignores them:
// they are usually linker markers such as __data_start).

import type { ElfSymbol } from '../elfSymbols';
import type { ProgramSymbols } from '../programSymbols';
import { lastIndexAtOrBefore } from '../sortedSearch';

export class AddressNames {
  private sized: ElfSymbol[] | undefined;

  constructor(private readonly program: ProgramSymbols) {}

  /** `counter`, `rec+8`, `main+16`, or undefined when nothing names the address. */
  nameOf(address: bigint): string | undefined {
    if (address <= 0n || address > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    const value = Number(address);
    const symbol = this.sizedSymbolContaining(value) ?? this.codeLabelBefore(value);
    if (!symbol) return undefined;
    // gcc names function-static variables "name.N"; gdb shows them as "name".
    const name = symbol.name.replace(/\.\d+$/, '');
    const offset = value - symbol.value;
    return offset === 0 ? name : `${name}+${offset}`;
  }

  private sizedSymbolContaining(address: number): ElfSymbol | undefined {
    const sized = this.sortedSizedSymbols();
    const found = lastIndexAtOrBefore(sized.length, (i) => sized[i].value, address);
    // Sized symbols may nest (an alias inside a bigger object): look back a bounded way.
    for (let i = found; i >= 0 && i > found - 16; i--) {
      if (address < sized[i].value + sized[i].size) return sized[i];
    }
    return undefined;
  }

  private codeLabelBefore(address: number): ElfSymbol | undefined {
    const label = this.program.symbols.symbolForAddress(address);
    if (!label || label.size !== 0 || !this.program.elf.isExecutableAddress(label.value)) return undefined;
    return label;
  }

  private sortedSizedSymbols(): ElfSymbol[] {
    if (!this.sized) {
      const preference = (symbol: ElfSymbol) => (symbol.type === 'FUNC' ? 0 : 1) + (symbol.binding === 'GLOBAL' ? 0 : 2);
      this.sized = this.program.symbols.symbols
        .filter((symbol) => symbol.size > 0 && symbol.sectionIndex !== 0 && (symbol.type === 'FUNC' || symbol.type === 'OBJECT' || symbol.type === 'IFUNC') && symbol.name !== '')
        .sort((a, b) => a.value - b.value || preference(b) - preference(a));
    }
    return this.sized;
  }
}
