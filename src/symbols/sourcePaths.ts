// Source paths as DWARF records them and as the user's machine has them.
//
// DWARF paths may be absolute, relative to the compilation directory (builds with
// -fdebug-prefix-map=$PWD=. record "." as DW_AT_comp_dir), or come from another
// machine (Windows drive letters, backslashes). These helpers join and normalise them
// without touching the file system, match a user's path against them by trailing
// components, and map them to local files with a `sourceMap` and a list of base
// folders.

import * as fs from 'fs';
import * as path from 'path';

const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;

export function isAbsoluteDwarfPath(value: string): boolean {
  return value.startsWith('/') || value.startsWith('\\') || WINDOWS_DRIVE.test(value);
}

function separatorOf(value: string): string {
  return WINDOWS_DRIVE.test(value) || (value.includes('\\') && !value.includes('/')) ? '\\' : '/';
}

/** Splits on both separators. */
function components(value: string): string[] {
  return value.split(/[\\/]+/).filter((part) => part !== '');
}

/**
 * Removes "." components and folds "dir/.." pairs; keeps leading ".." of relative
 * paths. "./hello.c" becomes "hello.c"; "" and "." become ".".
 */
export function normalizeDwarfPath(value: string): string {
  if (value === '') return '.';
  const absolute = isAbsoluteDwarfPath(value);
  const separator = separatorOf(value);
  const drive = WINDOWS_DRIVE.test(value) ? value.slice(0, 2) : '';
  const parts = components(drive ? value.slice(2) : value);
  const kept: string[] = [];
  for (const part of parts) {
    if (part === '.') continue;
    if (part === '..') {
      if (kept.length > 0 && kept[kept.length - 1] !== '..') kept.pop();
      else if (!absolute) kept.push('..');
      continue;
    }
    kept.push(part);
  }
  const body = kept.join(separator);
  if (absolute) return `${drive}${separator}${body}`;
  return body === '' ? '.' : body;
}

/** Joins a DWARF directory and a file name; an absolute name wins. */
export function joinDwarfPath(directory: string | undefined, name: string): string {
  if (isAbsoluteDwarfPath(name) || !directory) return normalizeDwarfPath(name);
  return normalizeDwarfPath(`${directory}${separatorOf(directory)}${name}`);
}

/**
 * Whether two paths name the same file as far as their trailing components go: the
 * shorter path's components must equal the longer one's last components. So
 * "hello.c", "./hello.c", "src/hello.c" and "/abs/path/src/hello.c" all match a DWARF
 * path "src/hello.c", but "other/hello.c" does not.
 */
export function pathSuffixMatches(dwarfPath: string, query: string): boolean {
  const a = components(normalizeDwarfPath(dwarfPath)).filter((part) => part !== '..');
  const b = components(normalizeDwarfPath(query)).filter((part) => part !== '..');
  if (a.length === 0 || b.length === 0) return false;
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  const offset = longer.length - shorter.length;
  for (let i = 0; i < shorter.length; i++) {
    if (!componentEquals(shorter[i], longer[offset + i])) return false;
  }
  return true;
}

/** How many trailing components two paths share (used to rank several suffix matches). */
export function commonSuffixLength(first: string, second: string): number {
  const a = components(normalizeDwarfPath(first));
  const b = components(normalizeDwarfPath(second));
  let count = 0;
  while (count < a.length && count < b.length && componentEquals(a[a.length - 1 - count], b[b.length - 1 - count])) count++;
  return count;
}

function componentEquals(a: string, b: string): boolean {
  // Windows drive letters differ only in case between tools.
  return a === b || (/^[A-Za-z]:$/.test(a) && a.toLowerCase() === b.toLowerCase());
}

export interface SourcePathResolverOptions {
  /** DWARF path prefix -> local path prefix, applied before anything else (longest prefix wins). */
  readonly sourceMap?: Readonly<Record<string, string>>;
  /** Folders to try relative DWARF paths against, in order (e.g. the workspace and the program's folder). */
  readonly baseFolders?: readonly string[];
  /** Overridable for tests; defaults to fs.existsSync. */
  readonly fileExists?: (localPath: string) => boolean;
}

