// Scopes and variables of a stopped guest: Locals, Arguments and Globals from DWARF
// (values by type, structs and arrays expandable), the Registers scope with its groups
// for the top frame and the unwound registers of caller frames, and setVariable on
// registers and C variables. References are valid until the guest runs again.

import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CallFrame } from '../debugger/callStack';
import type { Debugger } from '../debugger/debugger';
import type { FormatOptions, ValueNode } from '../symbols/values';
import { evaluateExpression, EvaluationContext } from './console/evaluator';
import {
  PSTATE_FIELDS, REGISTER_GROUPS, RegisterGroupId, describeRegister, formatRegisterValue, registerWidth,
  registersOfGroup, vectorLanes,
} from './registerView';
import type { SourceFrame } from './sourceFrames';

type Container =
  | { kind: 'registers' }
  | { kind: 'group'; group: RegisterGroupId }
  | { kind: 'callerRegisters'; frame: CallFrame }
  | { kind: 'vector'; register: string }
  | { kind: 'variables'; frame: SourceFrame; which: 'local' | 'parameter' | 'global' }
  | { kind: 'children'; parent: ValueNode };

export class VariablesView {
  private containers = new Map<number, Container>();
  private nextReference = 1;

  constructor(
    private readonly debuggerOf: () => Debugger,
    private readonly context: EvaluationContext,
  ) {}

  /** Forgets every reference (the guest ran). */
  reset(): void {
    this.containers.clear();
    this.nextReference = 1;
  }

  private reference(container: Container): number {
    const reference = this.nextReference++;
    this.containers.set(reference, container);
    return reference;
  }

  scopes(frame: SourceFrame): DebugProtocol.Scope[] {
    const scopes: DebugProtocol.Scope[] = [];
    if (frame.scope) {
      scopes.push({ name: 'Locals', presentationHint: 'locals', variablesReference: this.reference({ kind: 'variables', frame, which: 'local' }), expensive: false });
      scopes.push({ name: 'Arguments', presentationHint: 'arguments', variablesReference: this.reference({ kind: 'variables', frame, which: 'parameter' }), expensive: false });
      if (frame.values.globalVariables().length > 0) {
        scopes.push({ name: 'Globals', variablesReference: this.reference({ kind: 'variables', frame, which: 'global' }), expensive: true });
      }
    }
    const registers: Container = frame.machine === 0 ? { kind: 'registers' } : { kind: 'callerRegisters', frame: frame.frame };
    scopes.push({ name: 'Registers', presentationHint: 'registers', variablesReference: this.reference(registers), expensive: false });
    return scopes;
  }

  /** `hexRequested`: the client's format; registers default to hex, C values to decimal. */
  variables(reference: number, hexRequested?: boolean): DebugProtocol.Variable[] {
    const container = this.containers.get(reference);
    // References live until the guest runs again; an older one would show another stop's values.
    if (!container) throw new Error(`variables reference ${reference} is unknown or no longer valid (the guest ran since)`);
    const isC = container.kind === 'variables' || container.kind === 'children';
    const hex = hexRequested ?? !isC;
    switch (container.kind) {
      case 'registers':
        return REGISTER_GROUPS.map(g => ({
          name: g.title, value: this.groupSummary(g.id, hex), variablesReference: this.reference({ kind: 'group', group: g.id }),
          presentationHint: { kind: 'virtual' },
        }));
      case 'group':
        return this.groupVariables(container.group, hex);
      case 'callerRegisters':
        return this.callerVariables(container.frame, hex);
      case 'vector':
        return vectorLanes(this.debuggerOf().registers.read(container.register)).map(lane => ({ name: lane.name, value: lane.value, variablesReference: 0 }));
      case 'variables':
        return this.scopeNodes(container.frame, container.which, { hex }).map(node => this.cVariable(node));
      case 'children':
        return container.parent.children().map(node => this.cVariable(node));
    }
  }

  /** The variables of one scope of a frame, as the value layer shows them (values at the frame's PC). */
  private scopeNodes(frame: SourceFrame, which: 'local' | 'parameter' | 'global', options: FormatOptions): ValueNode[] {
    switch (which) {
      case 'local': return frame.values.locals(options);
      case 'parameter': return frame.values.arguments(options);
      case 'global': return frame.values.globals(options);
    }
  }

