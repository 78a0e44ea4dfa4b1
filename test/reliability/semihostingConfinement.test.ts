// Semihosting host-file access at the unit level (src/machine/semihosting.ts with a fake
// guest): every way out of the named folder is refused with -1 and an errno the guest
// reads back with SYS_ERRNO, host files outside stay exactly as they were, SYS_SYSTEM
// never runs anything, and without a folder nothing on the host is touched at all.
// Host errors (directories, read-only handles, absurd offsets) are guest errors too.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  SYS_CLOSE, SYS_ERRNO, SYS_FLEN, SYS_OPEN, SYS_READ, SYS_REMOVE, SYS_RENAME, SYS_SEEK, SYS_SYSTEM, SYS_WRITE, Semihosting,
  SemihostingGuest,
} from '../../src/machine/semihosting';
import { createEscapeFixture, EscapeFixture, INSIDE_TEXT, SECRET_TEXT } from './support/escapeFixture';
import { SeededRandom } from './support/seededRandom';

const MINUS_ONE = BigInt.asUintN(64, -1n);
const EPERM = 1n;
const EACCES = 13n;
const OPEN_READ = 0;
const OPEN_READ_WRITE = 2;
const OPEN_WRITE = 4;
const OPEN_APPEND = 8;

/** Guest memory as a plain byte array with a bump allocator for arguments. */
class FakeGuest implements SemihostingGuest {
  readonly base = 0x1000;
  readonly bytes = new Uint8Array(0x40000);
  private next = 0;

  readMemory(address: number, length: number): Uint8Array {
    return this.bytes.slice(this.offset(address, length), this.offset(address, length) + length);
  }

  writeMemory(address: number, data: Uint8Array): void {
    this.bytes.set(data, this.offset(address, data.length));
  }

  instructions(): number {
    return 0;
  }

  private offset(address: number, length: number): number {
    const offset = address - this.base;
    if (!Number.isInteger(offset) || offset < 0 || length < 0 || offset + length > this.bytes.length) throw new RangeError('not guest memory');
    return offset;
  }

  reset(): void {
    this.next = 0;
  }

  allocate(data: Uint8Array): number {
    const offset = this.next;
    this.bytes.set(data, offset);
    this.next = (offset + data.length + 15) & ~15;
    return this.base + offset;
  }

  /** A parameter block of 64-bit fields. */
  block(fields: (bigint | number)[]): bigint {
    const bytes = new Uint8Array(8 * fields.length);
    const view = new DataView(bytes.buffer);
    fields.forEach((f, i) => view.setBigUint64(8 * i, BigInt.asUintN(64, BigInt(f)), true));
    return BigInt(this.allocate(bytes));
  }

  /** A string argument: its address and length (latin1 bytes, as the guest passes them). */
  text(s: string): [number, number] {
    const bytes = Buffer.from(s, 'latin1');
    return [this.allocate(new Uint8Array([...bytes, 0])), bytes.length];
  }
}

class Session {
  readonly guest = new FakeGuest();
  readonly semihosting: Semihosting;
  readonly console: Buffer[] = [];

  constructor(hostFolder: string | undefined) {
    this.semihosting = new Semihosting(this.guest, {
      output: (data) => this.console.push(Buffer.from(data)),
      commandLine: ['guest'],
      hostFolder,
      ramBase: this.guest.base,
      ramSize: this.guest.bytes.length,
    });
  }

  call(op: number, parameter: bigint): bigint {
    this.guest.reset();
    const result = this.semihosting.call(op, parameter);
    assert.strictEqual(result.kind, 'return');
    return result.kind === 'return' ? result.x0 : 0n;
  }

  errno(): bigint {
    return this.call(SYS_ERRNO, 0n);
  }

  /** SYS_OPEN; returns the handle or -1. */
  openFile(name: string, mode: number): bigint {
    this.guest.reset();
    const [address, length] = this.guest.text(name);
    const result = this.semihosting.call(SYS_OPEN, this.guest.block([address, mode, length]));
    assert.strictEqual(result.kind, 'return');
    return result.kind === 'return' ? result.x0 : 0n;
  }

  /** SYS_READ of up to `length` bytes; returns [result, text]. */
  read(handle: bigint, length: number): [bigint, string] {
    this.guest.reset();
    const buffer = this.guest.allocate(new Uint8Array(length));
    const result = this.call(SYS_READ, this.guest.block([handle, buffer, length]));
    const got = result === MINUS_ONE ? 0 : length - Number(result);
    return [result, Buffer.from(this.guest.readMemory(buffer, got)).toString('latin1')];
  }

  write(handle: bigint, text: string): bigint {
    this.guest.reset();
    const [address, length] = this.guest.text(text);
    return this.call(SYS_WRITE, this.guest.block([handle, address, length]));
  }

  close(handle: bigint): bigint {
    return this.call(SYS_CLOSE, this.guest.block([handle]));
  }

  remove(name: string): bigint {
    this.guest.reset();
    const [address, length] = this.guest.text(name);
    return this.call(SYS_REMOVE, this.guest.block([address, length]));
  }

