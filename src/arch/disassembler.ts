// Disassembly from the decode table: the same lines the interpreter executes.

import type { DisasmContext } from './decoder';
import { defaultDecodeTable } from './table';

/** The text of one instruction word as `llvm-objdump -d` prints it (without the bytes). */
export function disassemble(insn: number, address: number, ctx: DisasmContext = {}): string {
  const word = insn >>> 0;
  const encoding = defaultDecodeTable().lookup(word);
  const text = encoding?.disasm(word, address, ctx);
  if (text !== undefined) return text;
  // LLVM prints the permanently undefined encoding as UDF and anything else it cannot decode as <unknown>.
  return word >>> 16 === 0 ? `udf\t#${word}` : '<unknown>';
}
