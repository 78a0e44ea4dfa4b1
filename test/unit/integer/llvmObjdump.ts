// Runs LLVM's disassembler on raw instruction words: `.inst` lines assembled by llvm-mc
// into an object, then `llvm-objdump -d`. Used only by the disassembly comparison test.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The features the reference disassembly is taken with: the architecture extensions this
 * CPU implements in the integer groups (CRC32, FlagM/FlagM2, HBC) and v8.2-A, which makes
 * LLVM print BFC. Pointer authentication and MTE are left out: their encodings are
 * UNDEFINED here, and LLVM then prints `<unknown>` for them too.
 */
export const LLVM_FEATURES = '+v8.2a,+crc,+flagm,+altnzcv,+hbc';

function toolWorks(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why the LLVM tools cannot be used, or undefined when they can. */
export function llvmUnavailableReason(): string | undefined {
  for (const tool of ['llvm-mc', 'llvm-objdump']) {
    if (!toolWorks(tool)) return `${tool} is not installed`;
  }
  return undefined;
}

/**
 * llvm-objdump's text for each word, the word at index i placed at address
 * base + 4 * i; the `<symbol+offset>` suffix of branch targets is removed.
 */
export function llvmDisassemble(words: readonly number[], base: number): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a64-integer-'));
  try {
    const source = path.join(dir, 'words.s');
    const object = path.join(dir, 'words.o');
    fs.writeFileSync(source, words.map((w) => `.inst 0x${(w >>> 0).toString(16)}\n`).join(''));
    execFileSync('llvm-mc', ['-triple=aarch64', '-filetype=obj', source, '-o', object]);
    const output = execFileSync('llvm-objdump', ['-d', '--no-show-raw-insn', `--mattr=${LLVM_FEATURES}`, `--adjust-vma=0x${base.toString(16)}`, object],
      { maxBuffer: 256 * 1024 * 1024 }).toString();
    const texts: string[] = [];
    for (const line of output.split('\n')) {
      const match = /^\s*([0-9a-f]+):\s*\t(.*)$/.exec(line);
      if (!match) continue;
      texts.push(match[2].replace(/ <[^>]*>$/, '').trimEnd());
    }
    if (texts.length !== words.length) throw new Error(`llvm-objdump printed ${texts.length} instructions for ${words.length} words`);
    return texts;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
