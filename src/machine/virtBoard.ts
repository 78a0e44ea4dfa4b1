// QEMU's `virt` board memory map, the parts a bare-metal program relies on
// (hw/arm/virt.c base_memmap; docs/system/arm/virt.rst).

export { VIRT_RAM_BASE } from './guestMemory';

export const VIRT_UART_BASE = 0x0900_0000;
export const VIRT_UART_SIZE = 0x1000;
export const DEFAULT_RAM_MIB = 256;

/** Parses a memory size such as `256M`, `1G`, `65536K` or a byte count. */
export function parseMemorySize(text: string): number {
  const match = /^\s*(\d+)\s*([KMG]?)(i?B)?\s*$/i.exec(text);
  if (!match) throw new RangeError(`memory size '${text}' is not a number with an optional K, M or G suffix`);
  const scale: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
  return Number(match[1]) * scale[match[2].toUpperCase()];
}