  rename(from: string, to: string): bigint {
    this.guest.reset();
    const [a, alen] = this.guest.text(from);
    const [b, blen] = this.guest.text(to);
    return this.call(SYS_RENAME, this.guest.block([a, alen, b, blen]));
  }

  system(command: string): bigint {
    this.guest.reset();
    const [address, length] = this.guest.text(command);
    return this.call(SYS_SYSTEM, this.guest.block([address, length]));
  }
}

/** Asserts a refused call: -1 in X0 and a non-zero errno (EACCES unless told). */
function assertRefused(session: Session, result: bigint, what: string, errno = EACCES): void {
  assert.strictEqual(result, MINUS_ONE, `${what}: expected -1, got ${result}`);
  assert.strictEqual(session.errno(), errno, `${what}: errno`);
}

describe('reliability: semihosting host files stay inside the named folder (unit)', () => {
  let fixture: EscapeFixture;
  let session: Session;
  let before: string;

  beforeEach(() => {
    fixture = createEscapeFixture();
    session = new Session(fixture.host);
    before = fixture.snapshot();
  });

  afterEach(() => {
    session.semihosting.dispose();
    fixture.remove();
  });

  const untouched = () => assert.strictEqual(fixture.snapshot(), before, 'files outside the host folder changed');

  it('opens, reads and creates files inside the folder, also through links that stay inside', () => {
    for (const name of ['inside.txt', 'link-in', 'sub/link-up/inside.txt', './inside.txt', 'sub//link-up/inside.txt']) {
      const handle = session.openFile(name, OPEN_READ);
      assert.ok(handle !== MINUS_ONE && handle > 0n, `${name} should open (errno ${session.errno()})`);
      assert.deepStrictEqual(session.read(handle, 64), [BigInt(64 - INSIDE_TEXT.length), INSIDE_TEXT], name);
      assert.strictEqual(session.close(handle), 0n);
    }
    const created = session.openFile('sub/new.txt', OPEN_WRITE);
    assert.ok(created !== MINUS_ONE);
    assert.strictEqual(session.write(created, 'hello'), 0n);
    session.close(created);
    assert.strictEqual(fs.readFileSync(path.join(fixture.host, 'sub', 'new.txt'), 'latin1'), 'hello');
    assert.strictEqual(session.rename('sub/new.txt', 'renamed.txt'), 0n);
    assert.strictEqual(session.remove('renamed.txt'), 0n);
    assert.ok(!fs.existsSync(path.join(fixture.host, 'renamed.txt')));
    untouched();
  });

  const escapes: [string, string][] = [
    ['an absolute path', 'ABS/secret.txt'],
    ['/etc/passwd', '/etc/passwd'],
    ['a parent path', '../outside/secret.txt'],
    ['a parent path after a subfolder', 'sub/../../outside/secret.txt'],
    ['a parent path with backslashes', '..\\outside\\secret.txt'],
    ['a file link leading outside', 'link-out'],
    ['an absolute file link', 'link-abs'],
    ['a folder link leading outside', 'link-dir/secret.txt'],
    ['a new file through a folder link', 'link-dir/new.txt'],
    ['a dangling link', 'link-dangling'],
    ['a new file under a dangling folder link', 'link-dangling-dir/new.txt'],
    ['a name with an embedded NUL', 'inside.txt\0/../../outside/secret.txt'],
    ['a Windows drive path', 'C:\\secret.txt'],
  ];
  for (const [what, template] of escapes) {
    for (const mode of [OPEN_READ, OPEN_READ_WRITE, OPEN_WRITE, OPEN_APPEND]) {
      it(`refuses SYS_OPEN of ${what} (mode ${mode}) and changes nothing`, () => {
        const name = template.replace('ABS', fixture.outside);
        assertRefused(session, session.openFile(name, mode), `open ${JSON.stringify(name)}`);
        untouched();
        assert.ok(!fs.existsSync(path.join(fixture.outside, 'created.txt')), 'a file was created through the dangling link');
      });
    }
  }

  it('refuses SYS_REMOVE of anything outside, directly or through links', () => {
    for (const name of ['../outside/victim.txt', `${fixture.outside}/victim.txt`, 'link-dir/victim.txt', 'sub/link-up/../../outside/victim.txt']) {
      assertRefused(session, session.remove(name), `remove ${name}`);
    }
    untouched();
  });

  it('refuses SYS_RENAME out of the folder, into it, and through links', () => {
    const pairs: [string, string][] = [
      ['inside.txt', '../outside/moved.txt'],
      ['inside.txt', `${fixture.outside}/moved.txt`],
      ['inside.txt', 'link-dir/moved.txt'],
      ['inside.txt', 'link-dangling'],
      ['../outside/victim.txt', 'stolen.txt'],
      ['link-dir/victim.txt', 'stolen.txt'],
      [`${fixture.outside}/victim.txt`, 'stolen.txt'],
    ];
    for (const [from, to] of pairs) assertRefused(session, session.rename(from, to), `rename ${from} -> ${to}`);
    assert.strictEqual(fs.readFileSync(path.join(fixture.host, 'inside.txt'), 'latin1'), INSIDE_TEXT);
    assert.ok(!fs.existsSync(path.join(fixture.host, 'stolen.txt')));
    untouched();
  });

  it('never runs SYS_SYSTEM, even for a command that would only create a file', () => {
    const marker = path.join(fixture.root, 'created-by-system');
    assertRefused(session, session.system(`touch ${marker}`), 'system', EPERM);
    assertRefused(session, session.system(`echo pwned > ${marker}`), 'system', EPERM);
    assert.ok(!fs.existsSync(marker), 'SYS_SYSTEM ran a host command');
    untouched();
  });

  it('turns host I/O errors into guest errors: a directory, a read-only handle, an absurd offset', () => {
    const directory = session.openFile('sub', OPEN_READ);
    if (directory !== MINUS_ONE) {
      const [result] = session.read(directory, 16);
      assert.strictEqual(result, MINUS_ONE, 'reading a directory handle');
      assert.notStrictEqual(session.errno(), 0n);
      session.close(directory);
    }
    const readOnly = session.openFile('inside.txt', OPEN_READ);
    assert.strictEqual(session.write(readOnly, 'x'), MINUS_ONE, 'writing a read-only handle');
    assert.notStrictEqual(session.errno(), 0n);
    for (const offset of [2n ** 53n, 2n ** 60n, MINUS_ONE]) {
      const seek = session.call(SYS_SEEK, session.guest.block([readOnly, offset]));
      if (seek !== MINUS_ONE) {
        const [result, text] = session.read(readOnly, 8);
        assert.ok(result === MINUS_ONE || text === '', `read after seeking to ${offset}`);
      }
    }
    assert.strictEqual(session.call(SYS_FLEN, session.guest.block([readOnly])), BigInt(INSIDE_TEXT.length));
    session.close(readOnly);
    assert.strictEqual(fs.readFileSync(path.join(fixture.host, 'inside.txt'), 'latin1'), INSIDE_TEXT);
  });

  it('survives random arguments for every operation with names drawn from the escapes', () => {
    const rng = new SeededRandom(0x5eed);
    const names = [...escapes.map(([, n]) => n.replace('ABS', fixture.outside)), 'inside.txt', 'sub', '.', '', 'x'.repeat(5000)];
    for (let i = 0; i < 3000; i++) {
      session.guest.reset();
      const [address, length] = session.guest.text(rng.pick(names));
      const field = () => rng.pick<bigint | number>([address, length, rng.below(12), rng.next64(), 0, 1, 2, 3, MINUS_ONE, session.guest.base]);
      const block = rng.chance(0.9) ? session.guest.block([field(), field(), field(), field()]) : rng.next64();
      const op = rng.below(0x34);
      if (op === 0x18 || op === 0x20) continue; // exits
      assert.doesNotThrow(() => session.semihosting.call(op, block), `op 0x${op.toString(16)}`);
    }
    untouched();
  });
});

