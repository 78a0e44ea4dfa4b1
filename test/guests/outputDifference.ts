// Describes where two console outputs first differ, so that a failing corpus
// test says "line 12, column 5" and shows both lines instead of dumping two
// buffers of many kilobytes.

function lineAround(text: Buffer, offset: number): string {
  const start = text.lastIndexOf(0x0a, offset - 1) + 1;
  let end = text.indexOf(0x0a, offset);
  if (end < 0) end = text.length;
  return JSON.stringify(text.subarray(start, end).toString('latin1'));
}

/** undefined if equal, else a short human-readable account of the first difference. */
export function describeOutputDifference(actual: Buffer, expected: Buffer): string | undefined {
  if (actual.equals(expected)) return undefined;
  let offset = 0;
  while (offset < actual.length && offset < expected.length && actual[offset] === expected[offset]) offset++;
  const before = expected.subarray(0, offset);
  let line = 1;
  for (const byte of before) if (byte === 0x0a) line++;
  const column = offset - (before.lastIndexOf(0x0a) + 1) + 1;
  const lines = [
    `output differs at byte ${offset} (line ${line}, column ${column}); ` +
      `got ${actual.length} bytes, expected ${expected.length}`,
    `  expected line: ${offset < expected.length ? lineAround(expected, offset) : '(end of output)'}`,
    `  actual line:   ${offset < actual.length ? lineAround(actual, offset) : '(end of output)'}`,
  ];
  return lines.join('\n');
}
