// Register lists of the structure loads and stores as LLVM prints them:
// `{ v0.16b, v1.16b }`, `{ v31.s, v0.s }` (numbers wrap modulo 32).

/** The arrangement for size:Q: 8b 16b 4h 8h 2s 4s 1d 2d. */
export function arrangement(size: number, Q: number): string {
  return ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'][size * 2 + Q];
}

/** `{ vT.x, vT+1.x, ... }` with `count` registers of the given suffix (without the dot). */
export function vectorList(t: number, count: number, suffix: string): string {
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(`v${(t + i) % 32}.${suffix}`);
  return `{ ${names.join(', ')} }`;
}
