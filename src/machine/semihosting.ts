// Arm semihosting (HLT #0xF000 in A64): operation in W0, parameter in X1, result in X0
// (ARM-software/abi-aa semihosting.rst). Console I/O always works; host files only
// inside the folder the user named; SYS_SYSTEM never runs anything.

import * as fs from 'fs';
import { HostFileRefused, HostFolder } from './hostFiles';

export const SYS_OPEN = 0x01;
export const SYS_CLOSE = 0x02;
export const SYS_WRITEC = 0x03;
export const SYS_WRITE0 = 0x04;
export const SYS_WRITE = 0x05;
export const SYS_READ = 0x06;
export const SYS_READC = 0x07;
export const SYS_ISERROR = 0x08;
export const SYS_ISTTY = 0x09;
export const SYS_SEEK = 0x0a;
export const SYS_FLEN = 0x0c;
export const SYS_TMPNAM = 0x0d;
export const SYS_REMOVE = 0x0e;
export const SYS_RENAME = 0x0f;
export const SYS_CLOCK = 0x10;
export const SYS_TIME = 0x11;
export const SYS_SYSTEM = 0x12;
export const SYS_ERRNO = 0x13;
export const SYS_GET_CMDLINE = 0x15;
export const SYS_HEAPINFO = 0x16;
export const SYS_EXIT = 0x18;
export const SYS_EXIT_EXTENDED = 0x20;
export const SYS_ELAPSED = 0x30;
export const SYS_TICKFREQ = 0x31;

/** ADP_Stopped_ApplicationExit: "exit with status subcode". */
export const ADP_STOPPED_APPLICATION_EXIT = 0x20026;

const EPERM = 1;
const ENOENT = 2;
const EBADF = 9;
const EACCES = 13;
const ENOTDIR = 20;
const EISDIR = 21;
const EINVAL = 22;

/** Semihosting's own view of time: a 1 GHz core, so time is deterministic. */
const TICKS_PER_SECOND = 1_000_000_000;
const MINUS_ONE = BigInt.asUintN(64, -1n);

/** The `:semihosting-features` pseudo-file: magic "SHFB", then EXIT_EXTENDED | STDOUT_STDERR. */
const FEATURES = Uint8Array.of(0x53, 0x48, 0x46, 0x42, 0x03);

/** What semihosting needs from the machine around it. */
export interface SemihostingGuest {
  readMemory(address: number, length: number): Uint8Array;
  writeMemory(address: number, data: Uint8Array): void;
  /** Retired instructions, the clock of SYS_CLOCK/SYS_ELAPSED. */
  instructions(): number;
}

export interface SemihostingOptions {
  /** Console output: stream 1 = stdout, 2 = stderr. */
  output: (data: Uint8Array, stream: 1 | 2) => void;
  /** Program name and arguments for SYS_GET_CMDLINE. */
  commandLine: string[];
  /** Host folder the guest may use; undefined: no host file access at all. */
  hostFolder?: string;
  ramBase: number;
  ramSize: number;
}

export type SemihostingResult = { kind: 'return'; x0: bigint } | { kind: 'exit'; status: number };

type Handle =
  | { kind: 'console'; stream: 0 | 1 | 2 }
  | { kind: 'features'; position: number }
  | { kind: 'file'; fd: number; position: number };

/** Error raised while reading guest memory for a call: the call fails with EFAULT-like -1. */
class BadGuestPointer extends Error {}

export class Semihosting {
  private readonly handles = new Map<number, Handle>();
  private nextHandle = 1;
  private errno = 0;
  private readonly hostFolder: HostFolder | undefined;

  constructor(private readonly guest: SemihostingGuest, private readonly options: SemihostingOptions) {
    this.hostFolder = options.hostFolder ? new HostFolder(options.hostFolder) : undefined;
  }

