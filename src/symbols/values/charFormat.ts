// Characters and strings the way gdb prints C: 'A', '\n', '\310', and strings with
// runs of more than 10 equal characters folded into "'c' <repeats N times>" segments,
// at most 200 characters (gdb's "print elements"), "..." when cut.

/** gdb's default "print repeats": runs longer than this are folded. */
export const REPEAT_THRESHOLD = 10;
/** gdb's default "print elements": array elements and string characters shown at most. */
export const PRINT_MAX = 200;

const SIMPLE_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** One character code inside quotes `quote` (' or "): printable ASCII as is, else an escape. */
export function escapeCharacter(code: number, quote: "'" | '"'): string {
  if (code === 0x5c) return '\\\\';
  if (code === quote.charCodeAt(0)) return `\\${quote}`;
  if (code >= 0x20 && code < 0x7f) return String.fromCharCode(code);
  const simple = SIMPLE_ESCAPES[code];
  if (simple) return simple;
  return `\\${(code & 0o777).toString(8).padStart(3, '0')}`;
}

/** A character literal: 'A', '\000'. */
export function characterLiteral(code: number): string {
  return `'${escapeCharacter(code & 0xff, "'")}'`;
}

/**
 * A string as gdb prints it. `codes` are the characters to show (already cut at the
 * terminator or at the array's end); `truncated` adds "..." (more characters follow).
 */
export function stringLiteral(codes: readonly number[], truncated: boolean): string {
  if (codes.length === 0) return truncated ? '""...' : '""';
  const segments: string[] = [];
  let quoted = '';
  let shown = 0;
  let index = 0;
  while (index < codes.length && shown < PRINT_MAX) {
    let run = 1;
    while (index + run < codes.length && codes[index + run] === codes[index]) run++;
    if (run > REPEAT_THRESHOLD) {
      if (quoted !== '') segments.push(`"${quoted}"`);
      quoted = '';
      segments.push(`${characterLiteral(codes[index])} <repeats ${run} times>`);
      shown += run;
      index += run;
    } else {
      const take = Math.min(run, PRINT_MAX - shown);
      quoted += escapeCharacter(codes[index], '"').repeat(take);
      shown += take;
      index += take;
    }
  }
  if (quoted !== '') segments.push(`"${quoted}"`);
  const cut = truncated || index < codes.length;
  return segments.join(', ') + (cut ? '...' : '');
}
