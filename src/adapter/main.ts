// Entry of dist/debugAdapter.js: the DAP session on stdin/stdout, or with
// `--server=PORT` one session per connection on 127.0.0.1 (for debugging the adapter
// itself, or for DAP clients that connect to a port).

import * as net from 'net';
import { Arm64GuestSession } from './session';

function serverPort(argv: readonly string[]): number | undefined {
  for (const arg of argv) {
    const m = /^--server=(\d{1,5})$/.exec(arg);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function main(): void {
  const port = serverPort(process.argv.slice(2));
  if (port === undefined) {
    const session = new Arm64GuestSession();
    process.on('SIGTERM', () => session.shutdown());
    session.start(process.stdin, process.stdout);
    return;
  }
  const server = net.createServer(socket => {
    const session = new Arm64GuestSession();
    session.setRunAsServer(true);
    session.start(socket, socket);
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    process.stderr.write(`arm64-guest debug adapter listening on 127.0.0.1:${typeof address === 'object' && address ? address.port : port}\n`);
  });
}

main();
