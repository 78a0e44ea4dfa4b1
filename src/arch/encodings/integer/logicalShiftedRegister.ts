// Data processing (register): Logical (shifted register) - AND, BIC, ORR, ORN, EOR, EON,
// ANDS, BICS (Arm ARM C4.1.87). Aliases: MOV (register), MVN, TST.
// The N bit inverts operand2 (BIC = AND NOT, ORN, EON); the executors fold it in as an
// XOR with all-ones.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { setLogicalFlags32, setLogicalFlags64 } from './addWithCarry';
import { wide } from './halves64';
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

/**
 * A 32-bit operation with a shifted or inverted operand 2. One closure per operation, with
 * the shift written out in it: an operand-2 function would be a second call from a site
 * with many targets, which V8 cannot inline.
 */
function shifted32(op: LogicalOp, d: number, n: number, m: number, shift: ShiftType, amount: number, inverter: number): Exec {
  switch (op) {
    case LogicalOp.AND: return (cpu: Cpu) => {
      const W = cpu.W;
      W[2 * d] = W[2 * n] & (shiftReg32(W[2 * m], shift, amount) ^ inverter);
      W[2 * d + 1] = 0;
    };
    case LogicalOp.ORR: return (cpu: Cpu) => {
      const W = cpu.W;
      W[2 * d] = W[2 * n] | (shiftReg32(W[2 * m], shift, amount) ^ inverter);
      W[2 * d + 1] = 0;
    };
    case LogicalOp.EOR: return (cpu: Cpu) => {
      const W = cpu.W;
      W[2 * d] = W[2 * n] ^ (shiftReg32(W[2 * m], shift, amount) ^ inverter);
      W[2 * d + 1] = 0;
    };
    case LogicalOp.ANDS: return (cpu: Cpu) => {
      const W = cpu.W;
      const result = (W[2 * n] & (shiftReg32(W[2 * m], shift, amount) ^ inverter)) >>> 0;
      W[2 * d] = result;
      W[2 * d + 1] = 0;
      setLogicalFlags32(cpu, result);
    };
  }
}

function decode32(f: LogicalRegisterFields, d: number, n: number, m: number): Exec {
  if (f.amount === 0) {
    if (f.opc === LogicalOp.ORR && !f.invert && f.Rn === 31) {
      return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * m]; W[2 * d + 1] = 0; };   // MOV
    }
    if (!f.invert && f.opc !== LogicalOp.ANDS) return plainRegister(f.opc, d, n, m, false);
  }
  return shifted32(f.opc, d, n, m, f.shift, f.amount, f.invert ? 0xffffffff : 0);
}

/**
 * AND, ORR and EOR of two plain registers (the common forms) on the 32-bit halves, with no
 * operand-2 function: the interpreter calls every executor through one megamorphic call
 * site already, and a second one inside the executor doubles that cost. Each half's
 * result depends only on the same halves, so d may equal n or m.
 */
function plainRegister(op: LogicalOp.AND | LogicalOp.ORR | LogicalOp.EOR, d: number, n: number, m: number, is64: boolean): Exec {
  const [dLo, nLo, mLo] = [2 * d, 2 * n, 2 * m];
  switch (op) {
    case LogicalOp.AND: return is64
      ? (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] & W[mLo]; W[dLo + 1] = W[nLo + 1] & W[mLo + 1]; }
      : (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] & W[mLo]; W[dLo + 1] = 0; };
    case LogicalOp.ORR: return is64
      ? (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] | W[mLo]; W[dLo + 1] = W[nLo + 1] | W[mLo + 1]; }
      : (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] | W[mLo]; W[dLo + 1] = 0; };
    case LogicalOp.EOR: return is64
      ? (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] ^ W[mLo]; W[dLo + 1] = W[nLo + 1] ^ W[mLo + 1]; }
      : (cpu: Cpu) => { const W = cpu.W; W[dLo] = W[nLo] ^ W[mLo]; W[dLo + 1] = 0; };
  }
}

const ALL_ONES_64 = 0xffff_ffff_ffff_ffffn;

