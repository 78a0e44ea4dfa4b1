// Malformed ELF files through `node dist/cli.js run`: a corpus generated from good ELF
// files (a picolibc C program with three PT_LOAD segments, and an assembly guest with
// DWARF and a symbol table). A file that cannot be loaded is refused with exit status
// 2 and exactly one line on stderr that names the problem, never a stack trace. Broken
// symbols or debug information do not matter to `run`: such a file runs exactly like
// the original.

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ElfMutator } from './support/elfMutator';
import { repoRoot } from '../support/repoRoot';
import { assertOneLineError, guestElf, runCli } from './support/cli';
import { SeededRandom } from './support/seededRandom';

type Mutation = (elf: ElfMutator) => Uint8Array;

interface RefusedCase {
  name: string;
  base: 'c' | 'asm';
  mutate: Mutation;
  /** What the one stderr line must say. */
  message: RegExp;
  args?: string[];
}

const same = (m: ElfMutator) => m.bytes;

/** Header and segment problems: the loader must refuse these up front. */
const REFUSED: RefusedCase[] = [
  { name: 'empty file', base: 'c', mutate: (m) => m.truncate(0), message: /not an ELF file/ },
  { name: 'three bytes of magic', base: 'c', mutate: (m) => m.truncate(3), message: /not an ELF file/ },
  { name: 'identification cut at 10 bytes', base: 'c', mutate: (m) => m.truncate(10), message: /identification is truncated/ },
  { name: 'header cut at 40 bytes', base: 'c', mutate: (m) => m.truncate(40), message: /ELF header is truncated/ },
  { name: 'ELF32 class', base: 'c', mutate: (m) => { m.bytes[4] = 1; return m.bytes; }, message: /ELF32, expected ELF64/ },
  { name: 'invalid class', base: 'c', mutate: (m) => { m.bytes[4] = 7; return m.bytes; }, message: /class 7 is invalid/ },
  { name: 'big-endian', base: 'c', mutate: (m) => { m.bytes[5] = 2; return m.bytes; }, message: /big-endian/ },
  { name: 'invalid data encoding', base: 'c', mutate: (m) => { m.bytes[5] = 0; return m.bytes; }, message: /data encoding 0 is invalid/ },
  { name: 'identification version 0', base: 'c', mutate: (m) => { m.bytes[6] = 0; return m.bytes; }, message: /version is 0/ },
  { name: 'machine x86-64', base: 'c', mutate: (m) => m.set16(18, 62).bytes, message: /machine is x86-64 \(62\), expected AArch64/ },
  { name: 'machine RISC-V', base: 'c', mutate: (m) => m.set16(18, 243).bytes, message: /machine is RISC-V/ },
  { name: 'machine AArch32', base: 'asm', mutate: (m) => m.set16(18, 40).bytes, message: /machine is ARM \(AArch32\)/ },
  { name: 'relocatable object', base: 'c', mutate: (m) => m.set16(16, 1).bytes, message: /relocatable object/ },
  { name: 'core dump', base: 'c', mutate: (m) => m.set16(16, 4).bytes, message: /core dump/ },
  { name: 'e_version 0', base: 'c', mutate: (m) => m.set32(20, 0).bytes, message: /ELF version is 0/ },
  { name: 'e_ehsize too small', base: 'c', mutate: (m) => m.set16(52, 20).bytes, message: /e_ehsize/ },
  { name: 'no program headers', base: 'c', mutate: (m) => m.set16(56, 0).bytes, message: /no program headers/ },
  { name: 'wrong e_phentsize', base: 'c', mutate: (m) => m.set16(54, 32).bytes, message: /e_phentsize/ },
  { name: 'program headers past the end', base: 'c', mutate: (m) => m.set64(32, m.bytes.length - 8).bytes, message: /program header table extends past the end/ },
  { name: 'program header offset 0', base: 'c', mutate: (m) => m.set64(32, 0).bytes, message: /program header table/ },
  { name: 'huge program header count', base: 'c', mutate: (m) => m.set16(56, 0xfff0).bytes, message: /program header table extends past the end/ },
  { name: 'file cut after the ELF header', base: 'c', mutate: (m) => m.truncate(64), message: /program header table extends past the end/ },
  { name: 'file cut inside the program headers', base: 'c', mutate: (m) => m.truncate(64 + 56 + 20), message: /program header table extends past the end/ },
  {
    name: 'file cut inside the code segment', base: 'c',
    mutate: (m) => m.truncate(Number(m.u64(m.programHeader(m.loadSegments()[0]) + 8)) + 0x100),
    message: /segment \d+ file range .* lies outside the file/,
  },
  {
    name: 'segment data offset far past the end', base: 'c',
    mutate: (m) => m.set64(m.programHeader(m.loadSegments()[0]) + 8, 1n << 40n).bytes,
    message: /segment \d+ file range .* lies outside the file/,
  },
  {
    name: 'p_filesz larger than p_memsz', base: 'c',
    mutate: (m) => m.set64(m.programHeader(m.loadSegments()[0]) + 40, 16).bytes,
    message: /file size .* larger than its memory size/,
  },
  {
    name: 'huge segment (1 TiB)', base: 'c',
    mutate: (m) => m.set64(m.programHeader(m.loadSegments()[1]) + 40, 1n << 40n).bytes,
    message: /absurd memory size/,
  },
  {
    name: 'segment bigger than guest RAM', base: 'c',
    mutate: (m) => m.set64(m.programHeader(m.loadSegments()[1]) + 40, 300 * 1024 * 1024).bytes,
    message: /segment \d+ .* lies outside guest RAM/,
  },
  {
    name: 'segment larger than a small --memory', base: 'c', args: ['--memory', '1M'],
    mutate: same,
    message: /segment \d+ .* lies outside guest RAM 0x40000000-0x40100000/,
  },
  {
    name: 'segment below RAM', base: 'c',
    mutate: (m) => { const p = m.programHeader(m.loadSegments()[0]); return m.set64(p + 16, 0x1000).set64(p + 24, 0x1000).set64(24, 0x1000).bytes; },
    message: /segment \d+ \(0x1000-.*\) lies outside guest RAM/,
  },
  {
    name: 'segment address beyond 2^53', base: 'c',
    mutate: (m) => m.set64(m.programHeader(m.loadSegments()[1]) + 16, 0xffff_ffff_ffff_0000n).bytes,
    message: /beyond 2\^53/,
  },
  {
    name: 'overlapping segments', base: 'c',
    mutate: (m) => {
      const [first, , third] = m.loadSegments();
      return m.set64(m.programHeader(third) + 24, m.u64(m.programHeader(first) + 24) + 0x100n).bytes;
    },
    message: /segments \d+ and \d+ overlap in physical memory/,
  },
  {
    name: 'entry point outside every segment', base: 'c',
    mutate: (m) => m.set64(24, 0x4800_0000).bytes,
    message: /entry point 0x48000000 is not inside any loadable segment/,
  },
  {
    name: 'no PT_LOAD segment', base: 'c',
    mutate: (m) => { for (const i of m.loadSegments()) m.set32(m.programHeader(i), 4); return m.bytes; },
    message: /no loadable \(PT_LOAD\) segment/,
  },
  {
    name: 'every PT_LOAD empty', base: 'asm',
    mutate: (m) => { for (const i of m.loadSegments()) m.set64(m.programHeader(i) + 32, 0).set64(m.programHeader(i) + 40, 0); return m.bytes; },
    message: /no loadable|not inside any loadable segment/,
  },
  { name: '4 KiB of zeros', base: 'c', mutate: () => new Uint8Array(4096), message: /not an ELF file \(bad magic\)/ },
  { name: '4 KiB of random bytes', base: 'c', mutate: () => new SeededRandom(7).bytes(4096), message: /not an ELF file \(bad magic\)/ },
  { name: 'a shell script', base: 'c', mutate: () => Buffer.from('#!/bin/sh\necho hello\n'), message: /not an ELF file \(bad magic\)/ },
];

