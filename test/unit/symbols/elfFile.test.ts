import * as assert from 'assert';
import { deflateSync } from 'zlib';
import { ElfError, PT_LOAD, SHF_COMPRESSED, nameAt, parseElf } from '../../../src/symbols/elfFile';
import { fixtureBytes, fixturePath, requireTool, runTool } from './fixtureFiles';

/** A copy of a fixture with some header fields changed. */
function patched(edit: (view: DataView, bytes: Uint8Array) => void, name: Parameters<typeof fixtureBytes>[0] = 'hello-gcc-dwarf5'): Uint8Array {
  const bytes = fixtureBytes(name).slice();
  edit(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes);
  return bytes;
}

const PHOFF = 32;
const PHENTSIZE = 54;
const PHNUM = 56;
const SHOFF = 40;
const SHENTSIZE = 58;
const SHSTRNDX = 62;
const ENTRY = 24;

function programHeaderOffset(view: DataView, index: number): number {
  return Number(view.getBigUint64(PHOFF, true)) + index * 56;
}

function assertElfError(bytes: Uint8Array, message: RegExp): void {
  assert.throws(() => parseElf(bytes), (error: unknown) => {
    assert.ok(error instanceof ElfError, `expected ElfError, got ${error}`);
    assert.match(error.message, message);
    return true;
  });
}