  /** Closes every host file the guest left open. */
  dispose(): void {
    for (const handle of this.handles.values()) {
      if (handle.kind === 'file') {
        try {
          fs.closeSync(handle.fd);
        } catch {
          // Already gone; nothing left to release.
        }
      }
    }
    this.handles.clear();
  }

  call(operation: number, parameter: bigint): SemihostingResult {
    try {
      return this.dispatch(operation >>> 0, parameter);
    } catch (e) {
      if (e instanceof BadGuestPointer) return this.fail(EINVAL);
      throw e;
    }
  }

  private dispatch(op: number, x1: bigint): SemihostingResult {
    const p = Number(x1 & 0xffffffffffffn);
    switch (op) {
      case SYS_WRITEC: this.write(1, this.read(p, 1)); return ok(0n);
      case SYS_WRITE0: this.write(1, this.readCString(p)); return ok(0n);
      case SYS_WRITE: { const [h, buf, len] = this.args(p, 3); return this.writeHandle(Number(h), Number(buf), Number(len)); }
      case SYS_READ: { const [h, buf, len] = this.args(p, 3); return this.readHandle(Number(h), Number(buf), Number(len)); }
      case SYS_READC: return ok(MINUS_ONE);
      case SYS_OPEN: { const [name, mode, len] = this.args(p, 3); return this.open(this.readString(Number(name), Number(len)), Number(mode)); }
      case SYS_CLOSE: return this.close(Number(this.args(p, 1)[0]));
      case SYS_ISTTY: { const h = this.handles.get(Number(this.args(p, 1)[0])); return h ? ok(h.kind === 'console' ? 1n : 0n) : this.fail(EBADF); }
      case SYS_SEEK: { const [h, pos] = this.args(p, 2); return this.seek(Number(h), Number(pos)); }
      case SYS_FLEN: return this.flen(Number(this.args(p, 1)[0]));
      case SYS_ISERROR: return ok(BigInt.asIntN(64, this.args(p, 1)[0]) < 0n ? 1n : 0n);
      case SYS_TMPNAM: return this.fail(EPERM);
      case SYS_REMOVE: { const [name, len] = this.args(p, 2); return this.remove(this.readString(Number(name), Number(len))); }
      case SYS_RENAME: { const [a, alen, b, blen] = this.args(p, 4); return this.rename(this.readString(Number(a), Number(alen)), this.readString(Number(b), Number(blen))); }
      case SYS_CLOCK: return ok(BigInt(Math.floor(this.guest.instructions() / (TICKS_PER_SECOND / 100))));
      case SYS_TIME: return ok(BigInt(Math.floor(Date.now() / 1000)));
      // Running host commands is never allowed.
      case SYS_SYSTEM: return this.fail(EPERM);
      case SYS_ERRNO: return ok(BigInt(this.errno));
      case SYS_GET_CMDLINE: return this.getCommandLine(p);
      case SYS_HEAPINFO: return this.heapInfo(p);
      case SYS_EXIT: return this.exit(x1, false);
      case SYS_EXIT_EXTENDED: return this.exit(x1, true);
      case SYS_ELAPSED: this.writeWords(p, [BigInt(this.guest.instructions())]); return ok(0n);
      case SYS_TICKFREQ: return ok(BigInt(TICKS_PER_SECOND));
      default: return this.fail(EINVAL);
    }
  }

  // ---- Guest memory ------------------------------------------------------------------

  private read(address: number, length: number): Uint8Array {
    try {
      return this.guest.readMemory(address, length);
    } catch {
      throw new BadGuestPointer();
    }
  }

  private args(address: number, count: number): bigint[] {
    const bytes = this.read(address, 8 * count);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return Array.from({ length: count }, (_, i) => view.getBigUint64(8 * i, true));
  }

  private writeWords(address: number, words: bigint[]): void {
    const bytes = new Uint8Array(8 * words.length);
    const view = new DataView(bytes.buffer);
    words.forEach((w, i) => view.setBigUint64(8 * i, BigInt.asUintN(64, w), true));
    try {
      this.guest.writeMemory(address, bytes);
    } catch {
      throw new BadGuestPointer();
    }
  }

