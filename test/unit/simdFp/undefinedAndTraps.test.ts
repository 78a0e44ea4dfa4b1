// Words outside the implemented SIMD&FP set are UNDEFINED (no host exception), and
// CPACR_EL1.FPEN traps SIMD&FP instructions to EL1 with EC 0x07.

import * as assert from 'assert';
import { EXCEPTION_ENTERED } from '../../../src/arch/cpu';
import { disassemble } from '../../../src/arch/disassembler';
import { defaultDecodeTable } from '../../../src/arch/table';
import { CODE_BASE, makeCpu } from '../../support/cpuHarness';

const FADD_D = 0x1e622820;
/** FEAT_FP16, FEAT_DotProd, FEAT_AES and a reserved size: none implemented. */
const UNIMPLEMENTED = [0x1ee22820, 0x4e829420, 0x4e284820, 0x0ee08420 /* add v0.1d: reserved */];

/** Runs one word's executor directly and returns what it threw (undefined if nothing). */
function executeOnce(word: number, setup: (cpu: ReturnType<typeof makeCpu>) => void): { thrown: unknown; esr: number } {
  const cpu = makeCpu([word]);
  setup(cpu);
  let thrown: unknown;
  try {
    cpu.decodeWord(word, CODE_BASE)(cpu);
  } catch (e) {
    thrown = e;
  }
  return { thrown, esr: cpu.esrEl1 };
}

describe('simdFp: UNDEFINED encodings and the FPEN trap', () => {
  it('leaves unimplemented encodings without an executor or disassembly', () => {
    for (const word of UNIMPLEMENTED) {
      assert.strictEqual(defaultDecodeTable().lookup(word)?.decode(word, CODE_BASE), undefined, word.toString(16));
      assert.strictEqual(disassemble(word, 0), '<unknown>');
    }
  });

  it('raises the UNDEFINED exception (EC 0x00) when one executes', () => {
    const { thrown, esr } = executeOnce(0x1ee22820, () => undefined);
    assert.strictEqual(thrown, EXCEPTION_ENTERED);
    assert.strictEqual(esr >>> 26, 0x00);
  });

  it('traps with EC 0x07 when CPACR_EL1.FPEN disables SIMD&FP', () => {
    const disabled = executeOnce(FADD_D, (cpu) => { cpu.cpacrEl1 = 0; });
    assert.strictEqual(disabled.thrown, EXCEPTION_ENTERED);
    assert.strictEqual(disabled.esr, (0x07 << 26 | 1 << 25 | 1 << 24 | 0xe << 20) >>> 0);
    const el1Only = executeOnce(FADD_D, (cpu) => { cpu.cpacrEl1 = 1 << 20; });
    assert.strictEqual(el1Only.thrown, undefined, 'FPEN = 01 allows EL1');
  });
});
