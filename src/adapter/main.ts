// Entry of dist/debugAdapter.js: the DAP session on stdin/stdout, or with
// `--server=PORT` one session per connection on 127.0.0.1, or on `--host=ADDRESS`
// (for debugging the adapter itself, or for DAP clients that connect to a port).

import * as net from 'net';
import { Arm64GuestSession } from './session';

function serverPort(argv: readonly string[]): number | undefined {
  for (const arg of argv) {
    const m = /^--server=(\d{1,5})$/.exec(arg);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** `--host=ADDRESS`: where `--server` listens; the loopback address unless told otherwise. */
function serverHost(argv: readonly string[]): string {
  for (const arg of argv) {
    const m = /^--host=(\S+)$/.exec(arg);
    if (m) return m[1];
  }
  return '127.0.0.1';
}

function main(): void {
  const port = serverPort(process.argv.slice(2));
  const host = serverHost(process.argv.slice(2));
  if (port === undefined) {
    const session = new Arm64GuestSession();
    process.on('SIGTERM', () => session.shutdown());
    session.start(process.stdin, process.stdout);
    return;
  }
  const server = net.createServer(socket => {
    socket.setNoDelay(true); // DAP is request/response in small messages: Nagle's delay would add ~40 ms to each
    const session = new Arm64GuestSession();
    session.setRunAsServer(true);
    session.start(socket, socket);
    // A client that goes away without "disconnect" must not leave its guest running.
    socket.on('close', () => session.release());
    socket.on('error', () => socket.destroy());
  });
  server.listen(port, host, () => {
    const address = server.address();
    process.stderr.write(`arm64-guest debug adapter listening on ${host}:${typeof address === 'object' && address ? address.port : port}\n`);
  });
}

main();
