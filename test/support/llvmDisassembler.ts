// Runs instruction words through LLVM's disassembler (LLVM 14): llvm-mc assembles `.inst`
// lines into an object, `llvm-objdump -d` prints it. The disassembly comparison tests of
// each encoding group use it as their reference; each group passes its own --mattr set.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const TOOLS = ['llvm-mc', 'llvm-objdump'];

function toolRuns(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why the LLVM tools cannot be used (for a test's skip message), or undefined when they can. */
export function llvmUnavailableReason(): string | undefined {
  const missing = TOOLS.find((tool) => !toolRuns(tool));
  return missing === undefined ? undefined : `${missing} is not installed or does not run`;
}

/** One instruction line of `llvm-objdump -d --no-show-raw-insn`: "    1008: \tb\t0x1010 <$x.0+0x10>". */
const INSTRUCTION_LINE = /^\s*([0-9a-f]+):\s*\t(.*)$/;

/** The ` <symbol+offset>` llvm-objdump appends to PC-relative targets; the decode tables print the address only. */
const SYMBOL_SUFFIX = / <[^>]*>$/;

/**
 * llvm-objdump's text after the bytes for each word, in order; word i is at address
 * base + 4 * i. `features` is the --mattr list ('' for LLVM's defaults). The
 * `<symbol+offset>` suffix of PC-relative targets is removed.
 */
export function llvmDisassemble(words: readonly number[], features: string, base = 0): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llvm-disasm-'));
  try {
    const source = path.join(dir, 'words.s');
    const object = path.join(dir, 'words.o');
    fs.writeFileSync(source, words.map((w) => `.inst 0x${(w >>> 0).toString(16).padStart(8, '0')}\n`).join(''));
    execFileSync('llvm-mc', ['-triple=aarch64', '-filetype=obj', source, '-o', object]);
    const args = ['-d', '--no-show-raw-insn', `--adjust-vma=0x${base.toString(16)}`];
    if (features !== '') args.push(`--mattr=${features}`);
    const listing = execFileSync('llvm-objdump', [...args, object], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return textsByWord(listing, words.length, base);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Places each instruction line at its word's index, so a skipped or extra line fails loudly. */
function textsByWord(listing: string, count: number, base: number): string[] {
  const texts = new Array<string | undefined>(count);
  for (const line of listing.split('\n')) {
    const match = INSTRUCTION_LINE.exec(line);
    if (match === null) continue;
    const index = (parseInt(match[1], 16) - base) / 4;
    if (!Number.isInteger(index) || index < 0 || index >= count) throw new Error(`llvm-objdump printed an unexpected line: ${line}`);
    texts[index] = match[2].replace(SYMBOL_SUFFIX, '').trimEnd();
  }
  const missing = texts.findIndex((text) => text === undefined);
  if (missing >= 0) throw new Error(`llvm-objdump printed nothing for word ${missing} of ${count}`);
  return texts as string[];
}
