// The inline LD1-LD4/ST1-ST4 (multiple structures) against the interpreter: every
// opcode, arrangement and addressing form (no offset, post-index by the immediate and by
// Xm), random register lists (wrapping past V31 included) and bases (SP too), at aligned
// and unaligned addresses, across a page, at and across the end of RAM, outside RAM, and
// stores into the page holding the code. Then LD1/ST1 of one lane (single structure) the
// same way.

import { CODE_BASE, DATA_BASE } from '../../support/cpuHarness';
import { SeededRandom } from '../integer/seededRandom';
import { branch } from './a64Words';
import { makeTwins, predecode, runBoth } from './tierHarness';

const RAM_END = CODE_BASE + (1 << 20);

/** opcode (bits 15:12) -> mnemonic and registers in the list. */
const OPCODES: [number, string, number][] = [
  [0b0000, '4', 4], [0b0010, '1', 4], [0b0100, '3', 3], [0b0110, '1', 3],
  [0b0111, '1', 1], [0b1000, '2', 2], [0b1010, '1', 2],
];
const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'];

/** Post-index register values: forward, backward (negative), beyond 32 bits. */
const INDICES = [16n, 0xffff_ffff_ffff_ffd0n, 0x1_0000_0000n, 5n];

function bases(bytes: number, load: boolean): number[] {
  const list = [DATA_BASE + 0x100, DATA_BASE + 0xffd, RAM_END - bytes, RAM_END - bytes + 8, RAM_END + 0x1000, DATA_BASE - 3];
  if (!load) list.push(CODE_BASE + 4, CODE_BASE + 0xffc);   // over the branch; the next page
  return list;
}

function encode(load: boolean, opcode: number, size: number, q: number, n: number, t: number, post: 'none' | 'immediate' | number): number {
  const addressing = post === 'none' ? 0 : (1 << 23) | ((post === 'immediate' ? 31 : post) << 16);
  return ((q << 30) | 0x0c000000 | addressing | ((load ? 1 : 0) << 22) | (opcode << 12) | (size << 10) | (n << 5) | t) >>> 0;
}

describe('block compiler: LD1-LD4/ST1-ST4 (multiple structures)', () => {
  const random = new SeededRandom(0x5eed_57c7);
  for (const load of [true, false]) {
    for (const [opcode, selem, registers] of OPCODES) {
      const mnemonic = `${load ? 'ld' : 'st'}${selem}`;
      it(`${mnemonic} with ${registers} register(s) leaves the interpreter's registers and memory`, () => {
        for (let size = 0; size < 4; size++) {
          for (let q = 0; q < 2; q++) {
            if (size === 3 && q === 0 && selem !== '1') continue;
            const bytes = (q ? 16 : 8) * registers;
            for (const post of ['none', 'immediate', 'register'] as const) {
              // Lists starting at V30/V31 wrap to V0; the rest start anywhere.
              const t = [31, 30, random.next32() % 32][random.next32() % 3];
              const n = random.next32() % 4 === 0 ? 31 : random.next32() % 31;
              const m = random.next32() % 31;
              const word = encode(load, opcode, size, q, n, t, post === 'register' ? m : post);
              const words = [word, branch(-4)];
              for (const base of bases(bytes, load)) {
                for (const index of post === 'register' ? INDICES : [0n]) {
                  const twins = makeTwins(words, (cpu) => {
                    predecode(cpu, CODE_BASE, words.length);
                    for (let i = 0; i < 0x2000; i += 4) cpu.ram.setUint32(DATA_BASE - 0x1000 - cpu.ramBase + i, (i * 0x9e3779b1) >>> 0, true);
                    for (let i = 0x100; i > 0; i -= 4) cpu.ram.setUint32(cpu.ramSize - i, (i * 0x2545f491) >>> 0, true);
                    if (m !== n) cpu.X[m] = index;
                    cpu.X[n] = BigInt(base);
                    for (let i = 0; i < cpu.V32.length; i++) cpu.V32[i] = (i * 0x85ebca6b + 0x1234567) >>> 0;
                  }, 1);
                  const context = `${mnemonic} .${ARRANGEMENTS[2 * size + q]} v${t} [x${n}] ${post} x${m}=0x${index.toString(16)} base 0x${base.toString(16)} (0x${word.toString(16)})`;
                  runBoth(twins, 3, context);
                }
              }
            }
          }
        }
      });
    }
  }

  for (const load of [true, false]) {
    for (const [opcode, element] of [[0b000, 'b'], [0b010, 'h'], [0b100, 's/d']] as const) {
      const mnemonic = `${load ? 'ld' : 'st'}1 {v.${element}}[lane]`;
      it(`${mnemonic} leaves the interpreter's registers and memory`, () => {
        for (let qsSize = 0; qsSize < 16; qsSize++) {
          for (const post of ['none', 'immediate', 'register'] as const) {
            const t = [31, random.next32() % 32][random.next32() % 2];
            const n = random.next32() % 4 === 0 ? 31 : random.next32() % 31;
            const m = random.next32() % 31;
            const addressing = post === 'none' ? 0 : (1 << 23) | ((post === 'immediate' ? 31 : m) << 16);
            const q = qsSize >> 3;
            const word = ((q << 30) | 0x0d000000 | addressing | ((load ? 1 : 0) << 22) | (opcode << 13) | ((qsSize & 7) << 10) | (n << 5) | t) >>> 0;
            const words = [word, branch(-4)];
            for (const base of bases(8, load)) {
              for (const index of post === 'register' ? INDICES : [0n]) {
                const twins = makeTwins(words, (cpu) => {
                  predecode(cpu, CODE_BASE, words.length);
                  for (let i = 0; i < 0x2000; i += 4) cpu.ram.setUint32(DATA_BASE - 0x1000 - cpu.ramBase + i, (i * 0x9e3779b1) >>> 0, true);
                  if (m !== n) cpu.X[m] = index;
                  cpu.X[n] = BigInt(base);
                  for (let i = 0; i < cpu.V32.length; i++) cpu.V32[i] = (i * 0x85ebca6b + 0x1234567) >>> 0;
                }, 1);
                runBoth(twins, 3, `${mnemonic} v${t} [x${n}] ${post} x${m}=0x${index.toString(16)} base 0x${base.toString(16)} (0x${word.toString(16)})`);
              }
            }
          }
        }
      });
    }
  }
});