  private readCString(address: number): Uint8Array {
    const chunks: number[] = [];
    for (let a = address; chunks.length < 1 << 20; a++) {
      const b = this.read(a, 1)[0];
      if (b === 0) break;
      chunks.push(b);
    }
    return Uint8Array.from(chunks);
  }

  private readString(address: number, length: number): string {
    if (length < 0 || length > 4096) throw new BadGuestPointer();
    return Buffer.from(this.read(address, length)).toString('latin1');
  }

  // ---- Operations --------------------------------------------------------------------

  private fail(errno: number): SemihostingResult {
    this.errno = errno;
    return ok(MINUS_ONE);
  }

  private write(stream: 1 | 2, data: Uint8Array): void {
    if (data.length > 0) this.options.output(data, stream);
  }

  private writeHandle(h: number, buf: number, len: number): SemihostingResult {
    const handle = this.handles.get(h);
    if (!handle) return this.fail(EBADF);
    const data = this.read(buf, len);
    if (handle.kind === 'console') {
      if (handle.stream === 0) return this.fail(EBADF);
      this.write(handle.stream, data);
      return ok(0n);
    }
    if (handle.kind === 'features') return this.fail(EBADF);
    let written: number;
    try {
      written = fs.writeSync(handle.fd, data, 0, data.length, handle.position);
    } catch (e) {
      return this.fail(errnoOf(e));
    }
    handle.position += written;
    return ok(BigInt(len - written));
  }

  private readHandle(h: number, buf: number, len: number): SemihostingResult {
    const handle = this.handles.get(h);
    if (!handle) return this.fail(EBADF);
    if (handle.kind === 'console') return ok(BigInt(len)); // no console input: end of file
    let data: Uint8Array;
    if (handle.kind === 'features') {
      data = FEATURES.subarray(handle.position, handle.position + len);
      handle.position += data.length;
    } else {
      const buffer = Buffer.alloc(Math.min(len, 1 << 24));
      let n: number;
      try {
        // Reading a directory, or a handle opened write-only, is the guest's error, not ours.
        n = fs.readSync(handle.fd, buffer, 0, buffer.length, handle.position);
      } catch (e) {
        return this.fail(errnoOf(e));
      }
      handle.position += n;
      data = buffer.subarray(0, n);
    }
    try {
      this.guest.writeMemory(buf, data);
    } catch {
      throw new BadGuestPointer();
    }
    return ok(BigInt(len - data.length));
  }

  private allocate(handle: Handle): SemihostingResult {
    const h = this.nextHandle++;
    this.handles.set(h, handle);
    return ok(BigInt(h));
  }

  private open(name: string, mode: number): SemihostingResult {
    if (name === ':tt') {
      // Modes 0-3 read (stdin), 4-7 write (stdout), 8-11 append (stderr).
      return this.allocate({ kind: 'console', stream: mode < 4 ? 0 : mode < 8 ? 1 : 2 });
    }
    if (name === ':semihosting-features') {
      return mode < 4 ? this.allocate({ kind: 'features', position: 0 }) : this.fail(EACCES);
    }
    if (mode < 0 || mode > 11) return this.fail(EINVAL);
    const hostPath = this.hostPath(name);
    if (typeof hostPath === 'number') return this.fail(hostPath);
    const flags = ['r', 'r', 'r+', 'r+', 'w', 'w', 'w+', 'w+', 'a', 'a', 'a+', 'a+'][mode];
    try {
      const fd = fs.openSync(hostPath, flags);
      const position = flags.startsWith('a') ? fs.fstatSync(fd).size : 0;
      return this.allocate({ kind: 'file', fd, position });
    } catch (e) {
      return this.fail(errnoOf(e));
    }
  }

