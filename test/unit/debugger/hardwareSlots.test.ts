import * as assert from 'assert';
import { BCR_ADDRESS_MATCH_EL0_EL1, HardwareSlots, watchSlotsFor } from '../../../src/debugger/hardwareSlots';

const hex = (v: bigint) => '0x' + v.toString(16);

describe('hardware breakpoint and watchpoint slots', () => {
  it('encodes DBGWCR like QEMU for watches inside one doubleword (spec 3.6)', () => {
    const at = 0x4040_0000n;
    assert.deepStrictEqual(watchSlotsFor({ id: 1, address: at, length: 4, access: 'write' }).map(s => [hex(s.wcr), hex(s.wvr)]), [['0x1f7', '0x40400000']]);
    assert.strictEqual(hex(watchSlotsFor({ id: 1, address: at, length: 4, access: 'read' })[0].wcr), '0x1ef');
    assert.strictEqual(hex(watchSlotsFor({ id: 1, address: at, length: 4, access: 'readWrite' })[0].wcr), '0x1ff');
    // 2 bytes at offset 4 of the doubleword: BAS = 0b00110000.
    const [slot] = watchSlotsFor({ id: 1, address: at + 4n, length: 2, access: 'write' });
    assert.strictEqual(hex(slot.wvr), '0x40400000');
    assert.strictEqual(Number((slot.wcr >> 5n) & 0xffn), 0x30);
  });

  it('splits a watch that crosses a doubleword boundary instead of truncating it (spec 3.7 bug 1)', () => {
    const slots = watchSlotsFor({ id: 1, address: 0x4040_0006n, length: 4, access: 'write' });
    assert.deepStrictEqual(slots.map(s => [hex(s.wvr), Number((s.wcr >> 5n) & 0xffn)]), [['0x40400000', 0xc0], ['0x40400008', 0x03]]);
  });

  it('uses MASK for an aligned power-of-two block', () => {
    const [slot] = watchSlotsFor({ id: 1, address: 0x4040_0040n, length: 64, access: 'readWrite' });
    assert.strictEqual(Number((slot.wcr >> 24n) & 0x1fn), 6);
    assert.strictEqual(Number((slot.wcr >> 5n) & 0xffn), 0xff);
    assert.strictEqual(hex(slot.wvr), '0x40400040');
  });

  it('matches a FAR below the watched bytes when a wider access overlaps them (GDB rule)', () => {
    const slots = new HardwareSlots(6, 4);
    assert.strictEqual(slots.addWatch({ id: 7, address: 0x4040_0004n, length: 4, access: 'write' }), undefined);
    assert.strictEqual(slots.addWatch({ id: 8, address: 0x4040_0100n, length: 8, access: 'write' }), undefined);
    assert.strictEqual(slots.watchForFar(0x4040_0000n)?.id, 7, 'an 8-byte store at the doubleword start');
    assert.strictEqual(slots.watchForFar(0x4040_0006n)?.id, 7);
    assert.strictEqual(slots.watchForFar(0x4040_0104n)?.id, 8);
  });

  it('says when the slots run out, naming the limit', () => {
    const slots = new HardwareSlots(6, 4);
    for (let i = 0; i < 3; i++) assert.strictEqual(slots.addWatch({ id: i, address: 0x4040_0000n + BigInt(16 * i), length: 4, access: 'write' }), undefined);
    const problem = slots.addWatch({ id: 9, address: 0x4040_0106n, length: 4, access: 'write' });
    assert.match(problem!, /needs 2 slots, 1 of 4 free/);
    assert.throws(() => slots.setBreakpoints(Array.from({ length: 7 }, (_, i) => ({ id: i, address: 0x4000_0000n + BigInt(4 * i) }))), /6 breakpoint slots/);
  });

  it('fills struct kvm_guest_debug_arch with every slot', () => {
    const slots = new HardwareSlots(6, 4);
    slots.setBreakpoints([{ id: 1, address: 0x4000_0a10n }]);
    slots.addWatch({ id: 2, address: 0x4040_0008n, length: 8, access: 'read' });
    const arch = slots.toGuestDebugArch();
    assert.strictEqual(arch.dbgBcr.length, 16);
    assert.strictEqual(arch.dbgBcr[0], BigInt(BCR_ADDRESS_MATCH_EL0_EL1));
    assert.strictEqual(arch.dbgBvr[0], 0x4000_0a10n);
    assert.strictEqual(hex(arch.dbgWcr[0]), '0x1fef');
    assert.strictEqual(arch.dbgWcr[1], 0n);
    assert.strictEqual(slots.breakpointAt(0x4000_0a10n)?.id, 1);
  });
});
