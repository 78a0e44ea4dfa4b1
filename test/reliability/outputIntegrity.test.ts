// Nothing lost: megabytes of guest console output, through semihosting SYS_WRITE and
// through the PL011 data register, reach stdout complete, byte for byte and in order
// (every byte value, NUL, CR and LF included) before the process exits.

import * as assert from 'assert';
import { guestElf, runCli } from './support/cli';

const CHUNK = 65536;
/** test/reliability/guests/output-flood.S */
const SEMIHOSTING_REPEATS = 64;
const UART_REPEATS = 8;

function pattern(): Buffer {
  const chunk = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i++) chunk[i] = (7 * i + (i >> 9)) & 0xff;
  return chunk;
}

describe('reliability: all guest output reaches stdout before exit', function () {
  this.timeout(300_000);

  it('4 MiB through SYS_WRITE then 512 KiB through the UART, byte-exact', () => {
    const result = runCli(['run', guestElf('output-flood')]);
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.status, 0);
    const chunk = pattern();
    const expected = Buffer.concat([...Array(SEMIHOSTING_REPEATS + UART_REPEATS)].map(() => chunk));
    assert.strictEqual(result.stdout.length, expected.length, 'output length');
    const firstDifference = result.stdout.findIndex((b, i) => b !== expected[i]);
    assert.strictEqual(firstDifference, -1, `output differs at byte ${firstDifference}`);
  });
});
