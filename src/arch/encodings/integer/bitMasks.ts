// DecodeBitMasks() of the Arm ARM (C6.2, shared/functions/integer/DecodeBitMasks): the
// wmask/tmask pair encoded by N:immr:imms in the logical (immediate) and bitfield
// instructions. Runs at decode time only, so it uses BigInt freely.

export interface BitMasks {
  /** The rotated element pattern, replicated (the logical immediate / the BFM insert mask). */
  readonly wmask: bigint;
  /** The bitfield "top" mask: ones below the field's top bit, replicated. */
  readonly tmask: bigint;
}

function ones(count: number): bigint {
  return (1n << BigInt(count)) - 1n;
}

function rotateRight(value: bigint, amount: number, width: number): bigint {
  if (amount === 0) return value;
  return ((value >> BigInt(amount)) | (value << BigInt(width - amount))) & ones(width);
}

function replicate(element: bigint, esize: number, datasize: number): bigint {
  let result = 0n;
  for (let position = 0; position < datasize; position += esize) result |= element << BigInt(position);
  return result;
}

/**
 * Decodes N:immr:imms for a `datasize`-bit operation. `immediate` is true for the logical
 * (immediate) instructions, where an all-ones element is reserved. Returns undefined
 * for a reserved encoding (the instruction is then UNDEFINED).
 */
export function decodeBitMasks(immN: number, imms: number, immr: number, immediate: boolean, datasize: number): BitMasks | undefined {
  // len = HighestSetBit(immN:NOT(imms))
  const lengthSelector = (immN << 6) | (~imms & 0x3f);
  if (lengthSelector === 0) return undefined;
  const len = 31 - Math.clz32(lengthSelector);
  if (len < 1) return undefined;
  const esize = 1 << len;
  if (esize > datasize) return undefined;
  const levels = esize - 1;
  if (immediate && (imms & levels) === levels) return undefined;
  const S = imms & levels;
  const R = immr & levels;
  // d = UInt((S - R)<len-1:0>)
  const d = (S - R) & levels;
  const welem = ones(S + 1);
  const telem = ones(d + 1);
  return {
    wmask: replicate(rotateRight(welem, R, esize), esize, datasize),
    tmask: replicate(telem, esize, datasize),
  };
}

/** The value of a logical-instruction immediate, or undefined if the encoding is reserved. */
export function decodeLogicalImmediate(immN: number, imms: number, immr: number, datasize: number): bigint | undefined {
  return decodeBitMasks(immN, imms, immr, true, datasize)?.wmask;
}
