// DW_OP_entry_value: optimised code describes a parameter as "the value register N had
// when the function was entered". Like gdb, the value comes from the caller: unwind
// one frame, find the call site whose return address is the caller's PC
// (DW_TAG_call_site / DW_TAG_GNU_call_site), check it calls this function, and evaluate
// the DW_AT_call_value of the call-site parameter that names register N, in the
// caller's frame. Anything uncertain (indirect calls to unknown targets, missing
// parameters, registers the callee clobbered) leaves the value unknown: optimized out.

import type { DwarfFunction } from '../debugInfo';
import type { DebugInfoEntry } from '../debugInfoEntries';
import {
  DW_AT_abstract_origin, DW_AT_call_origin, DW_AT_call_return_pc, DW_AT_call_target, DW_AT_call_value, DW_AT_GNU_call_site_target,
  DW_AT_GNU_call_site_value, DW_AT_location, DW_AT_low_pc, DW_TAG_call_site, DW_TAG_call_site_parameter, DW_TAG_GNU_call_site,
  DW_TAG_GNU_call_site_parameter, DW_TAG_inlined_subroutine, DW_TAG_lexical_block,
} from '../dwarfConstants';
import { ExpressionContext, ExpressionError, evaluateValue } from '../locationExpression';
import type { ProgramSymbols } from '../programSymbols';
import type { RegisterReader } from '../unwinder';
import type { MemoryReader } from './cValue';

const DW_OP_reg0 = 0x50;
const DW_OP_regx = 0x90;
/** Entry values of entry values (a parameter passed on unchanged) are followed this many callers up. */
const MAX_CALLER_DEPTH = 8;

export interface MachineFrame {
  readonly pc: number;
  /** A frame above the top: its PC is a return address, so its rules are those of the call (pc - 4). */
  readonly isCaller?: boolean;
  readonly readRegister: RegisterReader;
}

export class EntryValueResolver {
  constructor(private readonly program: ProgramSymbols, private readonly memory: MemoryReader) {}

  /** The value `expression` (DW_OP_regN) had on entry to `callee`, which runs in `frame`. */
  resolve(expression: Uint8Array, callee: DwarfFunction, frame: MachineFrame, depth = 0): bigint | undefined {
    if (depth >= MAX_CALLER_DEPTH) return undefined;
    const register = registerOf(expression);
    if (register === undefined) return undefined;
    const unwindPc = frame.isCaller ? frame.pc - 4 : frame.pc;
    const caller = this.program.unwind(unwindPc, frame.readRegister, (address) => this.read64(BigInt(address)));
    if (!caller) return undefined;
    const callerFunction = this.program.functionAt(caller.pc - 4)?.dwarf;
    if (!callerFunction) return undefined;
    const callerFrame: MachineFrame = { pc: caller.pc, isCaller: true, readRegister: caller.readRegister };
    const site = findCallSite(callerFunction.entryDie, caller.pc);
    if (!site || !this.callsFunction(site, callee, callerFunction, callerFrame, depth)) return undefined;
    for (const parameter of site.children) {
      if (parameter.tag !== DW_TAG_call_site_parameter && parameter.tag !== DW_TAG_GNU_call_site_parameter) continue;
      const location = parameter.block(DW_AT_location);
      if (!location || registerOf(location) !== register) continue;
      const value = parameter.block(DW_AT_call_value) ?? parameter.block(DW_AT_GNU_call_site_value);
      return value ? this.evaluateInCaller(value, callerFunction, callerFrame, depth) : undefined;
    }
    return undefined;
  }

  /** Whether the call site calls `callee`: by its DW_AT_call_origin, else by evaluating its call target. */
  private callsFunction(site: DebugInfoEntry, callee: DwarfFunction, callerFunction: DwarfFunction, callerFrame: MachineFrame, depth: number): boolean {
    const origin = site.reference(DW_AT_call_origin) ?? site.reference(DW_AT_abstract_origin);
    if (origin) return sameFunction(origin, callee.entryDie);
    const target = site.block(DW_AT_call_target) ?? site.block(DW_AT_GNU_call_site_target);
    if (!target) return false;
    return this.evaluateInCaller(target, callerFunction, callerFrame, depth) === BigInt(callee.entry);
  }

  private evaluateInCaller(expression: Uint8Array, callerFunction: DwarfFunction, callerFrame: MachineFrame, depth: number): bigint | undefined {
    const callPc = callerFrame.pc - 4;
    const base: ExpressionContext = {
      readRegister: callerFrame.readRegister,
      readMemory: (address, size) => this.readInteger(address, size),
      callFrameCfa: () => this.program.canonicalFrameAddress(callPc, callerFrame.readRegister),
      entryValue: (inner) => this.resolve(inner, callerFunction, callerFrame, depth + 1),
    };
    const frameBase = () => {
      const frameBaseExpression = this.program.debugInfo.frameBaseAt(callerFunction, callPc);
      return frameBaseExpression ? this.evaluate(frameBaseExpression, base) : undefined;
    };
    return this.evaluate(expression, { ...base, frameBase });
  }

  private evaluate(expression: Uint8Array, context: ExpressionContext): bigint | undefined {
    try {
      return evaluateValue(expression, context);
    } catch (error) {
      if (error instanceof ExpressionError) return undefined;
      throw error;
    }
  }

  private readInteger(address: bigint, size: number): bigint | undefined {
    const bytes = this.memory.read(address, size);
    if (!bytes) return undefined;
    let value = 0n;
    for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
    return value;
  }

  private read64(address: bigint): bigint | undefined {
    return this.readInteger(address, 8);
  }
}

/** N of a DW_OP_regN / DW_OP_regx N expression, else undefined. */
function registerOf(expression: Uint8Array): number | undefined {
  if (expression.length === 1 && expression[0] >= DW_OP_reg0 && expression[0] < DW_OP_reg0 + 32) return expression[0] - DW_OP_reg0;
  if (expression.length >= 2 && expression[0] === DW_OP_regx) {
    let value = 0;
    let shift = 0;
    for (let i = 1; i < expression.length; i++) {
      value += (expression[i] & 0x7f) * 2 ** shift;
      shift += 7;
      if ((expression[i] & 0x80) === 0) return i === expression.length - 1 ? value : undefined;
    }
  }
  return undefined;
}

/** The call site in a function (its blocks and inlined calls included) that returns to `returnAddress`. */
function findCallSite(die: DebugInfoEntry, returnAddress: number): DebugInfoEntry | undefined {
  for (const child of die.children) {
    if (child.tag === DW_TAG_call_site || child.tag === DW_TAG_GNU_call_site) {
      const address = child.address(DW_AT_call_return_pc) ?? (child.tag === DW_TAG_GNU_call_site ? child.address(DW_AT_low_pc) : undefined);
      if (address === returnAddress) return child;
    } else if (child.tag === DW_TAG_lexical_block || child.tag === DW_TAG_inlined_subroutine) {
      const found = findCallSite(child, returnAddress);
      if (found) return found;
    }
  }
  return undefined;
}

/** DIEs of one function: a declaration, its definition, abstract and concrete instances. */
function sameFunction(a: DebugInfoEntry, b: DebugInfoEntry): boolean {
  const originsOf = (die: DebugInfoEntry) => {
    const found = new Set<number>();
    die.followOrigins((origin) => {
      found.add(origin.offset);
      return undefined;
    });
    return found;
  };
  const left = originsOf(a);
  for (const offset of originsOf(b)) if (left.has(offset)) return true;
  return false;
}
