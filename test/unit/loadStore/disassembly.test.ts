// Compares the load/store lines' disassembly with llvm-objdump (LLVM 14) text for text:
// every combination of each encoding's selector fields, plus a seeded random sample of
// each encoding's free bits and of the whole "Loads and Stores" space (where everything
// this table leaves out must be <unknown> to LLVM too).

import * as assert from 'assert';
import { DecodeTable, compilePattern } from '../../../src/arch/decoder';
import { LOAD_STORE_ENCODINGS } from '../../../src/arch/encodings/loadStore';
import { llvmDisassemble, llvmUnavailableReason } from '../../support/llvmDisassembler';

/** The features the comparison enables beyond Armv8.0: LSE, LOR, RCpc and RCpc immediate offsets. */
const LLVM_FEATURES = '+lse,+lor,+rcpc,+rcpc-immo';

const table = new DecodeTable(LOAD_STORE_ENCODINGS);

function ourText(word: number, address: number): string {
  return table.lookup(word)?.disasm(word, address, {}) ?? '<unknown>';
}

/** xorshift32: reproducible words. */
function randomWords(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/** Pattern letters that select the instruction (as opposed to registers and immediates). */
const SELECTOR_LETTERS = new Set(['s', 'v', 'o', 'L', 'R', 'A', 'q', 'z', 'S', 'x']);

function bitPositions(pattern: string, keep: (ch: string) => boolean): number[] {
  const chars = pattern.replace(/_/g, '');
  const positions: number[] = [];
  for (let i = 0; i < 32; i++) if (keep(chars[i])) positions.push(31 - i);
  return positions;
}

function scatter(value: number, positions: number[]): number {
  let word = 0;
  positions.forEach((position, i) => { if ((value >>> i) & 1) word |= 1 << position; });
  return word >>> 0;
}

/** All selector combinations, each with three fillings of the other fields (zeros, ones, random). */
function systematicWords(pattern: string, next: () => number): number[] {
  const { mask, value } = compilePattern(pattern);
  const selectors = bitPositions(pattern, (ch) => SELECTOR_LETTERS.has(ch));
  const selectorMask = scatter(0xffffffff, selectors);
  const freeMask = ~(mask | selectorMask) >>> 0;
  const words: number[] = [];
  for (let combination = 0; combination < 1 << selectors.length; combination++) {
    const selected = value | scatter(combination, selectors);
    for (const filling of [0, 0xffffffff, next()]) words.push((selected | (filling & freeMask)) >>> 0);
  }
  return words;
}

function sampledWords(pattern: string, count: number, next: () => number): number[] {
  const { mask, value } = compilePattern(pattern);
  return Array.from({ length: count }, () => ((next() & ~mask) | value) >>> 0);
}

/** op0 = x1x0 (bits 27 and 25): the Loads and Stores space of the top-level decode. */
function loadStoreSpaceWords(count: number, next: () => number): number[] {
  return Array.from({ length: count }, () => ((next() | (1 << 27)) & ~(1 << 25)) >>> 0);
}

describe('load/store disassembly matches llvm-objdump', function () {
  this.timeout(120000);
  before(function () {
    const reason = llvmUnavailableReason();
    if (reason !== undefined) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
  });

  for (const encoding of LOAD_STORE_ENCODINGS) {
    it(`${encoding.name} (${encoding.pattern}), --mattr=${LLVM_FEATURES}`, () => {
      const next = randomWords(0x1234567 ^ compilePattern(encoding.pattern).value);
      const words = [...systematicWords(encoding.pattern, next), ...sampledWords(encoding.pattern, 400, next)];
      compareWithLlvm(words);
    });
  }

  it('random words across the whole Loads and Stores space', () => {
    compareWithLlvm(loadStoreSpaceWords(20000, randomWords(0xfeedbeef)));
  });
});

function compareWithLlvm(words: number[]): void {
  const expected = llvmDisassemble(words, LLVM_FEATURES);
  const mismatches: string[] = [];
  words.forEach((word, i) => {
    const actual = ourText(word, 4 * i);
    if (actual !== expected[i]) {
      mismatches.push(`0x${word.toString(16).padStart(8, '0')}: ours '${actual}', llvm '${expected[i]}'`);
    }
    const executable = table.lookup(word)?.decode(word, 4 * i) !== undefined;
    if (executable !== (actual !== '<unknown>')) {
      mismatches.push(`0x${word.toString(16).padStart(8, '0')}: decode and disasm disagree on whether it is allocated`);
    }
  });
  assert.deepStrictEqual(mismatches.slice(0, 30), [], `${mismatches.length} of ${words.length} words differ`);
}