  /** A reference that expands a C value (watch and console results), or 0 when it has nothing inside. */
  expandable(node: ValueNode): number {
    return node.hasChildren ? this.reference({ kind: 'children', parent: node }) : 0;
  }

  private cVariable(node: ValueNode): DebugProtocol.Variable {
    const variable: DebugProtocol.Variable = {
      name: node.name,
      value: node.value,
      type: node.type,
      evaluateName: node.evaluateName,
      variablesReference: this.expandable(node),
    };
    if (node.indexedChildren !== undefined) variable.indexedVariables = node.indexedChildren;
    if (node.memoryReference !== undefined) variable.memoryReference = '0x' + node.memoryReference.toString(16);
    if (!node.assignable) variable.presentationHint = { attributes: ['readOnly'] };
    return variable;
  }

  private groupSummary(group: RegisterGroupId, hex: boolean): string {
    const registers = this.debuggerOf().registers;
    switch (group) {
      case 'general': return `pc = ${formatRegisterValue(registers.pc, 64, hex)}, sp = ${formatRegisterValue(registers.sp, 64, hex)}`;
      case 'pstate': return describeRegister('pstate', registers.pstate) ?? '';
      default: return '';
    }
  }

  private groupVariables(group: RegisterGroupId, hex: boolean): DebugProtocol.Variable[] {
    const registers = this.debuggerOf().registers;
    const variables: DebugProtocol.Variable[] = [];
    for (const name of registersOfGroup(group)) {
      if (!registers.exists(name)) continue;
      let value: bigint;
      try {
        value = registers.read(name);
      } catch {
        continue;
      }
      const width = registerWidth(name);
      const decoded = describeRegister(name, value);
      variables.push({
        name,
        value: formatRegisterValue(value, width, hex) + (decoded ? ` ${decoded}` : ''),
        evaluateName: `$${name}`,
        variablesReference: width === 128 ? this.reference({ kind: 'vector', register: name }) : 0,
        memoryReference: group === 'general' || name === 'elr_el1' || name === 'far_el1' || name === 'vbar_el1' ? '0x' + value.toString(16) : undefined,
      });
    }
    if (group === 'pstate') {
      const pstate = registers.pstate;
      for (const field of PSTATE_FIELDS) {
        const v = Number((pstate >> BigInt(field.shift)) & ((1n << BigInt(field.width)) - 1n));
        variables.push({ name: field.name, value: field.describe ? `${v} (${field.describe(v)})` : String(v), variablesReference: 0, evaluateName: undefined });
      }
    }
    if (group === 'debug') variables.push(...this.hostDebugSlots(hex));
    return variables;
  }

  /** The host's DBGBCR/BVR/WCR/WVR values (KVM_GUESTDBG_USE_HW), beside the guest's own above. */
  private hostDebugSlots(hex: boolean): DebugProtocol.Variable[] {
    const hardware = this.debuggerOf().hardware;
    const arch = hardware.toGuestDebugArch();
    const variables: DebugProtocol.Variable[] = [];
    const readOnly: DebugProtocol.VariablePresentationHint = { attributes: ['readOnly'] };
    for (let n = 0; n < hardware.breakpointSlots; n++) {
      variables.push({ name: `host dbgbcr${n}`, value: formatRegisterValue(arch.dbgBcr[n], 64, hex), variablesReference: 0, presentationHint: readOnly });
      variables.push({ name: `host dbgbvr${n}`, value: formatRegisterValue(arch.dbgBvr[n], 64, hex), variablesReference: 0, presentationHint: readOnly });
    }
    for (let n = 0; n < hardware.watchpointSlots; n++) {
      variables.push({ name: `host dbgwcr${n}`, value: formatRegisterValue(arch.dbgWcr[n], 64, hex), variablesReference: 0, presentationHint: readOnly });
      variables.push({ name: `host dbgwvr${n}`, value: formatRegisterValue(arch.dbgWvr[n], 64, hex), variablesReference: 0, presentationHint: readOnly });
    }
    return variables;
  }

