// dist/debugAdapter.js --server: where it listens (the loopback address unless told
// otherwise, read from the kernel's socket table, not from the adapter's banner), that a
// client dropping its connection does not leave its guest running, and that a thousand
// launch/terminate sessions in one adapter process do not make it grow.

import * as assert from 'assert';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { ROOT, fixture, launchAndStop } from '../../dap/dapSupport';
import { AdapterServer } from './support/adapterServer';

const PROGRAM = fixture('steps-gcc-O0.elf');
const INFINITE_LOOP = path.join(ROOT, 'test/reliability/guests/infinite-loop.elf');

interface ListeningSocket {
  address: string;
  family: 4 | 6;
}

/** The sockets listening on `port` (state 0A in /proc/net/tcp and tcp6), with their local address. */
function listeningSockets(port: number): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const [file, family] of [['/proc/net/tcp', 4], ['/proc/net/tcp6', 6]] as const) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== '0A') continue;
      const [hexAddress, hexPort] = fields[1].split(':');
      if (parseInt(hexPort, 16) !== port) continue;
      sockets.push({ address: family === 4 ? ipv4FromProc(hexAddress) : hexAddress, family });
    }
  }
  return sockets;
}

/** /proc/net/tcp prints the IPv4 address as one little-endian 32-bit word in hex. */
function ipv4FromProc(hex: string): string {
  const word = parseInt(hex, 16);
  return [0, 8, 16, 24].map(shift => (word >>> shift) & 0xff).join('.');
}

async function launchTerminateDisconnect(server: AdapterServer): Promise<void> {
  const client = await server.connect();
  await launchAndStop(client, { program: PROGRAM, stopOnEntry: true, memory: '16M' });
  const terminated = client.waitForEvent('terminated');
  await client.terminateRequest({});
  await terminated;
  await client.stop(); // disconnect, then close the connection
}

describe('reliability (DAP): the --server adapter', function () {
  this.timeout(120_000);
  const servers: AdapterServer[] = [];
  afterEach(() => { for (const server of servers.splice(0)) server.stop(); });

  async function start(args: string[]): Promise<AdapterServer> {
    const server = await AdapterServer.start(args);
    servers.push(server);
    return server;
  }

  it('listens on 127.0.0.1 only by default', async () => {
    const server = await start(['--server=0']);
    assert.deepStrictEqual(listeningSockets(server.port), [{ address: '127.0.0.1', family: 4 }]);
    assert.match(server.banner, /^listening on 127\.0\.0\.1:\d+$/);
  });

  it('listens where --host says when told otherwise', async () => {
    // Another loopback address: proves the option is honoured without opening the test machine to the network.
    const server = await start(['--server=0', '--host=127.0.0.2']);
    assert.deepStrictEqual(listeningSockets(server.port), [{ address: '127.0.0.2', family: 4 }]);
  });

  it('ends the guest of a client that drops its connection without disconnect', async () => {
    const server = await start(['--server=0']);
    const client = await server.connect();
    await launchAndStop(client, { program: INFINITE_LOOP, stopOnEntry: true });
    await client.continueRequest({ threadId: 1 });
    await new Promise(resolve => setTimeout(resolve, 200));
    // Drop the connection the rude way: no disconnect request.
    (client as unknown as { _socket: net.Socket })._socket.destroy();
    await new Promise(resolve => setTimeout(resolve, 300));
    const before = server.cpuTicks();
    await new Promise(resolve => setTimeout(resolve, 1_000));
    const spent = server.cpuTicks() - before;
    assert.ok(spent < 20, `the server idles once the client is gone (spent ${spent} ticks of CPU in 1 s)`);
    // And it still serves the next client.
    await launchTerminateDisconnect(server);
  });

  it('does not grow over 1,000 launch/terminate sessions in one process', async function () {
    this.timeout(180_000);
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'heap-probe-')), 'heapProbe.js');
    const server = await AdapterServer.startWithHeapProbe(probe);
    servers.push(server);
    const started = Date.now();
    let atHundred: { heapUsed: number; rss: number } | undefined;
    for (let cycle = 1; cycle <= 1_000; cycle++) {
      await launchTerminateDisconnect(server);
      if (cycle === 100) atHundred = await server.heapAfterGc();
    }
    const atThousand = await server.heapAfterGc();
    const seconds = (Date.now() - started) / 1000;
    fs.rmSync(path.dirname(probe), { recursive: true, force: true });
    const heapGrowth = atThousand.heapUsed - atHundred!.heapUsed;
    const rssGrowth = atThousand.rss - atHundred!.rss;
    // One leaked session holds at least its 16 MiB of guest RAM and the parsed program
    // (hundreds of KiB of heap): 900 leaked sessions would exceed these bounds many times over.
    assert.ok(heapGrowth < 8 * 1024 * 1024, `heap grew by ${(heapGrowth / 1048576).toFixed(1)} MiB from session 100 to 1000 (${seconds.toFixed(0)} s)`);
    assert.ok(rssGrowth < 64 * 1024 * 1024, `resident memory grew by ${(rssGrowth / 1048576).toFixed(1)} MiB from session 100 to 1000`);
    assert.ok(server.alive);
  });
});
