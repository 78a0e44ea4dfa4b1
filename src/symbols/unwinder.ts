// One step of stack unwinding: from the registers of a frame to those of its caller.
//
// With call frame information the CFA and saved registers follow the CFI row for the
// PC. Without it (code built without unwind tables, or picolibc links that discard
// .eh_frame) two AAPCS64 facts still give the caller:
// - at a function's first instruction nothing is pushed yet: the caller's PC is X30
//   and SP/X29 are unchanged;
// - elsewhere the frame record X29 points at holds the caller's X29 at [X29] and the
//   return address at [X29 + 8] (AAPCS64 6.2.3 "The Frame Pointer").

import {
  DWARF_REGISTER_FP,
  DWARF_REGISTER_LR,
  DWARF_REGISTER_SP,
  RegisterRule,
  UnwindRow,
} from './callFrameInformation';
import { ExpressionError, evaluateValue } from './locationExpression';

/** DWARF register number of the PC in the unwound register set (not a real AArch64 DWARF register). */
export const DWARF_REGISTER_PC = 32;

/** Reads a register of the frame being unwound (DWARF numbering: X0-X30 0-30, SP 31, PC 32, V0-V31 64-95). */
export type RegisterReader = (dwarfRegister: number) => bigint | undefined;
/** Reads 8 bytes of guest memory, little-endian; undefined when unmapped. */
export type Memory64Reader = (address: number) => bigint | undefined;

export interface UnwoundFrame {
  /** The caller's PC: the return address (PAC bits removed). Look up its line at pc - 4. */
  readonly pc: number;
  /** The callee's CFA, which is the caller's SP when known. */
  readonly cfa: number | undefined;
  readonly method: 'cfi' | 'link-register' | 'frame-pointer';
  /** The caller's registers: known values only; undefined for registers the callee clobbered. */
  readonly readRegister: RegisterReader;
  /** The CFI row used, when method is 'cfi'. */
  readonly row?: UnwindRow;
}

export interface UnwindOptions {
  /** The unwind rules at a PC (CallFrameTable.rowFor, possibly completed by prologue analysis). */
  readonly rowFor?: (pc: number) => UnwindRow | undefined;
  /** True when `pc` is the first instruction of a function (nothing pushed yet). */
  readonly isFunctionEntry?: (pc: number) => boolean;
}

const CANONICAL_HIGH_BITS = 0xffffn << 48n;

/**
 * Removes a pointer authentication code from a return address: a signed pointer has
 * bits [63:48] that are neither all zeros nor all ones. The PAC lives only in those
 * upper bits, so the low 48 bits are the address.
 */
export function stripPointerAuthentication(value: bigint): bigint {
  const high = value & CANONICAL_HIGH_BITS;
  if (high === 0n || high === CANONICAL_HIGH_BITS) return value;
  return value & ~CANONICAL_HIGH_BITS;
}

/** AAPCS64 callee-saved registers keep their value across a call when no rule says otherwise. */
function isCalleeSaved(register: number): boolean {
  return (register >= 19 && register <= 30) || (register >= 72 && register <= 79);
}

/** Unwinds one frame. Returns undefined at the outermost frame or when nothing sensible is known. */
export function unwind(pc: number, readRegister: RegisterReader, readMemory64: Memory64Reader, options: UnwindOptions = {}): UnwoundFrame | undefined {
  const row = options.rowFor?.(pc);
  if (row) return unwindWithCfi(pc, row, readRegister, readMemory64);
  if (options.isFunctionEntry?.(pc)) return unwindAtEntry(pc, readRegister);
  return unwindWithFramePointer(pc, readRegister, readMemory64);
}

