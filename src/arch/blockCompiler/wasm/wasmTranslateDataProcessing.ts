// WebAssembly translations of the integer data-processing groups: add/subtract (immediate,
// shifted and extended register, with carry), logical (immediate and shifted register), move
// wide, PC-relative addressing, bitfield, extract, variable shifts, conditional select and
// compare, multiply-add, multiply high and divide, and CLZ/CLS/REV. Each follows the Arm ARM's
// pseudocode on i64 (or, for 32-bit forms, i32) values; the executors in encodings/integer
// are the reference the differential tests compare with.

import { bit, bits, signExtend } from '../../decoder';
import { DISCARD, ZR, destinationSlot, sourceSlot } from '../../registerSlots';
import { decodeBitMasks } from '../../encodings/integer/bitMasks';
import { FlagOp } from '../lazyFlags';
import type { WasmBlockWriter } from './wasmBlockWriter';
import { Code, IntegerOps, ValType, i32, i64, integerOps, integerType, select } from './wasmCode';
import { packedNzcv } from './wasmBlockWriter';

/**
 * Translates one instruction; false, before emitting anything, when the form is not handled
 * (the block is then not compiled to WebAssembly).
 */
export type WasmTranslator = (w: WasmBlockWriter, word: number, pc: number) => boolean;

/** A register operand of the instruction's datasize. */
function operand(w: WasmBlockWriter, slot: number, wide: boolean): Code {
  return wide ? w.x(slot) : w.w(slot);
}

/** Writes a result of the instruction's datasize. */
function setResult(w: WasmBlockWriter, slot: number, wide: boolean, result: Code): void {
  if (wide) w.setX(slot, result);
  else w.setW(slot, result);
}

function constant(wide: boolean, value: bigint | number): Code {
  return wide ? i64.const(value) : i32.const(Number(BigInt.asIntN(32, BigInt(value))));
}

/** ShiftReg: LSL, LSR, ASR or ROR by a constant amount (the caller has rejected reserved amounts). */
function shifted(ops: IntegerOps, wide: boolean, value: Code, shift: number, amount: number): Code {
  if (amount === 0) return value;
  const by = constant(wide, amount);
  switch (shift) {
    case 0: return ops.shl(value, by);
    case 1: return ops.shr_u(value, by);
    case 2: return ops.shr_s(value, by);
    default: return ops.rotr(value, by);
  }
}

/** ExtendReg(m, option, shift) as an i64. */
function extended(w: WasmBlockWriter, m: number, option: number, shift: number): Code {
  const x = w.x(m);
  let value: Code;
  switch (option) {
    case 0: value = i64.and(x, i64.const(0xff)); break;
    case 1: value = i64.and(x, i64.const(0xffff)); break;
    case 2: value = i64.and(x, i64.const(0xffffffff)); break;
    case 4: value = i64.extend8_s(x); break;
    case 5: value = i64.extend16_s(x); break;
    case 6: value = i64.extend32_s(x); break;
    default: value = x; break;
  }
  return shift === 0 ? value : i64.shl(value, i64.const(shift));
}

/** The shared tail of ADD/ADDS/SUB/SUBS once both operands are known. */
function addOrSubtract(w: WasmBlockWriter, subtract: boolean, setFlags: boolean, wide: boolean, d: number, operand1: Code, operand2: Code): void {
  const ops = integerOps(wide);
  if (setFlags) {
    w.setPendingFlags(subtract ? FlagOp.Sub : FlagOp.Add, wide, operand1, operand2);
    if (d === DISCARD) return;
    const [a, b] = w.pendingOperands(wide);
    setResult(w, d, wide, subtract ? ops.sub(a, b) : ops.add(a, b));
    return;
  }
  setResult(w, d, wide, subtract ? ops.sub(operand1, operand2) : ops.add(operand1, operand2));
}

