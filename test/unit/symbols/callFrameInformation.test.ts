import * as assert from 'assert';
import { CallFrameTable, describeUnwindRow } from '../../../src/symbols/callFrameInformation';
import { dwarfSectionsFromElf } from '../../../src/symbols/dwarfSections';
import { parseElf } from '../../../src/symbols/elfFile';
import { ByteWriter } from './byteWriter';
import { fixtureBytes, fixturePath, requireTool, runTool } from './fixtureFiles';

function tableOf(name: Parameters<typeof fixtureBytes>[0]): { table: CallFrameTable; warnings: string[] } {
  const sections = dwarfSectionsFromElf(parseElf(fixtureBytes(name)));
  const warnings: string[] = [];
  return { table: CallFrameTable.parse(sections, warnings), warnings };
}

/** Wraps a CIE or FDE body with its length (DWARF 32 or 64). */
function entry(writer: ByteWriter, format: 32 | 64, body: (inner: ByteWriter, start: number) => void): void {
  const start = writer.length;
  const inner = new ByteWriter();
  body(inner, start + (format === 64 ? 12 : 4));
  const bytes = inner.toBytes();
  if (format === 64) writer.u32(0xffffffff).u64(bytes.length);
  else writer.u32(bytes.length);
  writer.raw(bytes);
}

