// Every instruction of every committed guest program, disassembled here and by
// llvm-objdump, must read the same (issue 5: the disassembly view matches LLVM).

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import '../../../src/arch/cpu';
import { disassemble } from '../../../src/arch/disassembler';
import { parseElf } from '../../../src/symbols/elfFile';

/** The features the committed guests and the emulator share (Armv8.0 + CRC32, plus what the tables know). */
const LLVM_FEATURES = '+v8.2a,+crc,+lse,+rcpc,+flagm';
const ROOT = path.join(__dirname, '..', '..', '..');

function guestElfs(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.elf')) found.push(full);
    }
  };
  walk(path.join(ROOT, 'test', 'guests'));
  return found.sort();
}

/** address -> text (mnemonic and operands, `<symbol>` suffixes and comments stripped) from llvm-objdump. */
function llvmTexts(elf: string): Map<number, { word: number; text: string }> {
  const r = spawnSync('llvm-objdump', ['-d', '--no-show-raw-insn', `--mattr=${LLVM_FEATURES}`, elf], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const out = new Map<number, { word: number; text: string }>();
  const bytes = spawnSync('llvm-objdump', ['-d', `--mattr=${LLVM_FEATURES}`, elf], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  const words = new Map<number, number>();
  for (const line of bytes.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2})\s/.exec(line);
    if (m) words.set(parseInt(m[1], 16), parseInt(m[5] + m[4] + m[3] + m[2], 16));
  }
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+(.*)$/.exec(line);
    if (!m) continue;
    const address = parseInt(m[1], 16);
    const word = words.get(address);
    // Data in code ($d regions, literal pools) prints as .word/.byte: not instructions.
    if (word === undefined || /\.(word|byte|short)\b/.test(m[2]) || /^[0-9a-f]{2} [0-9a-f]{2} /.test(m[2])) continue;
    out.set(address, { word, text: normalise(m[2]) });
  }
  return out;
}

function normalise(text: string): string {
  return text.replace(/\s*<[^>]*>/g, '').replace(/\s*\/\/.*$/, '').replace(/\s+/g, ' ').trim();
}

describe('disassembler vs llvm-objdump on every committed guest', function () {
  this.timeout(300_000);
  const available = spawnSync('llvm-objdump', ['--version']).status === 0;
  if (!available) {
    it('needs llvm-objdump', function () {
      console.log('      skipped: llvm-objdump is not installed');
      this.skip();
    });
    return;
  }
  for (const elf of guestElfs()) {
    it(path.relative(ROOT, elf), () => {
      const bytes = new Uint8Array(fs.readFileSync(elf));
      const file = parseElf(bytes);
      const code = file.sections.filter((s) => (s.flags & 0x4) !== 0 && s.type === 1);
      const reference = llvmTexts(elf);
      let compared = 0;
      const mismatches: string[] = [];
      for (const section of code) {
        for (let offset = 0; offset + 4 <= section.size; offset += 4) {
          const address = section.address + offset;
          const expected = reference.get(address);
          if (!expected) continue; // data in code (literal pools) that llvm-objdump prints as .word
          const word = new DataView(bytes.buffer, bytes.byteOffset + section.offset + offset, 4).getUint32(0, true);
          assert.strictEqual(word, expected.word);
          const ours = normalise(disassemble(word, address));
          compared++;
          if (ours !== expected.text) mismatches.push(`0x${address.toString(16)} ${word.toString(16).padStart(8, '0')}: ours '${ours}', llvm '${expected.text}'`);
        }
      }
      assert.ok(compared >= 10, `compared only ${compared} instructions`);
      assert.deepStrictEqual(mismatches.slice(0, 20), [], `${mismatches.length} of ${compared} differ`);
    });
  }
});
