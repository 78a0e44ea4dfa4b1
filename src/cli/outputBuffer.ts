// Collects guest console bytes and writes them to the host's stdout/stderr in
// large synchronous writes, so output order and completeness survive process exit.

import * as fs from 'fs';

export class OutputBuffer {
  private chunks: { data: Uint8Array; stream: 1 | 2 }[] = [];
  private size = 0;

  write(data: Uint8Array, stream: 1 | 2): void {
    this.chunks.push({ data: data.slice(), stream });
    this.size += data.length;
    if (this.size > 1 << 16) this.flush();
  }

  flush(): void {
    for (const { data, stream } of this.chunks) writeAll(stream, data);
    this.chunks = [];
    this.size = 0;
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += fs.writeSync(fd, data, offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}
