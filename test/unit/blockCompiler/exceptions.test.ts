// Exceptions raised inside compiled blocks leave the exact architectural state the
// interpreter leaves: registers written back, NZCV, PC of the faulting instruction (or
// ELR_EL1/ESR_EL1/FAR_EL1 after entry to EL1) and the instruction count.

import * as assert from 'assert';
import { Stop } from '../../../src/arch/cpu';
import { EC, FSC_ALIGNMENT, esrEc } from '../../../src/arch/esr';
import { SCTLR_A } from '../../../src/arch/systemControl';
import { CODE_BASE, DATA_BASE } from '../../support/cpuHarness';
import { ERET, addImmediate, branch, branchConditional, readElr, subsImmediate, writeElr } from './a64Words';
import { describeEachBackend, makeTwins, runBoth } from './tierHarness';

const LDR_W2_X5 = 0xb94000a2;      // ldr w2, [x5]
const FADD_D1_D1_D0 = 0x1e602821;  // fadd d1, d1, d0
const EOR_X6_X6_X0 = 0xca0000c6;   // eor x6, x6, x0
const CMP_X0_X7 = 0xeb07001f;      // cmp x0, x7
const UART = 0x0900_0000;
const VECTOR_BASE = CODE_BASE + 0x800;
/** Returns past the faulting instruction. */
const SKIPPING_HANDLER = [readElr(27), addImmediate(27, 27, 4), writeElr(27), ERET];

function withHandler(words: number[]): number[] {
  const all = [...words];
  while (all.length < (0x800 + 0x200) / 4) all.push(0);
  return [...all, ...SKIPPING_HANDLER];
}

describeEachBackend('block compiler: exceptions inside blocks', function () {
  it('leaves a block at an MMIO load with the registers and flags of the instructions before it', () => {
    // loop: add x0, #1; cmp x0, x7; eor x6, x6, x0; ldr w2, [x5]; subs x1, #1; b.ne loop
    const words = [addImmediate(0, 0, 1), CMP_X0_X7, EOR_X6_X6_X0, LDR_W2_X5, subsImmediate(1, 1, 1), branchConditional(1, -20), branch(0)];
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 100_000n; cpu.X[5] = BigInt(DATA_BASE); cpu.X[7] = 500n; }, 16);
    runBoth(twins, 3001, 'warm-up');
    assert.ok(twins.compiled.blockCompilerStats!.blocksCompiled > 0);
    for (const cpu of [twins.reference, twins.compiled]) cpu.X[5] = BigInt(UART);
    const stop = runBoth(twins, 1000, 'MMIO load');
    assert.strictEqual(stop, Stop.HypervisorTrap);
    assert.strictEqual(esrEc(twins.compiled.trap.esr), EC.DABT_LOW);
    assert.strictEqual(twins.compiled.trap.far, UART);
    assert.strictEqual(twins.compiled.pc, CODE_BASE + 12, 'PC is the load');
    // The VMM completes the load and skips it; the loop carries on in the compiled tier.
    for (const cpu of [twins.reference, twins.compiled]) { cpu.X[2] = 0x41n; cpu.skipInstruction(); cpu.X[5] = BigInt(DATA_BASE); }
    runBoth(twins, 5000, 'after the MMIO exit');
  });

  it('stops at a compiled store to an address beyond 4 GiB with the faulting PC and address', () => {
    // loop: add x0, #1; str x0, [x5, #8]; subs x1, #1; b.ne loop. X5 moves out of RAM.
    const STR_X0_X5_8 = 0xf90004a0;
    const words = withHandler([addImmediate(0, 0, 1), STR_X0_X5_8, subsImmediate(1, 1, 1), branchConditional(1, -12), branch(0)]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 100_000n; cpu.X[5] = BigInt(DATA_BASE); cpu.vbarEl1 = BigInt(VECTOR_BASE); }, 4);
    runBoth(twins, 2000, 'warm-up');
    // Beyond 2^32: not RAM and not MMIO either - the access must fail exactly like the interpreter's.
    for (const cpu of [twins.reference, twins.compiled]) cpu.X[5] = 0x1_4000_0000n;
    const stop = runBoth(twins, 3, 'the faulting store');
    assert.strictEqual(stop, Stop.HypervisorTrap);
    assert.strictEqual(twins.compiled.pc, CODE_BASE + 4);
    assert.strictEqual(twins.compiled.trap.far, 0x1_4000_0008);
  });

  it('raises the SIMD&FP access trap from an instruction in the middle of a compiled block', () => {
    // loop: add x0, #1; fadd d1, d1, d0; subs x1, #1; b.ne loop - then FPEN is turned off.
    const words = withHandler([addImmediate(0, 0, 1), FADD_D1_D1_D0, subsImmediate(1, 1, 1), branchConditional(1, -12), branch(0)]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 100_000n; cpu.X[2] = BigInt(DATA_BASE); cpu.vbarEl1 = BigInt(VECTOR_BASE); }, 4);
    runBoth(twins, 2001, 'warm-up');
    for (const cpu of [twins.reference, twins.compiled]) cpu.cpacrEl1 = 0;
    runBoth(twins, 1, 'the trapped fadd');
    assert.strictEqual(esrEc(twins.compiled.esrEl1), EC.FP_ASIMD);
    assert.strictEqual(Number(twins.compiled.elrEl1), CODE_BASE + 4);
    runBoth(twins, 4000, 'trapping on every pass');
  });

  it('faults an unaligned access once the guest sets SCTLR_EL1.A, even in a loop compiled before', () => {
    // loop: add x0, #1; ldr w2, [x5]; subs x1, #1; b.ne loop - X5 becomes unaligned and SCTLR_EL1.A is set.
    const words = withHandler([addImmediate(0, 0, 1), LDR_W2_X5, subsImmediate(1, 1, 1), branchConditional(1, -12), branch(0)]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 100_000n; cpu.X[5] = BigInt(DATA_BASE); cpu.vbarEl1 = BigInt(VECTOR_BASE); }, 4);
    runBoth(twins, 2001, 'warm-up');
    assert.ok(twins.compiled.blockCompilerStats!.blocksCompiled > 0);
    for (const cpu of [twins.reference, twins.compiled]) { cpu.X[5] = BigInt(DATA_BASE + 2); cpu.sctlrEl1 |= SCTLR_A; }
    runBoth(twins, 1, 'the unaligned load');
    assert.strictEqual(esrEc(twins.compiled.esrEl1), EC.DABT_CUR);
    assert.strictEqual(twins.compiled.esrEl1 & 0x3f, FSC_ALIGNMENT);
    assert.strictEqual(Number(twins.compiled.farEl1), DATA_BASE + 2);
    runBoth(twins, 3000, 'faulting on every pass');
  });

  it('takes UNDEFINED at the end of a block with the counts of the instructions before it', () => {
    // loop: add x0, #1; subs x1, #1; udf #0 (skipped by the handler); b.ne loop
    const words = withHandler([addImmediate(0, 0, 1), subsImmediate(1, 1, 1), 0, branchConditional(1, -12), branch(0)]);
    const twins = makeTwins(words, (cpu) => { cpu.X[1] = 300n; cpu.vbarEl1 = BigInt(VECTOR_BASE); }, 2);
    for (let i = 0; i < 40; i++) runBoth(twins, 1 + (i % 7) * 13, `run ${i}`);
    assert.strictEqual(esrEc(twins.compiled.esrEl1), EC.UNKNOWN);
  });
});
