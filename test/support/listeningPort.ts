// Waiting for a local server (QEMU's gdbstub) to listen, without connecting to it.

import * as fs from 'fs';

/**
 * Waits until QEMU listens on the port. It watches /proc/net/tcp instead of connecting:
 * a connection that closes could count as a debugger leaving, which resumes the guest.
 */
export async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  while (Date.now() < deadline) {
    let table = '';
    try {
      table = fs.readFileSync('/proc/net/tcp', 'utf8');
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500)); // no procfs: give QEMU a moment
      return;
    }
    // local_address is "0100007F:PORT"; state 0A is LISTEN.
    if (table.split('\n').some((line) => line.includes(`:${portHex} `) && / 0A /.test(line))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`QEMU's gdbstub did not open port ${port}`);
}
