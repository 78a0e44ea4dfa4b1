// Condition evaluation for all 16 conditions and all 16 NZCV values, and the instructions
// that use it: CSEL/CSINC/CSINV/CSNEG (and CSET/CSETM), CCMP/CCMN (register and immediate).

import * as assert from 'assert';
import { conditionHolds } from '../../../src/arch/encodings/integer/conditions';
import { CONDITION_NAMES } from '../../../src/arch/disasmText';
import { MASK_32, MASK_64, SweepRunner, addWithCarryReference, execute, flagText, flags } from './integerHarness';

/** The condition table of the Arm ARM (C1.2.4), written out per condition. */
function referenceHolds(cond: number, nzcv: number): boolean {
  const N = (nzcv >> 3) & 1, Z = (nzcv >> 2) & 1, C = (nzcv >> 1) & 1, V = nzcv & 1;
  switch (CONDITION_NAMES[cond]) {
    case 'eq': return Z === 1;
    case 'ne': return Z === 0;
    case 'hs': return C === 1;
    case 'lo': return C === 0;
    case 'mi': return N === 1;
    case 'pl': return N === 0;
    case 'vs': return V === 1;
    case 'vc': return V === 0;
    case 'hi': return C === 1 && Z === 0;
    case 'ls': return C === 0 || Z === 1;
    case 'ge': return N === V;
    case 'lt': return N !== V;
    case 'gt': return Z === 0 && N === V;
    case 'le': return Z === 1 || N !== V;
    default: return true;   // al, nv
  }
}

describe('conditions', () => {
  it('conditionHolds matches the condition table for every condition and NZCV', () => {
    const cpu = execute([]);
    for (let cond = 0; cond < 16; cond++) for (let nzcv = 0; nzcv < 16; nzcv++) {
      cpu.nzcv = (nzcv << 28) >>> 0;
      assert.strictEqual(conditionHolds(cpu, cond), referenceHolds(cond, nzcv), `${CONDITION_NAMES[cond]} with ${flagText(nzcv)}`);
    }
  });

  describe('conditional select', () => {
    const x1 = 0x1111_2222_8000_0003n;
    const x2 = 0xffff_ffff_ffff_fffen;
    const forms = [
      { name: 'csel x', word: 0x9a820020, otherwise: (v: bigint) => v, mask: MASK_64 },
      { name: 'csinc x', word: 0x9a820420, otherwise: (v: bigint) => v + 1n, mask: MASK_64 },
      { name: 'csinv x', word: 0xda820020, otherwise: (v: bigint) => ~v, mask: MASK_64 },
      { name: 'csneg x', word: 0xda820420, otherwise: (v: bigint) => -v, mask: MASK_64 },
      { name: 'csel w', word: 0x1a820020, otherwise: (v: bigint) => v, mask: MASK_32 },
      { name: 'csinc w', word: 0x1a820420, otherwise: (v: bigint) => v + 1n, mask: MASK_32 },
      { name: 'csinv w', word: 0x5a820020, otherwise: (v: bigint) => ~v, mask: MASK_32 },
      { name: 'csneg w', word: 0x5a820420, otherwise: (v: bigint) => -v, mask: MASK_32 },
    ];
    for (const { name, word, otherwise, mask } of forms) {
      it(`${name} for every condition`, () => {
        const runner = new SweepRunner();
        for (let cond = 0; cond < 16; cond++) for (let nzcv = 0; nzcv < 16; nzcv++) {
          const cpu = runner.run(word | (cond << 12), { 1: x1, 2: x2 }, nzcv);
          const expected = referenceHolds(cond, nzcv) ? x1 & mask : otherwise(x2 & mask) & mask;
          assert.strictEqual(cpu.X[0], expected, `${name} ${CONDITION_NAMES[cond]} with ${flagText(nzcv)}`);
          assert.strictEqual(flags(cpu), nzcv, 'flags are not changed');
        }
      });
    }
    it('CSET and CSETM', () => {
      assert.strictEqual(execute(0x1a9f17e0 /* cset w0, eq */, { 0: MASK_64 }, 0b0100).X[0], 1n);
      assert.strictEqual(execute(0x1a9f17e0 /* cset w0, eq */, { 0: MASK_64 }, 0b0000).X[0], 0n);
      assert.strictEqual(execute(0xda9fa3e0 /* csetm x0, lt */, {}, 0b1000).X[0], MASK_64);
      assert.strictEqual(execute(0xda9fa3e0 /* csetm x0, lt */, {}, 0b1001).X[0], 0n);
    });
  });

  describe('conditional compare', () => {
    const operands = [[0n, 0n], [1n, 2n], [0x8000_0000n, 1n], [0x7fff_ffff_ffff_ffffn, MASK_64], [5n, 5n], [MASK_64, 31n]];
    const forms = [
      { name: 'ccmp x, x', word: 0xfa420020, subtract: true, datasize: 64, immediate: undefined },
      { name: 'ccmn x, x', word: 0xba420020, subtract: false, datasize: 64, immediate: undefined },
      { name: 'ccmp w, #5', word: 0x7a450820, subtract: true, datasize: 32, immediate: 5n },
      { name: 'ccmn w, #5', word: 0x3a450820, subtract: false, datasize: 32, immediate: 5n },
      { name: 'ccmp x, #31', word: 0xfa5f0820, subtract: true, datasize: 64, immediate: 31n },
    ];
    for (const { name, word, subtract, datasize, immediate } of forms) {
      it(`${name}: the comparison's flags if the condition holds, else #nzcv`, () => {
        const runner = new SweepRunner();
        for (let cond = 0; cond < 16; cond++) for (const nzcv of [0b0000, 0b0110, 0b1001]) for (const [a, b] of operands) {
          const nzcvImmediate = 0b1010;
          const cpu = runner.run(word | (cond << 12) | nzcvImmediate, { 1: a, 2: b }, nzcv);
          const operand2 = immediate ?? b;
          const y = subtract ? BigInt.asUintN(datasize, ~operand2) : operand2;
          const compared = addWithCarryReference(a, y, subtract ? 1 : 0, datasize).nzcv;
          const expected = referenceHolds(cond, nzcv) ? compared : nzcvImmediate;
          assert.strictEqual(flagText(flags(cpu)), flagText(expected), `${name} ${CONDITION_NAMES[cond]} ${a} ${b} from ${flagText(nzcv)}`);
          assert.strictEqual(cpu.X[0], 0n, 'no register is written');
        }
      });
    }
  });
});
