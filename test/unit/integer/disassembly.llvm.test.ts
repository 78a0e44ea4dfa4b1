// The integer encodings' disassembly against LLVM's: a systematic and a seeded random set
// of words in every integer encoding group, disassembled by llvm-objdump (LLVM 14) and by
// the decode table, text for text. The same words check that exactly the words LLVM
// cannot decode are UNDEFINED here.

import * as assert from 'assert';
import { DecodeTable, compilePattern } from '../../../src/arch/decoder';
import { INTEGER_ENCODINGS } from '../../../src/arch/encodings/integer';
import { llvmDisassemble, llvmUnavailableReason } from '../../support/llvmDisassembler';
import { SeededRandom } from './seededRandom';

/**
 * The features the reference disassembly is taken with: the architecture extensions this
 * CPU implements in the integer groups (CRC32, FlagM/FlagM2, HBC) and v8.2-A, which makes
 * LLVM print BFC. Pointer authentication and MTE are left out: their encodings are
 * UNDEFINED here, and LLVM then prints `<unknown>` for them too.
 */
const LLVM_FEATURES = '+v8.2a,+crc,+flagm,+altnzcv,+hbc';

const BASE = 0x4000_0000;
const RANDOM_WORDS_PER_ENCODING = 400;
const RANDOM_WORDS_PER_GROUP = 3000;

/** The A64 encoding (sub)groups this folder implements completely. */
const GROUP_SPACES = [
  { name: 'data processing - immediate', mask: 0x1c000000, value: 0x10000000 },
  { name: 'data processing - register', mask: 0x0e000000, value: 0x0a000000 },
  { name: 'conditional branch (immediate)', mask: 0xfe000000, value: 0x54000000 },
  { name: 'unconditional branch (immediate)', mask: 0x7c000000, value: 0x14000000 },
  { name: 'compare and branch (immediate)', mask: 0x7e000000, value: 0x34000000 },
  { name: 'test and branch (immediate)', mask: 0x7e000000, value: 0x36000000 },
  { name: 'unconditional branch (register)', mask: 0xfe000000, value: 0xd6000000 },
];

function field(value: number, lsb: number): number {
  return value << lsb;
}

/** Words that walk the alias rules and the immediate encodings exhaustively or at their edges. */
function systematicWords(): number[] {
  const words: number[] = [];
  const push = (w: number) => words.push(w >>> 0);
  // Logical (immediate): every N:immr:imms, as ORR from XZR (MOV alias) and as ANDS to XZR (TST).
  for (let sf = 0; sf < 2; sf++) for (let N = 0; N < 2; N++) for (let immr = 0; immr < 64; immr++) for (let imms = 0; imms < 64; imms++) {
    const common = field(sf, 31) | 0x12000000 | field(N, 22) | field(immr, 16) | field(imms, 10);
    push(common | field(1, 29) | field(31, 5) | 0);
    push(common | field(3, 29) | field(2, 5) | 31);
  }
  // Bitfield: every immr/imms for SBFM, BFM, UBFM, with a register and with XZR as Rn.
  for (let opc = 0; opc < 4; opc++) for (let sf = 0; sf < 2; sf++) for (let immr = 0; immr < 64; immr++) for (let imms = 0; imms < 64; imms++) {
    const common = field(sf, 31) | field(opc, 29) | 0x13000000 | field(sf, 22) | field(immr, 16) | field(imms, 10);
    push(common | field(1, 5) | 0);
    if (opc === 1) push(common | field(31, 5) | 3);
  }
  // Move wide: each opc, width and halfword with edge immediates.
  for (let opc = 0; opc < 4; opc++) for (let sf = 0; sf < 2; sf++) for (let hw = 0; hw < 4; hw++) {
    for (const imm16 of [0, 1, 0x1234, 0x7fff, 0x8000, 0xfffe, 0xffff]) push(field(sf, 31) | field(opc, 29) | 0x12800000 | field(hw, 21) | field(imm16, 5) | 7);
  }
  // Extract: ROR alias (Rn == Rm) and EXTR, every lsb.
  for (let sf = 0; sf < 2; sf++) for (let lsb = 0; lsb < 64; lsb++) for (const rm of [1, 2]) {
    push(field(sf, 31) | 0x13800000 | field(sf, 22) | field(rm, 16) | field(lsb, 10) | field(1, 5) | 0);
  }
  const registerChoices = [1, 31];
  // Add/subtract (immediate): MOV/CMP/CMN aliases around SP and XZR.
  for (let top = 0; top < 8; top++) for (const sh of [0, 1]) for (const imm12 of [0, 1, 0xfff]) for (const rd of registerChoices) for (const rn of registerChoices) {
    push(field(top, 29) | 0x11000000 | field(sh, 22) | field(imm12, 10) | field(rn, 5) | rd);
  }
  // Add/subtract and logical (shifted register): every shift type, edge amounts, register 31 everywhere.
  for (let top = 0; top < 8; top++) for (const base of [0x0b000000, 0x0a000000, 0x0a200000]) for (let shift = 0; shift < 4; shift++) {
    for (const amount of [0, 1, 31, 32, 63]) for (const rd of registerChoices) for (const rn of registerChoices) for (const rm of [2, 31]) {
      push(field(top, 29) | base | field(shift, 22) | field(rm, 16) | field(amount, 10) | field(rn, 5) | rd);
    }
  }
  // Add/subtract (extended register): every option and shift, with SP and XZR.
  for (let top = 0; top < 8; top++) for (let option = 0; option < 8; option++) for (let imm3 = 0; imm3 < 8; imm3++) {
    for (const rd of registerChoices) for (const rn of registerChoices) push(field(top, 29) | 0x0b200000 | field(2, 16) | field(option, 13) | field(imm3, 10) | field(rn, 5) | rd);
  }
  // Conditional select: every condition with the register patterns of the aliases.
  for (let sf = 0; sf < 2; sf++) for (const op of [0, 1]) for (const o2 of [0, 1]) for (let cond = 0; cond < 16; cond++) {
    for (const [rn, rm] of [[1, 1], [1, 2], [31, 31], [31, 1], [1, 31]]) {
      push(field(sf, 31) | field(op, 30) | 0x1a800000 | field(rm, 16) | field(cond, 12) | field(o2, 10) | field(rn, 5) | 3);
    }
  }
  // Data processing (3 source): every op with and without XZR as Ra.
  for (let sf = 0; sf < 2; sf++) for (let op31 = 0; op31 < 8; op31++) for (const o0 of [0, 1]) for (const ra of [3, 31]) {
    push(field(sf, 31) | 0x1b000000 | field(op31, 21) | field(2, 16) | field(o0, 15) | field(ra, 10) | field(1, 5) | 0);
  }
  // Branches: extreme offsets both ways, every condition, every tested bit.
  for (const imm26 of [0, 1, 0x1ffffff, 0x2000000, 0x3ffffff]) { push(0x14000000 | imm26); push(0x94000000 | imm26); }
  for (let cond = 0; cond < 16; cond++) for (const imm19 of [0, 2, 0x3ffff, 0x40000, 0x7ffff]) { push(0x54000000 | field(imm19, 5) | cond); push(0x54000010 | field(imm19, 5) | cond); }
  for (let b = 0; b < 64; b++) for (const imm14 of [1, 0x3fff]) push(field(b >>> 5, 31) | 0x36000000 | field(b & 31, 19) | field(imm14, 5) | 4);
  for (const rn of [0, 1, 30, 31]) { push(0xd61f0000 | field(rn, 5)); push(0xd63f0000 | field(rn, 5)); push(0xd65f0000 | field(rn, 5)); }
  // FlagM PSTATE instructions.
  push(0xd500401f); push(0xd500403f); push(0xd500405f);
  return words;
}