describe('symbols/elfFile', () => {
  describe('a good executable', () => {
    it('reads the header of the gcc/picolibc program', () => {
      const elf = parseElf(fixtureBytes('hello-gcc-dwarf5'));
      assert.strictEqual(elf.entryPoint, 0x40000000);
      assert.strictEqual(elf.header.machine, 183);
      assert.strictEqual(elf.header.type, 2);
      assert.deepStrictEqual(elf.warnings, []);
    });

    it('keeps load (physical) and run (virtual) addresses apart: .data is copied from flash', () => {
      const elf = parseElf(fixtureBytes('hello-gcc-dwarf5'));
      const data = elf.loadSegments.find((segment) => segment.virtualAddress === 0x40400000);
      assert.ok(data, 'a segment runs at 0x40400000');
      assert.ok(data.physicalAddress < 0x40400000 && data.physicalAddress > 0x40000000, 'its load address is in flash');
      assert.ok(data.writable && !data.executable);
      const text = elf.segmentContaining(0x40000000);
      assert.ok(text?.executable && text.readable && !text.writable);
      assert.strictEqual(elf.isExecutableAddress(0x40400000), false);
    });

    it('finds sections by name and reads their contents', () => {
      const elf = parseElf(fixtureBytes('hello-gcc-dwarf5'));
      const text = elf.section('.text');
      assert.ok(text && text.address >= 0x40000000);
      const comment = elf.sectionContentsByName('.comment');
      assert.ok(comment && new TextDecoder().decode(comment).includes('GCC'));
      assert.strictEqual(elf.section('.no-such-section'), undefined);
    });

    it('inflates SHF_COMPRESSED sections', () => {
      const original = parseElf(fixtureBytes('start-asm'));
      const lineSection = original.section('.debug_line')!;
      const plain = original.sectionContents(lineSection)!;
      // Replace .debug_line by its compressed form appended at the end of the file.
      const compressed = deflateSync(plain);
      const chdr = new Uint8Array(24);
      const chdrView = new DataView(chdr.buffer);
      chdrView.setUint32(0, 1, true);
      chdrView.setBigUint64(8, BigInt(plain.length), true);
      const grown = new Uint8Array(original.bytes.length + chdr.length + compressed.length);
      grown.set(original.bytes);
      grown.set(chdr, original.bytes.length);
      grown.set(compressed, original.bytes.length + chdr.length);
      const view = new DataView(grown.buffer);
      const header = Number(view.getBigUint64(SHOFF, true)) + lineSection.index * 64;
      view.setBigUint64(header + 8, BigInt(SHF_COMPRESSED), true);
      view.setBigUint64(header + 24, BigInt(original.bytes.length), true);
      view.setBigUint64(header + 32, BigInt(chdr.length + compressed.length), true);
      const elf = parseElf(grown);
      assert.deepStrictEqual(elf.sectionContentsByName('.debug_line'), plain);
    });

    describe('agrees with llvm-readelf', function () {
      before(function () {
        requireTool(this, 'llvm-readelf');
      });
      for (const name of ['hello-gcc-dwarf5', 'hello-clang', 'start-asm'] as const) {
        it(`on the program headers and sections of ${name}`, () => {
          const elf = parseElf(fixtureBytes(name));
          const segments = runTool('llvm-readelf', ['-l', '--wide', fixturePath(name)])
            .split('\n')
            .filter((line) => /^\s+LOAD\s/.test(line))
            .map((line) => line.trim().split(/\s+/).slice(1, 6).map((field) => parseInt(field, 16)));
          assert.deepStrictEqual(
            elf.programHeaders.filter((segment) => segment.type === PT_LOAD).map((s) => [s.offset, s.virtualAddress, s.physicalAddress, s.fileSize, s.memorySize]),
            segments,
          );
          const sections = runTool('llvm-readelf', ['-S', '--wide', fixturePath(name)])
            .split('\n')
            .map((line) => /^\s+\[\s*(\d+)\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)/.exec(line))
            .filter((match): match is RegExpExecArray => match !== null && match[1] !== '0');
          assert.ok(sections.length > 5);
          for (const [, index, sectionName, address, offset, size] of sections) {
            const section = elf.sections[Number(index)];
            assert.strictEqual(section.name, sectionName);
            assert.strictEqual(section.address, parseInt(address, 16), `${sectionName} address`);
            assert.strictEqual(section.size, parseInt(size, 16), `${sectionName} size`);
            if (section.size > 0) assert.strictEqual(section.offset, parseInt(offset, 16), `${sectionName} offset`);
          }
        });
      }
    });
  });

  describe('refuses what cannot be loaded, saying exactly why', () => {
    it('bad magic', () => {
      assertElfError(patched((_, bytes) => (bytes[1] = 0x46)), /^not an ELF file \(bad magic\)$/);
      assertElfError(new TextEncoder().encode('#!/bin/sh\necho hello\n'), /^not an ELF file \(bad magic\)$/);
    });
    it('ELF32', () => assertElfError(patched((_, bytes) => (bytes[4] = 1)), /^ELF class is ELF32, expected ELF64$/));
    it('big-endian', () => assertElfError(patched((_, bytes) => (bytes[5] = 2)), /^big-endian ELF/));
    it('another machine', () => {
      assertElfError(patched((view) => view.setUint16(18, 62, true)), /^machine is x86-64 \(62\), expected AArch64 \(183\)$/);
      assertElfError(patched((view) => view.setUint16(18, 40, true)), /^machine is ARM \(AArch32\) \(40\), expected AArch64 \(183\)$/);
      assertElfError(patched((view) => view.setUint16(18, 9999, true)), /^machine is 9999, expected AArch64/);
    });
    it('relocatable objects and core dumps', () => {
      assertElfError(patched((view) => view.setUint16(16, 1, true)), /relocatable object \(ET_REL\)/);
      assertElfError(patched((view) => view.setUint16(16, 4, true)), /core dump \(ET_CORE\)/);
    });
    it('accepts ET_DYN (static-pie) unless told not to', () => {
      const dyn = patched((view) => view.setUint16(16, 3, true));
      assert.strictEqual(parseElf(dyn).header.type, 3);
      assert.throws(() => parseElf(dyn, { acceptPositionIndependent: false }), /ET_DYN/);
    });
    it('truncated headers', () => {
      const bytes = fixtureBytes('hello-gcc-dwarf5');
      assertElfError(bytes.subarray(0, 10), /identification is truncated/);
      assertElfError(bytes.subarray(0, 40), /ELF header is truncated: the file has 40 bytes/);
      assertElfError(bytes.subarray(0, 100), /^program header table extends past the end of the file/);
    });
    it('a wrong program header entry size or count', () => {
      assertElfError(patched((view) => view.setUint16(PHENTSIZE, 32, true)), /e_phentsize\) is 32, expected 56/);
      assertElfError(patched((view) => view.setUint16(PHNUM, 0, true)), /no program headers/);
      assertElfError(patched((view) => view.setUint16(PHNUM, 60000, true)), /^program header table extends past the end of the file/);
    });
    it('a segment whose file range lies outside the file', () => {
      const bytes = patched((view) => {
        const header = programHeaderOffset(view, 2);
        view.setBigUint64(header + 8, 0x7fff0n, true); // p_offset
      });
      assertElfError(bytes, /^segment 2 file range 0x7fff0-0x[0-9a-f]+ lies outside the file \(file size 0x[0-9a-f]+\)$/);
    });
    it('p_filesz larger than p_memsz, and absurd sizes', () => {
      assertElfError(patched((view) => view.setBigUint64(programHeaderOffset(view, 0) + 32, 0x10000000n, true)), /segment 0 has a file size \(0x10000000\) larger than its memory size/);
      assertElfError(patched((view) => view.setBigUint64(programHeaderOffset(view, 0) + 40, 0x100000000000n, true)), /segment 0 has an absurd memory size 0x100000000000/);
      assertElfError(patched((view) => view.setBigUint64(programHeaderOffset(view, 0) + 16, 0xffff000000000000n, true)), /beyond 2\^53/);
    });
    it('overlapping segments', () => {
      const bytes = patched((view) => {
        // Move the .data segment (run address 0x40400000) onto the code.
        const header = programHeaderOffset(view, 2);
        view.setBigUint64(header + 16, 0x40000100n, true);
      });
      assertElfError(bytes, /^segments 0 and 2 overlap in virtual memory \(0x40000000-0x[0-9a-f]+ and 0x40000100-0x[0-9a-f]+\)$/);
    });
    it('an entry point outside every loadable segment', () => {
      assertElfError(patched((view) => view.setBigUint64(ENTRY, 0x1234n, true)), /^entry point 0x1234 is not inside any loadable segment$/);
    });
    it('no PT_LOAD at all', () => {
      const bytes = patched((view) => {
        for (let i = 0; i < view.getUint16(PHNUM, true); i++) view.setUint32(programHeaderOffset(view, i), 4, true); // PT_NOTE
      });
      assertElfError(bytes, /no loadable \(PT_LOAD\) segments/);
    });
  });

  describe('degrades on broken section headers', () => {
    it('a section header table past the end of the file: no sections, a warning', () => {
      const elf = parseElf(patched((view) => view.setBigUint64(SHOFF, 0x10000000n, true)));
      assert.strictEqual(elf.sections.length, 0);
      assert.match(elf.warnings.join('\n'), /section header table at 0x10000000 lies past the end of the file/);
    });
    it('a wrong section header entry size', () => {
      const elf = parseElf(patched((view) => view.setUint16(SHENTSIZE, 40, true)));
      assert.strictEqual(elf.sections.length, 0);
      assert.match(elf.warnings.join('\n'), /e_shentsize\) is 40/);
    });
    it('a section name table index that is not a string table', () => {
      const elf = parseElf(patched((view) => view.setUint16(SHSTRNDX, 1, true)));
      assert.ok(elf.sections.length > 0);
      assert.strictEqual(elf.section('.text'), undefined);
      assert.match(elf.warnings.join('\n'), /section name table index 1/);
    });
    it('a section whose contents lie outside the file', () => {
      const elf = parseElf(
        patched((view) => {
          const text = Number(view.getBigUint64(SHOFF, true)) + 7 * 64; // .text in this fixture
          view.setBigUint64(text + 24, 0x7ffffffn, true);
        }),
      );
      assert.strictEqual(elf.section('.text')?.size, 0);
      assert.match(elf.warnings.join('\n'), /section 7 \(\.text\) lies outside the file/);
    });
  });
});

describe('symbols/elfFile string tables', () => {
  const table = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

  it('reads names from an ASCII table by byte offset', () => {
    const strings = table('\0main\0_start\0rest');
    assert.strictEqual(nameAt(strings, 1), 'main');
    assert.strictEqual(nameAt(strings, 6), '_start');
    assert.strictEqual(nameAt(strings, 8), 'tart', 'a name may start inside another (suffix sharing)');
    assert.strictEqual(nameAt(strings, 13), 'rest', 'the last name needs no terminator');
    assert.strictEqual(nameAt(strings, 0), '');
    assert.strictEqual(nameAt(strings, strings.length), undefined);
  });

  it('reads UTF-8 names by byte offset when the table is not all ASCII', () => {
    const strings = table('\0größe\0main\0');
    assert.strictEqual(nameAt(strings, 1), 'größe');
    // 'größe' is 7 bytes: offsets stay byte offsets after the multi-byte characters.
    assert.strictEqual(nameAt(strings, 9), 'main');
  });
});
