// Semihosting confinement end to end: test/reliability/guests/semihosting-escape.elf
// attempts every escape through `node dist/cli.js run --host-folder`, prints what each
// attempt returned, and the host files outside the folder must be exactly as before.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createEscapeFixture, EscapeFixture, INSIDE_TEXT } from './support/escapeFixture';
import { assertOneLineError, guestElf, runCli } from './support/cli';

const EPERM = 1;
const EACCES = 13;

/** The guest's lines, `name result[ errno N][ read TEXT| wrote]`, keyed by name. */
function attempts(stdout: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const space = line.indexOf(' ');
    map.set(line.slice(0, space), line.slice(space + 1));
  }
  return map;
}

const ALLOWED = ['open-inside', 'open-link-in', 'open-link-up', 'create-inside'];
const REFUSED = [
  'open-absolute', 'create-absolute', 'open-etc-passwd', 'open-parent', 'open-sub-parent', 'open-backslash-parent',
  'open-link-out', 'truncate-link-out', 'append-link-out', 'open-link-abs', 'open-through-link-dir',
  'create-through-link-dir', 'create-dangling', 'open-embedded-nul', 'remove-parent', 'remove-through-link-dir',
  'remove-link-out-target', 'rename-out', 'rename-in', 'rename-through-link-dir',
];

describe('reliability: a hostile guest cannot reach host files outside --host-folder (end to end)', function () {
  this.timeout(120_000);
  let fixture: EscapeFixture;

  beforeEach(() => {
    fixture = createEscapeFixture();
  });

  afterEach(() => fixture.remove());

  function runEscapeGuest(withFolder: boolean) {
    const args = ['run', guestElf('semihosting-escape')];
    if (withFolder) args.push('--host-folder', fixture.host);
    args.push('--', path.join(fixture.outside, 'secret.txt'), path.join(fixture.outside, 'abs-created.txt'));
    // The working folder is the host folder itself: without --host-folder, relative names must still not resolve there.
    return runCli(args, { cwd: fixture.host });
  }

  it('refuses every escape with -1 and an errno, allows the inside accesses, and changes nothing outside', () => {
    const before = fixture.snapshot();
    const result = runEscapeGuest(true);
    assert.strictEqual(result.status, 0, result.stderr);
    const lines = attempts(result.stdout.toString('latin1'));
    assert.match(lines.get('open-inside') ?? '', new RegExp(`^\\d+ read ${INSIDE_TEXT}$`));
    assert.match(lines.get('open-link-in') ?? '', new RegExp(`^\\d+ read ${INSIDE_TEXT}$`));
    assert.match(lines.get('open-link-up') ?? '', new RegExp(`^\\d+ read ${INSIDE_TEXT}$`));
    assert.match(lines.get('create-inside') ?? '', /^\d+ wrote$/);
    for (const name of ALLOWED) assert.ok(!lines.get(name)?.startsWith('-1'), `${name} was refused: ${lines.get(name)}`);
    for (const name of REFUSED) assert.strictEqual(lines.get(name), `-1 errno ${EACCES}`, name);
    // Opening a folder is harmless; if it opens, reading it must fail inside the guest.
    assert.match(lines.get('open-directory') ?? '', /^(-1 errno \d+|\d+ read -1 errno \d+)$/);
    assert.strictEqual(lines.get('system-touch'), `-1 errno ${EPERM}`);
    assert.strictEqual(fixture.snapshot(), before, 'files outside the host folder changed');
    assert.ok(!fs.existsSync(path.join(fixture.host, 'pwned-by-system')), 'SYS_SYSTEM ran a host command');
    assert.strictEqual(fs.readFileSync(path.join(fixture.host, 'created-inside.txt'), 'latin1'), 'pwned');
    assert.strictEqual(fs.readFileSync(path.join(fixture.host, 'inside.txt'), 'latin1'), INSIDE_TEXT);
  });

  it('refuses a --host-folder that does not exist, or is a file, with one line', () => {
    for (const folder of [path.join(fixture.root, 'missing'), path.join(fixture.host, 'inside.txt')]) {
      const result = runCli(['run', guestElf('semihosting-escape'), '--host-folder', folder]);
      assert.strictEqual(result.status, 2);
      assert.strictEqual(result.stdout.length, 0);
      assert.match(assertOneLineError(result, folder), /semihosting host folder '.*' (does not exist|is not a directory)/);
    }
  });

  it('without --host-folder touches no host file at all, even in the working folder', () => {
    const before = fixture.snapshot();
    const hostBefore = fs.readdirSync(fixture.host).sort();
    const result = runEscapeGuest(false);
    assert.strictEqual(result.status, 0, result.stderr);
    const lines = attempts(result.stdout.toString('latin1'));
    for (const name of [...ALLOWED, ...REFUSED, 'open-directory', 'system-touch']) {
      assert.strictEqual(lines.get(name), `-1 errno ${EPERM}`, name);
    }
    assert.strictEqual(fixture.snapshot(), before);
    assert.deepStrictEqual(fs.readdirSync(fixture.host).sort(), hostBefore, 'a file appeared in the working folder');
    assert.strictEqual(fs.readFileSync(path.join(fixture.host, 'inside.txt'), 'latin1'), INSIDE_TEXT);
  });
});
