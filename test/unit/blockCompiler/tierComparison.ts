// Runs two copies of the same guest - one interpreter-only, one with the block compiler -
// in lockstep and reports the first difference in architectural state.

import * as assert from 'assert';
import type { Cpu } from '../../../src/arch/cpu';

/** Everything a run can change that the tests compare: registers, NZCV, FPSR, PC, counts, EL state. */
export function architecturalState(cpu: Cpu): Record<string, string> {
  const state: Record<string, string> = {};
  for (let n = 0; n < 32; n++) state[`x${n}`] = cpu.X[n].toString(16);
  state.nzcv = cpu.nzcv.toString(16);
  state.pc = cpu.pc.toString(16);
  state.instructions = String(cpu.instructions);
  state.el = String(cpu.el);
  state.esr = cpu.esrEl1.toString(16);
  state.elr = cpu.elrEl1.toString(16);
  state.far = cpu.farEl1.toString(16);
  state.spsr = cpu.spsrEl1.toString(16);
  state.v = Buffer.from(cpu.V8).toString('hex');
  state.fpsr = cpu.fpsr.toString(16);
  state.fpcr = cpu.fpcr.toString(16);
  return state;
}

/** Asserts that two CPUs (with the same RAM size) are in the same state, RAM included. */
export function assertSameState(reference: Cpu, compiled: Cpu, context: string): void {
  assert.deepStrictEqual(architecturalState(compiled), architecturalState(reference), `${context}: registers differ`);
  const same = Buffer.compare(reference.ramBytes, compiled.ramBytes) === 0;
  if (!same) {
    const a = reference.ramBytes;
    const b = compiled.ramBytes;
    let i = 0;
    while (a[i] === b[i]) i++;
    assert.fail(`${context}: RAM differs first at 0x${(reference.ramBase + i).toString(16)} (${a[i]} vs ${b[i]})`);
  }
}
