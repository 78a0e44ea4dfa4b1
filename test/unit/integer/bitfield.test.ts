// Bitfield moves (SBFM, BFM, UBFM) for every immr/imms, against the Arm ARM pseudocode,
// plus the common aliases by name.

import * as assert from 'assert';
import { decodeBitMasks } from '../../../src/arch/encodings/integer/bitMasks';
import { MASK_64, SweepRunner, execute, isUndefined } from './integerHarness';

type Kind = 'sbfm' | 'bfm' | 'ubfm';

/** Base words of `<kind> <Rd=0>, <Rn=1>, #0, #0` for 32 and 64 bits (sf and N set together). */
const BASE_WORDS: Record<Kind, [number, number]> = {
  sbfm: [0x13000020, 0x93400020],
  bfm: [0x33000020, 0xb3400020],
  ubfm: [0x53000020, 0xd3400020],
};

function ror(value: bigint, amount: number, width: number): bigint {
  if (amount === 0) return value;
  const mask = (1n << BigInt(width)) - 1n;
  return ((value >> BigInt(amount)) | (value << BigInt(width - amount))) & mask;
}

/** The SBFM/BFM/UBFM operation pseudocode (C6.2.30, C6.2.250, C6.2.333). */
function bitfieldReference(kind: Kind, datasize: number, immr: number, imms: number, source: bigint, destination: bigint): bigint {
  const mask = (1n << BigInt(datasize)) - 1n;
  const { wmask, tmask } = decodeBitMasks(datasize === 64 ? 1 : 0, imms, immr, false, datasize)!;
  const inzero = kind !== 'bfm';
  const extend = kind === 'sbfm';
  const dst = inzero ? 0n : destination & mask;
  const src = source & mask;
  const bottom = (dst & ~wmask & mask) | (ror(src, immr, datasize) & wmask);
  const top = extend ? ((src >> BigInt(imms)) & 1n ? mask : 0n) : dst;
  return (top & ~tmask & mask) | (bottom & tmask);
}

describe('bitfield', () => {
  const sources = [0x8123_4567_89ab_cdefn, 0x7fed_cba9_8765_4321n];
  const destination = 0x5a5a_5a5a_a5a5_a5a5n;

  for (const kind of ['sbfm', 'bfm', 'ubfm'] as const) {
    for (const datasize of [32, 64]) {
      it(`${kind} (${datasize}-bit) matches the pseudocode for every immr and imms`, () => {
        const runner = new SweepRunner();
        const base = BASE_WORDS[kind][datasize === 64 ? 1 : 0];
        for (let immr = 0; immr < datasize; immr++) for (let imms = 0; imms < datasize; imms++) {
          const word = base | (immr << 16) | (imms << 10);
          for (const source of sources) {
            const cpu = runner.run(word, { 0: destination, 1: source });
            const expected = bitfieldReference(kind, datasize, immr, imms, source, destination);
            assert.strictEqual(cpu.X[0], expected, `${kind} immr ${immr} imms ${imms} source 0x${source.toString(16)}`);
          }
        }
      });
    }
  }

  it('gives the aliases their meaning', () => {
    const x1 = 0x8000_0000_0000_8081n;
    assert.strictEqual(execute(0x93407c20 /* sxtw x0, w1 */, { 1: 0xffff_ffff_8000_0000n }).X[0], 0xffff_ffff_8000_0000n);
    assert.strictEqual(execute(0x93401c20 /* sxtb x0, w1 */, { 1: x1 }).X[0], 0xffff_ffff_ffff_ff81n);
    assert.strictEqual(execute(0x13003c20 /* sxth w0, w1 */, { 1: x1 }).X[0], 0xffff_8081n);
    assert.strictEqual(execute(0x53001c20 /* uxtb w0, w1 */, { 1: x1 }).X[0], 0x81n);
    assert.strictEqual(execute(0xd37df020 /* lsl x0, x1, #3 */, { 1: x1 }).X[0], 0x0000_0000_0004_0408n);
    assert.strictEqual(execute(0xd37ffc20 /* lsr x0, x1, #63 */, { 1: x1 }).X[0], 1n);
    assert.strictEqual(execute(0x937ffc20 /* asr x0, x1, #63 */, { 1: x1 }).X[0], MASK_64);
    assert.strictEqual(execute(0xd3483c20 /* ubfx x0, x1, #8, #8 */, { 1: x1 }).X[0], 0x80n);
    assert.strictEqual(execute(0x93483c20 /* sbfx x0, x1, #8, #8 */, { 1: x1 }).X[0], 0xffff_ffff_ffff_ff80n);
    assert.strictEqual(execute(0x937c0c20 /* sbfiz x0, x1, #4, #4 */, { 1: 0xfn }).X[0], 0xffff_ffff_ffff_fff0n);
    assert.strictEqual(execute(0xb37c0c20 /* bfi x0, x1, #4, #4 */, { 0: MASK_64, 1: 0n }).X[0], 0xffff_ffff_ffff_ff0fn);
    assert.strictEqual(execute(0xb3441c20 /* bfxil x0, x1, #4, #4 */, { 0: 0n, 1: 0xabn }).X[0], 0xan);
    assert.strictEqual(execute(0x331c07e0 /* bfc w0, #4, #2 */, { 0: MASK_64 }).X[0], 0xffff_ffcfn);
  });

  it('is UNDEFINED when N differs from sf or a 32-bit field is out of range, and for opc = 11', () => {
    assert.ok(isUndefined(0x13400020), 'sbfm w with N = 1');
    assert.ok(isUndefined(0x93000020), 'sbfm x with N = 0');
    assert.ok(isUndefined(0x13200020), 'sbfm w, immr = 32');
    assert.ok(isUndefined(0x13008020), 'sbfm w, imms = 32');
    assert.ok(isUndefined(0x73000020), 'opc = 11');
  });
});
