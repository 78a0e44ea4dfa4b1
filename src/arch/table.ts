// The A64 decode table: the encoding groups of the Arm ARM (C4.1), concatenated.
// Executor and disassembler both read this one table.

import { DecodeTable, Encoding } from './decoder';
import { INTEGER_ENCODINGS } from './encodings/integer';
import { LOAD_STORE_ENCODINGS } from './encodings/loadStore';
import { SIMD_FP_ENCODINGS } from './encodings/simdFp';
import { SYSTEM_ENCODINGS } from './encodings/system';

export const A64_ENCODINGS: readonly Encoding[] = [
  ...SYSTEM_ENCODINGS,
  ...INTEGER_ENCODINGS,
  ...LOAD_STORE_ENCODINGS,
  ...SIMD_FP_ENCODINGS,
];

let shared: DecodeTable | undefined;

/** The decode table, built once per process. */
export function defaultDecodeTable(): DecodeTable {
  shared ??= new DecodeTable(A64_ENCODINGS);
  return shared;
}
