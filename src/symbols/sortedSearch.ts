// Binary search over tables sorted by address (symbols, functions, line rows, frame entries).

/** The last index i in [0, count) with keyAt(i) <= value (keys ascending), or -1. */
export function lastIndexAtOrBefore(count: number, keyAt: (index: number) => number, value: number): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (keyAt(middle) <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
