// The code-cache launcher (src/launcher/cachedBundle.ts) in real child processes: the
// bundle runs as the main program with its arguments, the cache is written after a run
// without one and then used (not rewritten unless a run compiled much more), and a damaged
// or unwritable cache never stops the program.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const LAUNCHER_SOURCE = path.join(__dirname, '..', '..', '..', 'src', 'launcher', 'cachedBundle.ts');
const TSX = require.resolve('tsx/cjs');

/** A function of many statements (its bytecode is most of the bundle's). */
const LARGE_FUNCTION = `function rarelyUsed(x) {\n${Array.from({ length: 400 }, (_, i) => `  x = (x * ${i + 3} + ${i}) % 1000003;`).join('\n')}\n  return x;\n}`;

/**
 * A CommonJS "bundle" that uses require, __dirname and module, and prints its arguments;
 * with the argument `more` it also runs a large function that other runs never call.
 */
const BUNDLE = `
const path = require('path');
module.exports.ready = true;
${LARGE_FUNCTION}
if (process.argv.includes('more')) rarelyUsed(1);
console.log(JSON.stringify({ args: process.argv.slice(2), here: path.basename(__dirname), isModule: module.exports.ready }));
`;

function run(work: string, cacheHome: string, args: string[]): { stdout: string; status: number | null; stderr: string } {
  // A launcher like dist/cli.js: process.argv[1] is its own path.
  const launcher = path.join(work, 'launcher.js');
  fs.writeFileSync(launcher, `require(${JSON.stringify(LAUNCHER_SOURCE)}).runCachedBundle(${JSON.stringify(path.join(work, 'bundle.js'))});`);
  const r = spawnSync(process.execPath, ['--require', TSX, launcher, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
  });
  return { stdout: r.stdout, status: r.status, stderr: r.stderr };
}

function cacheFiles(cacheHome: string): string[] {
  const folder = path.join(cacheHome, 'arm64-guest-debug', 'code-cache');
  return fs.existsSync(folder) ? fs.readdirSync(folder).map((f) => path.join(folder, f)) : [];
}

describe('code-cache launcher', function () {
  this.timeout(60_000);
  let work: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cached-bundle-'));
    fs.writeFileSync(path.join(work, 'bundle.js'), BUNDLE);
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('runs the bundle as the main program, writes the cache once, then uses it', () => {
    const cacheHome = path.join(work, 'cache');
    const first = run(work, cacheHome, ['run', 'x.elf']);
    assert.strictEqual(first.status, 0, first.stderr);
    assert.deepStrictEqual(JSON.parse(first.stdout), { args: ['run', 'x.elf'], here: path.basename(work), isModule: true });
    const files = cacheFiles(cacheHome);
    assert.strictEqual(files.length, 1, 'one cache file after the first run');
    assert.ok(fs.statSync(files[0]).size > 0);
    const written = fs.statSync(files[0]).mtimeMs;
    const second = run(work, cacheHome, ['again']);
    assert.strictEqual(second.status, 0, second.stderr);
    assert.deepStrictEqual(JSON.parse(second.stdout).args, ['again']);
    assert.strictEqual(fs.statSync(files[0]).mtimeMs, written, 'an accepted cache is not rewritten');
  });

  it('rewrites the cache after a run that compiled a large function the cache lacked', () => {
    const cacheHome = path.join(work, 'cache');
    run(work, cacheHome, ['small']);
    const [file] = cacheFiles(cacheHome);
    const before = fs.statSync(file).size;
    const r = run(work, cacheHome, ['more']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(fs.statSync(file).size > before * 1.05, `the cache grew from ${before} bytes`);
    const grown = fs.statSync(file).mtimeMs;
    run(work, cacheHome, ['more']);
    assert.strictEqual(fs.statSync(file).mtimeMs, grown, 'a cache that holds everything the run compiled is kept');
  });

  it('runs from source when the cache is damaged, and replaces it', () => {
    const cacheHome = path.join(work, 'cache');
    run(work, cacheHome, []);
    const [file] = cacheFiles(cacheHome);
    fs.writeFileSync(file, Buffer.from('not V8 cached data'));
    const r = run(work, cacheHome, ['ok']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).args, ['ok']);
    assert.notStrictEqual(fs.readFileSync(file).toString(), 'not V8 cached data', 'the damaged cache was replaced');
  });

  it('removes the caches of other builds of the same bundle when it writes its own', () => {
    const cacheHome = path.join(work, 'cache');
    const folder = path.join(cacheHome, 'arm64-guest-debug', 'code-cache');
    fs.mkdirSync(folder, { recursive: true });
    const olderBuild = path.join(folder, 'bundle-100-200-11.3.bin');
    const otherBundle = path.join(folder, 'cli-100-200-11.3.bin');
    const beingWritten = path.join(folder, 'bundle-300-400-11.3.bin.4242');
    for (const file of [olderBuild, otherBundle, beingWritten]) fs.writeFileSync(file, 'x');
    const r = run(work, cacheHome, []);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(!fs.existsSync(olderBuild), 'the older build of this bundle was removed');
    assert.ok(fs.existsSync(otherBundle), 'another bundle keeps its cache');
    assert.ok(fs.existsSync(beingWritten), 'a file another process is still writing is left alone');
    assert.strictEqual(cacheFiles(cacheHome).filter((f) => /[\\/]bundle-.*\.bin$/.test(f)).length, 1, 'this build has its cache');
  });

  it('runs when the cache folder cannot be created', () => {
    const blocker = path.join(work, 'a-file');
    fs.writeFileSync(blocker, '');
    const r = run(work, blocker, ['still']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout).args, ['still']);
  });
});
