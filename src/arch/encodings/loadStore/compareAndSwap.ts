// Compare and swap (FEAT_LSE): CAS/CASA/CASL/CASAL of a byte, halfword, word or
// doubleword, and CASP* of a pair of words or doublewords. The memory value is read;
// if it equals Rs (Rs:Rs+1) the new value Rt (Rt:Rt+1) is stored; Rs (Rs:Rs+1)
// receives the old value either way. Acquire (L) and release (o0) change nothing here.

import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { baseOnlyAddress } from './addressText';
import { checkAlignment } from './alignmentFault';
import { SIZE_MASKS, narrowRead, narrowWrite } from './narrowAccess';
import { sizeSuffix, sizedRegister } from './sizeSuffix';

function compareAndSwapNarrowExec(size: number, s: number, t: number, n: number): Exec {
  const bytes = 1 << size;
  const mask = SIZE_MASKS[size];
  const read = narrowRead(size);
  const write = narrowWrite(size);
  const sourceS = sourceSlot(s);
  const resultS = destinationSlot(s);
  const newValue = sourceSlot(t);
  return (cpu) => {
    const address = cpu.addr(n);
    checkAlignment(cpu, address, bytes, true);
    const comparevalue = (cpu.W[2 * sourceS] & mask) >>> 0;
    const data = read(cpu, address);
    if (data === comparevalue) write(cpu, address, cpu.W[2 * newValue]);
    cpu.W[2 * resultS] = data;
    cpu.W[2 * resultS + 1] = 0;
  };
}

function compareAndSwapDoublewordExec(s: number, t: number, n: number): Exec {
  const sourceS = sourceSlot(s);
  const resultS = destinationSlot(s);
  const newValue = sourceSlot(t);
  return (cpu) => {
    const address = cpu.addr(n);
    checkAlignment(cpu, address, 8, true);
    const data = cpu.read64(address);
    if (data === cpu.X[sourceS]) cpu.store64From(address, newValue);
    cpu.X[resultS] = data;
  };
}

function compareAndSwapPairExec(sz: number, s: number, t: number, n: number): Exec {
  // Rs and Rt are even, so Rs+1/Rt+1 is at most 31: the zero register.
  const sourceS1 = sourceSlot(s);
  const sourceS2 = sourceSlot(s + 1);
  const resultS1 = destinationSlot(s);
  const resultS2 = destinationSlot(s + 1);
  const newValue1 = sourceSlot(t);
  const newValue2 = sourceSlot(t + 1);
  if (sz === 0) {
    return (cpu) => {
      const address = cpu.addr(n);
      checkAlignment(cpu, address, 8, true);
      const w = cpu.W;
      const data1 = cpu.read32(address);
      const data2 = cpu.read32(address + 4);
      if (data1 === w[2 * sourceS1] && data2 === w[2 * sourceS2]) {
        cpu.write32(address, w[2 * newValue1]);
        cpu.write32(address + 4, w[2 * newValue2]);
      }
      w[2 * resultS1] = data1;
      w[2 * resultS1 + 1] = 0;
      w[2 * resultS2] = data2;
      w[2 * resultS2 + 1] = 0;
    };
  }
  return (cpu) => {
    const address = cpu.addr(n);
    checkAlignment(cpu, address, 16, true);
    const w = cpu.W;
    const data1Lo = cpu.read32(address);
    const data1Hi = cpu.read32(address + 4);
    const data2Lo = cpu.read32(address + 8);
    const data2Hi = cpu.read32(address + 12);
    if (data1Lo === w[2 * sourceS1] && data1Hi === w[2 * sourceS1 + 1] &&
        data2Lo === w[2 * sourceS2] && data2Hi === w[2 * sourceS2 + 1]) {
      cpu.store64From(address, newValue1);
      cpu.store64From(address + 8, newValue2);
    }
    w[2 * resultS1] = data1Lo;
    w[2 * resultS1 + 1] = data1Hi;
    w[2 * resultS2] = data2Lo;
    w[2 * resultS2 + 1] = data2Hi;
  };
}

function casFields(insn: number) {
  return { size: bits(insn, 30, 2), L: bit(insn, 22), Rs: bits(insn, 16, 5), o0: bit(insn, 15), Rn: bits(insn, 5, 5), Rt: bits(insn, 0, 5) };
}

/** CASP needs even Rs and Rt. */
function isValidPair(Rs: number, Rt: number): boolean {
  return (Rs & 1) === 0 && (Rt & 1) === 0;
}

export const COMPARE_AND_SWAP: readonly Encoding[] = [
  {
    name: 'CAS',
    pattern: 'ss00_1000_1L1s_ssss_o111_11nn_nnnt_tttt',
    decode(insn) {
      const { size, Rs, Rn, Rt } = casFields(insn);
      return size === 3 ? compareAndSwapDoublewordExec(Rs, Rt, Rn) : compareAndSwapNarrowExec(size, Rs, Rt, Rn);
    },
    disasm(insn) {
      const { size, L, Rs, o0, Rn, Rt } = casFields(insn);
      const mnemonic = `cas${L ? 'a' : ''}${o0 ? 'l' : ''}${sizeSuffix(size)}`;
      return `${mnemonic}\t${sizedRegister(Rs, size)}, ${sizedRegister(Rt, size)}, ${baseOnlyAddress(Rn)}`;
    },
  },
  {
    name: 'CASP',
    pattern: '0z00_1000_0L1s_ssss_o111_11nn_nnnt_tttt',
    decode(insn) {
      const { Rs, Rn, Rt } = casFields(insn);
      if (!isValidPair(Rs, Rt)) return undefined;
      return compareAndSwapPairExec(bit(insn, 30), Rs, Rt, Rn);
    },
    disasm(insn) {
      const { L, Rs, o0, Rn, Rt } = casFields(insn);
      if (!isValidPair(Rs, Rt)) return undefined;
      const sz = bit(insn, 30);
      const pair = (r: number) => `${regName(r, sz)}, ${regName(r + 1, sz)}`;
      return `casp${L ? 'a' : ''}${o0 ? 'l' : ''}\t${pair(Rs)}, ${pair(Rt)}, ${baseOnlyAddress(Rn)}`;
    },
  },
];
