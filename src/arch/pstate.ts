// PSTATE as saved in SPSR_ELx (AArch64 format), Arm ARM C5.2.19.

export const SPSR_N = 1 << 31;
export const SPSR_Z = 1 << 30;
export const SPSR_C = 1 << 29;
export const SPSR_V = 1 << 28;
export const SPSR_SS = 1 << 21;
export const SPSR_IL = 1 << 20;
export const SPSR_D = 1 << 9;
export const SPSR_A = 1 << 8;
export const SPSR_I = 1 << 7;
export const SPSR_F = 1 << 6;
export const SPSR_DAIF = SPSR_D | SPSR_A | SPSR_I | SPSR_F;
/** M[4] = 1: AArch32 state. */
export const SPSR_M_NRW = 1 << 4;

export const MODE_EL0t = 0b0000;
export const MODE_EL1t = 0b0100;
export const MODE_EL1h = 0b0101;

export function modeName(m: number): string {
  switch (m & 0x1f) {
    case MODE_EL0t: return 'EL0t';
    case MODE_EL1t: return 'EL1t';
    case MODE_EL1h: return 'EL1h';
    case 0b1000: return 'EL2t';
    case 0b1001: return 'EL2h';
    default: return `M=0x${(m & 0x1f).toString(16)}`;
  }
}
