import * as assert from 'assert';
import { describeUnwindRow } from '../../../src/symbols/callFrameInformation';
import { analyzePrologue } from '../../../src/symbols/prologueAnalysis';

/** Little-endian bytes of A64 instruction words (encodings checked with llvm-mc). */
function code(...words: number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, index) => view.setUint32(index * 4, word, true));
  return bytes;
}

const ENTRY = 0x1000;

function rowAfter(instructions: Uint8Array, count: number): string | undefined {
  const row = analyzePrologue(instructions, ENTRY, ENTRY + 4 * count, ENTRY + instructions.length);
  return row && describeUnwindRow(row);
}

describe('symbols/prologueAnalysis', () => {
  const earlyReturn = code(
    0xa9be7bfd, // stp x29, x30, [sp, #-32]!
    0x910003fd, // mov x29, sp
    0xf9000bf3, // str x19, [sp, #16]
    0xb4000060, // cbz x0, <after the ret>
    0xf9400bf3, // ldr x19, [sp, #16]
    0xa8c27bfd, // ldp x29, x30, [sp], #32
    0xd65f03c0, // ret
    0xd2800020, // mov x0, #1
    0xcb2163ff, // sub sp, sp, x1
  );

  it('follows a frame being built, used and torn down', () => {
    const saved = 'reg29=[CFA-32], reg30=[CFA-24]';
    assert.strictEqual(rowAfter(earlyReturn, 0), 'CFA=reg31');
    assert.strictEqual(rowAfter(earlyReturn, 1), `CFA=reg31+32: ${saved}`);
    assert.strictEqual(rowAfter(earlyReturn, 2), `CFA=reg29+32: ${saved}`);
    assert.strictEqual(rowAfter(earlyReturn, 3), `CFA=reg29+32: reg19=[CFA-16], ${saved}`);
    assert.strictEqual(rowAfter(earlyReturn, 5), `CFA=reg29+32: ${saved}`, 'x19 reloaded');
    assert.strictEqual(rowAfter(earlyReturn, 6), 'CFA=reg31', 'at the RET everything is popped');
  });

  it('code after an early RET still has the body\'s frame', () => {
    assert.strictEqual(rowAfter(earlyReturn, 8), 'CFA=reg29+32: reg19=[CFA-16], reg29=[CFA-32], reg30=[CFA-24]');
    assert.strictEqual(rowAfter(earlyReturn, 9), 'CFA=reg29+32: reg19=[CFA-16], reg29=[CFA-32], reg30=[CFA-24]', 'X29 survives an unknown SP change');
  });

  it('single-register pushes, flag-setting compares, shifted immediates', () => {
    const instructions = code(
      0xf81f0ff4, // str x20, [sp, #-16]!
      0xf100101f, // cmp x0, #4 (writes XZR, not SP)
      0xd503233f, // paciasp
      0x914007ff, // add sp, sp, #1, lsl #12
    );
    assert.strictEqual(rowAfter(instructions, 1), 'CFA=reg31+16: reg20=[CFA-16]');
    assert.strictEqual(rowAfter(instructions, 3), 'CFA=reg31+16: reg20=[CFA-16]');
    assert.strictEqual(rowAfter(instructions, 4), 'CFA=reg31-4080: reg20=[CFA-16]');
  });

  it('gives up when SP changes in a way it cannot follow and there is no frame pointer', () => {
    assert.strictEqual(rowAfter(code(0xcb2163ff), 1), undefined);
  });
});
