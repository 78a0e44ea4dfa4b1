// The inline Advanced SIMD translations (bitwise three-same, ADD/SUB of 32-bit lanes,
// SHL/USHR/SSHR by immediate) against the interpreter, in dense random loops over random
// register contents; every arrangement, shift amount and neighbouring form the compiler
// leaves to the executor comes up too.

import * as assert from 'assert';
import { SeededRandom } from '../integer/seededRandom';
import { CODE_BASE } from '../../support/cpuHarness';
import { branchConditional, subsImmediate, branch } from './a64Words';
import { makeTwins, predecode, runBoth } from './tierHarness';

const reg = (rng: SeededRandom) => rng.next32() % 32;

/** Three same (0 Q U 01110 size 1 Rm opcode 1 Rn Rd) with the bitwise or ADD/SUB opcode. */
function threeSame(rng: SeededRandom): number {
  const opcode = (rng.next32() & 1) === 1 ? 0b00011 : 0b10000;
  return (0x0e200400 | ((rng.next32() & 3) << 29) | ((rng.next32() & 3) << 22) | (reg(rng) << 16) | (opcode << 11) | (reg(rng) << 5) | reg(rng)) >>> 0;
}

/** Shift by immediate (0 Q U 011110 immh immb opcode 1 Rn Rd): SSHR/USHR or SHL, any immh. */
function shiftImmediate(rng: SeededRandom): number {
  const immh = 1 + (rng.next32() % 15);
  const opcode = (rng.next32() & 1) === 1 ? 0b00000 : 0b01010;
  return (0x0f000400 | ((rng.next32() & 3) << 29) | (immh << 19) | ((rng.next32() & 7) << 16) | (opcode << 11) | (reg(rng) << 5) | reg(rng)) >>> 0;
}

function runSeed(seed: number): void {
  const rng = new SeededRandom(seed);
  const body: number[] = [];
  for (let i = 0; i < 12; i++) body.push((rng.next32() & 1) === 1 ? threeSame(rng) : shiftImmediate(rng));
  const words = [...body, subsImmediate(28, 28, 1), branchConditional(1, -4 * body.length), branch(0)];
  const contents = Array.from({ length: 128 }, () => rng.next32());
  const twins = makeTwins(words, (cpu) => {
    predecode(cpu, CODE_BASE, words.length);
    for (let i = 0; i < 128; i++) cpu.V32[i] = contents[i];
    cpu.X[28] = 30n;
  }, 1);
  for (let done = 0; done < 300; done += 41) runBoth(twins, 41, `seed ${seed} after ${done}`);
  assert.ok(twins.compiled.blockCompilerStats!.blocksCompiled > 0);
}

describe('block compiler: Advanced SIMD against the interpreter', () => {
  it('matches the interpreter on random bitwise, add/sub and shift loops', () => {
    for (let seed = 1; seed <= 600; seed++) runSeed(seed);
  });
});
