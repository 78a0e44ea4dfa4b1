import * as assert from 'assert';
import { Stop } from '../../../src/arch/cpu';
import { watchedRange } from '../../../src/arch/debugEvents';
import { formatEsr } from '../../../src/arch/esr';
import { CODE_BASE, makeCpu } from '../../support/cpuHarness';

const NOP = 0xd503201f;
const SVC_0 = 0xd4000001;
const ERET = 0xd69f03e0;
const UDF = 0x00000000;
const MSR_SPSEL_0 = 0xd50040bf;
const MSR_DAIFCLR_8 = 0xd50348ff; // msr daifclr, #8: clear D
/** msr vbar_el1, x0 */
const MSR_VBAR_X0 = 0xd518c000;
/** mrs x1, esr_el1 */
const MRS_X1_ESR = 0xd5385201;

describe('exception entry and return', () => {
  it('SVC from EL1h enters VBAR_EL1 + 0x200 with ELR = next instruction and SPSR = old PSTATE', () => {
    const cpu = makeCpu([MSR_VBAR_X0, SVC_0]);
    cpu.X[0] = BigInt(CODE_BASE + 0x800);
    cpu.nzcv = 0x60000000;
    assert.strictEqual(cpu.run(2), Stop.Budget);
    assert.strictEqual(cpu.pc, CODE_BASE + 0x800 + 0x200);
    assert.strictEqual(cpu.elrEl1, BigInt(CODE_BASE + 8));
    assert.strictEqual(cpu.esrEl1, 0x56000000);
    assert.strictEqual(cpu.spsrEl1, 0x600003c5, 'NZCV, DAIF masked, EL1h');
  });

  it('an exception taken with SP_EL0 selected uses the +0x000 vector and switches to SP_EL1', () => {
    const cpu = makeCpu([MSR_SPSEL_0, UDF]);
    const sp1 = cpu.X[31];
    cpu.run(1);
    cpu.X[31] = 0x1000n; // SP_EL0
    cpu.run(1);
    assert.strictEqual(cpu.pc, 0x000);
    assert.strictEqual(cpu.esrEl1, 0x02000000, 'UNDEFINED: EC 0, IL 1');
    assert.strictEqual(cpu.X[31], sp1, 'SP_EL1 is current again');
    assert.strictEqual(cpu.getSpEl0(), 0x1000n);
  });

  it('ERET restores PSTATE from SPSR_EL1 and continues at ELR_EL1, EL0 exceptions use +0x400', () => {
    const cpu = makeCpu([ERET]);
    cpu.vbarEl1 = BigInt(CODE_BASE + 0x800);
    cpu.elrEl1 = BigInt(CODE_BASE + 0x100);
    cpu.spsrEl1 = 0x80000000; // N set, EL0t, DAIF clear
    cpu.ramBytes.set([0x00, 0x00, 0x00, 0x00], 0x100); // UDF at EL0
    cpu.run(2);
    assert.strictEqual(cpu.el, 1);
    assert.strictEqual(cpu.pc, CODE_BASE + 0x800 + 0x400);
    assert.strictEqual(cpu.spsrEl1, 0x80000000);
    assert.strictEqual(cpu.elrEl1, BigInt(CODE_BASE + 0x100));
  });

  it('MSR DAIFClr and MRS of ESR_EL1 work and a vector with nothing behind it stops the run with a reason', () => {
    const cpu = makeCpu([MSR_DAIFCLR_8, UDF, MRS_X1_ESR]);
    cpu.run(1);
    assert.strictEqual(cpu.daif, 0x1c0);
    const stop = cpu.run(10);
    assert.strictEqual(stop, Stop.Unsupported);
    assert.match(cpu.internalError, /vector 0x200 has no code/);
  });

  it('a PC that is not 4-byte aligned gives a PC alignment fault', () => {
    const cpu = makeCpu([NOP]);
    cpu.vbarEl1 = BigInt(CODE_BASE + 0x800);
    cpu.pc = CODE_BASE + 2;
    cpu.run(1);
    assert.strictEqual(cpu.esrEl1 >>> 26, 0x22);
    assert.strictEqual(cpu.farEl1, BigInt(CODE_BASE + 2));
  });
});

describe('watchpoint byte ranges (DBGWCR BAS and MASK)', () => {
  const wcr = (bas: number, mask = 0) => (mask << 24) | (bas << 5) | (3 << 3) | (3 << 1) | 1;
  it('BAS selects bytes of the doubleword', () => {
    assert.deepStrictEqual(watchedRange(wcr(0xff), 0x1000n), { first: 0x1000, last: 0x1007 });
    assert.deepStrictEqual(watchedRange(wcr(0xf0), 0x1000n), { first: 0x1004, last: 0x1007 });
    assert.deepStrictEqual(watchedRange(wcr(0x0f), 0x1004n), { first: 0x1004, last: 0x1007 });
  });
  it('MASK watches a power-of-two aligned block', () => {
    assert.deepStrictEqual(watchedRange(wcr(0xff, 5), 0x1010n), { first: 0x1000, last: 0x101f });
  });
});

describe('syndrome text', () => {
  it('formats the BRK syndrome as the spec shows', () => {
    assert.strictEqual(formatEsr(0xf2000000), '(ESR 0xf2000000: EC 0x3c BRK64, imm16 0x0)');
    assert.strictEqual(formatEsr(0xcb000022), '(ESR 0xcb000022: EC 0x32 SOFTSTP_LOW, ISV 1, EX 0)');
    assert.strictEqual(formatEsr(0xd2000062), '(ESR 0xd2000062: EC 0x34 WATCHPT_LOW, WnR 1, CM 0, DFSC 0x22)');
  });
});
