// What gdb prints for the same stops: gdb-multiarch attached to qemu-system-aarch64's
// gdbstub (bound to 127.0.0.1 only), breaking at the fixture's STOP lines and running
// `info args`, `info locals` and `print EXPR` at each. The replies are collected per
// stop and command.

import { spawn, spawnSync } from 'child_process';
import { waitForPort } from '../../support/listeningPort';
import * as net from 'net';

export interface GdbStop {
  readonly line: number;
  readonly commands: readonly string[];
}

/** gdb's reply to each command, per stop: `replies[stop][command]` (the lines it printed). */
export type GdbReplies = string[][][];

export function hasCommand(command: string): boolean {
  const result = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return result.status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const MARKER = '@@gdb-reference@@';

/** Runs `elf` under QEMU and gdb, stopping at `source`:line of each stop in order (each line must be reached once). */
export async function gdbReplies(elf: string, source: string, stops: readonly GdbStop[]): Promise<GdbReplies> {
  // Another process may take the free port before QEMU binds it: then try another one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const qemu = spawn(
      'qemu-system-aarch64',
      ['-M', 'virt', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel', elf, '-gdb', `tcp:127.0.0.1:${port}`, '-S', '-monitor', 'none', '-serial', 'none'],
      { stdio: 'ignore' },
    );
    try {
      await waitForPort(port);
    } catch (error) {
      qemu.kill();
      if (attempt >= 3) throw error;
      continue;
    }
    try {
      return await askGdb(elf, source, stops, port);
    } finally {
      qemu.kill();
    }
  }
}

async function askGdb(elf: string, source: string, stops: readonly GdbStop[], port: number): Promise<GdbReplies> {
  const args = ['-nx', '-batch', '-ex', 'set pagination off', '-ex', 'set width 0', '-ex', 'set confirm off', '-ex', `file ${elf}`, '-ex', `target remote 127.0.0.1:${port}`];
  stops.forEach((stop) => args.push('-ex', `break ${source}:${stop.line}`));
  stops.forEach((stop, index) => {
    // The stop's own report ("Breakpoint 2, f (...)") goes to a bucket nobody reads.
    args.push('-ex', `echo ${MARKER} continue\\n`, '-ex', 'continue');
    for (const [commandIndex, command] of stop.commands.entries()) {
      args.push('-ex', `echo ${MARKER} ${index} ${commandIndex}\\n`, '-ex', command);
    }
    // Each stop is the first time its line runs: its breakpoint goes once it is hit.
    args.push('-ex', `echo ${MARKER} continue\\n`, '-ex', `delete ${index + 1}`);
  });
  args.push('-ex', `echo ${MARKER} end\\n`, '-ex', 'kill');
  const output = await run('gdb-multiarch', args, 60_000);
  return parseReplies(output, stops);
}

function parseReplies(output: string, stops: readonly GdbStop[]): GdbReplies {
  const replies: GdbReplies = stops.map((stop) => stop.commands.map(() => []));
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith(MARKER)) {
      const [stop, command] = line.slice(MARKER.length).trim().split(' ').map(Number);
      current = Number.isInteger(stop) && Number.isInteger(command) ? replies[stop][command] : undefined;
      continue;
    }
    if (current && line.trim() !== '' && !line.startsWith('warning:')) current.push(line);
  }
  return replies;
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // stderr joins stdout in order: gdb's errors are replies too.
    const child = spawn('sh', ['-c', `exec "$0" "$@" 2>&1`, command, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${command} did not finish in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}
