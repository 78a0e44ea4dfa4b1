// Disassembles instruction words with LLVM (llvm-mc assembles `.inst` lines, llvm-objdump
// prints them), for comparing the decode table's text with the reference. Returns
// undefined when the tools are missing.

import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** The features the comparison enables beyond Armv8.0: LSE, LOR, RCpc and RCpc immediate offsets. */
export const LLVM_FEATURES = '+lse,+lor,+rcpc,+rcpc-immo';

function toolExists(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function llvmToolsAvailable(): boolean {
  return toolExists('llvm-mc') && toolExists('llvm-objdump');
}

/** The text after the bytes for each word, in order, with `<symbol>` suffixes removed. Word i is at address 4 * i. */
export function llvmDisassemble(words: readonly number[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ls-disasm-'));
  try {
    const source = join(dir, 'words.s');
    const object = join(dir, 'words.o');
    writeFileSync(source, words.map((w) => `.inst 0x${(w >>> 0).toString(16).padStart(8, '0')}\n`).join(''));
    execFileSync('llvm-mc', ['-triple=aarch64', '-filetype=obj', source, '-o', object]);
    const listing = execFileSync('llvm-objdump', ['-d', `--mattr=${LLVM_FEATURES}`, object], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const texts: string[] = [];
    for (const line of listing.split('\n')) {
      const match = /^\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} ){4}\s*(.*)$/.exec(line);
      if (match === null) continue;
      texts[parseInt(match[1], 16) / 4] = match[2].replace(/ <[^>]*>$/, '').trimEnd();
    }
    if (texts.length !== words.length) throw new Error(`llvm-objdump printed ${texts.length} of ${words.length} words`);
    return texts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