describe('symbols/callFrameInformation', () => {
  describe('agrees with llvm-objdump --dwarf=frames', function () {
    before(function () {
      requireTool(this, 'llvm-objdump');
    });
    for (const name of ['hello-gcc-dwarf4', 'hello-clang', 'start-asm'] as const) {
      it(`on every row of every FDE of ${name}`, () => {
        const dump = runTool('llvm-objdump', ['--dwarf=frames', fixturePath(name)]);
        const expected: string[] = [];
        let inFde = false;
        for (const line of dump.split('\n')) {
          if (/ FDE cie=/.test(line)) inFde = true;
          else if (/ CIE$/.test(line) || /contents:/.test(line)) inFde = false;
          const row = /^\s+0x([0-9a-f]+): (CFA=.*)$/.exec(line);
          if (row && inFde) expected.push(`${parseInt(row[1], 16).toString(16)}: ${row[2].trim()}`);
        }
        const { table, warnings } = tableOf(name);
        assert.deepStrictEqual(warnings, []);
        const actual = table.entries.flatMap((fde) => table.rowsOf(fde).map((row) => `${row.location.toString(16)}: ${describeUnwindRow(row)}`));
        assert.ok(expected.length >= 2);
        assert.deepStrictEqual(actual.sort(), expected.sort());
      });
    }
  });

  it('gives the rule set for a PC in the hand-written assembly (.eh_frame, "zR", pcrel sdata4)', () => {
    const { table } = tableOf('start-asm');
    const fde = table.entryFor(0x40000030)!;
    assert.strictEqual(fde.source, '.eh_frame');
    assert.strictEqual(fde.cie.augmentation, 'zR');
    assert.deepStrictEqual([fde.initialLocation, fde.addressRange], [0x4000001c, 0x24]);
    assert.strictEqual(describeUnwindRow(table.rowFor(0x4000001c)!), 'CFA=reg31');
    assert.strictEqual(describeUnwindRow(table.rowFor(0x40000024)!), 'CFA=reg31+32: reg29=[CFA-32], reg30=[CFA-24]');
    assert.strictEqual(describeUnwindRow(table.rowFor(0x40000030)!), 'CFA=reg31+32: reg19=[CFA-16], reg29=[CFA-32], reg30=[CFA-24]');
    assert.strictEqual(describeUnwindRow(table.rowFor(0x4000003c)!), 'CFA=reg31', 'after the epilogue the CIE rules are back');
    assert.strictEqual(table.rowFor(0x40000014), undefined, 'leaf has no FDE');
  });

  it('parses .eh_frame with "zPLR": personality, LSDA and pc-relative pointers', () => {
    const sectionAddress = 0x400100;
    const writer = new ByteWriter();
    entry(writer, 32, (cie) => {
      cie.u32(0).u8(1).cstring('zPLR').uleb(4).sleb(-8).u8(30);
      const augmentation = new ByteWriter().u8(0x9b).u32(0x100).u8(0x1b).u8(0x1b).toBytes(); // P: indirect|pcrel|sdata4, L, R
      cie.uleb(augmentation.length).raw(augmentation);
      cie.u8(0x0c).uleb(31).uleb(0); // DW_CFA_def_cfa sp+0
      while ((cie.length + 4) % 8 !== 0) cie.u8(0);
    });
    entry(writer, 32, (fde, contentStart) => {
      fde.u32(contentStart - 0); // CIE pointer: distance back to the CIE at offset 0
      const pcField = sectionAddress + contentStart + 4;
      fde.u32((0x400000 - pcField) >>> 0); // pc begin, pcrel sdata4
      fde.u32(0x40); // range
      fde.uleb(4).u32(0x1000); // augmentation data: LSDA (pcrel)
      fde.u8(0x40 | 1).u8(0x0e).uleb(16).u8(0x80 | 29).uleb(2).u8(0x80 | 30).uleb(1); // advance 4, def_cfa_offset 16, x29 at -16, x30 at -8
    });
    writer.u32(0); // terminator
    const warnings: string[] = [];
    const table = CallFrameTable.parse({ ehFrame: writer.toBytes(), ehFrameAddress: sectionAddress }, warnings);
    assert.deepStrictEqual(warnings, []);
    assert.strictEqual(table.entries.length, 1);
    const fde = table.entries[0];
    assert.strictEqual(fde.initialLocation, 0x400000);
    assert.strictEqual(fde.cie.lsdaEncoding, 0x1b);
    assert.ok(fde.lsda !== undefined && fde.lsda > sectionAddress);
    assert.strictEqual(describeUnwindRow(table.rowFor(0x400010)!), 'CFA=reg31+16: reg29=[CFA-16], reg30=[CFA-8]');
  });

  it('parses DWARF 64 .debug_frame with a version 4 CIE and the whole instruction set', () => {
    const writer = new ByteWriter();
    entry(writer, 64, (cie) => {
      cie.u64(0xffffffffffffffffn).u8(4).cstring('').u8(8).u8(0).uleb(4).sleb(-8).uleb(30);
      cie.u8(0x0c).uleb(31).uleb(0);
    });
    entry(writer, 64, (fde) => {
      fde.u64(0).u64(0x1000).u64(0x100);
      fde.u8(0x40 | 1); // advance_loc 1 (4 bytes)            -> 0x1004
      fde.u8(0x0e).uleb(32); // def_cfa_offset 32
      fde.u8(0x80 | 29).uleb(4).u8(0x80 | 30).uleb(3); // x29 at -32, x30 at -24
      fde.u8(0x0a); // remember_state
      fde.u8(0x02).u8(2); // advance_loc1 2                     -> 0x100c
      fde.u8(0x0d).uleb(29); // def_cfa_register x29
      fde.u8(0x07).uleb(19); // undefined x19
      fde.u8(0x08).uleb(20); // same_value x20
      fde.u8(0x09).uleb(21).uleb(1); // x21 in x1
      fde.u8(0x14).uleb(22).uleb(2); // val_offset x22 = CFA-16
      fde.u8(0x10).uleb(23).uleb(2).u8(0x70 | 0).u8(8); // expression x23: [breg0+8]
      fde.u8(0x03).u16(4); // advance_loc2 4                    -> 0x101c
      fde.u8(0x0b); // restore_state
      fde.u8(0x2d); // AArch64 negate_ra_state
      fde.u8(0x04).u32(1); // advance_loc4 1                    -> 0x1020
      fde.u8(0x0f).uleb(3).u8(0x8f).u8(0x10).u8(0x06); // def_cfa_expression: breg31+16, deref
      fde.u8(0x01).u64(0x1040); // set_loc                       -> 0x1040
      fde.u8(0xc0 | 29); // restore x29
      fde.u8(0x06).uleb(30); // restore_extended x30
      fde.u8(0x12).uleb(31).sleb(-2); // def_cfa_sf sp + 16
    });
    const warnings: string[] = [];
    const table = CallFrameTable.parse({ frame: writer.toBytes() }, warnings);
    assert.deepStrictEqual(warnings, []);
    const at = (pc: number) => describeUnwindRow(table.rowFor(pc)!);
    assert.strictEqual(at(0x1000), 'CFA=reg31');
    assert.strictEqual(at(0x1008), 'CFA=reg31+32: reg29=[CFA-32], reg30=[CFA-24]');
    assert.strictEqual(at(0x1010), 'CFA=reg29+32: reg19=undefined, reg20=same, reg21=reg1, reg22=CFA-16, reg23=[expression], reg29=[CFA-32], reg30=[CFA-24]');
    assert.strictEqual(at(0x101c), 'CFA=reg31+32: reg29=[CFA-32], reg30=[CFA-24]', 'restore_state brings back the CFA rule too');
    assert.strictEqual(table.rowFor(0x101c)!.returnAddressSigned, true);
    assert.strictEqual(table.rowFor(0x1030)!.cfa.kind, 'expression');
    assert.strictEqual(at(0x1040), 'CFA=reg31+16');
    assert.strictEqual(table.rowFor(0x1100), undefined);
  });

  describe('degrades on corrupt CFI', () => {
    it('an unknown CFA instruction: no row for that FDE, a warning, the others still work', () => {
      const writer = new ByteWriter();
      entry(writer, 32, (cie) => cie.u32(0xffffffff).u8(3).cstring('').uleb(4).sleb(-8).uleb(30).u8(0x0c).uleb(31).uleb(0));
      entry(writer, 32, (fde) => fde.u32(0).u64(0x2000).u64(0x10).u8(0x41).u8(0x3f));
      entry(writer, 32, (fde) => fde.u32(0).u64(0x3000).u64(0x10).u8(0x41).u8(0x0e).uleb(16));
      const warnings: string[] = [];
      const table = CallFrameTable.parse({ frame: writer.toBytes() }, warnings);
      assert.strictEqual(table.rowFor(0x2008, warnings), undefined);
      assert.match(warnings.join('\n'), /unknown CFA instruction 0x3f/);
      assert.strictEqual(describeUnwindRow(table.rowFor(0x3008)!), 'CFA=reg31+16');
    });

    it('an FDE whose CIE is missing, an unknown augmentation, a truncated section', () => {
      const writer = new ByteWriter();
      entry(writer, 32, (cie) => cie.u32(0xffffffff).u8(1).cstring('xyz').uleb(4).sleb(-8).u8(30));
      entry(writer, 32, (fde) => fde.u32(0).u32(0x2000).u32(0x10));
      entry(writer, 32, (fde) => fde.u32(0x500).u32(0x3000).u32(0x10));
      const bytes = writer.toBytes();
      const warnings: string[] = [];
      const table = CallFrameTable.parse({ frame: Uint8Array.from([...bytes, 0x40, 0x00, 0x00, 0x00, 0x01]) }, warnings);
      assert.strictEqual(table.entries.length, 0);
      const text = warnings.join('\n');
      assert.match(text, /unknown CIE augmentation "xyz"/);
      assert.match(text, /refers to a missing or unreadable CIE at 0x500/);
      assert.match(text, /claims 0x40 bytes/);
    });

    it('garbled fixture CFI never throws', () => {
      const sections = dwarfSectionsFromElf(parseElf(fixtureBytes('hello-gcc-dwarf4')));
      const frame = sections.frame!.slice();
      for (let i = 0; i < frame.length; i += 7) frame[i] ^= 0x5a;
      const warnings: string[] = [];
      const table = CallFrameTable.parse({ frame }, warnings);
      for (let pc = 0x40000000; pc < 0x40000800; pc += 4) table.rowFor(pc, warnings);
      assert.ok(warnings.length > 0);
    });
  });
});