/**
 * 64-bit forms with operand 2 shifted left (or inverted): Xm times 2^amount is a BigInt
 * multiplication V8 keeps in machine words, once inlined - which is why each operation has
 * a closure of its own rather than an operand-2 function that many closures would share.
 */
function shiftedLeft64(op: LogicalOp, d: number, n: number, m: number, amount: number, inverter: bigint): Exec {
  const factor = 1n << BigInt(amount);
  switch (op) {
    case LogicalOp.AND: return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] & ((X[m] * factor) ^ inverter); };
    case LogicalOp.ORR: return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] | ((X[m] * factor) ^ inverter); };
    case LogicalOp.EOR: return (cpu: Cpu) => { const X = cpu.X; X[d] = X[n] ^ ((X[m] * factor) ^ inverter); };
    case LogicalOp.ANDS: return (cpu: Cpu) => {
      const X = cpu.X;
      X[d] = X[n] & ((X[m] * factor) ^ inverter);
      const W = cpu.W;
      setLogicalFlags64(cpu, W[2 * d], W[2 * d + 1]);
    };
  }
}

/**
 * 64-bit forms with operand 2 shifted right or rotated, on the 32-bit halves (a BigInt shift
 * by a decoded amount is a slow runtime call): ShiftReg leaves operand 2 in `wide`, and both
 * result halves are computed before either is written, so d may equal n or m.
 */
function shiftedRight64(op: LogicalOp, d: number, n: number, m: number, shift: ShiftType, amount: number, inverter: number): Exec {
  switch (op) {
    case LogicalOp.AND: return (cpu: Cpu) => {
      const W = cpu.W;
      shiftReg64(W[2 * m], W[2 * m + 1], shift, amount);
      const lo = W[2 * n] & (wide[0] ^ inverter), hi = W[2 * n + 1] & (wide[1] ^ inverter);
      W[2 * d] = lo;
      W[2 * d + 1] = hi;
    };
    case LogicalOp.ORR: return (cpu: Cpu) => {
      const W = cpu.W;
      shiftReg64(W[2 * m], W[2 * m + 1], shift, amount);
      const lo = W[2 * n] | (wide[0] ^ inverter), hi = W[2 * n + 1] | (wide[1] ^ inverter);
      W[2 * d] = lo;
      W[2 * d + 1] = hi;
    };
    case LogicalOp.EOR: return (cpu: Cpu) => {
      const W = cpu.W;
      shiftReg64(W[2 * m], W[2 * m + 1], shift, amount);
      const lo = W[2 * n] ^ wide[0] ^ inverter, hi = W[2 * n + 1] ^ wide[1] ^ inverter;
      W[2 * d] = lo;
      W[2 * d + 1] = hi;
    };
    case LogicalOp.ANDS: return (cpu: Cpu) => {
      const W = cpu.W;
      shiftReg64(W[2 * m], W[2 * m + 1], shift, amount);
      const lo = W[2 * n] & (wide[0] ^ inverter), hi = W[2 * n + 1] & (wide[1] ^ inverter);
      W[2 * d] = lo;
      W[2 * d + 1] = hi;
      setLogicalFlags64(cpu, lo, hi);
    };
  }
}

function decode64(f: LogicalRegisterFields, d: number, n: number, m: number): Exec {
  if (f.amount === 0 && f.opc === LogicalOp.ORR && !f.invert && f.Rn === 31) {
    return (cpu: Cpu) => { const W = cpu.W; W[2 * d] = W[2 * m]; W[2 * d + 1] = W[2 * m + 1]; };   // MOV
  }
  if (f.amount === 0 && !f.invert && f.opc !== LogicalOp.ANDS) return plainRegister(f.opc, d, n, m, true);
  if (f.shift === ShiftType.LSL) return shiftedLeft64(f.opc, d, n, m, f.amount, f.invert ? ALL_ONES_64 : 0n);
  return shiftedRight64(f.opc, d, n, m, f.shift, f.amount, f.invert ? 0xffffffff : 0);
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
