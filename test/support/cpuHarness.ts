// Runs a few instruction words on a bare CPU for instruction-level tests.

import { Cpu, Stop } from '../../src/arch/cpu';
import { GuestMemory, VIRT_RAM_BASE } from '../../src/machine/guestMemory';

export const CODE_BASE = VIRT_RAM_BASE;
/** A scratch data area tests may use. */
export const DATA_BASE = VIRT_RAM_BASE + 0x10000;

export function makeCpu(words: number[], ramSize = 1 << 20): Cpu {
  const memory = new GuestMemory(VIRT_RAM_BASE, ramSize);
  words.forEach((w, i) => memory.ramView.setUint32(i * 4, w >>> 0, true));
  const cpu = new Cpu(memory);
  cpu.pc = CODE_BASE;
  cpu.X[31] = BigInt(VIRT_RAM_BASE + ramSize - 0x100);
  return cpu;
}

/** Executes `words` one after another (exactly words.length instructions). */
export function runWords(words: number[], setup?: (cpu: Cpu) => void): Cpu {
  const cpu = makeCpu(words);
  setup?.(cpu);
  const stop = cpu.run(words.length);
  if (stop !== Stop.Budget) throw new Error(`run stopped early (${stop}) at pc 0x${cpu.pc.toString(16)}`);
  return cpu;
}
