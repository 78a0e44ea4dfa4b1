// Unwind rules for code without call frame information, recovered by reading the
// function's instructions from its entry up to the PC (the way GDB's
// aarch64_analyze_prologue does). Picolibc's linker script discards .eh_frame, so a
// program built the default way has no CFI at all, yet GCC's frame base is
// DW_OP_call_frame_cfa: locals need the CFA.
//
// Only the instructions compilers use to build and tear down AArch64 frames are
// understood (A64 encodings from the Arm ARM, C6.2):
//   STP/LDP Xt1, Xt2, [SP, #imm]{!} and post-indexed; STR/LDR Xt, [SP, #imm]{!} and
//   post-indexed; SUB/ADD SP, SP, #imm; ADD X29, SP, #imm (MOV X29, SP);
//   ADD SP, X29, #imm (MOV SP, X29); RET.
// Any other write to SP makes the SP offset unknown; the result then relies on X29.

import { DWARF_REGISTER_FP, DWARF_REGISTER_LR, DWARF_REGISTER_SP, RegisterRule, UnwindRow } from './callFrameInformation';

const SP = 31;

interface FrameState {
  /** CFA - SP, when known. */
  spOffset: number | undefined;
  /** CFA - X29, once X29 has been set up as the frame pointer. */
  fpOffset: number | undefined;
  /** Saved registers: CFA-relative offsets. */
  saved: Map<number, number>;
}

function clone(state: FrameState): FrameState {
  return { spOffset: state.spOffset, fpOffset: state.fpOffset, saved: new Map(state.saved) };
}

function signExtend(value: number, bits: number): number {
  const shift = 32 - bits;
  return (value << shift) >> shift;
}

/**
 * The unwind row in force at `pc` for a function entered at `entry` whose code is
 * `code` (the bytes from `entry` up to at least `pc`). Undefined when the frame cannot
 * be described.
 */
export function analyzePrologue(code: Uint8Array, entry: number, pc: number, functionEnd: number): UnwindRow | undefined {
  let state: FrameState = { spOffset: 0, fpOffset: undefined, saved: new Map() };
  // The frame as the body has it, before the latest run of epilogue instructions.
  let bodyState: FrameState | undefined;
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  const count = Math.min(Math.floor(code.length / 4), Math.floor((pc - entry) / 4));
  for (let i = 0; i < count; i++) {
    const effect = apply(state, view.getUint32(i * 4, true));
    if (effect === 'return') {
      // Code after a RET belongs to another path through the body: the frame is as the body had it.
      if (bodyState) state = clone(bodyState);
    } else if (effect === 'body') {
      bodyState = clone(state);
    }
  }
  return toRow(state, entry, functionEnd);
}

type Effect = 'body' | 'epilogue' | 'return';

