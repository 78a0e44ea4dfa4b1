// SIMD&FP register loads and stores check CPACR_EL1.FPEN like the SIMD&FP data-processing
// instructions: with FPEN = 00 they take the "access to SIMD&FP trapped" exception
// (EC 0x07, ISS CV = 1, COND = 0b1110) to EL1 before touching memory, the SIMD&FP
// registers or the base register; with FPEN = 11 they run.

import * as assert from 'assert';
import { Cpu, Stop } from '../../../src/arch/cpu';
import { CODE_BASE, DATA_BASE, VECTOR_BASE, fillCounting, hexX, prepare, vBytes } from './loadStoreHarness';

const FPEN_TRAPS_EL0_AND_EL1 = 0;
const FPEN_TRAPS_NOTHING = 0x3 << 20;

/** ESR_EL1 of the trap: EC 0x07, IL = 1 (32-bit instruction), CV = 1, COND = 0b1110. */
const FP_ACCESS_TRAP_ESR = ((0x07 << 26) | (1 << 25) | (1 << 24) | (0xe << 20)) >>> 0;
/** Current EL with SP_ELx, synchronous: the vector a trap from EL1 takes. */
const CURRENT_EL_SYNC_VECTOR = VECTOR_BASE + 0x200;

const LDR_Q0_X1 = 0x3dc00020;
const ST1_V0_16B_X1 = 0x4c007020;
/** Writeback forms: a trap must leave x1 as it was. */
const LDR_Q0_X1_POST_16 = 0x3cc10420;
const ST1_V0_16B_X1_POST_16 = 0x4c9f7020;
const LDP_Q0_Q1_X1_PRE_32 = 0xadc10420;

const V0_BEFORE = 'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf';
const V1_BEFORE = 'b0b1b2b3b4b5b6b7b8b9babbbcbdbebf';
const MEMORY_BEFORE = '000102030405060708090a0b0c0d0e0f';

function cpuWith(word: number, cpacrEl1: number): Cpu {
  const cpu = prepare([word]);
  cpu.cpacrEl1 = cpacrEl1;
  cpu.X[1] = BigInt(DATA_BASE);
  cpu.V8.set(Buffer.from(V0_BEFORE, 'hex'), 0);
  cpu.V8.set(Buffer.from(V1_BEFORE, 'hex'), 16);
  fillCounting(cpu, DATA_BASE, 64);
  return cpu;
}

function memoryBytes(cpu: Cpu, address: number, length: number): string {
  return Array.from({ length }, (_, i) => cpu.read8(address + i).toString(16).padStart(2, '0')).join('');
}

const TRAPPING: [string, number][] = [
  ['ldr q0, [x1]', LDR_Q0_X1],
  ['st1 { v0.16b }, [x1]', ST1_V0_16B_X1],
  ['ldr q0, [x1], #16', LDR_Q0_X1_POST_16],
  ['st1 { v0.16b }, [x1], #16', ST1_V0_16B_X1_POST_16],
  ['ldp q0, q1, [x1, #32]!', LDP_Q0_Q1_X1_PRE_32],
];

describe('SIMD&FP loads and stores and CPACR_EL1.FPEN', () => {
  for (const [text, word] of TRAPPING) {
    it(`${text} traps with EC 0x07 when FPEN = 00 and changes nothing`, () => {
      const cpu = cpuWith(word, FPEN_TRAPS_EL0_AND_EL1);
      const memoryBefore = memoryBytes(cpu, DATA_BASE, 64);
      assert.strictEqual(cpu.step(), Stop.Budget);
      assert.strictEqual(cpu.esrEl1 >>> 0, FP_ACCESS_TRAP_ESR, `ESR_EL1 0x${(cpu.esrEl1 >>> 0).toString(16)}`);
      assert.strictEqual(cpu.elrEl1, BigInt(CODE_BASE));
      assert.strictEqual(cpu.pc, CURRENT_EL_SYNC_VECTOR);
      assert.strictEqual(hexX(cpu, 1), '0x' + DATA_BASE.toString(16), 'base register not written back');
      assert.strictEqual(vBytes(cpu, 0), V0_BEFORE);
      assert.strictEqual(vBytes(cpu, 1), V1_BEFORE);
      assert.strictEqual(memoryBytes(cpu, DATA_BASE, 64), memoryBefore);
    });
  }

  it('ldr q0, [x1] loads when FPEN = 11', () => {
    const cpu = cpuWith(LDR_Q0_X1, FPEN_TRAPS_NOTHING);
    assert.strictEqual(cpu.step(), Stop.Budget);
    assert.strictEqual(cpu.pc, CODE_BASE + 4);
    assert.strictEqual(vBytes(cpu, 0), MEMORY_BEFORE);
  });

  it('st1 { v0.16b }, [x1] stores when FPEN = 11', () => {
    const cpu = cpuWith(ST1_V0_16B_X1, FPEN_TRAPS_NOTHING);
    assert.strictEqual(cpu.step(), Stop.Budget);
    assert.strictEqual(cpu.pc, CODE_BASE + 4);
    assert.strictEqual(memoryBytes(cpu, DATA_BASE, 16), V0_BEFORE);
  });
});
