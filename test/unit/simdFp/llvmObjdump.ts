// Runs words through LLVM's disassembler: `.inst` lines assembled by llvm-mc, then
// `llvm-objdump -d`. Returns undefined when the tools are missing.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

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

/** The text llvm-objdump prints after the bytes, for each word in order. */
export function llvmDisassemble(words: number[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simdfp-objdump-'));
  try {
    const source = path.join(dir, 'words.s');
    const object = path.join(dir, 'words.o');
    fs.writeFileSync(source, words.map((w) => `.inst 0x${(w >>> 0).toString(16).padStart(8, '0')}\n`).join(''));
    execFileSync('llvm-mc', ['-triple=aarch64', '-filetype=obj', source, '-o', object]);
    const out = execFileSync('llvm-objdump', ['-d', '--no-show-raw-insn', object], { maxBuffer: 1 << 28 }).toString();
    const texts: string[] = [];
    for (const line of out.split('\n')) {
      const match = /^\s*[0-9a-f]+:\s*(.*)$/.exec(line);
      if (match) texts.push(match[1].trimEnd());
    }
    if (texts.length !== words.length) throw new Error(`llvm-objdump printed ${texts.length} lines for ${words.length} words`);
    return texts;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
