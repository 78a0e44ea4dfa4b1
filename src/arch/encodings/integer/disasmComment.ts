// LLVM's trailing disassembly comments (`add x0, x1, #1, lsl #12   // =4096`). llvm-objdump
// pads a comment to its comment column, which is 32 columns after the start of the
// instruction text, with at least one space.

const COMMENT_COLUMN = 32;

function columnAfter(text: string): number {
  let column = 0;
  // formatted_raw_ostream counts a tab that is already on a multiple of 8 as width 0.
  for (const ch of text) column += ch === '\t' ? (8 - (column & 7)) & 7 : 1;
  return column;
}

/** `text` followed by `// comment` at LLVM's comment column. */
export function withComment(text: string, comment: string): string {
  const padding = Math.max(COMMENT_COLUMN - columnAfter(text), 1);
  return `${text}${' '.repeat(padding)}// ${comment}`;
}
