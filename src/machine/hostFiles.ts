// The guest's view of host files through semihosting. This is a security boundary:
// without a named folder nothing on the host is touched; with one, every path must
// resolve (after following symlinks) to a place inside that folder.

import * as fs from 'fs';
import * as path from 'path';

export class HostFileRefused extends Error {}

export class HostFolder {
  private readonly root: string;

  constructor(folder: string) {
    let root: string;
    try {
      root = fs.realpathSync(folder);
    } catch {
      throw new Error(`semihosting host folder '${folder}' does not exist`);
    }
    if (!fs.statSync(root).isDirectory()) throw new Error(`semihosting host folder '${folder}' is not a directory`);
    this.root = root;
  }

  /**
   * The host path for a guest path, or HostFileRefused. Absolute paths, `..` and
   * symlinks that lead outside the folder are refused.
   */
  resolve(guestPath: string): string {
    if (guestPath.length === 0) throw new HostFileRefused('empty path');
    if (guestPath.includes('\0')) throw new HostFileRefused('path contains a NUL byte');
    if (path.isAbsolute(guestPath) || /^[a-zA-Z]:/.test(guestPath)) throw new HostFileRefused(`absolute path '${guestPath}' refused`);
    const parts = guestPath.split(/[\\/]+/);
    if (parts.includes('..')) throw new HostFileRefused(`path '${guestPath}' leaves the host folder`);
    const candidate = path.join(this.root, ...parts);
    this.checkInside(candidate, guestPath);
    return candidate;
  }

  /**
   * Follows symlinks of the existing part of the path and checks it stays inside. A path
   * component that is a link counts as existing even when its target does not: opening
   * a dangling link for writing would create its target, wherever that is.
   */
  private checkInside(candidate: string, guestPath: string): void {
    let existing = candidate;
    const rest: string[] = [];
    while (!entryExists(existing)) {
      rest.unshift(path.basename(existing));
      const parent = path.dirname(existing);
      if (parent === existing) break;
      existing = parent;
    }
    let real: string;
    try {
      real = fs.realpathSync(existing);
    } catch {
      // A dangling symlink: refuse rather than guess where it points.
      throw new HostFileRefused(`path '${guestPath}' goes through a broken link`);
    }
    const resolved = path.join(real, ...rest);
    if (resolved !== this.root && !resolved.startsWith(this.root + path.sep)) {
      throw new HostFileRefused(`path '${guestPath}' leads outside the host folder`);
    }
  }
}

/** Whether a directory entry exists at `p`, without following a final symlink. */
function entryExists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
