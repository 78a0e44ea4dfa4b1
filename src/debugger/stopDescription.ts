// The words of a stop: DAP reason, a short description and the full text with the
// decoded syndrome, as in spec section 5 (e.g. `BRK #0x0 at 0x40000a10 (ESR
// 0xf2000000: EC 0x3c BRK64, imm16 0x0)`). Syndrome decoding itself lives in arch/esr.

import { EC, brkImmediateMeaning, esrEc, esrIss, formatEsr } from '../arch/esr';
import { KVM_DEBUG_ARCH_HSR_HIGH_VALID } from '../kvm';

export type StopReason =
  | 'breakpoint' | 'function breakpoint' | 'instruction breakpoint' | 'data breakpoint'
  | 'step' | 'exception' | 'pause' | 'entry';

export interface StopDescription {
  reason: StopReason;
  description: string;
  text: string;
}

/** The syndrome of a debug exit, as the text needs it. */
export interface ExitSyndrome {
  hsr: number;
  hsrHigh: number;
  flags: number;
  far: bigint;
}

const hex = (v: number | bigint) => '0x' + v.toString(16);

function esrText(exit: ExitSyndrome): string {
  const high = exit.flags & KVM_DEBUG_ARCH_HSR_HIGH_VALID ? exit.hsrHigh : 0;
  return formatEsr(exit.hsr, high);
}

/** A BRK the debugger planted (a user breakpoint of some kind). */
export function describeOwnBreakpoint(exit: ExitSyndrome, pc: bigint, reason: StopReason): StopDescription {
  const imm = esrIss(exit.hsr) & 0xffff;
  const description = reason === 'function breakpoint' ? 'Function breakpoint hit'
    : reason === 'instruction breakpoint' ? 'Instruction breakpoint hit' : 'Breakpoint hit';
  return { reason, description, text: `BRK #${hex(imm)} at ${hex(pc)} ${esrText(exit)}` };
}

/** A guest BRK the debugger does not own, shown because the user asked to break on them. */
export function describeGuestBrk(exit: ExitSyndrome, pc: bigint): StopDescription {
  const imm = esrIss(exit.hsr) & 0xffff;
  const meaning = brkImmediateMeaning(imm);
  const name = `Guest BRK #${hex(imm)}${meaning ? ` (${meaning})` : ''}`;
  return { reason: 'exception', description: name, text: `${name} at ${hex(pc)} ${esrText(exit)}` };
}

export function describeHardwareBreakpoint(exit: ExitSyndrome, pc: bigint, reason: StopReason): StopDescription {
  return { reason, description: 'Hardware breakpoint hit', text: `Hardware breakpoint at ${hex(pc)} ${esrText(exit)}` };
}

/** The end of a step. `how` says what ended it when it was not a single-step exit. */
export function describeStep(exit: ExitSyndrome | undefined, pc: bigint): StopDescription {
  if (!exit) return { reason: 'step', description: 'Stepped', text: `Step to ${hex(pc)}` };
  const ec = esrEc(exit.hsr);
  if (ec === EC.BRK64) {
    return { reason: 'step', description: 'Stepped', text: `Step to ${hex(pc)} (stepped over a call to a temporary BRK #0x0) ${esrText(exit)}` };
  }
  if (exit.hsr === 0xc800_0000) return { reason: 'step', description: 'Stepped', text: `Step to ${hex(pc)} (synthetic step exit, no ISS)` };
  const iss = esrIss(exit.hsr);
  const notes: string[] = [];
  if (((iss >>> 24) & 1) === 0) notes.push('no instruction stepped');
  if (((iss >>> 6) & 1) === 1) notes.push('stepped load-exclusive');
  const suffix = notes.length ? ` [${notes.join(', ')}]` : '';
  return { reason: 'step', description: 'Stepped', text: `Step to ${hex(pc)} ${esrText(exit)}${suffix}` };
}

export interface WatchedRange {
  address: bigint;
  length: number;
}

/** A watchpoint hit: the access (read or write from WnR), FAR, and the instruction. */
export function describeWatchpoint(exit: ExitSyndrome, pc: bigint, watch: WatchedRange | undefined, reason: StopReason = 'data breakpoint'): StopDescription {
  const isWrite = ((esrIss(exit.hsr) >>> 6) & 1) === 1;
  const access = isWrite ? 'write' : 'read';
  let text = `Watchpoint ${access} at ${hex(exit.far)} by instruction at ${hex(pc)}`;
  if (watch && exit.far !== watch.address) text += `: access at ${hex(exit.far)} overlaps watch ${hex(watch.address)}+${watch.length}`;
  return { reason, description: `Watchpoint (${access})`, text: `${text} ${esrText(exit)}` };
}

/** A debug exit nobody owns and that the user wants to see, or any other exception. */
export function describeException(exit: ExitSyndrome, pc: bigint): StopDescription {
  const ec = esrEc(exit.hsr);
  switch (ec) {
    case EC.BRK64: return describeGuestBrk(exit, pc);
    case EC.BKPT32: {
      const imm = esrIss(exit.hsr) & 0xffff;
      return { reason: 'exception', description: `Guest BKPT #${hex(imm)}`, text: `BKPT #${hex(imm)} at ${hex(pc)} ${esrText(exit)}` };
    }
    case EC.BREAKPT_LOW: case EC.BREAKPT_CUR:
      return { reason: 'exception', description: 'Guest hardware breakpoint', text: `Guest hardware breakpoint at ${hex(pc)} ${esrText(exit)}` };
    case EC.SOFTSTP_LOW: case EC.SOFTSTP_CUR:
      return { reason: 'exception', description: 'Guest single-step exception', text: `Guest single-step exception at ${hex(pc)} ${esrText(exit)}` };
    case EC.WATCHPT_LOW: case EC.WATCHPT_CUR:
      return { reason: 'exception', description: 'Guest watchpoint', text: `Guest watchpoint at ${hex(exit.far)} by instruction at ${hex(pc)} ${esrText(exit)}` };
    case EC.VECTOR32:
      return { reason: 'exception', description: 'Vector catch', text: `Vector catch (AArch32) at ${hex(pc)} ${esrText(exit)}` };
    default:
      return { reason: 'exception', description: `Exception EC 0x${ec.toString(16)}`, text: `Unexpected exception EC 0x${ec.toString(16)} at ${hex(pc)} ${esrText(exit)}` };
  }
}

export function describePause(pc: bigint): StopDescription {
  return { reason: 'pause', description: 'Paused', text: `Paused at ${hex(pc)}` };
}

export function describeEntry(pc: bigint, symbol?: string): StopDescription {
  return { reason: 'entry', description: 'Paused on entry', text: `Entry at ${hex(pc)}${symbol ? ` <${symbol}>` : ''}` };
}
