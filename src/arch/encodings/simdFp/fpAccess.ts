// CPACR_EL1.FPEN: SIMD&FP instructions trap to EL1 (EC 0x07) unless enabled for the
// current EL. Exported for the load/store encodings of SIMD&FP registers too.

import type { Cpu } from '../../cpu';
import { EC, makeEsr } from '../../esr';
import type { Exec } from '../../decoder';

/** ISS for an AArch64 trapped SIMD&FP access: CV = 1, COND = 0b1110. */
const FP_ACCESS_ISS = (1 << 24) | (0xe << 20);

/** Whether CPACR_EL1.FPEN traps SIMD&FP at the current EL (0b00/0b10: EL0 and EL1; 0b01: EL0). */
export function fpAccessTrapped(cpu: Cpu): boolean {
  const fpen = (cpu.cpacrEl1 >>> 20) & 3;
  return fpen === 0 || fpen === 2 || (fpen === 1 && cpu.el === 0);
}

/** Throws the SIMD&FP access trap if FPEN does not allow the access. */
export function checkFpAccess(cpu: Cpu): void {
  if (fpAccessTrapped(cpu)) throw cpu.exception(makeEsr(EC.FP_ASIMD, FP_ACCESS_ISS));
}

/** Wraps an executor with the FPEN check. */
export function guardedByFpen(exec: Exec): Exec {
  return (cpu: Cpu) => {
    if (fpAccessTrapped(cpu)) throw cpu.exception(makeEsr(EC.FP_ASIMD, FP_ACCESS_ISS));
    exec(cpu);
  };
}
