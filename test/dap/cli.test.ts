import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, ROOT, lineOf } from './dapSupport';

const CLI = path.join(ROOT, 'dist/cli.js');

function debug(...args: string[]) {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  return spawnSync(process.execPath, [CLI, 'debug', ...args], { cwd: FIXTURES, encoding: 'utf8', timeout: 20_000 });
}

describe('CLI: arm64-guest debug (batch session through the DAP adapter)', () => {
  it('prints each stop with its syndrome, function, source line and registers, then the output and exit status', () => {
    const line = lineOf(path.join(FIXTURES, 'steps.c'), 'factorial-test');
    const result = debug('steps-gcc-O0.elf', '--break', `steps.c:${line}`, '--break', 'square', '--step', '1', '--eval', 'x0', '--eval', 'info registers pc', '--max-stops', '40');
    const out = result.stdout;
    assert.match(out, new RegExp(`breakpoint 1: steps\\.c:${line} at 0x[0-9a-f]+ \\(steps\\.c:${line}\\)`));
    assert.match(out, /\[stop 1\] function breakpoint: BRK #0x0 at 0x[0-9a-f]+ \(ESR 0xf2000000: EC 0x3c BRK64, imm16 0x0\)\n  in square at steps\.c:\d+ \(pc 0x[0-9a-f]+\)\n +\d+ \|     int result = value \* value;/);
    assert.match(out, /\[stop 2\] step: Step to 0x[0-9a-f]+ \(ESR 0xcb000022: EC 0x32 SOFTSTP_LOW, ISV 1, EX 0\)/);
    assert.match(out, /  x0 = 0x5\n  info registers pc = pc +0x[0-9a-f]+ +0x[0-9a-f]+ <factorial\+0x[0-9a-f]+>/);
    assert.match(out, /total=5 counter=120\nprogram exited with status 5\n$/);
    assert.strictEqual(result.status, 5);
  });

  it('says what is wrong with a bad program or option', () => {
    assert.match(debug('missing.elf').stderr, /cannot read the program .*missing\.elf: ENOENT/);
    const bad = debug('steps-gcc-O0.elf', '--frobnicate');
    assert.match(bad.stderr, /unknown option --frobnicate/);
    assert.strictEqual(bad.status, 2);
  });
});
