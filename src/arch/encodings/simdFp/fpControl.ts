// FPCR and FPSR fields (Arm ARM D17.2.48 FPCR, D17.2.51 FPSR) and the rounding modes of
// the FPRounding enumeration. The CPU keeps both registers as plain numbers
// (`cpu.fpcr`, `cpu.fpsr`); everything here only names their bits.

/** What an FP operation needs from the PE: the control register and the sticky flags. */
export interface FpEnvironment {
  fpcr: number;
  fpsr: number;
}

/** FPCR.AHP: alternative half-precision format (not modelled: IEEE half is always used). */
export const FPCR_AHP = 1 << 26;
/** FPCR.DN: every NaN result is the default NaN. */
export const FPCR_DN = 1 << 25;
/** FPCR.FZ: flush denormal single/double inputs and tiny results to zero. */
export const FPCR_FZ = 1 << 24;
/** FPCR.RMode, bits [23:22]. */
export const FPCR_RMODE_SHIFT = 22;

/** FPSR cumulative exception bits. */
export const FPSR_IOC = 1 << 0;
export const FPSR_DZC = 1 << 1;
export const FPSR_OFC = 1 << 2;
export const FPSR_UFC = 1 << 3;
export const FPSR_IXC = 1 << 4;
export const FPSR_IDC = 1 << 7;
/** FPSR.QC: an Advanced SIMD saturating instruction saturated. */
export const FPSR_QC = 1 << 27;

/** FPRounding: the first four values are FPCR.RMode's encodings. */
export const enum Rounding {
  TieEven = 0,
  PosInf = 1,
  NegInf = 2,
  Zero = 3,
  TieAway = 4,
  Odd = 5,
}

/** FPRoundingMode(fpcr): the mode an instruction that obeys FPCR uses. */
export function fpcrRounding(env: FpEnvironment): Rounding {
  return (env.fpcr >>> FPCR_RMODE_SHIFT) & 3;
}
