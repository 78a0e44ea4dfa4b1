// How the SIMD&FP groups define their table lines: one `analyse` function per line turns
// the word into both the executor and the disassembly text, so the two can never disagree
// on which field values are reserved (undefined = UNDEFINED / `<unknown>`).

import type { Encoding, Exec } from '../../decoder';
import { guardedByFpen } from './fpAccess';

export interface Decoded {
  readonly exec: Exec;
  readonly text: string;
}

export type Analyse = (insn: number) => Decoded | undefined;

export function simdFpEncoding(name: string, pattern: string, analyse: Analyse): Encoding {
  return {
    name,
    pattern,
    decode: (insn) => {
      const decoded = analyse(insn);
      return decoded && guardedByFpen(decoded.exec);
    },
    disasm: (insn) => analyse(insn)?.text,
  };
}