/** Maps DWARF source paths to local files and back. */
export class SourcePathResolver {
  private readonly mappings: { dwarfPrefix: string; localPrefix: string }[];
  private readonly baseFolders: readonly string[];
  private readonly fileExists: (localPath: string) => boolean;
  private readonly cache = new Map<string, string | undefined>();

  constructor(options: SourcePathResolverOptions = {}) {
    this.mappings = Object.entries(options.sourceMap ?? {})
      .map(([dwarfPrefix, localPrefix]) => ({ dwarfPrefix: normalizeDwarfPath(dwarfPrefix), localPrefix }))
      .sort((a, b) => b.dwarfPrefix.length - a.dwarfPrefix.length);
    this.baseFolders = options.baseFolders ?? [];
    this.fileExists = options.fileExists ?? ((localPath) => fs.existsSync(localPath));
  }

  /**
   * The local file for a DWARF path: the sourceMap first, then relative paths against
   * each base folder; the first candidate that exists wins. Undefined when none exists.
   */
  toLocal(dwarfPath: string): string | undefined {
    if (this.cache.has(dwarfPath)) return this.cache.get(dwarfPath);
    const found = this.candidates(dwarfPath).find((candidate) => this.fileExists(candidate));
    this.cache.set(dwarfPath, found);
    return found;
  }

  /** Like toLocal, but falls back to the best guess (the first candidate) when nothing exists. */
  toLocalOrGuess(dwarfPath: string): string {
    return this.toLocal(dwarfPath) ?? this.candidates(dwarfPath)[0] ?? dwarfPath;
  }

  /** Candidate local paths for a DWARF path, most likely first. */
  candidates(dwarfPath: string): string[] {
    const normalized = normalizeDwarfPath(dwarfPath);
    const result: string[] = [];
    const mapped = this.applySourceMap(normalized);
    const bases = this.baseFolders;
    for (const candidate of mapped !== undefined ? [mapped, normalized] : [normalized]) {
      if (isAbsoluteDwarfPath(candidate)) {
        result.push(candidate);
      } else {
        for (const base of bases) result.push(path.resolve(base, candidate));
      }
    }
    return [...new Set(result)];
  }

  /**
   * The DWARF path prefix form of a local path: undoes the sourceMap so that a path the
   * editor sends can be matched against DWARF paths. Returns the local path when no
   * mapping applies.
   */
  toDwarf(localPath: string): string {
    const normalized = normalizeDwarfPath(localPath);
    for (const { dwarfPrefix, localPrefix } of [...this.mappings].sort((a, b) => b.localPrefix.length - a.localPrefix.length)) {
      const prefix = normalizeDwarfPath(localPrefix);
      const rest = stripPrefix(normalized, prefix);
      if (rest !== undefined) return joinDwarfPath(dwarfPrefix, rest);
    }
    return normalized;
  }

  private applySourceMap(dwarfPath: string): string | undefined {
    for (const { dwarfPrefix, localPrefix } of this.mappings) {
      const rest = stripPrefix(dwarfPath, dwarfPrefix);
      if (rest !== undefined) return rest === '' ? localPrefix : path.join(localPrefix, rest);
    }
    return undefined;
  }
}

/** The remainder of `value` after `prefix` on a component boundary, or undefined. */
function stripPrefix(value: string, prefix: string): string | undefined {
  if (prefix === '.' && !isAbsoluteDwarfPath(value)) return value === '.' ? '' : value;
  if (value === prefix) return '';
  const withSeparator = prefix.endsWith('/') || prefix.endsWith('\\') ? prefix : `${prefix}${separatorOf(prefix)}`;
  return value.startsWith(withSeparator) ? value.slice(withSeparator.length) : undefined;
}
