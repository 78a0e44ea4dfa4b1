// Deterministic execution: the same program and arguments give the same instruction
// count, the same output byte for byte and the same exit status on every run. Guests
// that read the clocks (CNTVCT_EL0, SYS_CLOCK, SYS_ELAPSED), modify their own code,
// run C library code or are stopped by the instruction budget all run twice here.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/repoRoot';
import { CliResult, guestElf, runCli } from './support/cli';

function instructionsOf(result: CliResult): number {
  const match = /instructions=(\d+) seconds=/.exec(result.stderr);
  assert.ok(match, `no --stats line in: ${result.stderr}`);
  return Number(match[1]);
}

const benchGuest = (name: string) => path.join(repoRoot(), 'bench', 'guests', `${name}.elf`);

const PROGRAMS: { name: string; args: () => string[] }[] = [
  { name: 'clock readers', args: () => [guestElf('clock-readers')] },
  { name: 'self-modifying code', args: () => [guestElf('self-modify')] },
  { name: 'an infinite loop cut by the budget', args: () => [guestElf('infinite-loop'), '--max-instructions', '1234567'] },
  { name: 'a fault loop', args: () => [guestElf('stack-overflow-handler')] },
  { name: 'a guest resetting itself, cut by the budget', args: () => [guestElf('reset-loop'), '--max-instructions', '500'] },
  { name: 'C: call-heavy (picolibc)', args: () => [benchGuest('call-heavy')] },
  { name: 'C: string routines (picolibc)', args: () => [benchGuest('string-routines')] },
  { name: 'C: floating point (picolibc)', args: () => [benchGuest('floating-point')] },
];

describe('reliability: the same program runs the same way every time', function () {
  this.timeout(300_000);

  for (const program of PROGRAMS) {
    it(`${program.name}: same instruction count, output and status twice`, function () {
      const args = program.args();
      if (!fs.existsSync(args[0])) this.skip();
      const first = runCli(['run', ...args, '--stats']);
      const second = runCli(['run', ...args, '--stats']);
      assert.ok(instructionsOf(first) > 0);
      assert.strictEqual(instructionsOf(second), instructionsOf(first), 'instruction count');
      assert.ok(second.stdout.equals(first.stdout), 'output');
      assert.strictEqual(second.status, first.status, 'exit status');
      // Everything on stderr but the timing figures is the same too (the reason a run ended).
      const reason = (r: CliResult) => r.stderr.replace(/seconds=\S+ mips=\S+/, '');
      assert.strictEqual(reason(second), reason(first));
    });
  }
});