  private callerVariables(frame: CallFrame, hex: boolean): DebugProtocol.Variable[] {
    const r = frame.registers;
    const variables: DebugProtocol.Variable[] = [
      { name: 'pc', value: formatRegisterValue(r.pc, 64, hex), variablesReference: 0, memoryReference: '0x' + r.pc.toString(16) },
      { name: 'sp', value: formatRegisterValue(r.sp, 64, hex), variablesReference: 0, memoryReference: '0x' + r.sp.toString(16) },
    ];
    r.x.forEach((value, n) => {
      if (value !== undefined) variables.push({ name: `x${n}`, value: formatRegisterValue(value, 64, hex), variablesReference: 0 });
    });
    return variables;
  }

  /** setVariable on a register (or a PSTATE field) of the top frame, or on a C variable; returns the new value text. */
  setVariable(reference: number, name: string, valueText: string, hexRequested?: boolean): { value: string; changedPcOrSp: boolean; memory?: { address: bigint; length: number } } {
    const container = this.containers.get(reference);
    if (container?.kind === 'variables' || container?.kind === 'children') return this.setCVariable(reference, name, valueText, hexRequested ?? false);
    const hex = hexRequested ?? true;
    if (!container || container.kind !== 'group') throw new Error('only the current frame\'s registers can be changed');
    const registers = this.debuggerOf().registers;
    const value = BigInt.asUintN(128, evaluateExpression(valueText, this.context).value);
    const field = container.group === 'pstate' ? PSTATE_FIELDS.find(f => f.name === name) : undefined;
    if (field) {
      const mask = ((1n << BigInt(field.width)) - 1n) << BigInt(field.shift);
      const pstate = (registers.pstate & ~mask) | ((value << BigInt(field.shift)) & mask);
      registers.write('pstate', pstate);
      return { value: String((pstate & mask) >> BigInt(field.shift)), changedPcOrSp: true };
    }
    if (name.startsWith('host ')) throw new Error(`${name} is the debugger's own slot; set breakpoints or watchpoints instead`);
    if (!registers.exists(name)) throw new Error(`no register named "${name}"`);
    registers.write(name, value);
    const written = registers.read(name);
    return { value: formatRegisterValue(written, registerWidth(name), hex), changedPcOrSp: name === 'pc' || name === 'sp' || name === 'pstate' };
  }

  /** Where a C variable shown in the view lives in memory (for "Break on Value Change"). */
  memoryOf(reference: number, name: string): { address: bigint; length: number; type: string } | undefined {
    const node = this.shownNode(reference, name, {});
    if (!node?.dataAddress) return undefined;
    return { address: node.dataAddress.address, length: node.dataAddress.size, type: node.type };
  }

  /** A C variable or member shown under `reference`, made again with `options`; undefined for other containers. */
  private shownNode(reference: number, name: string, options: FormatOptions): ValueNode | undefined {
    const container = this.containers.get(reference);
    if (container?.kind === 'variables') return this.scopeNodes(container.frame, container.which, options).find(node => node.name === name);
    if (container?.kind === 'children') return container.parent.children().find(node => node.name === name);
    return undefined;
  }

  /** The value of a register variable (for data breakpoints on "registers as pointers"). */
  registerValue(reference: number, name: string): bigint | undefined {
    const container = this.containers.get(reference);
    if (!container) return undefined;
    if (container.kind === 'callerRegisters') {
      if (name === 'pc') return container.frame.registers.pc;
      if (name === 'sp') return container.frame.registers.sp;
      const m = /^x(\d+)$/.exec(name);
      return m ? container.frame.registers.x[Number(m[1])] : undefined;
    }
    const registers = this.debuggerOf().registers;
    return container.kind === 'group' && registers.exists(name) ? registers.read(name) : undefined;
  }

  /** Writes a C variable or member where it lives (memory, or a register of a frame that can write it). */
  private setCVariable(reference: number, name: string, valueText: string, hex: boolean) {
    const node = this.shownNode(reference, name, { hex });
    if (!node) throw new Error(`no variable named "${name}" here`);
    const written = node.setValue(valueText);
    return {
      value: written.value,
      changedPcOrSp: false,
      memory: written.dataAddress ? { address: written.dataAddress.address, length: written.dataAddress.size } : undefined,
    };
  }
}
