// Starts a bundled program (the command line, the debug adapter) through V8's code cache.
// Node 20 compiles a ~1 MB bundle from source at every start, and then each function again
// the first time it runs: ~20 ms of a short guest run or of a debug launch. Here the bundle
// is compiled with `vm.Script` from cached data kept in the user's cache folder, and the
// cache is (re)written when the process exits after a run without a usable one, so that it
// holds the functions that run compiled as well - and again after a run that compiled
// enough functions the cache lacked (a program using other instructions than the first
// one did), so that it grows toward what the user's runs need. Any failure to read or write
// the cache only costs that time: the bundle then compiles from source as usual.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import Module = require('module');

/** The folder for cached data: $XDG_CACHE_HOME or ~/.cache, then the product's name. */
function cacheFolder(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'arm64-guest-debug', 'code-cache');
}

/** The bundle's part of its cache files' names, the same for all its builds (no '-': that separates the build's part). */
function bundleName(bundle: string): string {
  return path.basename(bundle, '.js').replace(/[^\w.]/g, '_');
}

/**
 * The cache file of one build of a bundle under one Node: a different bundle (size and
 * modification time) or V8 gets a file of its own, and V8 itself rejects data that does not
 * match the source or its flags.
 */
function cacheFile(name: string, stat: fs.Stats): string {
  const build = `${stat.size}-${Math.floor(stat.mtimeMs)}-${process.versions.v8}`;
  return path.join(cacheFolder(), `${name}-${build.replace(/[^\w.-]/g, '_')}.bin`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** How much larger (as a factor) a run's compiled code must be than the cache for a rewrite. */
const CACHE_GROWTH = 1.05;

/** The bytecode in this process's heap (it grows as functions are compiled). */
function bytecodeBytes(): number {
  return v8.getHeapCodeStatistics().bytecode_and_metadata_size;
}

function writeCache(file: string, name: string, data: Buffer): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written aside and renamed, so a process starting meanwhile never reads half a file.
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, data, { mode: 0o600 });
    fs.renameSync(partial, file);
  } catch {
    // A read-only home or a full disk: the next start compiles from source again.
    return;
  }
  removeOtherBuilds(file, name);
}

/**
 * Deletes the cache files of other builds of the same bundle: each update of the extension
 * would otherwise leave its ~1 MB behind for good. (Two builds started in turn, such as an
 * installed extension and a development checkout, then rewrite their caches in turn.)
 */
function removeOtherBuilds(file: string, name: string): void {
  const folder = path.dirname(file);
  try {
    for (const entry of fs.readdirSync(folder)) {
      if (entry !== path.basename(file) && entry.startsWith(`${name}-`) && entry.endsWith('.bin')) fs.rmSync(path.join(folder, entry), { force: true });
    }
  } catch {
    // Another process pruning at the same time, or a folder we may not list: harmless.
  }
}

/** Runs `bundle` (a CommonJS file) as this process's main program. */
export function runCachedBundle(bundle: string): void {
  const stat = fs.statSync(bundle);
  const source = fs.readFileSync(bundle, 'utf8');
  const name = bundleName(bundle);
  const file = cacheFile(name, stat);
  const cachedData = readCache(file);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const usable = cachedData !== undefined && script.cachedDataRejected !== true;
  const bytecodeAtStart = bytecodeBytes();
  process.once('exit', () => {
    if (!usable) {
      writeCache(file, name, script.createCachedData());
      return;
    }
    // Serialising what is compiled now takes ~5 ms: only after a run that compiled much
    // bytecode (the cache's functions came with it), and the cache is rewritten if it grows.
    const growth = cachedData.length * (CACHE_GROWTH - 1);
    if (bytecodeBytes() - bytecodeAtStart < growth) return;
    const data = script.createCachedData();
    if (data.length > cachedData.length + growth) writeCache(file, name, data);
  });
  const bundleModule = new Module(bundle, undefined);
  bundleModule.filename = bundle;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, path.dirname(bundle));
}