describe('reliability: semihosting without a host folder touches no host file (unit)', () => {
  let fixture: EscapeFixture;
  let before: string;

  beforeEach(() => {
    fixture = createEscapeFixture();
    before = fixture.snapshot();
  });

  afterEach(() => fixture.remove());

  it('refuses every file operation with EPERM, relative or absolute', () => {
    const session = new Session(undefined);
    const cwdFile = 'package.json';
    for (const name of [cwdFile, `${fixture.outside}/secret.txt`, `${fixture.host}/inside.txt`, 'arm64-guest-must-not-exist.txt']) {
      for (const mode of [OPEN_READ, OPEN_WRITE, OPEN_APPEND]) assertRefused(session, session.openFile(name, mode), `open ${name}`, EPERM);
      assertRefused(session, session.remove(name), `remove ${name}`, EPERM);
    }
    assertRefused(session, session.rename(`${fixture.host}/inside.txt`, `${fixture.host}/moved.txt`), 'rename', EPERM);
    assertRefused(session, session.system('touch arm64-guest-must-not-exist.txt'), 'system', EPERM);
    assert.ok(!fs.existsSync('arm64-guest-must-not-exist.txt'));
    assert.strictEqual(fs.readFileSync(path.join(fixture.host, 'inside.txt'), 'latin1'), INSIDE_TEXT);
    assert.strictEqual(fs.readFileSync(path.join(fixture.outside, 'secret.txt'), 'latin1'), SECRET_TEXT);
    assert.strictEqual(fixture.snapshot(), before);
  });

  it('still serves the console and :semihosting-features', () => {
    const session = new Session(undefined);
    const tt = session.openFile(':tt', OPEN_WRITE);
    assert.ok(tt !== MINUS_ONE);
    assert.strictEqual(session.write(tt, 'hello'), 0n);
    assert.strictEqual(Buffer.concat(session.console).toString(), 'hello');
    const features = session.openFile(':semihosting-features', OPEN_READ);
    assert.deepStrictEqual(session.read(features, 5)[1], 'SHFB\x03');
  });
});
