// Disassembly of the SIMD&FP data-processing space against llvm-objdump (LLVM 14), text
// for text: for every table line, each combination of its opcode fields (or a sample when
// there are too many) with pseudo-random registers, plus random words of the line's
// pattern, plus random words anywhere in the space (bits 28:25 = x111), where words this
// table leaves undefined must be `<unknown>` to LLVM too.

// The CPU module first: it loads the decode table in the order the encoding modules expect.
import '../../../src/arch/cpu';
import * as assert from 'assert';
import { compilePattern } from '../../../src/arch/decoder';
import { disassemble } from '../../../src/arch/disassembler';
import { SIMD_FP_ENCODINGS } from '../../../src/arch/encodings/simdFp';
import { llvmDisassemble, llvmUnavailableReason } from '../../support/llvmDisassembler';
import { Random } from './randomFloats';

/** No --mattr: the reference is LLVM's default AArch64 feature set, Armv8.0 with FP and Advanced SIMD. */
const LLVM_FEATURES = '';

const SYSTEMATIC_LIMIT = 4096;
const RANDOM_PER_LINE = 600;
const RANDOM_SPACE = 30000;

/** Bit positions of a pattern that are fields but not register numbers. */
function opcodeFieldBits(pattern: string): number[] {
  const chars = pattern.replace(/_/g, '');
  const at = (bit: number) => chars[31 - bit];
  const run = (lsb: number, letter: string) => [0, 1, 2, 3, 4].every((i) => at(lsb + i) === letter);
  const registers = new Set<number>();
  const mark = (lsb: number) => { for (let i = 0; i < 5; i++) registers.add(lsb + i); };
  mark(0);
  mark(5);
  if (run(16, 'm')) mark(16);
  if (run(10, 'a')) mark(10);
  const fields: number[] = [];
  for (let bit = 0; bit < 32; bit++) if (at(bit) !== '0' && at(bit) !== '1' && !registers.has(bit)) fields.push(bit);
  return fields;
}

interface Sample { line: string; words: number[] }

function samplesFor(name: string, pattern: string, random: Random): Sample {
  const { mask, value } = compilePattern(pattern);
  const fields = opcodeFieldBits(pattern);
  const randomWord = () => ((random.u32() & ~mask) | value) >>> 0;
  const words: number[] = [];
  const combinations = 2 ** fields.length;
  const fieldMask = fields.reduce((m, b) => m | (1 << b), 0);
  for (let i = 0; i < Math.min(combinations, SYSTEMATIC_LIMIT); i++) {
    const pick = combinations <= SYSTEMATIC_LIMIT ? i : random.below(combinations);
    let word = randomWord() & ~fieldMask;
    fields.forEach((b, k) => { if ((pick >>> k) & 1) word |= 1 << b; });
    words.push(word >>> 0);
  }
  for (let i = 0; i < RANDOM_PER_LINE; i++) words.push(randomWord());
  return { line: name, words };
}

describe('simdFp: disassembly matches llvm-objdump', function () {
  this.timeout(120_000);
  const random = new Random(0x5eed);
  const samples: Sample[] = SIMD_FP_ENCODINGS.map((e) => samplesFor(e.name, e.pattern, random));
  const space: Sample = { line: 'the SIMD&FP data-processing space', words: [] };
  for (let i = 0; i < RANDOM_SPACE; i++) space.words.push(((random.u32() & ~(7 << 25)) | (7 << 25)) >>> 0);
  samples.push(space);
  const reference = new Map<Sample, string[]>();

  before(function () {
    const reason = llvmUnavailableReason();
    if (reason !== undefined) {
      console.log(`    (skipped: ${reason})`);
      this.skip();
    }
    const all = samples.flatMap((s) => s.words);
    const texts = llvmDisassemble(all, LLVM_FEATURES);
    let at = 0;
    for (const s of samples) {
      reference.set(s, texts.slice(at, at + s.words.length));
      at += s.words.length;
    }
  });

  for (const sample of samples) {
    it(`${sample.line} (${sample.words.length} words)`, () => {
      const expected = reference.get(sample)!;
      const mismatches: string[] = [];
      sample.words.forEach((word, i) => {
        const ours = disassemble(word, 0);
        if (ours !== expected[i]) mismatches.push(`${word.toString(16).padStart(8, '0')}: llvm "${expected[i]}" ours "${ours}"`);
      });
      assert.deepStrictEqual(mismatches.slice(0, 12), [], `${mismatches.length} mismatches`);
    });
  }

  it('decodes at least one word of every line (no line is dead)', () => {
    for (const sample of samples.slice(0, -1)) {
      assert.ok(sample.words.some((w) => disassemble(w, 0) !== '<unknown>'), `${sample.line} never decodes`);
    }
  });
});
