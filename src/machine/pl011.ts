// The PL011 UART as QEMU models it for a guest that only prints: a write to UARTDR
// is output at once, the transmit FIFO is never full, the receive FIFO always empty.

const UARTDR = 0x000;
const UARTFR = 0x018;
const UARTFR_RXFE = 1 << 4;
const UARTFR_TXFE = 1 << 7;
/** PrimeCell identification registers at 0xFE0..0xFFC (PL011 r1p5). */
const PERIPHERAL_ID = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

export class Pl011 {
  /** Registers the guest wrote, read back as written (control, baud rate, masks). */
  private readonly registers = new Map<number, number>();

  constructor(private readonly output: (data: Uint8Array) => void) {}

  read(offset: number): number {
    if (offset === UARTDR) return 0;
    if (offset === UARTFR) return UARTFR_RXFE | UARTFR_TXFE;
    if (offset >= 0xfe0 && offset <= 0xffc) return PERIPHERAL_ID[(offset - 0xfe0) >> 2];
    return this.registers.get(offset) ?? 0;
  }

  write(offset: number, value: number): void {
    if (offset === UARTDR) {
      this.output(Uint8Array.of(value & 0xff));
      return;
    }
    if (offset !== UARTFR) this.registers.set(offset, value);
  }
}