function addSubImmediate(subtract: boolean, setFlags: boolean): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const imm = bits(word, 10, 12) * (bit(word, 22) === 1 ? 4096 : 1);
    const Rd = bits(word, 0, 5);
    // Rn is X[n|SP]; Rd is X[d|SP] without flags and X[d] (31 = XZR) with them.
    const d = setFlags ? destinationSlot(Rd) : Rd;
    addOrSubtract(w, subtract, setFlags, wide, d, operand(w, bits(word, 5, 5), wide), constant(wide, imm));
    return true;
  };
}

function addSubShifted(subtract: boolean, setFlags: boolean): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const shift = bits(word, 22, 2);
    const amount = bits(word, 10, 6);
    if (shift === 3 || (!wide && amount >= 32)) return false;
    const operand2 = shifted(integerOps(wide), wide, operand(w, sourceSlot(bits(word, 16, 5)), wide), shift, amount);
    addOrSubtract(w, subtract, setFlags, wide, destinationSlot(bits(word, 0, 5)), operand(w, sourceSlot(bits(word, 5, 5)), wide), operand2);
    return true;
  };
}

function addSubExtended(subtract: boolean, setFlags: boolean): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const shift = bits(word, 10, 3);
    if (shift > 4) return false;
    const Rd = bits(word, 0, 5);
    const value = extended(w, sourceSlot(bits(word, 16, 5)), bits(word, 13, 3), shift);
    const operand2 = wide ? value : i32.wrap_i64(value);
    addOrSubtract(w, subtract, setFlags, wide, setFlags ? destinationSlot(Rd) : Rd, operand(w, bits(word, 5, 5), wide), operand2);
    return true;
  };
}

/** AND, ORR, EOR, ANDS of operand1 and operand2 (inverted first for BIC, ORN, EON, BICS). */
function logical(w: WasmBlockWriter, opc: number, wide: boolean, d: number, operand1: Code, operand2: Code): void {
  const ops = integerOps(wide);
  switch (opc) {
    case 0: setResult(w, d, wide, ops.and(operand1, operand2)); return;
    case 1: setResult(w, d, wide, ops.or(operand1, operand2)); return;
    case 2: setResult(w, d, wide, ops.xor(operand1, operand2)); return;
    default: {
      const result = w.let(integerType(wide), ops.and(operand1, operand2));
      w.setPendingFlags(FlagOp.Logic, wide, result, constant(wide, 0));
      setResult(w, d, wide, result);
    }
  }
}

const logicalShifted: WasmTranslator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const amount = bits(word, 10, 6);
  if (!wide && amount >= 32) return false;
  const ops = integerOps(wide);
  let operand2 = shifted(ops, wide, operand(w, sourceSlot(bits(word, 16, 5)), wide), bits(word, 22, 2), amount);
  if (bit(word, 21) === 1) operand2 = ops.xor(operand2, constant(wide, -1));
  logical(w, bits(word, 29, 2), wide, destinationSlot(bits(word, 0, 5)), operand(w, sourceSlot(bits(word, 5, 5)), wide), operand2);
  return true;
};

const logicalImmediate: WasmTranslator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const immN = bit(word, 22);
  if (!wide && immN === 1) return false;
  const masks = decodeBitMasks(immN, bits(word, 10, 6), bits(word, 16, 6), true, wide ? 64 : 32);
  if (masks === undefined) return false;
  const opc = bits(word, 29, 2);
  const Rd = bits(word, 0, 5);
  // Rd is X[d|SP] but for ANDS.
  const d = opc === 3 ? destinationSlot(Rd) : Rd;
  logical(w, opc, wide, d, operand(w, sourceSlot(bits(word, 5, 5)), wide), constant(wide, masks.wmask));
  return true;
};

/** MOVZ/MOVN: a constant; MOVK: one halfword replaced. */
function moveWide(kind: 'z' | 'n' | 'k'): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const hw = bits(word, 21, 2);
    if (!wide && hw >= 2) return false;
    const position = BigInt(16 * hw);
    const imm = BigInt(bits(word, 5, 16)) << position;
    const d = destinationSlot(bits(word, 0, 5));
    if (kind === 'k') {
      const current = operand(w, d === DISCARD ? ZR : d, wide);
      const ops = integerOps(wide);
      setResult(w, d, wide, ops.or(ops.and(current, constant(wide, ~(0xffffn << position))), constant(wide, imm)));
      return true;
    }
    setResult(w, d, wide, constant(wide, kind === 'n' ? ~imm : imm));
    return true;
  };
}