interface RunsCase {
  name: string;
  mutate: Mutation;
}

/** Symbol and debug information problems: `run` does not need them, the program runs as before. */
const RUNS: RunsCase[] = [
  { name: 'section headers past the end', mutate: (m) => m.set64(40, m.bytes.length + 4096).bytes },
  { name: 'huge section header count', mutate: (m) => m.set16(60, 0xfff0).bytes },
  { name: 'section name table index out of range', mutate: (m) => m.set16(62, 0x7777).bytes },
  { name: 'wrong e_shentsize', mutate: (m) => m.set16(58, 40).bytes },
  { name: 'file cut inside the section header table', mutate: (m) => m.truncate(m.sectionHeaderOffset + 64 * 3 + 10) },
  { name: '.debug_info full of random bytes', mutate: (m) => { const r = new SeededRandom(1); return m.fillSection('.debug_info', () => r.next32()).bytes; } },
  { name: '.debug_info claiming to run past the file', mutate: (m) => m.set64(m.section('.debug_info').header + 32, 1n << 40n).bytes },
  { name: '.debug_line full of 0xff', mutate: (m) => m.fillSection('.debug_line', () => 0xff).bytes },
  { name: '.debug_abbrev zeroed', mutate: (m) => m.fillSection('.debug_abbrev', () => 0).bytes },
  { name: '.debug_info marked compressed but not', mutate: (m) => { const h = m.section('.debug_info').header; return m.set64(h + 8, m.u64(h + 8) | 0x800n).bytes; } },
  { name: '.symtab full of random bytes', mutate: (m) => { const r = new SeededRandom(2); return m.fillSection('.symtab', () => r.next32()).bytes; } },
  { name: '.symtab offset past the end', mutate: (m) => m.set64(m.section('.symtab').header + 24, m.bytes.length * 4).bytes },
  { name: '.strtab without a NUL', mutate: (m) => m.fillSection('.strtab', () => 0x41).bytes },
  { name: 'section names offset past .shstrtab', mutate: (m) => m.set32(m.section('.text').header, 0x7fffffff).bytes },
];

