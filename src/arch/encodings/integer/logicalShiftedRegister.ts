// Data processing (register): Logical (shifted register) - AND, BIC, ORR, ORN, EOR, EON,
// ANDS, BICS (Arm ARM C4.1.87). Aliases: MOV (register), MVN, TST.
// The N bit inverts operand2 (BIC = AND NOT, ORN, EON); the executors fold it in as an
// XOR with all-ones.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { setLogicalFlags32, setLogicalFlags64 } from './addWithCarry';
import { wideValue } from './halves64';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { ShiftType, shiftReg32, shiftReg64, shiftText } from './shiftExtend';

const enum LogicalOp { AND = 0, ORR = 1, EOR = 2, ANDS = 3 }

interface LogicalRegisterFields {
  sf: number;
  opc: LogicalOp;
  shift: ShiftType;
  /** The N bit: operand2 is inverted. */
  invert: boolean;
  amount: number;
  Rm: number;
  Rn: number;
  Rd: number;
}

function fields(insn: number): LogicalRegisterFields | undefined {
  const sf = bit(insn, 31);
  const amount = bits(insn, 10, 6);
  if (sf === 0 && amount >= 32) return undefined;
  return {
    sf, opc: bits(insn, 29, 2), shift: bits(insn, 22, 2), invert: bit(insn, 21) === 1, amount,
    Rm: bits(insn, 16, 5), Rn: bits(insn, 5, 5), Rd: bits(insn, 0, 5),
  };
}

function combine32(op: LogicalOp, d: number, n: number, operand2: (W: Uint32Array) => number): Exec {
  switch (op) {
    case LogicalOp.AND: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] & operand2(W); W[2 * d + 1] = 0; };
    case LogicalOp.ORR: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] | operand2(W); W[2 * d + 1] = 0; };
    case LogicalOp.EOR: return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * n] ^ operand2(W); W[2 * d + 1] = 0; };
    case LogicalOp.ANDS: return (cpu: Cpu) => {
      const W = cpu.W;
      const result = W[2 * n] & operand2(W);
      W[2 * d] = result;
      W[2 * d + 1] = 0;
      setLogicalFlags32(cpu, result);
    };
  }
}

function decode32(f: LogicalRegisterFields, d: number, n: number, m: number): Exec {
  const inverter = f.invert ? 0xffffffff : 0;
  const { shift, amount } = f;
  if (amount === 0) {
    if (f.opc === LogicalOp.ORR && !f.invert && f.Rn === 31) {
      return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * m]; W[2 * d + 1] = 0; };   // MOV
    }
    if (!f.invert && f.opc !== LogicalOp.ANDS) return plainRegister(f.opc, d, n, m, false);
    return combine32(f.opc, d, n, (W) => W[2 * m] ^ inverter);
  }
  return combine32(f.opc, d, n, (W) => shiftReg32(W[2 * m], shift, amount) ^ inverter);
}

/**
 * AND, ORR and EOR of two plain registers (the common forms) on the 32-bit halves, with no
 * operand-2 function: the interpreter calls every executor through one megamorphic call
 * site already, and a second one inside the executor doubles that cost. Each half's
 * result depends only on the same halves, so d may equal n or m.
 */
function plainRegister(op: LogicalOp.AND | LogicalOp.ORR | LogicalOp.EOR, d: number, n: number, m: number, wide: boolean): Exec {
  const [dLo, nLo, mLo] = [2 * d, 2 * n, 2 * m];
  switch (op) {
    case LogicalOp.AND: return wide
      ? (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] & W[mLo]; W[dLo + 1] = W[nLo + 1] & W[mLo + 1]; }
      : (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] & W[mLo]; W[dLo + 1] = 0; };
    case LogicalOp.ORR: return wide
      ? (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] | W[mLo]; W[dLo + 1] = W[nLo + 1] | W[mLo + 1]; }
      : (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] | W[mLo]; W[dLo + 1] = 0; };
    case LogicalOp.EOR: return wide
      ? (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] ^ W[mLo]; W[dLo + 1] = W[nLo + 1] ^ W[mLo + 1]; }
      : (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] ^ W[mLo]; W[dLo + 1] = 0; };
  }
}

const ALL_ONES_64 = 0xffff_ffff_ffff_ffffn;

/**
 * 64-bit forms. Operand 2 is Xm itself, Xm times 2^amount for LSL (a multiplication V8
 * keeps in machine words), or for LSR/ASR/ROR the shiftReg64 result read back as a
 * BigInt; the N bit becomes an XOR with all-ones.
 */
