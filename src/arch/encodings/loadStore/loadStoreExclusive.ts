// Load/store exclusive register and pair: LDXR/LDAXR/STXR/STLXR (B/H/W/X) and
// LDXP/LDAXP/STXP/STLXP. A load-exclusive opens the Cpu's exclusive monitor on its
// address range; a store-exclusive stores only if the monitor still covers exactly that
// range, always closes it, and writes 0 (stored) or 1 (not stored) to Ws; like QEMU,
// a store-exclusive that fails the monitor check makes no access, so it cannot fault. The
// acquire/release variants order nothing extra on this single-threaded model. The Rs
// field of loads and Rt2 of single-register forms are ignored, as LLVM does.

import type { Cpu } from '../../cpu';
import type { Encoding, Exec } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { destinationSlot, sourceSlot } from '../../registerSlots';
import { baseOnlyAddress } from './addressText';
import { checkAlignment } from './alignmentFault';
import { loadPairX, storePairX } from './pairTransfers';
import { plainLoad, plainStore } from './singleTransfers';
import { sizeSuffix, sizedRegister } from './sizeSuffix';

function loadExclusiveExec(bytes: number, n: number, load: (cpu: Cpu, address: number) => void): Exec {
  return (cpu) => {
    const address = cpu.addr(n);
    checkAlignment(cpu, address, bytes, false);
    load(cpu, address);
    cpu.markExclusive(address, bytes);
  };
}

function storeExclusiveExec(bytes: number, n: number, s: number, store: (cpu: Cpu, address: number) => void): Exec {
  const statusLo = 2 * s;
  return (cpu) => {
    const address = cpu.addr(n);
    checkAlignment(cpu, address, bytes, true);
    const passed = cpu.checkExclusive(address, bytes);
    if (passed) store(cpu, address);
    cpu.W[statusLo] = passed ? 0 : 1;
    cpu.W[statusLo + 1] = 0;
  };
}

function registerFields(insn: number) {
  return { size: bits(insn, 30, 2), L: bit(insn, 22), Rs: bits(insn, 16, 5), o0: bit(insn, 15), Rn: bits(insn, 5, 5), Rt: bits(insn, 0, 5) };
}

function pairFields(insn: number) {
  return { sz: bit(insn, 30), L: bit(insn, 22), Rs: bits(insn, 16, 5), o0: bit(insn, 15), Rt2: bits(insn, 10, 5), Rn: bits(insn, 5, 5), Rt: bits(insn, 0, 5) };
}

export const LOAD_STORE_EXCLUSIVE: readonly Encoding[] = [
  {
    name: 'LDXR_STXR',
    pattern: 'ss00_1000_0L0s_ssss_oaaa_aann_nnnt_tttt',
    decode(insn) {
      const { size, L, Rs, Rn, Rt } = registerFields(insn);
      const bytes = 1 << size;
      if (L) {
        const t = destinationSlot(Rt);
        const load = plainLoad(size);
        return loadExclusiveExec(bytes, Rn, (cpu, address) => load(cpu, address, t));
      }
      const t = sourceSlot(Rt);
      const store = plainStore(size);
      return storeExclusiveExec(bytes, Rn, destinationSlot(Rs), (cpu, address) => store(cpu, address, t));
    },
    disasm(insn) {
      const { size, L, Rs, o0, Rn, Rt } = registerFields(insn);
      const suffix = sizeSuffix(size);
      if (L) return `ld${o0 ? 'a' : ''}xr${suffix}\t${sizedRegister(Rt, size)}, ${baseOnlyAddress(Rn)}`;
      return `st${o0 ? 'l' : ''}xr${suffix}\t${regName(Rs, 0)}, ${sizedRegister(Rt, size)}, ${baseOnlyAddress(Rn)}`;
    },
  },
  {
    name: 'LDXP_STXP',
    pattern: '1z00_1000_0L1s_ssss_oaaa_aann_nnnt_tttt',
    decode(insn) {
      const { sz, L, Rs, Rt2, Rn, Rt } = pairFields(insn);
      if (L) {
        const t = destinationSlot(Rt);
        const t2 = destinationSlot(Rt2);
        if (sz) return loadExclusiveExec(16, Rn, (cpu, address) => loadPairX(cpu, address, t, t2));
        return loadExclusiveExec(8, Rn, (cpu, address) => {
          const data1 = cpu.read32(address);
          const data2 = cpu.read32(address + 4);
          cpu.W[2 * t] = data1;
          cpu.W[2 * t + 1] = 0;
          cpu.W[2 * t2] = data2;
          cpu.W[2 * t2 + 1] = 0;
        });
      }
      const t = sourceSlot(Rt);
      const t2 = sourceSlot(Rt2);
      const s = destinationSlot(Rs);
      if (sz) return storeExclusiveExec(16, Rn, s, (cpu, address) => storePairX(cpu, address, t, t2));
      return storeExclusiveExec(8, Rn, s, (cpu, address) => {
        cpu.write32(address, cpu.W[2 * t]);
        cpu.write32(address + 4, cpu.W[2 * t2]);
      });
    },
    disasm(insn) {
      const { sz, L, Rs, o0, Rt2, Rn, Rt } = pairFields(insn);
      const registers = `${regName(Rt, sz)}, ${regName(Rt2, sz)}, ${baseOnlyAddress(Rn)}`;
      if (L) return `ld${o0 ? 'a' : ''}xp\t${registers}`;
      return `st${o0 ? 'l' : ''}xp\t${regName(Rs, 0)}, ${registers}`;
    },
  },
];
