// IEEE 754 binary16/32/64/128 values: decoding to JS numbers, encoding from them, and
// printing them as gdb does, which is C's "%.<N>g" with N = ceil(1 + p * log10(2))
// significant digits for a p-bit significand: 5 for half, 9 for float, 17 for double,
// 36 for long double (binary128 on AArch64). The decimal digits come from the exact
// binary value with BigInt arithmetic, so even binary128 prints exactly like glibc.

interface FloatLayout {
  readonly exponentBits: number;
  readonly fractionBits: number;
}

const LAYOUTS: Record<number, FloatLayout> = {
  2: { exponentBits: 5, fractionBits: 10 },
  4: { exponentBits: 8, fractionBits: 23 },
  8: { exponentBits: 11, fractionBits: 52 },
  16: { exponentBits: 15, fractionBits: 112 },
};

function layoutOf(size: number): FloatLayout {
  const layout = LAYOUTS[size];
  if (!layout) throw new RangeError(`no IEEE format of ${size} bytes`);
  return layout;
}

function integerOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

interface DecodedFloat {
  readonly negative: boolean;
  readonly kind: 'finite' | 'infinity' | 'nan';
  /** value = significand * 2^exponent (finite values). */
  readonly significand: bigint;
  readonly exponent: number;
  /** The raw fraction field (for NaN payloads). */
  readonly fraction: bigint;
}

function decode(bytes: Uint8Array): DecodedFloat {
  const { exponentBits, fractionBits } = layoutOf(bytes.length);
  const raw = integerOf(bytes);
  const fraction = raw & ((1n << BigInt(fractionBits)) - 1n);
  const biased = Number((raw >> BigInt(fractionBits)) & ((1n << BigInt(exponentBits)) - 1n));
  const negative = ((raw >> BigInt(fractionBits + exponentBits)) & 1n) === 1n;
  const maxExponent = (1 << exponentBits) - 1;
  const bias = (1 << (exponentBits - 1)) - 1;
  if (biased === maxExponent) return { negative, kind: fraction === 0n ? 'infinity' : 'nan', significand: 0n, exponent: 0, fraction };
  if (biased === 0) return { negative, kind: 'finite', significand: fraction, exponent: 1 - bias - fractionBits, fraction };
  return { negative, kind: 'finite', significand: fraction | (1n << BigInt(fractionBits)), exponent: biased - bias - fractionBits, fraction };
}

/** The value of a little-endian IEEE float of 2, 4, 8 or 16 bytes (binary128 rounded to double). */
export function decodeFloat(bytes: Uint8Array): number {
  if (bytes.length === 4) return new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
  if (bytes.length === 8) return new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true);
  const decoded = decode(bytes);
  const sign = decoded.negative ? -1 : 1;
  if (decoded.kind === 'nan') return NaN;
  if (decoded.kind === 'infinity') return sign * Infinity;
  // Keep the top 64 bits of the significand: more than a double holds.
  const length = decoded.significand.toString(2).length;
  const drop = Math.max(0, length - 64);
  return sign * Number(decoded.significand >> BigInt(drop)) * 2 ** (decoded.exponent + drop);
}

