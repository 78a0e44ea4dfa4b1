// Where a DAP data breakpoint request points (dataBreakpointInfo): a variable's storage,
// a register used as a pointer, a C lvalue, or an address the expression evaluates to.
// The answer is the memory range a watchpoint would cover, or why there is none.

import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Debugger } from '../debugger/debugger';
import { DataTarget, hexAddress } from './breakpointRequests';
import { evaluateExpression } from './console/evaluator';
import type { SessionConsoleContext } from './consoleContext';
import type { VariablesView } from './variablesView';

/** What the session has that a data breakpoint can be aimed with. */
export interface DataTargetSources {
  debugger: Debugger;
  variables: VariablesView;
  context: SessionConsoleContext;
}

/** Where a data breakpoint request points: a register used as a pointer, an lvalue, or an address. */
export function dataTargetFor(s: DataTargetSources, args: DebugProtocol.DataBreakpointInfoArguments): DataTarget | string {
  if (args.variablesReference) return variableTarget(s.variables, args.variablesReference, args);
  if (s.debugger.state === 'running') return 'pause the guest to set data breakpoints on expressions';
  const node = s.context.evaluateC(args.name, {});
  if (node) {
    if (!args.asAddress && node.dataAddress) {
      const { address, size } = node.dataAddress;
      const length = args.bytes ?? size;
      return { address, length, description: `${args.name} (${node.type}, ${length} bytes at ${hexAddress(address)})` };
    }
    const address = BigInt.asUintN(64, node.cValue.integer());
    const length = args.bytes ?? (args.asAddress ? 4 : 8);
    return { address, length, description: `${length} bytes at ${hexAddress(address)}` };
  }
  const value = evaluateExpression(args.name, s.context);
  if (!args.asAddress && value.location?.kind === 'memory') {
    const length = args.bytes ?? (value.type.kind === 'integer' ? value.type.size : 8);
    return { address: value.location.address, length, description: `${args.name} (${length} bytes at ${hexAddress(value.location.address)})` };
  }
  const address = BigInt.asUintN(64, value.value);
  const length = args.bytes ?? (args.asAddress ? 4 : 8);
  return { address, length, description: `${length} bytes at ${hexAddress(address)}` };
}

/** A child of the Variables view: a variable's own storage, or the memory a register points at. */
function variableTarget(variables: VariablesView, reference: number, args: DebugProtocol.DataBreakpointInfoArguments): DataTarget | string {
  const variable = variables.memoryOf(reference, args.name);
  if (variable) {
    const length = args.bytes ?? variable.length;
    return { address: variable.address, length, description: `${args.name} (${variable.type}, ${length} bytes at ${hexAddress(variable.address)})` };
  }
  const value = variables.registerValue(reference, args.name);
  if (value === undefined) return `"${args.name}" is not a register that can be used as an address`;
  const length = args.bytes ?? 8;
  return { address: value, length, description: `${length} bytes at ${hexAddress(value)} (where ${args.name} points)` };
}