/** ADR/ADRP: a constant once the instruction's own address is known. */
function pcRelative(page: boolean): WasmTranslator {
  return (w, word, pc) => {
    const offset = signExtend((bits(word, 5, 19) << 2) | bits(word, 29, 2), 21);
    const address = page ? Math.floor(pc / 4096) * 4096 + offset * 4096 : pc + offset;
    w.setX(destinationSlot(bits(word, 0, 5)), i64.const(address));
    return true;
  };
}

/** SBFM, UBFM, BFM with DecodeBitMasks' wmask and tmask. */
function bitfield(kind: 'signed' | 'unsigned' | 'insert'): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    if (bit(word, 22) !== (wide ? 1 : 0)) return false;
    const datasize = wide ? 64 : 32;
    const immr = bits(word, 16, 6);
    const imms = bits(word, 10, 6);
    if (!wide && (immr >= 32 || imms >= 32)) return false;
    const masks = decodeBitMasks(bit(word, 22), imms, immr, false, datasize);
    if (masks === undefined) return false;
    const ops = integerOps(wide);
    const d = destinationSlot(bits(word, 0, 5));
    const src = operand(w, sourceSlot(bits(word, 5, 5)), wide);
    const type = integerType(wide);
    const all = (1n << BigInt(datasize)) - 1n;
    const rotated = immr === 0 ? src : ops.rotr(src, constant(wide, immr));
    if (kind === 'insert') {
      const dst = w.let(type, operand(w, d === DISCARD ? ZR : d, wide));
      // bot = (dst AND NOT(wmask)) OR (ROR(src, r) AND wmask); result = (dst AND NOT(tmask)) OR (bot AND tmask)
      const bot = ops.or(ops.and(dst, constant(wide, all ^ masks.wmask)), ops.and(rotated, constant(wide, masks.wmask)));
      setResult(w, d, wide, ops.or(ops.and(dst, constant(wide, all ^ masks.tmask)), ops.and(bot, constant(wide, masks.tmask))));
      return true;
    }
    const bot = ops.and(rotated, constant(wide, masks.wmask & masks.tmask));
    if (kind === 'unsigned') { setResult(w, d, wide, bot); return true; }
    // top = Replicate(src<s>): bit s moved to the top and shifted arithmetically back down.
    const top = ops.shr_s(ops.shl(operand(w, sourceSlot(bits(word, 5, 5)), wide), constant(wide, datasize - 1 - imms)), constant(wide, datasize - 1));
    setResult(w, d, wide, ops.or(ops.and(top, constant(wide, all ^ masks.tmask)), bot));
    return true;
  };
}

/** EXTR: bits lsb+datasize-1..lsb of Xn:Xm. */
const extract: WasmTranslator = (w, word) => {
  const wide = bit(word, 31) === 1;
  const lsb = bits(word, 10, 6);
  if (bit(word, 22) !== (wide ? 1 : 0) || (!wide && lsb >= 32)) return false;
  const ops = integerOps(wide);
  const n = operand(w, sourceSlot(bits(word, 5, 5)), wide);
  const m = operand(w, sourceSlot(bits(word, 16, 5)), wide);
  const d = destinationSlot(bits(word, 0, 5));
  if (lsb === 0) { setResult(w, d, wide, m); return true; }
  setResult(w, d, wide, ops.or(ops.shr_u(m, constant(wide, lsb)), ops.shl(n, constant(wide, (wide ? 64 : 32) - lsb))));
  return true;
};

/** LSLV, LSRV, ASRV, RORV: WebAssembly's shifts take the amount modulo the width, as these do. */
function variableShift(shift: number): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const ops = integerOps(wide);
    const n = operand(w, sourceSlot(bits(word, 5, 5)), wide);
    const m = operand(w, sourceSlot(bits(word, 16, 5)), wide);
    const op = [ops.shl, ops.shr_u, ops.shr_s, ops.rotr][shift];
    setResult(w, destinationSlot(bits(word, 0, 5)), wide, op(n, m));
    return true;
  };
}

