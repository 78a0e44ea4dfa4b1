// LLVM's trailing `// comment` on a disassembled instruction. llvm-objdump starts the
// instruction text at column 24 of its line (after the address and the bytes) and
// pads to its comment column, 56, with at least one space. Its column counter
// (formatted_raw_ostream) moves a tab to the next multiple of 8 but counts a tab that
// is already on a multiple of 8 as width 0. Relative to the instruction text the
// comment column is 32.

const COMMENT_COLUMN = 32;

function visualWidth(text: string): number {
  let column = 0;
  for (const ch of text) column += ch === '\t' ? (8 - (column & 7)) & 7 : 1;
  return column;
}

export function withComment(text: string, comment: string): string {
  return text + ' '.repeat(Math.max(COMMENT_COLUMN - visualWidth(text), 1)) + '// ' + comment;
}
