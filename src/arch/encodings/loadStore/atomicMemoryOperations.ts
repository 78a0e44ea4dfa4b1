// Atomic memory operations (FEAT_LSE): LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN,
// LDUMAX, LDUMIN and SWP with their acquire (A) / release (R) and byte/halfword forms,
// plus LDAPR (FEAT_LRCPC), which shares the encoding group. Each reads the old value,
// stores the combination with Rs, then writes the old value to Rt. The disassembler
// prints the ST<op> aliases LLVM uses when Rt is the zero register and A = 0.

import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { baseOnlyAddress } from './addressText';
import { checkAlignment } from './alignmentFault';
import { SIZE_MASKS, narrowRead, narrowWrite } from './narrowAccess';
import { withComment } from '../../disasmText';
import { orderedExec } from './loadStoreOrdered';
import { plainLoad } from './singleTransfers';
import { sizeSuffix, sizedRegister } from './sizeSuffix';

/** o3:opc of the operations (SWP is 1000, LDAPR 1100). */
const OPERATION_NAMES = ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin'];
const SWP = 0b1000;
const LDAPR = 0b1100;

/** new = f(old, operand) on values zero-extended from `bitsWide` bits; the store truncates. */
type Combine32 = (old: number, operand: number) => number;

function combine32(operation: number, bitsWide: number): Combine32 {
  const shift = 32 - bitsWide;
  const signed = (x: number) => (x << shift) >> shift;
  switch (operation) {
    case 0: return (old, operand) => old + operand;
    case 1: return (old, operand) => old & ~operand;
    case 2: return (old, operand) => old ^ operand;
    case 3: return (old, operand) => old | operand;
    case 4: return (old, operand) => (signed(old) >= signed(operand) ? old : operand);
    case 5: return (old, operand) => (signed(old) <= signed(operand) ? old : operand);
    case 6: return (old, operand) => (old >= operand ? old : operand);
    case 7: return (old, operand) => (old <= operand ? old : operand);
    default: return (_old, operand) => operand; // SWP
  }
}

type Combine64 = (old: bigint, operand: bigint) => bigint;

function combine64(operation: number): Combine64 {
  switch (operation) {
    case 0: return (old, operand) => old + operand;
    case 1: return (old, operand) => old & ~operand;
    case 2: return (old, operand) => old ^ operand;
    case 3: return (old, operand) => old | operand;
    case 4: return (old, operand) => (BigInt.asIntN(64, old) >= BigInt.asIntN(64, operand) ? old : operand);
    case 5: return (old, operand) => (BigInt.asIntN(64, old) <= BigInt.asIntN(64, operand) ? old : operand);
    case 6: return (old, operand) => (old >= operand ? old : operand);
    case 7: return (old, operand) => (old <= operand ? old : operand);
    default: return (_old, operand) => operand; // SWP
  }
}

function atomicNarrowExec(size: number, operation: number, s: number, t: number, n: number): Exec {
  const bytes = 1 << size;
  const mask = SIZE_MASKS[size];
  const combine = combine32(operation, 8 * bytes);
  const read = narrowRead(size);
  const write = narrowWrite(size);
  const operandSlot = sourceSlot(s);
  const resultSlot = destinationSlot(t);
  return (cpu) => {
    const address = cpu.addr(n);
    checkAlignment(cpu, address, bytes, true);
    const operand = (cpu.W[2 * operandSlot] & mask) >>> 0;
    const data = read(cpu, address);
    write(cpu, address, combine(data, operand) >>> 0);
    cpu.W[2 * resultSlot] = data;
    cpu.W[2 * resultSlot + 1] = 0;
  };
}

function atomicDoublewordExec(operation: number, s: number, t: number, n: number): Exec {
  const combine = combine64(operation);
  const operandSlot = sourceSlot(s);
  const resultSlot = destinationSlot(t);
  return (cpu) => {
    const address = cpu.addr(n);
    checkAlignment(cpu, address, 8, true);
    const operand = cpu.X[operandSlot];
    const data = cpu.read64(address);
    cpu.write64(address, BigInt.asUintN(64, combine(data, operand)));
    cpu.X[resultSlot] = data;
  };
}

function fields(insn: number) {
  return {
    size: bits(insn, 30, 2), A: bit(insn, 23), R: bit(insn, 22), Rs: bits(insn, 16, 5),
    operation: bits(insn, 12, 4), Rn: bits(insn, 5, 5), Rt: bits(insn, 0, 5),
  };
}

/** LDAPR is o3:opc = 1100 with A = 1, R = 0, Rs = 11111; the other o3 = 1 values but SWP are unallocated. */
function isAllocated(operation: number, A: number, R: number, Rs: number): boolean {
  if (operation < 8 || operation === SWP) return true;
  return operation === LDAPR && A === 1 && R === 0 && Rs === 31;
}

export const ATOMIC_MEMORY_OPERATIONS: readonly Encoding[] = [
  {
    name: 'LDADD_SWP_LDAPR',
    pattern: 'ss11_1000_AR1s_ssss_oooo_00nn_nnnt_tttt',
    decode(insn) {
      const { size, A, R, Rs, operation, Rn, Rt } = fields(insn);
      if (!isAllocated(operation, A, R, Rs)) return undefined;
      if (operation === LDAPR) return orderedExec(size, Rn, destinationSlot(Rt), plainLoad(size), false);
      if (size === 3) return atomicDoublewordExec(operation, Rs, Rt, Rn);
      return atomicNarrowExec(size, operation, Rs, Rt, Rn);
    },
    disasm(insn) {
      const { size, A, R, Rs, operation, Rn, Rt } = fields(insn);
      if (!isAllocated(operation, A, R, Rs)) return undefined;
      const suffix = sizeSuffix(size);
      const address = baseOnlyAddress(Rn);
      if (operation === LDAPR) return `ldapr${suffix}\t${sizedRegister(Rt, size)}, ${address}`;
      const ordering = `${A ? 'a' : ''}${R ? 'l' : ''}`;
      const stem = operation === SWP ? 'swp' : OPERATION_NAMES[operation];
      // ST<op> is LD<op> without acquire whose result goes to the zero register (there is no STSWP).
      if (Rt === 31 && A === 0 && operation !== SWP) return `st${stem}${ordering}${suffix}\t${sizedRegister(Rs, size)}, ${address}`;
      const mnemonic = `${operation === SWP ? '' : 'ld'}${stem}${ordering}${suffix}`;
      const text = `${mnemonic}\t${sizedRegister(Rs, size)}, ${sizedRegister(Rt, size)}, ${address}`;
      // LLVM notes that A has no effect when the loaded value is discarded.
      return Rt === 31 && A === 1 ? withComment(text, 'acquire semantics dropped since destination is zero') : text;
    },
  },
];
