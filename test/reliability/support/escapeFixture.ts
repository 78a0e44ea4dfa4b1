// A temporary host layout for semihosting confinement tests: the folder the guest is
// given (`host/`), a sibling it must never reach (`outside/`), and links of every kind
// between them. `snapshot()` records everything outside `host/` (names, contents,
// modification times) so a test can prove that nothing there changed.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface EscapeFixture {
  /** The temporary root holding both folders (and nothing else). */
  readonly root: string;
  /** The folder the guest may use. */
  readonly host: string;
  /** The folder next to it that must stay untouched. */
  readonly outside: string;
  /** Everything outside `host/`, as text, to compare before and after. */
  snapshot(): string;
  remove(): void;
}

export const INSIDE_TEXT = 'inside';
export const SECRET_TEXT = 'secret';
export const VICTIM_TEXT = 'victim';

export function createEscapeFixture(): EscapeFixture {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'arm64-guest-escape-')));
  const host = path.join(root, 'host');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(path.join(host, 'sub'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(host, 'inside.txt'), INSIDE_TEXT);
  fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET_TEXT);
  fs.writeFileSync(path.join(outside, 'victim.txt'), VICTIM_TEXT);
  fs.symlinkSync('inside.txt', path.join(host, 'link-in'));
  fs.symlinkSync('..', path.join(host, 'sub', 'link-up'));
  fs.symlinkSync('../outside/secret.txt', path.join(host, 'link-out'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(host, 'link-abs'));
  fs.symlinkSync('../outside', path.join(host, 'link-dir'));
  fs.symlinkSync('../outside/created.txt', path.join(host, 'link-dangling'));
  fs.symlinkSync('../outside/missing-dir', path.join(host, 'link-dangling-dir'));
  // Make every mtime distinct from "now", so a rewrite with the same bytes still shows.
  const past = new Date(Date.now() - 3_600_000);
  for (const name of ['secret.txt', 'victim.txt']) fs.utimesSync(path.join(outside, name), past, past);
  fs.utimesSync(outside, past, past);

  return {
    root,
    host,
    outside,
    snapshot: () => describeTree(root, host),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Every entry under `folder` except `skip`: type, size, mtime and file contents. */
function describeTree(folder: string, skip: string): string {
  const lines: string[] = [];
  const visit = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (full === skip) continue;
      const stat = fs.lstatSync(full);
      const relative = path.relative(folder, full);
      if (stat.isSymbolicLink()) lines.push(`link ${relative} -> ${fs.readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        lines.push(`dir ${relative} mtime ${stat.mtimeMs}`);
        visit(full);
      } else lines.push(`file ${relative} mtime ${stat.mtimeMs} ${JSON.stringify(fs.readFileSync(full, 'latin1'))}`);
    }
  };
  visit(folder);
  return lines.join('\n');
}