function randomWords(): number[] {
  const random = new SeededRandom(0x1a64);
  const words: number[] = [];
  for (const encoding of INTEGER_ENCODINGS) {
    const { mask, value } = compilePattern(encoding.pattern);
    for (let i = 0; i < RANDOM_WORDS_PER_ENCODING; i++) words.push(random.wordMatching(mask, value));
  }
  for (const space of GROUP_SPACES) {
    for (let i = 0; i < RANDOM_WORDS_PER_GROUP; i++) words.push(random.wordMatching(space.mask, space.value));
  }
  return words;
}

describe('integer encodings: disassembly matches llvm-objdump', function () {
  this.timeout(120_000);

  it(`prints what llvm-objdump --mattr=${LLVM_FEATURES} prints, and leaves exactly LLVM's <unknown> words UNDEFINED`, function () {
    const reason = llvmUnavailableReason();
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    const table = new DecodeTable(INTEGER_ENCODINGS);
    const words = [...systematicWords(), ...randomWords()];
    const expected = llvmDisassemble(words, LLVM_FEATURES, BASE);
    // Guard against a vacuous pass (both sides printing <unknown> for everything).
    const recognised = expected.filter((text) => text !== '<unknown>').length;
    assert.ok(recognised > words.length / 2, `llvm-objdump recognised only ${recognised} of ${words.length} words`);
    const mismatches: string[] = [];
    const undefinedMismatches: string[] = [];
    words.forEach((word, i) => {
      const address = BASE + 4 * i;
      const encoding = table.lookup(word);
      const actual = encoding?.disasm(word, address, {}) ?? '<unknown>';
      const hexWord = word.toString(16).padStart(8, '0');
      if (actual !== expected[i]) mismatches.push(`${hexWord} (${encoding?.name ?? 'no line'}): got '${actual}', llvm '${expected[i]}'`);
      const executable = encoding?.decode(word, address) !== undefined;
      if (executable !== (expected[i] !== '<unknown>')) {
        undefinedMismatches.push(`${hexWord} (${encoding?.name ?? 'no line'}): ${executable ? 'executes' : 'UNDEFINED'}, llvm '${expected[i]}'`);
      }
    });
    assert.deepStrictEqual(mismatches.slice(0, 40), [], `${mismatches.length} of ${words.length} words differ`);
    assert.deepStrictEqual(undefinedMismatches.slice(0, 40), [], `${undefinedMismatches.length} words decode differently`);
  });
});