function apply(state: FrameState, instruction: number): Effect {
  const rt = instruction & 0x1f;
  const rn = (instruction >>> 5) & 0x1f;
  const rt2 = (instruction >>> 10) & 0x1f;

  if (instruction === 0xd65f03c0) return 'return'; // RET (X30)

  // STP/LDP (64-bit): opc=10 101 0 0xx L imm7 Rt2 Rn Rt.
  const pairClass = (instruction & 0xffc00000) >>> 0;
  if (rn === SP && (pairClass === 0xa9800000 || pairClass === 0xa9000000 || pairClass === 0xa8800000)) {
    const imm = signExtend((instruction >>> 15) & 0x7f, 7) * 8;
    const preIndex = pairClass === 0xa9800000;
    const postIndex = pairClass === 0xa8800000;
    if (preIndex) adjustSp(state, imm);
    const base = preIndex || postIndex ? 0 : imm;
    save(state, rt, base);
    save(state, rt2, base + 8);
    if (postIndex) adjustSp(state, imm);
    return 'body';
  }
  if (rn === SP && (pairClass === 0xa9c00000 || pairClass === 0xa9400000 || pairClass === 0xa8c00000)) {
    const imm = signExtend((instruction >>> 15) & 0x7f, 7) * 8;
    restore(state, rt);
    restore(state, rt2);
    if (pairClass !== 0xa9400000) adjustSp(state, imm); // pre- and post-index write back SP
    return 'epilogue';
  }

  // STR/LDR (64-bit, immediate): pre-index 0xf8000c00/0xf8400c00, post-index 0xf8000400/0xf8400400.
  const singleClass = (instruction & 0xffe00c00) >>> 0;
  if (rn === SP && (singleClass === 0xf8000c00 || singleClass === 0xf8000400)) {
    const imm = signExtend((instruction >>> 12) & 0x1ff, 9);
    if (singleClass === 0xf8000c00) {
      adjustSp(state, imm);
      save(state, rt, 0);
    } else {
      save(state, rt, 0);
      adjustSp(state, imm);
    }
    return 'body';
  }
  if (rn === SP && (singleClass === 0xf8400c00 || singleClass === 0xf8400400)) {
    restore(state, rt);
    adjustSp(state, signExtend((instruction >>> 12) & 0x1ff, 9));
    return 'epilogue';
  }
  // STR/LDR (64-bit, unsigned offset): 0xf9000000 / 0xf9400000, imm12 scaled by 8.
  const unsignedClass = (instruction & 0xffc00000) >>> 0;
  if (rn === SP && unsignedClass === 0xf9000000) {
    save(state, rt, ((instruction >>> 10) & 0xfff) * 8);
    return 'body';
  }
  if (rn === SP && unsignedClass === 0xf9400000) {
    restore(state, rt);
    return 'epilogue';
  }

  // (The masks are unsigned: JavaScript's & yields signed 32-bit values.)
  // ADD/SUB (immediate, 64-bit): sf=1 op S=0 100010 sh imm12 Rn Rd.
  const addSubClass = (instruction & 0xff800000) >>> 0;
  if (addSubClass === 0x91000000 || addSubClass === 0xd1000000) {
    const rd = rt;
    const shift = (instruction >>> 22) & 1 ? 12 : 0;
    const imm = ((instruction >>> 10) & 0xfff) * 2 ** shift;
    const delta = addSubClass === 0x91000000 ? imm : -imm;
    if (rd === SP && rn === SP) {
      adjustSp(state, delta);
      return delta > 0 ? 'epilogue' : 'body';
    }
    if (rd === DWARF_REGISTER_FP && rn === SP) {
      // X29 = SP + delta: the frame pointer now anchors the CFA.
      state.fpOffset = state.spOffset === undefined ? undefined : state.spOffset - delta;
      return 'body';
    }
    if (rd === SP && rn === DWARF_REGISTER_FP) {
      state.spOffset = state.fpOffset === undefined ? undefined : state.fpOffset - delta;
      return 'epilogue';
    }
  }

  // Any other instruction that writes SP (Rd = 31 in an ADD/SUB (extended register), MOV SP, Xn ...)
  // cannot be followed; data processing with Rd = 31 names XZR except in those forms.
  if (writesSpUnknowably(instruction)) state.spOffset = undefined;
  return 'body';
}

function writesSpUnknowably(instruction: number): boolean {
  const rd = instruction & 0x1f;
  // Flag-setting forms (S = 1, bit 29: CMP, CMN, ADDS, SUBS) write XZR, not SP.
  if (rd !== SP || (instruction & 0x20000000) !== 0) return false;
  // ADD/SUB (extended register): sf op S 01011 00 1 ...
  if ((instruction & 0x1fe00000) === 0x0b200000) return true;
  // ADD/SUB (immediate) with another base register.
  if ((instruction & 0x1f800000) === 0x11000000) return true;
  return false;
}

/** SP += delta: CFA - SP shrinks by delta. */
function adjustSp(state: FrameState, delta: number): void {
  if (state.spOffset !== undefined) state.spOffset -= delta;
}

/** Register stored at SP + offset. */
function save(state: FrameState, register: number, offset: number): void {
  // Only callee-saved registers (X19-X30) are saved for the caller; other stores are spills.
  if (register < 19 || register > 30 || state.spOffset === undefined) return;
  // Only the first save counts: later stores of the same register are spills in the body.
  if (!state.saved.has(register)) state.saved.set(register, offset - state.spOffset);
}

function restore(state: FrameState, register: number): void {
  state.saved.delete(register);
  if (register === DWARF_REGISTER_FP) state.fpOffset = undefined;
}

function toRow(state: FrameState, entry: number, functionEnd: number): UnwindRow | undefined {
  let cfa: UnwindRow['cfa'];
  if (state.fpOffset !== undefined) cfa = { kind: 'registerOffset', register: DWARF_REGISTER_FP, offset: state.fpOffset };
  else if (state.spOffset !== undefined) cfa = { kind: 'registerOffset', register: DWARF_REGISTER_SP, offset: state.spOffset };
  else return undefined;
  const registers = new Map<number, RegisterRule>();
  for (const [register, offset] of state.saved) registers.set(register, { kind: 'offset', offset });
  return {
    location: entry,
    endLocation: functionEnd,
    cfa,
    registers,
    returnAddressRegister: DWARF_REGISTER_LR,
    returnAddressSigned: false,
  };
}
