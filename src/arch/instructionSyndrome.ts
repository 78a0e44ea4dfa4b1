// The instruction syndrome (ESR ISS[24:14]) of a data abort: valid only for loads and
// stores of a single general-purpose register without writeback, which is what lets a
// hypervisor emulate the access (Arm ARM D17.2.40, "ISV").

export interface InstructionSyndrome {
  /** log2 of the access size. */
  sas: number;
  /** Sign-extending load. */
  sse: boolean;
  /** The transfer register. */
  srt: number;
  /** The register is 64-bit (sixty-four). */
  sf: boolean;
  /** Acquire/release semantics. */
  ar: boolean;
}

export function instructionSyndromeOf(insn: number): InstructionSyndrome | undefined {
  const size = insn >>> 30;
  const rt = insn & 0x1f;
  // Load/store register: unsigned offset (0b111001), unscaled/register offset (0b111000).
  const isUnsignedOffset = ((insn >>> 24) & 0x3f) === 0b111001;
  const isOtherForm = ((insn >>> 24) & 0x3f) === 0b111000;
  const form = (insn >>> 10) & 3;
  const registerOffset = isOtherForm && ((insn >>> 21) & 1) === 1 && form === 0b10;
  const unscaled = isOtherForm && ((insn >>> 21) & 1) === 0 && form === 0b00;
  if (isUnsignedOffset || registerOffset || unscaled) {
    if ((insn >>> 26) & 1) return undefined; // SIMD&FP register
    const opc = (insn >>> 22) & 3;
    if (opc === 0) return { sas: size, sse: false, srt: rt, sf: size === 3, ar: false };
    if (opc === 1) return { sas: size, sse: false, srt: rt, sf: size === 3, ar: false };
    if (size === 3) return undefined; // PRFM
    if (opc === 2) return { sas: size, sse: true, srt: rt, sf: true, ar: false };
    if (size === 2) return undefined;
    return { sas: size, sse: true, srt: rt, sf: false, ar: false };
  }
  // LDAR/STLR (load/store ordered): 0b001000 1x0 with o0 = 1.
  if (((insn >>> 23) & 0x7f) === 0b0010001 && ((insn >>> 21) & 1) === 0 && ((insn >>> 15) & 1) === 1) {
    return { sas: size, sse: false, srt: rt, sf: size === 3, ar: true };
  }
  return undefined;
}
