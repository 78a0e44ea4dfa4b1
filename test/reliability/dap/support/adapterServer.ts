// dist/debugAdapter.js in `--server` mode as a child process: one adapter process that
// serves many DAP sessions, one per TCP connection, so tests can check what survives
// from one session to the next (crashes, memory).

import { DebugClient } from '@vscode/debugadapter-testsupport';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import { ADAPTER, requireAdapter } from '../../../dap/dapSupport';

/**
 * Preloaded into the server with --expose-gc: on SIGUSR2 it collects garbage and
 * prints the heap in use, so a test can measure what survives between sessions
 * (the adapter itself exposes nothing of the kind).
 */
const HEAP_PROBE = `process.on('SIGUSR2', () => {
  global.gc(); global.gc();
  process.stderr.write('heapUsed=' + process.memoryUsage().heapUsed + ' rss=' + process.memoryUsage().rss + '\\n');
});`;

export class AdapterServer {
  private stderr = '';

  private constructor(readonly process: ChildProcess, readonly port: number, readonly banner: string) {
    process.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
  }

  /** A server with the heap probe preloaded (see heapAfterGc). */
  static async startWithHeapProbe(probeFile: string, adapterArgs: string[] = ['--server=0']): Promise<AdapterServer> {
    fs.writeFileSync(probeFile, HEAP_PROBE);
    return AdapterServer.start(adapterArgs, ['--expose-gc', '--require', probeFile]);
  }

  /** The server's heap in use after two full collections, in bytes. */
  async heapAfterGc(): Promise<{ heapUsed: number; rss: number }> {
    const seen = this.stderr.length;
    this.process.kill('SIGUSR2');
    for (let i = 0; i < 200; i++) {
      const m = /heapUsed=(\d+) rss=(\d+)/.exec(this.stderr.slice(seen));
      if (m) return { heapUsed: Number(m[1]), rss: Number(m[2]) };
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    throw new Error('the heap probe did not answer');
  }

  /** CPU time (user + system) the server has used so far, in clock ticks (/proc/PID/stat). */
  cpuTicks(): number {
    const fields = fs.readFileSync(`/proc/${this.process.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime and stime (fields 14 and 15 of proc(5))
  }

  /** Starts the server and waits for its "listening on HOST:PORT" line. */
  static async start(adapterArgs: string[] = ['--server=0'], nodeArgs: string[] = []): Promise<AdapterServer> {
    requireAdapter();
    const child = spawn(process.execPath, [...nodeArgs, ADAPTER, ...adapterArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const { port, banner } = await new Promise<{ port: number; banner: string }>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /listening on (\S+):(\d+)/.exec(stderr);
        if (m) resolve({ port: Number(m[2]), banner: m[0] });
      });
      child.on('exit', code => reject(new Error(`the adapter server exited (${code}): ${stderr}`)));
    });
    return new AdapterServer(child, port, banner);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** A DAP client connected to a new session of this server. */
  async connect(): Promise<DebugClient> {
    const client = new DebugClient('node', ADAPTER, 'arm64-guest');
    client.defaultTimeout = 10_000;
    await client.start(this.port);
    return client;
  }

  /** The server process's resident set (VmRSS in /proc/PID/status), in bytes. */
  residentBytes(): number {
    const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    if (!m) throw new Error('no VmRSS in /proc status');
    return Number(m[1]) * 1024;
  }

  stop(): void {
    if (this.alive) this.process.kill();
  }
}