function decode64(f: LogicalRegisterFields, d: number, n: number, m: number): Exec {
  const inverter = f.invert ? ALL_ONES_64 : 0n;
  const { shift, amount } = f;
  if (amount === 0 && f.opc === LogicalOp.ORR && !f.invert && f.Rn === 31) {
    return (cpu: Cpu) => { const X = cpu.X; X[d] = X[m]; };   // MOV
  }
  if (amount === 0 && !f.invert && f.opc !== LogicalOp.ANDS) return plainRegister(f.opc, d, n, m, true);
  if (amount === 0) return combine64(f.opc, d, n, (X) => X[m] ^ inverter);
  if (shift === ShiftType.LSL) {
    const factor = 1n << BigInt(amount);
    return combine64(f.opc, d, n, (X) => (X[m] * factor) ^ inverter);
  }
  return combine64(f.opc, d, n, (_X, W) => {
    shiftReg64(W[2 * m], W[2 * m + 1], shift, amount);
    return wideValue[0] ^ inverter;
  });
}

function combine64(op: LogicalOp, d: number, n: number, operand2: (X: BigUint64Array, W: Uint32Array) => bigint): Exec {
  switch (op) {
    case LogicalOp.AND: return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] & operand2(X, cpu.W); };
    case LogicalOp.ORR: return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] | operand2(X, cpu.W); };
    case LogicalOp.EOR: return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] ^ operand2(X, cpu.W); };
    case LogicalOp.ANDS: return (cpu: Cpu) => {
      const X = cpu.X, W = cpu.W;
      X[d] = X[n] & operand2(X, W);
      setLogicalFlags64(cpu, W[2 * d], W[2 * d + 1]);
    };
  }
}

function decodeLogical(insn: number): Exec | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const d = destinationSlot(f.Rd);
  const n = sourceSlot(f.Rn);
  const m = sourceSlot(f.Rm);
  return f.sf === 1 ? decode64(f, d, n, m) : decode32(f, d, n, m);
}

const MNEMONICS = [['and', 'bic'], ['orr', 'orn'], ['eor', 'eon'], ['ands', 'bics']];

function disasmLogical(insn: number): string | undefined {
  const f = fields(insn);
  if (f === undefined) return undefined;
  const rd = regName(f.Rd, f.sf);
  const rn = regName(f.Rn, f.sf);
  const operand2 = regName(f.Rm, f.sf) + shiftText(f.shift, f.amount);
  if (f.opc === LogicalOp.ORR && f.Rn === 31) {
    if (f.invert) return `mvn\t${rd}, ${operand2}`;
    if (f.shift === ShiftType.LSL && f.amount === 0) return `mov\t${rd}, ${operand2}`;
  }
  if (f.opc === LogicalOp.ANDS && !f.invert && f.Rd === 31) return `tst\t${rn}, ${operand2}`;
  return `${MNEMONICS[f.opc][f.invert ? 1 : 0]}\t${rd}, ${rn}, ${operand2}`;
}

export const LOGICAL_SHIFTED_REGISTER: readonly Encoding[] = [
  { name: 'AND_log_shift', pattern: 'f0001010ss0mmmmmiiiiiinnnnnddddd', decode: decodeLogical, disasm: disasmLogical },
  { name: 'BIC_log_shift', pattern: 'f0001010ss1mmmmmiiiiiinnnnnddddd', decode: decodeLogical, disasm: disasmLogical },
  { name: 'ORR_log_shift', pattern: 'f0101010ss0mmmmmiiiiiinnnnnddddd', decode: decodeLogical, disasm: disasmLogical },
  { name: 'ORN_log_shift', pattern: 'f0101010ss1mmmmmiiiiiinnnnnddddd', decode: decodeLogical, disasm: disasmLogical },
  { name: 'EOR_log_shift', pattern: 'f1001010ss0mmmmmiiiiiinnnnnddddd', decode: decodeLogical, disasm: disasmLogical },
  { name: 'EON_log_shift', pattern: 'f1001010ss1mmmmmiiiiiinnnnnddddd', decode: decodeLogical, disasm: disasmLogical },
  { name: 'ANDS_log_shift', pattern: 'f1101010ss0mmmmmiiiiiinnnnnddddd', decode: decodeLogical, disasm: disasmLogical },
  { name: 'BICS_log_shift', pattern: 'f1101010ss1mmmmmiiiiiinnnnnddddd', decode: decodeLogical, disasm: disasmLogical },
];
