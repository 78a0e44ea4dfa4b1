// The integer encodings resolve register 31 with their own copy of the slot numbers
// (they cannot import cpu.ts's values while the decode table loads): keep them equal.

import * as assert from 'assert';
import { DISCARD, SP, ZR } from '../../../src/arch/cpu';
import { DISCARD_SLOT, SP_SLOT, ZERO_SLOT, destinationSlot, sourceSlot } from '../../../src/arch/encodings/integer/registerSlots';

describe('register slots', () => {
  it('match cpu.ts', () => {
    assert.strictEqual(SP_SLOT, SP);
    assert.strictEqual(ZERO_SLOT, ZR);
    assert.strictEqual(DISCARD_SLOT, DISCARD);
  });
  it('resolve register 31 to the zero register as a source and the discard slot as a destination', () => {
    assert.strictEqual(sourceSlot(31), ZR);
    assert.strictEqual(destinationSlot(31), DISCARD);
    assert.strictEqual(sourceSlot(7), 7);
    assert.strictEqual(destinationSlot(30), 30);
  });
});