/** CSEL, CSINC, CSINV, CSNEG: Xn if cond holds, else Xm transformed. */
function conditionalSelect(variant: number): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const ops = integerOps(wide);
    const holds = w.condition(bits(word, 12, 4));
    const n = operand(w, sourceSlot(bits(word, 5, 5)), wide);
    let m = operand(w, sourceSlot(bits(word, 16, 5)), wide);
    if (variant === 1) m = ops.add(m, constant(wide, 1));
    else if (variant === 2) m = ops.xor(m, constant(wide, -1));
    else if (variant === 3) m = ops.sub(constant(wide, 0), m);
    setResult(w, destinationSlot(bits(word, 0, 5)), wide, select(n, m, holds));
    return true;
  };
}

/** CCMP/CCMN: the comparison's flags if cond holds, else the immediate NZCV. */
function conditionalCompare(subtract: boolean, immediate: boolean): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    // The condition reads the flags before the comparison replaces them.
    const holds = w.let(ValType.I32, w.condition(bits(word, 12, 4)));
    const n = operand(w, sourceSlot(bits(word, 5, 5)), wide);
    const m = immediate ? constant(wide, bits(word, 16, 5)) : operand(w, sourceSlot(bits(word, 16, 5)), wide);
    w.setPendingFlags(subtract ? FlagOp.Sub : FlagOp.Add, wide, n, m);
    w.setNzcv(select(w.nzcvValue(), i32.const(bits(word, 0, 4)), holds));
    return true;
  };
}

/** MADD/MSUB: Xa +/- Xn * Xm. */
function multiplyAdd(subtract: boolean): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const ops = integerOps(wide);
    const product = ops.mul(operand(w, sourceSlot(bits(word, 5, 5)), wide), operand(w, sourceSlot(bits(word, 16, 5)), wide));
    const a = operand(w, sourceSlot(bits(word, 10, 5)), wide);
    setResult(w, destinationSlot(bits(word, 0, 5)), wide, subtract ? ops.sub(a, product) : ops.add(a, product));
    return true;
  };
}

/** SMADDL/SMSUBL/UMADDL/UMSUBL: Xa +/- Wn * Wm, the words extended to 64 bits. */
function multiplyLong(signed: boolean, subtract: boolean): WasmTranslator {
  return (w, word) => {
    const extend = signed ? i64.extend_i32_s : i64.extend_i32_u;
    const product = i64.mul(extend(w.w(sourceSlot(bits(word, 5, 5)))), extend(w.w(sourceSlot(bits(word, 16, 5)))));
    const a = w.x(sourceSlot(bits(word, 10, 5)));
    w.setX(destinationSlot(bits(word, 0, 5)), subtract ? i64.sub(a, product) : i64.add(a, product));
    return true;
  };
}

/**
 * UDIV/SDIV: a zero divisor gives 0, and the one overflowing signed quotient wraps. WebAssembly
 * traps on both, so the divisor is replaced by 1 there (INT_MIN / 1 is the wrapped quotient)
 * and the result of a zero divisor is selected afterwards.
 */
function divide(signed: boolean): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const ops = integerOps(wide);
    const type = integerType(wide);
    const n = w.let(type, operand(w, sourceSlot(bits(word, 5, 5)), wide));
    const m = w.let(type, operand(w, sourceSlot(bits(word, 16, 5)), wide));
    const zero = ops.eqz(m);
    const minimum = wide ? -(1n << 63n) : -(2 ** 31);
    const unsafe = signed ? i32.or(zero, i32.and(ops.eq(n, constant(wide, minimum)), ops.eq(m, constant(wide, -1)))) : zero;
    const divisor = select(constant(wide, 1), m, unsafe);
    const quotient = signed ? ops.div_s(n, divisor) : ops.div_u(n, divisor);
    setResult(w, destinationSlot(bits(word, 0, 5)), wide, select(constant(wide, 0), quotient, ops.eqz(m)));
    return true;
  };
}

