// Unconditional branch (register) forms that return from exceptions: ERET.

import type { Encoding } from '../../decoder';

export const EXCEPTION_RETURN_ENCODINGS: Encoding[] = [
  {
    name: 'ERET', pattern: '1101011_0100_11111_0000_0_0_11111_00000',
    decode: () => (cpu) => cpu.exceptionReturn(),
    disasm: () => 'eret',
  },
];
