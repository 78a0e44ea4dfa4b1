// Collects guest console bytes and writes them to the host's stdout/stderr in
// large synchronous writes, so output order and completeness survive process exit.
// Consecutive bytes for the same stream are joined first: a guest printing one UART
// byte at a time must not cost one system call per byte.

import * as fs from 'fs';

const FLUSH_THRESHOLD = 1 << 16;

export class OutputBuffer {
  private chunks: { data: Uint8Array; stream: 1 | 2 }[] = [];
  private size = 0;
  /** Streams whose reader went away (EPIPE, e.g. `| head`): the guest runs on, unheard. */
  private readonly closed = new Set<number>();

  write(data: Uint8Array, stream: 1 | 2): void {
    this.chunks.push({ data: data.slice(), stream });
    this.size += data.length;
    if (this.size > FLUSH_THRESHOLD) this.flush();
  }

  flush(): void {
    let start = 0;
    while (start < this.chunks.length) {
      // The run of chunks for one stream, written as one buffer.
      const stream = this.chunks[start].stream;
      let end = start;
      let length = 0;
      while (end < this.chunks.length && this.chunks[end].stream === stream) length += this.chunks[end++].data.length;
      if (!this.closed.has(stream) && !writeAll(stream, end - start === 1 ? this.chunks[start].data : Buffer.concat(this.chunks.slice(start, end).map((c) => c.data), length))) {
        this.closed.add(stream);
      }
      start = end;
    }
    this.chunks = [];
    this.size = 0;
  }
}

/** Writes everything; false when the reader has gone away. */
function writeAll(fd: number, data: Uint8Array): boolean {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += fs.writeSync(fd, data, offset);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      if (code !== 'EAGAIN') throw e;
    }
  }
  return true;
}