/** UMULH/SMULH: bits 127:64 of the product, from four 32 x 32-bit partial products. */
function multiplyHigh(signed: boolean): WasmTranslator {
  return (w, word) => {
    const n = w.let(ValType.I64, w.x(sourceSlot(bits(word, 5, 5))));
    const m = w.let(ValType.I64, w.x(sourceSlot(bits(word, 16, 5))));
    const low = (x: Code) => i64.and(x, i64.const(0xffffffff));
    const high = (x: Code) => i64.shr_u(x, i64.const(32));
    const lowLow = w.let(ValType.I64, i64.mul(low(n), low(m)));
    const highLow = w.let(ValType.I64, i64.mul(high(n), low(m)));
    // Below 2^64: (2^32 - 1) + (2^32 - 1) + (2^32 - 1)^2.
    const cross = w.let(ValType.I64, i64.add(i64.add(high(lowLow), low(highLow)), i64.mul(low(n), high(m))));
    let result = i64.add(i64.add(i64.mul(high(n), high(m)), high(highLow)), high(cross));
    if (signed) {
      // The signed product's high half: subtract the other operand for each negative one (mod 2^64).
      const negative = (x: Code) => i64.shr_s(x, i64.const(63));
      result = i64.sub(i64.sub(result, i64.and(negative(n), m)), i64.and(negative(m), n));
    }
    w.setX(destinationSlot(bits(word, 0, 5)), result);
    return true;
  };
}

/** ADC/ADCS/SBC/SBCS: AddWithCarry(Rn, Rm or NOT(Rm), C); the S forms set NZCV from it. */
function addWithCarry(subtract: boolean, setFlags: boolean): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const ops = integerOps(wide);
    const type = integerType(wide);
    const carryIn = w.let(ValType.I32, i32.and(i32.shr_u(w.nzcvValue(), i32.const(1)), i32.const(1)));
    const x = w.let(type, operand(w, sourceSlot(bits(word, 5, 5)), wide));
    const m = operand(w, sourceSlot(bits(word, 16, 5)), wide);
    const y = w.let(type, subtract ? ops.xor(m, constant(wide, -1)) : m);
    const r = w.let(type, ops.add(ops.add(x, y), wide ? i64.extend_i32_u(carryIn) : carryIn));
    if (setFlags) {
      const zero = constant(wide, 0);
      // Carry out: the sum wrapped - below x, or equal to it when a carry came in.
      const carryOut = select(ops.le_u(r, x), ops.lt_u(r, x), carryIn);
      const overflow = ops.lt_s(ops.and(ops.xor(x, r), ops.xor(y, r)), zero);
      w.setNzcv(packedNzcv(wide, r, carryOut, overflow));
    }
    setResult(w, destinationSlot(bits(word, 0, 5)), wide, r);
    return true;
  };
}

/** CLZ, and CLS as the leading zeros of x EOR (x >> 1), less one. */
function countLeading(signBits: boolean): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    const ops = integerOps(wide);
    const x = operand(w, sourceSlot(bits(word, 5, 5)), wide);
    const d = destinationSlot(bits(word, 0, 5));
    if (!signBits) { setResult(w, d, wide, ops.clz(x)); return true; }
    const value = w.let(integerType(wide), x);
    setResult(w, d, wide, ops.sub(ops.clz(ops.xor(value, ops.shr_s(value, constant(wide, 1)))), constant(wide, 1)));
    return true;
  };
}

/** Swaps adjacent fields of `width` bits (a step of a byte reversal). */
function swapFields(ops: IntegerOps, wide: boolean, value: Code, width: number, mask: bigint): Code {
  return ops.or(ops.and(ops.shr_u(value, constant(wide, width)), constant(wide, mask)), ops.shl(ops.and(value, constant(wide, mask)), constant(wide, width)));
}

