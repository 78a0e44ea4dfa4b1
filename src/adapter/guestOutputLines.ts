// Guest output (semihosting WRITEC, the UART) arrives byte by byte. It is
// decoded as UTF-8 and gathered into lines, so the client gets one output event per
// line instead of per byte; a partial line goes out after a short wait, and everything
// pending goes out before a stop or exit event so the order on screen is right.

/** A partial line of guest output waits at most this long. */
const OUTPUT_FLUSH_MS = 50;

/** 1 is the guest's stdout, 2 its stderr. */
export type GuestStream = 1 | 2;

export class GuestOutputLines {
  private readonly decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
  private readonly pending = { 1: '', 2: '' };
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly send: (text: string, category: 'stdout' | 'stderr') => void) {}

  /** Bytes from the guest: whole lines leave now, the rest waits for more or the timer. */
  write(data: Uint8Array, stream: GuestStream): void {
    this.pending[stream] += this.decoders[stream].decode(data, { stream: true });
    const text = this.pending[stream];
    const end = text.lastIndexOf('\n');
    if (end >= 0) {
      this.pending[stream] = text.slice(end + 1);
      this.send(text.slice(0, end + 1), categoryOf(stream));
    }
    if (this.pending[stream] && !this.timer) {
      this.timer = setTimeout(() => this.flush(), OUTPUT_FLUSH_MS);
    }
  }

  /** Sends what is pending; `final` also ends the UTF-8 decoders (an incomplete sequence comes out as U+FFFD). */
  flush(final = false): void {
    this.cancelTimer();
    for (const stream of [1, 2] as const) {
      const text = this.pending[stream] + (final ? this.decoders[stream].decode() : '');
      this.pending[stream] = '';
      if (text) this.send(text, categoryOf(stream));
    }
  }

  /** Drops the pending flush: the session is going away. */
  cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function categoryOf(stream: GuestStream): 'stdout' | 'stderr' {
  return stream === 2 ? 'stderr' : 'stdout';
}
