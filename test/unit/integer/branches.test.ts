// Branches: targets forwards and backwards, the link register, conditional branches for
// every condition, compare/test-and-branch, and branches to a register.

import * as assert from 'assert';
import type { Cpu } from '../../../src/arch/cpu';
import { CONDITION_NAMES } from '../../../src/arch/disasmText';
import { CODE_BASE, makeCpu } from '../../support/cpuHarness';
import { flagText } from './integerHarness';

/** Places `word` at CODE_BASE + offset, runs it, and returns the CPU. */
function stepAt(offset: number, word: number, setup: (cpu: Cpu) => void = () => undefined): Cpu {
  const cpu = makeCpu([]);
  cpu.ram.setUint32(offset, word, true);
  cpu.pc = CODE_BASE + offset;
  setup(cpu);
  cpu.step();
  assert.strictEqual(cpu.esrEl1, 0, 'no exception');
  return cpu;
}

describe('branches', () => {
  it('B and BL reach targets forwards and backwards; BL writes X30', () => {
    assert.strictEqual(stepAt(0x100, 0x14000040 /* b #0x100 */).pc, CODE_BASE + 0x200);
    const bl = stepAt(0x100, 0x97fffffc /* bl #-0x10 */);
    assert.strictEqual(bl.pc, CODE_BASE + 0xf0);
    assert.strictEqual(bl.X[30], BigInt(CODE_BASE + 0x104));
    // The extreme offsets: +128 MiB - 4 and -128 MiB.
    const decodeB = (imm26: number, pc: number) => makeCpu([]).decodeWord((0x14000000 | imm26) >>> 0, pc);
    const far = makeCpu([]);
    far.nextPc = 0;
    decodeB(0x1ffffff, CODE_BASE)(far);
    assert.strictEqual(far.nextPc, CODE_BASE + 0x7fffffc);
    decodeB(0x2000000, CODE_BASE)(far);
    assert.strictEqual(far.nextPc, CODE_BASE - 0x8000000);
  });

  it('B.cond and BC.cond branch exactly when the condition holds', () => {
    for (let cond = 0; cond < 16; cond++) for (let nzcv = 0; nzcv < 16; nzcv++) {
      const bcond = (0x54000040 /* b.eq #8 */ | cond) >>> 0;
      const bccond = (0x54ffffd0 /* bc.<cond> #-8 */ | cond) >>> 0;
      const setFlags = (cpu: Cpu) => { cpu.nzcv = (nzcv << 28) >>> 0; };
      const taken = stepAt(0x100, bcond, setFlags).pc === CODE_BASE + 0x108;
      const takenBack = stepAt(0x100, bccond, setFlags).pc === CODE_BASE + 0xf8;
      const N = nzcv >> 3, Z = (nzcv >> 2) & 1, C = (nzcv >> 1) & 1, V = nzcv & 1;
      const holds = [Z === 1, C === 1, N === 1, V === 1, C === 1 && Z === 0, N === V, N === V && Z === 0, true][cond >> 1];
      const expected = (cond & 1) === 1 && cond !== 15 ? !holds : holds;
      assert.strictEqual(taken, expected, `b.${CONDITION_NAMES[cond]} with ${flagText(nzcv)}`);
      assert.strictEqual(takenBack, expected, `bc.${CONDITION_NAMES[cond]} with ${flagText(nzcv)}`);
    }
  });

  it('CBZ/CBNZ test the whole register (X) or the low word (W)', () => {
    const cbzX = (x1: bigint) => stepAt(0x100, 0xb4000061 /* cbz x1, #12 */, (cpu) => { cpu.X[1] = x1; }).pc - CODE_BASE;
    assert.strictEqual(cbzX(0n), 0x10c);
    assert.strictEqual(cbzX(0x1_0000_0000n), 0x104);
    const cbnzW = (x1: bigint) => stepAt(0x100, 0x35ffffe1 /* cbnz w1, #-4 */, (cpu) => { cpu.X[1] = x1; }).pc - CODE_BASE;
    assert.strictEqual(cbnzW(0x1_0000_0000n), 0x104, 'bits 63:32 are ignored');
    assert.strictEqual(cbnzW(0x8000_0000n), 0xfc);
  });

  it('TBZ/TBNZ test the selected bit, high or low', () => {
    const tbz63 = (x1: bigint) => stepAt(0x100, 0xb6f80041 /* tbz x1, #63, #8 */, (cpu) => { cpu.X[1] = x1; }).pc - CODE_BASE;
    assert.strictEqual(tbz63(0x7fff_ffff_ffff_ffffn), 0x108);
    assert.strictEqual(tbz63(0x8000_0000_0000_0000n), 0x104);
    const tbnz5 = (x1: bigint) => stepAt(0x100, 0x372fffc1 /* tbnz w1, #5, #-8 */, (cpu) => { cpu.X[1] = x1; }).pc - CODE_BASE;
    assert.strictEqual(tbnz5(0x20n), 0xf8);
    assert.strictEqual(tbnz5(0xffff_ffff_ffff_ffdfn), 0x104);
    // Every bit position, through the decoder directly.
    for (let b = 0; b < 64; b++) {
      const word = ((b >>> 5) << 31 | 0x36000000 | (b & 31) << 19 | 2 << 5 | 1) >>> 0;   // tbz x1|w1, #b, #8
      for (const set of [false, true]) {
        const pc = stepAt(0x100, word, (cpu) => { cpu.X[1] = set ? 1n << BigInt(b) : ~(1n << BigInt(b)) & 0xffff_ffff_ffff_ffffn; }).pc;
        assert.strictEqual(pc - CODE_BASE, set ? 0x104 : 0x108, `tbz bit ${b} ${set ? 'set' : 'clear'}`);
      }
    }
  });

  it('BR, BLR and RET jump to a register; BLR writes X30 after reading its target', () => {
    const target = BigInt(CODE_BASE + 0x800);
    assert.strictEqual(stepAt(0x100, 0xd61f0060 /* br x3 */, (cpu) => { cpu.X[3] = target; }).pc, CODE_BASE + 0x800);
    const blr = stepAt(0x100, 0xd63f0060 /* blr x3 */, (cpu) => { cpu.X[3] = target; });
    assert.strictEqual(blr.pc, CODE_BASE + 0x800);
    assert.strictEqual(blr.X[30], BigInt(CODE_BASE + 0x104));
    const blr30 = stepAt(0x100, 0xd63f03c0 /* blr x30 */, (cpu) => { cpu.X[30] = target; });
    assert.strictEqual(blr30.pc, CODE_BASE + 0x800);
    assert.strictEqual(blr30.X[30], BigInt(CODE_BASE + 0x104));
    assert.strictEqual(stepAt(0x100, 0xd65f03c0 /* ret */, (cpu) => { cpu.X[30] = target; }).pc, CODE_BASE + 0x800);
    assert.strictEqual(stepAt(0x100, 0xd65f0060 /* ret x3 */, (cpu) => { cpu.X[3] = target; }).pc, CODE_BASE + 0x800);
  });

  it('leaves the pointer-authenticating branches UNDEFINED', () => {
    const cpu = makeCpu([0xd65f0bff /* retaa */]);
    cpu.step();
    assert.strictEqual(cpu.esrEl1 >>> 26, 0, 'EC 0 (unknown reason)');
  });
});
