// JavaScript source for 64-bit values held as two int32 locals (bits 31:0 and 63:32).
// V8 keeps int32 locals in machine registers and compiles these shifts, adds and
// compares to single instructions, which BigInt arithmetic on locals does not get.
// Every expression built here is int32-valued, so a local never changes representation
// (a double-valued write would deoptimise the block function).

/** A 64-bit value as two int32 JavaScript expressions. */
export interface Halves {
  readonly lo: string;
  readonly hi: string;
}

/** An int32 literal for the low 32 bits of a 32-bit unsigned or signed number. */
export function int32Literal(value: number): string {
  const v = value | 0;
  return v < 0 ? `(${v})` : String(v);
}

/** The halves of a 64-bit constant. */
export function constantHalves(value: bigint): Halves {
  const v = BigInt.asUintN(64, value);
  return { lo: int32Literal(Number(v & 0xffffffffn)), hi: int32Literal(Number(v >> 32n)) };
}

// ---- Constant shifts of 64-bit values (amount 0..63) -------------------------------

export function shiftLeft64(x: Halves, amount: number): Halves {
  if (amount === 0) return x;
  if (amount < 32) return { lo: `(${x.lo} << ${amount})`, hi: `((${x.hi} << ${amount}) | (${x.lo} >>> ${32 - amount}))` };
  if (amount === 32) return { lo: '0', hi: x.lo };
  return { lo: '0', hi: `(${x.lo} << ${amount - 32})` };
}

export function shiftRightLogical64(x: Halves, amount: number): Halves {
  if (amount === 0) return x;
  if (amount < 32) return { lo: `((${x.lo} >>> ${amount}) | (${x.hi} << ${32 - amount}))`, hi: `(${x.hi} >>> ${amount})` };
  if (amount === 32) return { lo: x.hi, hi: '0' };
  return { lo: `(${x.hi} >>> ${amount - 32})`, hi: '0' };
}

export function shiftRightArithmetic64(x: Halves, amount: number): Halves {
  if (amount === 0) return x;
  if (amount < 32) return { lo: `((${x.lo} >>> ${amount}) | (${x.hi} << ${32 - amount}))`, hi: `(${x.hi} >> ${amount})` };
  if (amount === 32) return { lo: x.hi, hi: `(${x.hi} >> 31)` };
  return { lo: `(${x.hi} >> ${amount - 32})`, hi: `(${x.hi} >> 31)` };
}

export function rotateRight64(x: Halves, amount: number): Halves {
  if (amount === 0) return x;
  if (amount < 32) {
    return { lo: `((${x.lo} >>> ${amount}) | (${x.hi} << ${32 - amount}))`, hi: `((${x.hi} >>> ${amount}) | (${x.lo} << ${32 - amount}))` };
  }
  if (amount === 32) return { lo: x.hi, hi: x.lo };
  const r = amount - 32;
  return { lo: `((${x.hi} >>> ${r}) | (${x.lo} << ${32 - r}))`, hi: `((${x.lo} >>> ${r}) | (${x.hi} << ${32 - r}))` };
}

// ---- Constant shifts of 32-bit values (amount 0..31) -------------------------------

export function shiftLeft32(x: string, amount: number): string {
  return amount === 0 ? x : `(${x} << ${amount})`;
}

export function shiftRightLogical32(x: string, amount: number): string {
  // For amount >= 1 the result is below 2^31, so it is still an int32.
  return amount === 0 ? x : `(${x} >>> ${amount})`;
}

export function shiftRightArithmetic32(x: string, amount: number): string {
  return amount === 0 ? x : `(${x} >> ${amount})`;
}

export function rotateRight32(x: string, amount: number): string {
  return amount === 0 ? x : `((${x} >>> ${amount}) | (${x} << ${32 - amount}))`;
}

/** ShiftReg() with the shift field of the shifted-register forms (LSL, LSR, ASR, ROR). */
export function shiftRegister64(x: Halves, type: number, amount: number): Halves {
  switch (type) {
    case 0: return shiftLeft64(x, amount);
    case 1: return shiftRightLogical64(x, amount);
    case 2: return shiftRightArithmetic64(x, amount);
    default: return rotateRight64(x, amount);
  }
}

export function shiftRegister32(x: string, type: number, amount: number): string {
  switch (type) {
    case 0: return shiftLeft32(x, amount);
    case 1: return shiftRightLogical32(x, amount);
    case 2: return shiftRightArithmetic32(x, amount);
    default: return rotateRight32(x, amount);
  }
}

/**
 * ExtendReg() of the extended-register forms: UXTB..SXTX (option 0..7) of Xm, then LSL
 * by 0..4.
 */
export function extendRegister64(x: Halves, option: number, shift: number): Halves {
  let extended: Halves;
  switch (option) {
    case 0: extended = { lo: `(${x.lo} & 255)`, hi: '0' }; break;
    case 1: extended = { lo: `(${x.lo} & 65535)`, hi: '0' }; break;
    case 2: extended = { lo: x.lo, hi: '0' }; break;
    case 4: extended = { lo: `((${x.lo} << 24) >> 24)`, hi: `((${x.lo} << 24) >> 31)` }; break;
    case 5: extended = { lo: `((${x.lo} << 16) >> 16)`, hi: `((${x.lo} << 16) >> 31)` }; break;
    case 6: extended = { lo: x.lo, hi: `(${x.lo} >> 31)` }; break;
    default: extended = x; break;   // UXTX, SXTX
  }
  return shiftLeft64(extended, shift);
}

export function extendRegister32(x: string, option: number, shift: number): string {
  let extended: string;
  switch (option) {
    case 0: extended = `(${x} & 255)`; break;
    case 1: extended = `(${x} & 65535)`; break;
    case 4: extended = `((${x} << 24) >> 24)`; break;
    case 5: extended = `((${x} << 16) >> 16)`; break;
    default: extended = x; break;
  }
  return shiftLeft32(extended, shift);
}

/** `1` when the unsigned 32-bit `a` is below `b`, else `0` (the borrow of a - b). */
export function unsignedBelow(a: string, b: string): string {
  return `((${a} >>> 0) < (${b} >>> 0) ? 1 : 0)`;
}
