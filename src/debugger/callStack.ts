// Walks the guest's call stack: the program's unwinder first (CFI, else prologue
// analysis, in src/symbols), then, for code it knows nothing about, the link register
// (stopped on a RET or a function's first instruction) and the AAPCS64 frame-pointer
// chain (X29 points at the saved {X29, X30} pair).

import { isReturn } from './controlFlow';
import type { CallFrameUnwinder, FrameRegisters, ProgramSymbols } from './programSymbols';

export interface CallFrame {
  registers: FrameRegisters;
  /** Canonical frame address, when the unwinder knew it. */
  cfa?: bigint;
  /** How the frame was found: the live registers, CFI, the frame-pointer chain or LR. */
  via: 'registers' | 'unwinder' | 'frame pointer' | 'link register';
}

export interface StackReader {
  readU64(address: bigint): bigint | undefined;
  /** The program's instruction word (original bytes where breakpoints are planted). */
  readWord(address: number): number | undefined;
}

const MAX_FRAMES = 256;

export function unwindCallStack(
  top: FrameRegisters,
  memory: StackReader,
  symbols: ProgramSymbols,
  unwinder: CallFrameUnwinder | undefined,
  maxFrames = MAX_FRAMES,
): CallFrame[] {
  const frames: CallFrame[] = [{ registers: top, via: 'registers' }];
  while (frames.length < maxFrames) {
    const current = frames[frames.length - 1];
    const next = unwindOne(current, frames.length === 1, memory, symbols, unwinder);
    if (!next) break;
    current.cfa = next.cfa ?? current.cfa;
    const caller = next.frame.registers;
    if (caller.pc === 0n || caller.pc === current.registers.pc && caller.sp === current.registers.sp) break;
    if (caller.sp < current.registers.sp) break; // the stack grows down: a caller's SP is never lower
    if (symbols.functionAt(Number(caller.pc) - 4) === undefined && symbols.lineAt(Number(caller.pc) - 4) === undefined) {
      // Outside any known code (e.g. a zero return address from the reset path).
      frames.push(next.frame);
      break;
    }
    frames.push(next.frame);
  }
  return frames;
}

function unwindOne(
  frame: CallFrame,
  isTop: boolean,
  memory: StackReader,
  symbols: ProgramSymbols,
  unwinder: CallFrameUnwinder | undefined,
): { frame: CallFrame; cfa?: bigint } | undefined {
  const regs = frame.registers;
  const pc = Number(regs.pc);
  // Stopped on a RET: the epilogue has put everything back, the caller is LR away.
  const word = memory.readWord(pc);
  if (isTop && word !== undefined && isReturn(word) && regs.x[30] !== undefined) {
    return { frame: { registers: { pc: regs.x[30], sp: regs.sp, x: [...regs.x] }, via: 'link register' }, cfa: regs.sp };
  }
  const unwound = unwinder?.unwind(regs, a => memory.readU64(a));
  if (unwound) return { frame: { registers: unwound.caller, via: 'unwinder' }, cfa: unwound.cfa };

  const fn = symbols.functionAt(pc);
  // A function stopped on its entry has not saved anything yet: the caller is LR away.
  if (isTop && fn && fn.start === pc && regs.x[30] !== undefined) {
    return { frame: { registers: { pc: regs.x[30], sp: regs.sp, x: [...regs.x] }, via: 'link register' }, cfa: regs.sp };
  }

  const fp = regs.x[29];
  if (fp === undefined || fp === 0n || fp % 8n !== 0n || fp < regs.sp) return undefined;
  const savedFp = memory.readU64(fp);
  const savedLr = memory.readU64(fp + 8n);
  if (savedFp === undefined || savedLr === undefined) return undefined;
  const x = [...regs.x];
  x[29] = savedFp;
  x[30] = savedLr;
  return { frame: { registers: { pc: savedLr, sp: fp + 16n, x }, via: 'frame pointer' }, cfa: fp + 16n };
}
