// The guest's registers by name, through KVM_GET_ONE_REG / KVM_SET_ONE_REG and the
// one register table of src/kvm. Adds `sp`, the stack pointer the guest is using now
// (SP_EL1 in EL1h, SP_EL0 in EL1t and EL0t), which is what users mean by "sp".

import { REGISTER_TABLE, REG_PC, REG_PSTATE, REG_SP, REG_SP_EL1, REG_X, registerByName } from '../kvm';
import type { TargetVcpu } from './debugTarget';

/** PSTATE.M[3:0] of EL1h: EL1 using SP_EL1. */
const MODE_EL1H = 0b0101;

export class RegisterFile {
  constructor(private readonly vcpu: () => TargetVcpu) {}

  /** Names of every register in the table, plus `sp`. */
  names(): string[] {
    return ['sp', ...REGISTER_TABLE.map(r => r.name)];
  }

  exists(name: string): boolean {
    return name === 'sp' || registerByName(name) !== undefined;
  }

  read(name: string): bigint {
    return this.vcpu().getOneReg(this.idOf(name));
  }

  write(name: string, value: bigint): void {
    const info = name === 'sp' ? undefined : registerByName(name);
    const width = info?.width ?? 64;
    this.vcpu().setOneReg(this.idOf(name), BigInt.asUintN(width, value));
  }

  get pc(): bigint {
    return this.vcpu().getOneReg(REG_PC);
  }

  set pc(value: bigint) {
    this.vcpu().setOneReg(REG_PC, value);
  }

  get sp(): bigint {
    return this.read('sp');
  }

  x(n: number): bigint {
    return this.vcpu().getOneReg(REG_X(n));
  }

  get pstate(): bigint {
    return this.vcpu().getOneReg(REG_PSTATE);
  }

  private idOf(name: string): bigint {
    if (name === 'sp') return (Number(this.pstate) & 0xf) === MODE_EL1H ? REG_SP_EL1 : REG_SP;
    const info = registerByName(name);
    if (!info) throw new Error(`no register named "${name}"`);
    return info.id;
  }
}