/** REV16, REV32, REV (64): bytes reversed within each container of 2, 4 or 8 bytes. */
function reverseBytes(container: 16 | 32 | 64): WasmTranslator {
  return (w, word) => {
    const wide = bit(word, 31) === 1;
    if (container === 64 && !wide) return false;
    const ops = integerOps(wide);
    const type = integerType(wide);
    const bytes = 0x00ff00ff00ff00ffn & ((1n << BigInt(wide ? 64 : 32)) - 1n);
    const halves = 0x0000ffff0000ffffn & ((1n << BigInt(wide ? 64 : 32)) - 1n);
    let value = w.let(type, operand(w, sourceSlot(bits(word, 5, 5)), wide));
    value = w.let(type, swapFields(ops, wide, value, 8, bytes));
    if (container >= 32) value = w.let(type, swapFields(ops, wide, value, 16, halves));
    if (container === 64) value = i64.rotr(value, i64.const(32));
    setResult(w, destinationSlot(bits(word, 0, 5)), wide, value);
    return true;
  };
}

export const WASM_DATA_PROCESSING_TRANSLATORS: Record<string, WasmTranslator> = {
  ADD_addsub_imm: addSubImmediate(false, false),
  ADDS_addsub_imm: addSubImmediate(false, true),
  SUB_addsub_imm: addSubImmediate(true, false),
  SUBS_addsub_imm: addSubImmediate(true, true),
  ADD_addsub_shift: addSubShifted(false, false),
  ADDS_addsub_shift: addSubShifted(false, true),
  SUB_addsub_shift: addSubShifted(true, false),
  SUBS_addsub_shift: addSubShifted(true, true),
  ADD_addsub_ext: addSubExtended(false, false),
  ADDS_addsub_ext: addSubExtended(false, true),
  SUB_addsub_ext: addSubExtended(true, false),
  SUBS_addsub_ext: addSubExtended(true, true),
  AND_log_shift: logicalShifted,
  BIC_log_shift: logicalShifted,
  ORR_log_shift: logicalShifted,
  ORN_log_shift: logicalShifted,
  EOR_log_shift: logicalShifted,
  EON_log_shift: logicalShifted,
  ANDS_log_shift: logicalShifted,
  BICS_log_shift: logicalShifted,
  AND_log_imm: logicalImmediate,
  ORR_log_imm: logicalImmediate,
  EOR_log_imm: logicalImmediate,
  ANDS_log_imm: logicalImmediate,
  MOVZ: moveWide('z'),
  MOVN: moveWide('n'),
  MOVK: moveWide('k'),
  ADR: pcRelative(false),
  ADRP: pcRelative(true),
  SBFM: bitfield('signed'),
  UBFM: bitfield('unsigned'),
  BFM: bitfield('insert'),
  EXTR: extract,
  LSLV: variableShift(0),
  LSRV: variableShift(1),
  ASRV: variableShift(2),
  RORV: variableShift(3),
  CSEL: conditionalSelect(0),
  CSINC: conditionalSelect(1),
  CSINV: conditionalSelect(2),
  CSNEG: conditionalSelect(3),
  CCMP_reg: conditionalCompare(true, false),
  CCMN_reg: conditionalCompare(false, false),
  CCMP_imm: conditionalCompare(true, true),
  CCMN_imm: conditionalCompare(false, true),
  MADD: multiplyAdd(false),
  MSUB: multiplyAdd(true),
  SMADDL: multiplyLong(true, false),
  SMSUBL: multiplyLong(true, true),
  UMADDL: multiplyLong(false, false),
  UMSUBL: multiplyLong(false, true),
  UMULH: multiplyHigh(false),
  SMULH: multiplyHigh(true),
  ADC: addWithCarry(false, false),
  ADCS: addWithCarry(false, true),
  SBC: addWithCarry(true, false),
  SBCS: addWithCarry(true, true),
  UDIV: divide(false),
  SDIV: divide(true),
  CLZ: countLeading(false),
  CLS: countLeading(true),
  REV16: reverseBytes(16),
  REV32_or_REV_32: reverseBytes(32),
  REV_64: reverseBytes(64),
};
