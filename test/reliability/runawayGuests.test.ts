// Runaway and hostile guests through `node dist/cli.js run` (sources and build script in
// test/reliability/guests/): each ends with a decoded exception or a clear reason on
// one stderr line and a non-zero status, never a host error or a hang; impossible
// `--memory` sizes are refused before anything runs.

import * as assert from 'assert';
import { assertOneLineError, guestElf, runCli } from './support/cli';

describe('reliability: runaway and hostile guests', function () {
  this.timeout(120_000);

  it('stops an infinite loop at --max-instructions with status 124, its output already printed', () => {
    const result = runCli(['run', guestElf('infinite-loop'), '--max-instructions', '3000000']);
    assert.strictEqual(result.status, 124);
    assert.strictEqual(result.stdout.toString(), 'spinning forever\n');
    assert.match(assertOneLineError(result, 'infinite loop'), /did not finish within 3000000 instructions \(pc 0x4000000[0-9a-f]\)/);
  });

  it('stops a guest that resets itself forever (PSCI SYSTEM_RESET) at --max-instructions', () => {
    const result = runCli(['run', guestElf('reset-loop'), '--max-instructions', '700']);
    assert.strictEqual(result.status, 124);
    assert.match(assertOneLineError(result, 'reset loop'), /did not finish within 700 instructions/);
    const boots = result.stdout.toString().split('\n').filter(Boolean);
    assert.ok(boots.length > 10 && boots.every((line) => line === 'booting'), `${boots.length} boots: ${boots.slice(0, 3)}`);
  });

  it('ends a jump to nowhere with the instruction abort decoded', () => {
    const result = runCli(['run', guestElf('wild-jump')]);
    assert.strictEqual(result.status, 1);
    assert.strictEqual(result.stdout.toString(), 'jumping to nowhere\n');
    const line = assertOneLineError(result, 'wild jump');
    assert.match(line, /\(ESR 0x86000010: EC 0x21 IABT_CUR, IFSC 0x10 \(synchronous external abort\)\) at 0x12340000/);
    assert.match(line, /vector 0x200 has no code behind it/);
  });

  it('ends a recursion off the bottom of RAM with the data abort decoded', () => {
    const result = runCli(['run', guestElf('stack-overflow')]);
    assert.strictEqual(result.status, 1);
    assert.strictEqual(result.stdout.toString(), 'recursing without end\n');
    // The first frame below RAM (0x40000000) faults: a write to 0x3fffffe0.
    assert.match(assertOneLineError(result, 'stack overflow'), /\(ESR 0x96000050: EC 0x25 DABT_CUR, ISV 0, WnR 1, DFSC 0x10 \(synchronous external abort\)\) at 0x401000[0-9a-f]+ accessing 0x3fffffe0/);
  });

  it('ends a recursion whose own handler faults on the overflowed stack, naming the loop', () => {
    const result = runCli(['run', guestElf('stack-overflow-handler')]);
    assert.strictEqual(result.status, 1);
    assert.strictEqual(result.stdout.toString(), 'recursing with a handler that needs the stack\n');
    assert.match(assertOneLineError(result, 'handler on an overflowed stack'),
      /exception vector at 0x40100a00 faults itself \(ESR 0x96000050: EC 0x25 DABT_CUR.*would loop forever; it was entered for \(ESR 0x96000050/);
  });

  it('ends an SVC into a vector table of zeros, naming the UNDEFINED loop and the SVC', () => {
    const result = runCli(['run', guestElf('vector-loop')]);
    assert.strictEqual(result.status, 1);
    assert.match(assertOneLineError(result, 'empty vectors'), /faults itself \(ESR 0x02000000: EC 0x00 UNKNOWN, ISS 0x0\) and would loop forever; it was entered for \(ESR 0x56000042: EC 0x15 SVC64, imm16 0x42\)/);
  });

  it('executes the zeros a guest stores over its next instruction: UNDEFINED at that address', () => {
    const result = runCli(['run', guestElf('self-overwrite')]);
    assert.strictEqual(result.status, 1);
    assert.strictEqual(result.stdout.toString(), 'overwriting the next instruction\n');
    // `doomed` is the fourth instruction: adr, bl print_string, adr, str, doomed.
    assert.match(assertOneLineError(result, 'self overwrite'), /\(ESR 0x02000000: EC 0x00 UNKNOWN, ISS 0x0\) at 0x40000010 but its vector/);
  });

  it('runs new code a guest writes over code it has already run many times', () => {
    const result = runCli(['run', guestElf('self-modify')]);
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.stdout.toString(), 'before 1000 after 42\n');
    assert.strictEqual(result.status, 0);
  });

  for (const [memory, message] of [
    ['4G', /guest memory of 4096 MiB is not possible/],
    ['2000M', /guest memory of 2000 MiB is not possible/],
    ['0', /guest memory of 0 MiB is not possible/],
    ['1.5G', /memory size '1.5G' is not a number/],
    ['-1M', /memory size '-1M' is not a number/],
    ['99999999999999999999999G', /not possible|not a whole number/],
    ['1000K', /not a whole number of MiB/],
  ] as const) {
    it(`refuses --memory ${memory} up front`, () => {
      const result = runCli(['run', guestElf('infinite-loop'), '--memory', memory]);
      assert.strictEqual(result.status, 2);
      assert.strictEqual(result.stdout.length, 0, 'the guest must not have started');
      assert.match(assertOneLineError(result, `--memory ${memory}`), message);
    });
  }

  it('runs with the largest memory it accepts (1G), allocated lazily', () => {
    const result = runCli(['run', guestElf('self-modify'), '--memory', '1G']);
    assert.strictEqual(result.status, 0, result.stderr);
    assert.strictEqual(result.stdout.toString(), 'before 1000 after 42\n');
  });

  for (const args of [['--max-instructions', '0'], ['--max-instructions', 'lots'], ['--bogus'], ['--memory']]) {
    it(`refuses ${args.join(' ')} with one line`, () => {
      const result = runCli(['run', guestElf('infinite-loop'), ...args]);
      assert.strictEqual(result.status, 2);
      assertOneLineError(result, args.join(' '));
    });
  }
});
