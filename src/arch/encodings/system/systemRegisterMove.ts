// MRS and MSR (register): moves between general-purpose and system registers.

import type { Cpu } from '../../cpu';
import { DISCARD, ZR } from '../../registerSlots';
import type { Encoding } from '../../decoder';
import { bit, bits } from '../../decoder';
import { regName } from '../../disasmText';
import { syndrome } from '../../esr';
import { SystemRegister, genericSysRegName, sysRegKey, systemRegisterByKey, unimplementedDebugRegisterName } from '../../systemRegisters';

interface SysRegFields { op0: number; op1: number; CRn: number; CRm: number; op2: number; Rt: number }

function fields(insn: number): SysRegFields {
  return {
    op0: 2 + bit(insn, 19), op1: bits(insn, 16, 3), CRn: bits(insn, 12, 4),
    CRm: bits(insn, 8, 4), op2: bits(insn, 5, 3), Rt: bits(insn, 0, 5),
  };
}

function nameOf(f: SysRegFields): string {
  const reg = systemRegisterByKey(sysRegKey(f.op0, f.op1, f.CRn, f.CRm, f.op2));
  if (reg && !reg.name.startsWith('S3_')) return reg.name;
  return unimplementedDebugRegisterName(f.op0, f.op1, f.CRn, f.CRm, f.op2) ?? genericSysRegName(f.op0, f.op1, f.CRn, f.CRm, f.op2);
}

/**
 * From EL0: UNDEFINED unless EL0 may use the register, trapped to EL1 (EC 0x18) when a
 * control bit closes it. Trapped to EL2 when the hypervisor asks.
 */
function checkAccess(cpu: Cpu, reg: SystemRegister, f: SysRegFields, isRead: boolean): void {
  const esr = () => syndrome.sysRegTrap(f.op0, f.op1, f.CRn, f.CRm, f.op2, f.Rt, isRead);
  if (cpu.el === 0 && reg.el0 !== true) {
    if (reg.el0 === undefined) throw cpu.undefinedInstruction();
    if (!reg.el0(cpu)) throw cpu.exception(esr());
  }
  const trapped = (reg.trap === 'debug' && cpu.hyp.tda) || (reg.trap === 'oslock' && cpu.hyp.tdosa);
  if (trapped) throw cpu.trapToHypervisor(esr());
}

export const SYSTEM_REGISTER_MOVE_ENCODINGS: Encoding[] = [
  {
    name: 'MRS', pattern: '1101010100_1_1_o_ooo_nnnn_mmmm_ooo_ttttt',
    decode: (insn) => {
      const f = fields(insn);
      const reg = systemRegisterByKey(sysRegKey(f.op0, f.op1, f.CRn, f.CRm, f.op2));
      const read = reg?.read;
      if (!reg || !read) return undefined;
      const t = f.Rt === 31 ? DISCARD : f.Rt;
      return (cpu) => {
        checkAccess(cpu, reg, f, true);
        cpu.X[t] = read(cpu);
      };
    },
    disasm: (insn) => { const f = fields(insn); return `mrs\t${regName(f.Rt, 1)}, ${nameOf(f)}`; },
  },
  {
    name: 'MSR_reg', pattern: '1101010100_0_1_o_ooo_nnnn_mmmm_ooo_ttttt',
    decode: (insn) => {
      const f = fields(insn);
      const reg = systemRegisterByKey(sysRegKey(f.op0, f.op1, f.CRn, f.CRm, f.op2));
      const write = reg?.write;
      if (!reg || !write) return undefined;
      const t = f.Rt === 31 ? ZR : f.Rt;
      return (cpu) => {
        checkAccess(cpu, reg, f, false);
        write(cpu, cpu.X[t]);
      };
    },
    disasm: (insn) => { const f = fields(insn); return `msr\t${nameOf(f)}, ${regName(f.Rt, 1)}`; },
  },
];
