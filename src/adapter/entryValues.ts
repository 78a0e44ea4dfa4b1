// DW_OP_entry_value: what a register held when the function was entered, recovered
// the way gdb does it, from the caller. The caller's DW_TAG_call_site for the return
// address lists DW_TAG_call_site_parameters; the one whose DW_AT_location is the
// register gives DW_AT_call_value, an expression evaluated in the caller's frame.
// Optimised code describes arguments this way once their registers are reused.

import type { CallFrame } from '../debugger/callStack';
import type { DebugInfoEntry } from '../symbols/debugInfoEntries';
import {
  DW_AT_GNU_call_site_value, DW_AT_call_return_pc, DW_AT_call_value, DW_AT_location, DW_AT_low_pc,
  DW_TAG_GNU_call_site, DW_TAG_GNU_call_site_parameter, DW_TAG_call_site, DW_TAG_call_site_parameter,
} from '../symbols/dwarfConstants';
import { ExpressionError, evaluateValue } from '../symbols/locationExpression';
import type { ProgramInfo } from './programInfo';

const MAX_SEARCH_DEPTH = 16;

/** The entry value of `expression` for the function `caller` called, or undefined when unknown. */
export function resolveEntryValue(
  program: ProgramInfo,
  expression: Uint8Array,
  caller: CallFrame,
  readMemory: (address: bigint, size: number) => bigint | undefined,
): bigint | undefined {
  const returnAddress = Number(caller.registers.pc);
  const fn = program.reader.debugInfo.functionAt(returnAddress - 4);
  if (!fn) return undefined;
  const site = findCallSite(fn.entryDie, returnAddress, 0);
  if (!site) return undefined;
  for (const parameter of site.children) {
    if (parameter.tag !== DW_TAG_call_site_parameter && parameter.tag !== DW_TAG_GNU_call_site_parameter) continue;
    const location = parameter.block(DW_AT_location);
    if (!location || !sameBytes(location, expression)) continue;
    const value = parameter.block(DW_AT_call_value) ?? parameter.block(DW_AT_GNU_call_site_value);
    if (!value) return undefined;
    // Only what survives the call is known in the caller: its callee-saved registers and SP.
    const readRegister = (register: number) => (register <= 30 ? caller.registers.x[register] : register === 31 ? caller.registers.sp : undefined);
    const callFrameCfa = () => caller.cfa ?? program.reader.canonicalFrameAddress(returnAddress - 4, readRegister);
    const frameBase = program.reader.debugInfo.frameBaseAt(fn, returnAddress - 4);
    try {
      return evaluateValue(value, {
        addressSize: 8,
        readRegister,
        readMemory,
        callFrameCfa,
        // Call values are often relative to the caller's frame base (DW_OP_fbreg).
        frameBase: () => (frameBase ? evaluateValue(frameBase, { addressSize: 8, readRegister, readMemory, callFrameCfa }) : undefined),
      });
    } catch (error) {
      if (error instanceof ExpressionError) return undefined;
      throw error;
    }
  }
  return undefined;
}

/** The call site whose return address is `returnAddress`, searched through nested blocks. */
function findCallSite(die: DebugInfoEntry, returnAddress: number, depth: number): DebugInfoEntry | undefined {
  if (depth > MAX_SEARCH_DEPTH) return undefined;
  for (const child of die.children) {
    if (child.tag === DW_TAG_call_site || child.tag === DW_TAG_GNU_call_site) {
      const at = child.address(DW_AT_call_return_pc) ?? child.address(DW_AT_low_pc);
      if (at === returnAddress) return child;
    } else if (child.children.length > 0) {
      const found = findCallSite(child, returnAddress, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
