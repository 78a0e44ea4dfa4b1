// A DAP client talking to an adapter session in the same process over a pair of
// streams, with the same framing (Content-Length headers) a DAP client uses over stdio:
// the command line drives the very session VS Code drives, not a side door.

import type { DebugProtocol } from '@vscode/debugprotocol';
import { PassThrough } from 'stream';

export interface DapSession {
  start(inStream: NodeJS.ReadableStream, outStream: NodeJS.WritableStream): void;
}

type EventListener = (event: DebugProtocol.Event) => void;

export class InProcessDapClient {
  private readonly toAdapter = new PassThrough();
  private readonly fromAdapter = new PassThrough();
  private buffer = Buffer.alloc(0);
  private sequence = 1;
  private readonly pending = new Map<number, { resolve: (r: DebugProtocol.Response) => void; reject: (e: Error) => void }>();
  private readonly listeners: EventListener[] = [];

  constructor(session: DapSession) {
    session.start(this.toAdapter, this.fromAdapter);
    this.fromAdapter.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
  }

  onEvent(listener: EventListener): void {
    this.listeners.push(listener);
  }

  /** Sends a request; resolves with the response, rejects with the adapter's message on failure. */
  request<R extends DebugProtocol.Response>(command: string, args?: unknown): Promise<R> {
    const seq = this.sequence++;
    const message: DebugProtocol.Request = { seq, type: 'request', command, arguments: args };
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return new Promise<R>((resolve, reject) => {
      this.pending.set(seq, {
        resolve: r => (r.success ? resolve(r as R) : reject(new Error(r.message ?? `${command} failed`))),
        reject,
      });
      this.toAdapter.write(`Content-Length: ${body.length}\r\n\r\n`);
      this.toAdapter.write(body);
    });
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) throw new Error(`bad DAP header: ${header}`);
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as DebugProtocol.ProtocolMessage;
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: DebugProtocol.ProtocolMessage): void {
    if (message.type === 'response') {
      const response = message as DebugProtocol.Response;
      const waiter = this.pending.get(response.request_seq);
      this.pending.delete(response.request_seq);
      waiter?.resolve(response);
    } else if (message.type === 'event') {
      for (const listener of this.listeners) listener(message as DebugProtocol.Event);
    }
  }

  close(): void {
    this.toAdapter.end();
    for (const waiter of this.pending.values()) waiter.reject(new Error('session closed'));
    this.pending.clear();
  }
}
