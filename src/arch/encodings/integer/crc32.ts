// The CRC-32 and CRC-32C updates of the CRC32B/H/W/X and CRC32CB/H/W/X instructions: the
// bit-reflected polynomial division of the Arm ARM pseudocode, without the initial or
// final inversion (software applies those), computed a byte at a time from a table.

/** CRC-32 (ISO-HDLC, polynomial 0x04C11DB7), bit-reflected. */
export const CRC32_POLYNOMIAL_REFLECTED = 0xedb88320;
/** CRC-32C (Castagnoli, polynomial 0x1EDC6F41), bit-reflected. */
export const CRC32C_POLYNOMIAL_REFLECTED = 0x82f63b78;

function makeTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc & 1) !== 0 ? (crc >>> 1) ^ polynomial : crc >>> 1;
    table[byte] = crc;
  }
  return table;
}

export const CRC32_TABLE = makeTable(CRC32_POLYNOMIAL_REFLECTED);
export const CRC32C_TABLE = makeTable(CRC32C_POLYNOMIAL_REFLECTED);

/** Accumulates the low `bytes` bytes of `data` (least significant first) into `crc`. */
export function crc32Update(table: Uint32Array, crc: number, data: number, bytes: number): number {
  for (let i = 0; i < bytes; i++) {
    crc = table[(crc ^ data) & 0xff] ^ (crc >>> 8);
    data >>>= 8;
  }
  return crc >>> 0;
}
