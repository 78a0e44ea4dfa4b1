// ConditionHolds() of the Arm ARM (J1.1.3 shared/functions/system/ConditionHolds): the
// 4-bit `cond` field of B.cond, CSEL, CCMP and friends tested against PSTATE.NZCV.

import type { Cpu } from '../../cpu';

/** Condition field values (Arm ARM C1.2.4, Table C1-1). */
export const enum Cond {
  EQ = 0, NE = 1, HS = 2, LO = 3, MI = 4, PL = 5, VS = 6, VC = 7,
  HI = 8, LS = 9, GE = 10, LT = 11, GT = 12, LE = 13, AL = 14, NV = 15,
}

/** Whether `cond` holds for the current NZCV flags. */
export function conditionHolds(cpu: Cpu, cond: number): boolean {
  let result: boolean;
  // cond<3:1> selects the test, cond<0> inverts it (except for 0b1111, which is "always").
  switch (cond >>> 1) {
    case 0: result = cpu.z === 1; break;                          // EQ / NE
    case 1: result = cpu.c === 1; break;                          // HS / LO
    case 2: result = cpu.n === 1; break;                          // MI / PL
    case 3: result = cpu.v === 1; break;                          // VS / VC
    case 4: result = cpu.c === 1 && cpu.z === 0; break;           // HI / LS
    case 5: result = cpu.n === cpu.v; break;                      // GE / LT
    case 6: result = cpu.n === cpu.v && cpu.z === 0; break;       // GT / LE
    default: return true;                                         // AL / NV
  }
  return (cond & 1) === 1 ? !result : result;
}

/** The condition with the opposite meaning (used by the cset/cinc/... aliases). */
export function invertCondition(cond: number): number {
  return cond ^ 1;
}