function unwindWithCfi(pc: number, row: UnwindRow, readRegister: RegisterReader, readMemory64: Memory64Reader): UnwoundFrame | undefined {
  const expressionContext = {
    readRegister,
    readMemory: (address: bigint, size: number) => {
      const value = readMemory64(Number(address));
      return value === undefined ? undefined : size >= 8 ? value : value & ((1n << BigInt(size * 8)) - 1n);
    },
  };
  let cfa: bigint | undefined;
  try {
    if (row.cfa.kind === 'registerOffset') {
      const base = readRegister(row.cfa.register);
      cfa = base === undefined ? undefined : BigInt.asUintN(64, base + BigInt(row.cfa.offset));
    } else {
      cfa = evaluateValue(row.cfa.expression, expressionContext);
    }
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    cfa = undefined;
  }
  if (cfa === undefined) return undefined;
  const known = new Map<number, bigint | undefined>();
  const valueOf = (register: number): bigint | undefined => {
    if (register === DWARF_REGISTER_SP) return cfa;
    if (known.has(register)) return known.get(register);
    const rule: RegisterRule | undefined = row.registers.get(register);
    const value = rule ? applyRule(rule, register, cfa!, readRegister, readMemory64, expressionContext) : isCalleeSaved(register) ? readRegister(register) : undefined;
    known.set(register, value);
    return value;
  };
  const returnAddress = valueOf(row.returnAddressRegister);
  if (returnAddress === undefined || returnAddress === 0n) return undefined;
  const callerPc = Number(stripPointerAuthentication(returnAddress));
  const calleeSp = readRegister(DWARF_REGISTER_SP);
  // The same PC and SP again would unwind forever.
  if (callerPc === pc && calleeSp === cfa) return undefined;
  return {
    pc: callerPc,
    cfa: Number(cfa),
    method: 'cfi',
    row,
    readRegister: (register) => (register === DWARF_REGISTER_PC ? BigInt(callerPc) : valueOf(register)),
  };
}

function applyRule(
  rule: RegisterRule,
  register: number,
  cfa: bigint,
  readRegister: RegisterReader,
  readMemory64: Memory64Reader,
  expressionContext: Parameters<typeof evaluateValue>[1],
): bigint | undefined {
  try {
    switch (rule.kind) {
      case 'undefined':
        return undefined;
      case 'sameValue':
        return readRegister(register);
      case 'offset':
        return readMemory64(Number(cfa + BigInt(rule.offset)));
      case 'valOffset':
        return BigInt.asUintN(64, cfa + BigInt(rule.offset));
      case 'register':
        return readRegister(rule.register);
      case 'expression':
        return readMemory64(Number(evaluateValue(rule.expression, { ...expressionContext, initialStack: [cfa] })));
      case 'valExpression':
        return evaluateValue(rule.expression, { ...expressionContext, initialStack: [cfa] });
    }
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return undefined;
  }
}

function unwindAtEntry(pc: number, readRegister: RegisterReader): UnwoundFrame | undefined {
  const linkRegister = readRegister(DWARF_REGISTER_LR);
  if (linkRegister === undefined || linkRegister === 0n) return undefined;
  const callerPc = Number(stripPointerAuthentication(linkRegister));
  if (callerPc === pc) return undefined;
  const sp = readRegister(DWARF_REGISTER_SP);
  return {
    pc: callerPc,
    cfa: sp === undefined ? undefined : Number(sp),
    method: 'link-register',
    readRegister: (register) => {
      if (register === DWARF_REGISTER_PC) return BigInt(callerPc);
      return register === DWARF_REGISTER_SP || isCalleeSaved(register) ? readRegister(register) : undefined;
    },
  };
}

function unwindWithFramePointer(pc: number, readRegister: RegisterReader, readMemory64: Memory64Reader): UnwoundFrame | undefined {
  const framePointer = readRegister(DWARF_REGISTER_FP);
  if (framePointer === undefined || framePointer === 0n || (framePointer & 7n) !== 0n) return undefined;
  const sp = readRegister(DWARF_REGISTER_SP);
  // The frame record lives in this frame, so it cannot be below the stack pointer.
  if (sp !== undefined && framePointer < sp) return undefined;
  const callerFramePointer = readMemory64(Number(framePointer));
  const returnAddress = readMemory64(Number(framePointer + 8n));
  if (callerFramePointer === undefined || returnAddress === undefined || returnAddress === 0n) return undefined;
  const callerPc = Number(stripPointerAuthentication(returnAddress));
  // The stack grows down: the caller's record is higher, or 0 at the outermost frame.
  const chainIsSane = callerFramePointer === 0n || callerFramePointer > framePointer;
  if (callerPc === pc && !chainIsSane) return undefined;
  return {
    pc: callerPc,
    // Where the caller's SP was is not recorded; the frame record is at least 16 bytes below it.
    cfa: undefined,
    method: 'frame-pointer',
    readRegister: (register) => {
      if (register === DWARF_REGISTER_PC) return BigInt(callerPc);
      if (register === DWARF_REGISTER_FP) return chainIsSane ? callerFramePointer : undefined;
      if (register === DWARF_REGISTER_LR) return returnAddress;
      // Without CFI nothing says whether the callee saved and reused X19-X28.
      return undefined;
    },
  };
}