/** The little-endian IEEE encoding of `value` in `size` bytes (2, 4, 8 or 16). */
export function encodeFloat(value: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  if (size === 4) {
    view.setFloat32(0, value, true);
    return bytes;
  }
  if (size === 8) {
    view.setFloat64(0, value, true);
    return bytes;
  }
  // Widen (or narrow, for half) through the double's fields.
  const double = new DataView(new ArrayBuffer(8));
  double.setFloat64(0, value, true);
  const doubleBits = double.getBigUint64(0, true);
  const { exponentBits, fractionBits } = layoutOf(size);
  const negative = doubleBits >> 63n;
  const doubleExponent = Number((doubleBits >> 52n) & 0x7ffn);
  const doubleFraction = doubleBits & ((1n << 52n) - 1n);
  const bias = (1n << BigInt(exponentBits - 1)) - 1n;
  const maxExponent = (1n << BigInt(exponentBits)) - 1n;
  let exponentField: bigint;
  let fractionField: bigint;
  if (doubleExponent === 0x7ff) {
    exponentField = maxExponent;
    fractionField = doubleFraction === 0n ? 0n : 1n << BigInt(fractionBits - 1);
  } else if (value === 0) {
    exponentField = 0n;
    fractionField = 0n;
  } else {
    // Normalised significand and exponent of the double (subnormal doubles included).
    let significand = doubleExponent === 0 ? doubleFraction : doubleFraction | (1n << 52n);
    let exponent = (doubleExponent === 0 ? -1074 : doubleExponent - 1075);
    while (significand < 1n << 52n) {
      significand <<= 1n;
      exponent -= 1;
    }
    const unbiased = BigInt(exponent + 52);
    exponentField = unbiased + bias;
    const shift = fractionBits - 52;
    const fraction = significand & ((1n << 52n) - 1n);
    if (exponentField >= maxExponent) {
      exponentField = maxExponent;
      fractionField = 0n;
    } else if (exponentField <= 0n) {
      exponentField = 0n;
      fractionField = 0n; // too small for the narrower format
    } else {
      fractionField = shift >= 0 ? fraction << BigInt(shift) : fraction >> BigInt(-shift);
    }
  }
  let raw = (negative << BigInt(exponentBits + fractionBits)) | (exponentField << BigInt(fractionBits)) | fractionField;
  for (let i = 0; i < size; i++) {
    bytes[i] = Number(raw & 0xffn);
    raw >>= 8n;
  }
  return bytes;
}

/** gdb's %g precision for a float of `size` bytes. */
export function significantDigits(size: number): number {
  const precision = layoutOf(size).fractionBits + 1;
  return Math.ceil(1 + precision * Math.log10(2));
}

/** A float as gdb prints it: "3.5", "0.10000000000000001", "1e+300", "inf", "-nan(0x8000000000000)". */
export function formatFloat(bytes: Uint8Array): string {
  const decoded = decode(bytes);
  const sign = decoded.negative ? '-' : '';
  if (decoded.kind === 'infinity') return `${sign}inf`;
  if (decoded.kind === 'nan') return `${sign}nan(0x${decoded.fraction.toString(16)})`;
  return sign + formatGeneral(decoded.significand, decoded.exponent, significantDigits(bytes.length));
}

/** C's %.<digits>g of significand * 2^exponent (non-negative), rounding half to even. */
export function formatGeneral(significand: bigint, exponent: number, digits: number): string {
  if (significand === 0n) return '0';
  let numerator = exponent >= 0 ? significand << BigInt(exponent) : significand;
  let denominator = exponent >= 0 ? 1n : 1n << BigInt(-exponent);
  // decimalExponent = floor(log10(value)), estimated from the binary length and then corrected.
  const bitLength = significand.toString(2).length + exponent;
  let decimalExponent = Math.floor((bitLength - 1) * Math.log10(2));
  const atLeast = (power: number) => (power >= 0 ? numerator >= denominator * 10n ** BigInt(power) : numerator * 10n ** BigInt(-power) >= denominator);
  while (!atLeast(decimalExponent)) decimalExponent--;
  while (atLeast(decimalExponent + 1)) decimalExponent++;
  const scale = digits - 1 - decimalExponent;
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else denominator *= 10n ** BigInt(-scale);
  let quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && (quotient & 1n) === 1n)) quotient += 1n;
  if (quotient >= 10n ** BigInt(digits)) {
    quotient /= 10n;
    decimalExponent += 1;
  }
  const text = quotient.toString();
  if (decimalExponent < -4 || decimalExponent >= digits) {
    const mantissa = stripFraction(`${text[0]}.${text.slice(1)}`);
    const exponentText = Math.abs(decimalExponent).toString().padStart(2, '0');
    return `${mantissa}e${decimalExponent < 0 ? '-' : '+'}${exponentText}`;
  }
  if (decimalExponent < 0) return stripFraction(`0.${'0'.repeat(-decimalExponent - 1)}${text}`);
  return stripFraction(`${text.slice(0, decimalExponent + 1)}.${text.slice(decimalExponent + 1)}`);
}

function stripFraction(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}