  /** The host path for a guest file name, or an errno when the guest may not touch it. */
  private hostPath(name: string): string | number {
    if (!this.hostFolder) return EPERM;
    try {
      return this.hostFolder.resolve(name);
    } catch (e) {
      if (e instanceof HostFileRefused) return EACCES;
      throw e;
    }
  }

  private close(h: number): SemihostingResult {
    const handle = this.handles.get(h);
    if (!handle) return this.fail(EBADF);
    this.handles.delete(h);
    if (handle.kind === 'file') {
      try {
        fs.closeSync(handle.fd);
      } catch (e) {
        return this.fail(errnoOf(e));
      }
    }
    return ok(0n);
  }

  private seek(h: number, position: number): SemihostingResult {
    const handle = this.handles.get(h);
    if (!handle || handle.kind === 'console') return this.fail(EBADF);
    // Host file offsets are exact only below 2^53.
    if (position < 0 || !Number.isSafeInteger(position)) return this.fail(EINVAL);
    handle.position = position;
    return ok(0n);
  }

  private flen(h: number): SemihostingResult {
    const handle = this.handles.get(h);
    if (!handle || handle.kind === 'console') return this.fail(EBADF);
    if (handle.kind === 'features') return ok(BigInt(FEATURES.length));
    try {
      return ok(BigInt(fs.fstatSync(handle.fd).size));
    } catch (e) {
      return this.fail(errnoOf(e));
    }
  }

  private remove(name: string): SemihostingResult {
    const hostPath = this.hostPath(name);
    if (typeof hostPath === 'number') return this.fail(hostPath);
    try {
      fs.unlinkSync(hostPath);
      return ok(0n);
    } catch (e) {
      return this.fail(errnoOf(e));
    }
  }

  private rename(from: string, to: string): SemihostingResult {
    const a = this.hostPath(from);
    const b = this.hostPath(to);
    if (typeof a === 'number') return this.fail(a);
    if (typeof b === 'number') return this.fail(b);
    try {
      fs.renameSync(a, b);
      return ok(0n);
    } catch (e) {
      return this.fail(errnoOf(e));
    }
  }

  private getCommandLine(p: number): SemihostingResult {
    const [buf, len] = this.args(p, 2);
    const text = Buffer.from(this.options.commandLine.join(' ') + '\0', 'latin1');
    if (text.length > Number(len)) return this.fail(EINVAL);
    try {
      this.guest.writeMemory(Number(buf), text);
    } catch {
      throw new BadGuestPointer();
    }
    this.writeWords(p + 8, [BigInt(text.length - 1)]);
    return ok(0n);
  }

  /** As QEMU's system mode: heap in the upper half of RAM, the stack growing down from its end. */
  private heapInfo(p: number): SemihostingResult {
    const block = Number(this.args(p, 1)[0]);
    const { ramBase, ramSize } = this.options;
    this.writeWords(block, [BigInt(ramBase + ramSize / 2), BigInt(ramBase + ramSize), BigInt(ramBase + ramSize), BigInt(ramBase)]);
    return ok(0n);
  }

  private exit(x1: bigint, extended: boolean): SemihostingResult {
    let reason: bigint;
    let subcode = 0n;
    try {
      [reason, subcode] = this.args(Number(x1 & 0xffffffffffffn), 2);
    } catch (e) {
      if (!(e instanceof BadGuestPointer) || extended) throw e;
      // Some startup code passes the reason itself in X1.
      reason = x1;
    }
    const status = reason === BigInt(ADP_STOPPED_APPLICATION_EXIT) ? Number(BigInt.asIntN(32, subcode)) : 1;
    return { kind: 'exit', status };
  }
}

function ok(x0: bigint): SemihostingResult {
  return { kind: 'return', x0 };
}

function errnoOf(e: unknown): number {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return ENOENT;
  if (code === 'EACCES' || code === 'EPERM') return EACCES;
  if (code === 'EISDIR') return EISDIR;
  if (code === 'ENOTDIR') return ENOTDIR;
  if (code === 'EBADF') return EBADF;
  return EINVAL;
}