describe('reliability: malformed ELF files are refused with one clear line', function () {
  this.timeout(300_000);
  let folder: string;
  const bases: Record<'c' | 'asm', Uint8Array> = {} as never;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'arm64-guest-elf-'));
    bases.c = new Uint8Array(fs.readFileSync(path.join(repoRoot(), 'bench', 'guests', 'call-heavy.elf')));
    bases.asm = new Uint8Array(fs.readFileSync(guestElf('self-modify')));
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it(`has a corpus of at least 30 malformed files (${REFUSED.length + RUNS.length})`, () => {
    assert.ok(REFUSED.length + RUNS.length >= 30);
    assert.ok(bases.c.length > 1000 && new ElfMutator(bases.c).loadSegments().length >= 3, 'the C base needs three PT_LOAD segments');
  });

  REFUSED.forEach((c, index) => {
    it(`refuses: ${c.name}`, () => {
      const file = path.join(folder, `refused-${index}.elf`);
      fs.writeFileSync(file, c.mutate(new ElfMutator(bases[c.base])));
      const result = runCli(['run', file, ...(c.args ?? [])]);
      assert.strictEqual(result.stdout.length, 0, 'nothing on stdout');
      assert.strictEqual(result.status, 2, `exit status (stderr: ${result.stderr})`);
      const line = assertOneLineError(result, c.name);
      assert.match(line, c.message);
      assert.ok(line.includes(file), `the line names the file: ${line}`);
    });
  });

  it('refuses a missing file and a directory with one line naming them', () => {
    for (const target of [path.join(folder, 'does-not-exist.elf'), folder]) {
      const result = runCli(['run', target]);
      assert.strictEqual(result.status, 2);
      const line = assertOneLineError(result, target);
      assert.match(line, /cannot read program '.*': (no such file|it is a directory)/);
    }
  });

  let original: { status: number | null; stdout: Buffer } | undefined;
  RUNS.forEach((c, index) => {
    it(`runs like the original despite: ${c.name}`, () => {
      original ??= runCli(['run', guestElf('self-modify')]);
      assert.strictEqual(original.status, 0);
      const file = path.join(folder, `runs-${index}.elf`);
      fs.writeFileSync(file, c.mutate(new ElfMutator(bases.asm)));
      const result = runCli(['run', file]);
      assert.strictEqual(result.stderr, '');
      assert.strictEqual(result.status, original.status);
      assert.deepStrictEqual(result.stdout, original.stdout);
    });
  });
});
