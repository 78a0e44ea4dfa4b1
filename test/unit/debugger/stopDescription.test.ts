import * as assert from 'assert';
import {
  describeException, describeGuestBrk, describeHardwareBreakpoint, describeOwnBreakpoint, describeStep, describeWatchpoint,
} from '../../../src/debugger/stopDescription';

const exit = (hsr: number, far = 0n, hsrHigh = 0, flags = 1) => ({ hsr, hsrHigh, flags, far });

describe('stop descriptions (spec section 5)', () => {
  it('describes the debugger\'s own BRK', () => {
    const stop = describeOwnBreakpoint(exit(0xf200_0000), 0x4000_0a10n, 'breakpoint');
    assert.deepStrictEqual(stop, {
      reason: 'breakpoint', description: 'Breakpoint hit',
      text: 'BRK #0x0 at 0x40000a10 (ESR 0xf2000000: EC 0x3c BRK64, imm16 0x0)',
    });
    assert.strictEqual(describeOwnBreakpoint(exit(0xf200_0000), 1n, 'function breakpoint').description, 'Function breakpoint hit');
  });

  it('names Linux BRK immediates of guest BRKs', () => {
    const stop = describeGuestBrk(exit(0xf200_0800), 0x4000_1000n);
    assert.strictEqual(stop.reason, 'exception');
    assert.strictEqual(stop.text, 'Guest BRK #0x800 (BUG/WARN) at 0x40001000 (ESR 0xf2000800: EC 0x3c BRK64, imm16 0x800)');
  });

  it('describes steps with ISV and EX', () => {
    assert.strictEqual(describeStep(exit(0xcb00_0022), 0x4000_0004n).text, 'Step to 0x40000004 (ESR 0xcb000022: EC 0x32 SOFTSTP_LOW, ISV 1, EX 0)');
    assert.match(describeStep(exit(0xca00_0022), 4n).text, /ISV 0, EX 0\) \[no instruction stepped\]$/);
    assert.match(describeStep(exit(0xcb00_0062), 4n).text, /stepped load-exclusive/);
  });

  it('describes hardware breakpoints and watchpoints with the access and FAR', () => {
    assert.strictEqual(describeHardwareBreakpoint(exit(0xc200_0022), 0x4000_0100n, 'instruction breakpoint').text,
      'Hardware breakpoint at 0x40000100 (ESR 0xc2000022: EC 0x30 BREAKPT_LOW, IFSC 0x22)');
    const write = describeWatchpoint(exit(0xd200_0062, 0x4040_0000n), 0x4000_0200n, { address: 0x4040_0004n, length: 4 });
    assert.strictEqual(write.reason, 'data breakpoint');
    assert.strictEqual(write.description, 'Watchpoint (write)');
    assert.strictEqual(write.text, 'Watchpoint write at 0x40400000 by instruction at 0x40000200: access at 0x40400000 overlaps watch 0x40400004+4 (ESR 0xd2000062: EC 0x34 WATCHPT_LOW, WnR 1, CM 0, DFSC 0x22)');
    assert.match(describeWatchpoint(exit(0xd200_0022, 0x10n), 0n, { address: 0x10n, length: 8 }).text, /^Watchpoint read at 0x10 by instruction at 0x0 \(ESR/);
  });

  it('appends ESR[63:32] only when valid and non-zero', () => {
    assert.match(describeOwnBreakpoint(exit(0xf200_0000, 0n, 0x5, 1), 0n, 'breakpoint').text, /imm16 0x0, ESR\[63:32\]=0x5\)$/);
    assert.doesNotMatch(describeOwnBreakpoint(exit(0xf200_0000, 0n, 0x5, 0), 0n, 'breakpoint').text, /63:32/);
  });

  it('describes any other exception class', () => {
    assert.strictEqual(describeException(exit(0x9600_0010), 0x4000_0000n).text, 'Unexpected exception EC 0x25 at 0x40000000 (ESR 0x96000010: EC 0x25 DABT_CUR, ISV 0, WnR 0, DFSC 0x10 (synchronous external abort))');
  });
});
