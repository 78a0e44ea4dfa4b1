// The text form of guest memory shown by "View Memory at Address…" when VS Code's
// binary (hex editor) view is not installed: 16 bytes a row, address, bytes, ASCII.

export const BYTES_PER_ROW = 16;

/**
 * Formats `bytes` read at `address`. Bytes past `bytes.length` up to `length`
 * (the DAP `unreadableBytes`) print as `??`, so an unmapped tail is visible as such.
 */
export function formatHexDump(address: bigint, bytes: Uint8Array, length: number = bytes.length): string {
  const rows: string[] = [];
  for (let offset = 0; offset < length; offset += BYTES_PER_ROW) {
    const cells: string[] = [];
    let text = '';
    for (let column = 0; column < BYTES_PER_ROW && offset + column < length; column++) {
      const index = offset + column;
      if (index < bytes.length) {
        cells.push(bytes[index].toString(16).padStart(2, '0'));
        text += printable(bytes[index]);
      } else {
        cells.push('??');
        text += ' ';
      }
    }
    const hex = cells.slice(0, 8).join(' ') + (cells.length > 8 ? '  ' + cells.slice(8).join(' ') : '');
    rows.push(`${formatAddress(address + BigInt(offset))}  ${hex.padEnd(BYTES_PER_ROW * 3, ' ')} |${text}|`);
  }
  return rows.join('\n') + '\n';
}

export function formatAddress(address: bigint): string {
  return '0x' + address.toString(16).padStart(16, '0');
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/**
 * The address an `evaluate` result names when the adapter gave no memoryReference:
 * its first number, as the debug console prints it (`0x40001000 <main>`, `1024`).
 */
export function addressFromValueText(text: string): bigint | undefined {
  const match = /^\s*(?:\([^)]*\)\s*)?(0x[0-9a-f]+|\d+)\b/i.exec(text);
  if (!match) return undefined;
  const value = BigInt(match[1]);
  return value < 0n || value >= 1n << 64n ? undefined : value;
}
