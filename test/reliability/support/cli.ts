// Runs `node dist/cli.js run ...` the way a user does, for the end-to-end reliability
// tests. The bundle is rebuilt once per test process when any source is newer than it,
// so `npx mocha` straight after an edit tests the edit.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../../support/repoRoot';

/** A committed reliability guest: test/reliability/guests/NAME.elf */
export function guestElf(name: string): string {
  return path.join(repoRoot(), 'test', 'reliability', 'guests', `${name}.elf`);
}

let built = false;

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** dist/cli.js, rebuilt first when it is missing or older than src/. */
export function cliPath(): string {
  const root = repoRoot();
  const cli = path.join(root, 'dist', 'cli.js');
  if (!built) {
    const stale = !fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newestSource(path.join(root, 'src'));
    if (stale) {
      const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
      // A tree mid-edit may not build; an existing bundle is still worth testing (npm test builds first anyway).
      if (build.status !== 0 && !fs.existsSync(cli)) throw new Error(`npm run build failed:\n${build.stderr}`);
      if (build.status !== 0) console.warn(`    (build failed, testing the existing ${path.relative(root, cli)})`);
    }
    built = true;
  }
  return cli;
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath(), ...args], {
    cwd: options.cwd ?? repoRoot(),
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** The one-line error contract: exactly one non-empty line on stderr, no stack frames. */
export function assertOneLineError(result: CliResult, what: string): string {
  const lines = result.stderr.split('\n').filter((line) => line.length > 0);
  if (lines.length !== 1) throw new Error(`${what}: expected one line on stderr, got ${lines.length}:\n${result.stderr}`);
  if (/^\s+at |Error:.*\n\s+at /m.test(result.stderr) || /\.(ts|js):\d+/.test(result.stderr)) {
    throw new Error(`${what}: stderr looks like a stack trace:\n${result.stderr}`);
  }
  if (!lines[0].startsWith('arm64-guest: ')) throw new Error(`${what}: stderr does not start with 'arm64-guest: ': ${lines[0]}`);
  return lines[0];
}
