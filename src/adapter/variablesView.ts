// Scopes and variables of a stopped guest: Locals, Arguments and Globals from DWARF
// (values by type, structs and arrays expandable), the Registers scope with its groups
// for the top frame and the unwound registers of caller frames, and setVariable on
// registers and C variables. References are valid until the guest runs again.

import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CallFrame } from '../debugger/callStack';
import type { Debugger } from '../debugger/debugger';
import { describeType, sizeOfType, stripTypedefs } from '../symbols/dwarfTypes';
import type { VariableInfo } from '../symbols/debugInfo';
import { evaluateExpression, EvaluationContext } from './console/evaluator';
import { CValue, ValueSource, bigintBytes, childrenOf, formatCValue, integerOf } from './cValues';
import type { ProgramInfo } from './programInfo';
import {
  PSTATE_FIELDS, REGISTER_GROUPS, RegisterGroupId, describeRegister, formatRegisterValue, registerWidth,
  registersOfGroup, vectorLanes,
} from './registerView';
import { SourceFrame, frameValueSource, globalsOf, variableValue } from './sourceFrames';

/** A C value shown in the view: where it came from, so it can be expanded and written. */
interface ShownValue {
  name: string;
  value: CValue;
  evaluateName: string;
}

type Container =
  | { kind: 'registers' }
  | { kind: 'group'; group: RegisterGroupId }
  | { kind: 'callerRegisters'; frame: CallFrame }
  | { kind: 'vector'; register: string }
  | { kind: 'variables'; frame: SourceFrame; which: 'local' | 'parameter' | 'global' }
  | { kind: 'children'; parent: ShownValue; frame: SourceFrame };

export class VariablesView {
  private containers = new Map<number, Container>();
  private nextReference = 1;

  constructor(
    private readonly debuggerOf: () => Debugger,
    private readonly program: ProgramInfo,
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
      if (globalsOf(frame, this.program).length > 0) {
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
    if (!container) return [];
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
        return this.scopeValues(container.frame, container.which).map(shown => this.cVariable(shown, container.frame, hex));
      case 'children':
        return this.childValues(container.parent, container.frame).map(shown => this.cVariable(shown, container.frame, hex));
    }
  }

  private source(frame: SourceFrame): ValueSource {
    return frameValueSource(frame, this.debuggerOf(), this.program);
  }

  /** The variables of one kind in a frame, with their values at the frame's PC. */
  private scopeValues(frame: SourceFrame, which: 'local' | 'parameter' | 'global'): ShownValue[] {
    const variables: VariableInfo[] = which === 'global' ? globalsOf(frame, this.program) : (frame.scope?.variables ?? []).filter(v => v.kind === which);
    const source = this.source(frame);
    return variables.map(v => ({ name: v.name, value: variableValue(v, which === 'global' ? undefined : frame, source, this.program, frame.lookupPc), evaluateName: v.name }));
  }

  /** A reference that expands a C value (watch and console results), or 0 when it has nothing inside. */
  expandable(name: string, value: CValue, frame: SourceFrame): number {
    const children = childrenOf(value, this.source(frame));
    if (!children || children.length === 0) return 0;
    return this.reference({ kind: 'children', parent: { name, value, evaluateName: name }, frame });
  }

  private childValues(parent: ShownValue, frame: SourceFrame): ShownValue[] {
    return (childrenOf(parent.value, this.source(frame)) ?? []).map(child => ({
      name: child.name === '*' ? `*${parent.name}` : child.name,
      value: child.value,
      evaluateName: child.evaluateName(parent.evaluateName.includes(' ') ? `(${parent.evaluateName})` : parent.evaluateName),
    }));
  }

  private cVariable(shown: ShownValue, frame: SourceFrame, hex: boolean): DebugProtocol.Variable {
    const source = this.source(frame);
    const children = childrenOf(shown.value, source);
    const type = stripTypedefs(shown.value.type);
    const variable: DebugProtocol.Variable = {
      name: shown.name,
      value: formatCValue(shown.value, source, hex),
      type: describeType(shown.value.type),
      evaluateName: shown.evaluateName,
      variablesReference: children && children.length > 0 ? this.reference({ kind: 'children', parent: shown, frame }) : 0,
    };
    if (type.kind === 'array' && children) variable.indexedVariables = children.length;
    if ((type.kind === 'pointer' || type.kind === 'reference') && shown.value.bytes) {
      variable.memoryReference = '0x' + integerOf(shown.value.bytes, false).toString(16);
    } else if (shown.value.address !== undefined) {
      variable.memoryReference = '0x' + shown.value.address.toString(16);
    }
    if (shown.value.unavailable !== undefined) variable.presentationHint = { attributes: ['readOnly'] };
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
    if (container?.kind === 'variables' || container?.kind === 'children') return this.setCVariable(container, name, valueText, hexRequested ?? false);
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
    const container = this.containers.get(reference);
    if (container?.kind !== 'variables' && container?.kind !== 'children') return undefined;
    const shown = (container.kind === 'variables' ? this.scopeValues(container.frame, container.which) : this.childValues(container.parent, container.frame))
      .find(v => v.name === name);
    const size = shown ? sizeOfType(shown.value.type) : undefined;
    if (!shown || shown.value.address === undefined || !size) return undefined;
    return { address: shown.value.address, length: size, type: describeType(shown.value.type) };
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

  /** Writes a scalar C variable where it lives: guest memory, or a register of the top frame. */
  private setCVariable(container: Extract<Container, { kind: 'variables' | 'children' }>, name: string, valueText: string, hex: boolean) {
    const shown = (container.kind === 'variables' ? this.scopeValues(container.frame, container.which) : this.childValues(container.parent, container.frame))
      .find(v => v.name === name);
    if (!shown) throw new Error(`no variable named "${name}" here`);
    const { value } = shown;
    if (value.unavailable !== undefined) throw new Error(`${name} is ${value.unavailable}: it has no storage to write`);
    const type = stripTypedefs(value.type);
    const size = sizeOfType(value.type);
    if (size === undefined || !['base', 'pointer', 'enum'].includes(type.kind)) throw new Error(`${name} is a ${describeType(value.type)}: set its members or elements one by one`);
    let bytes: Uint8Array;
    if (type.kind === 'base' && type.encoding === 'float') {
      const number = Number(valueText);
      if (Number.isNaN(number) && valueText.trim() !== 'NaN') throw new Error(`"${valueText}" is not a number`);
      bytes = new Uint8Array(size);
      const view = new DataView(bytes.buffer);
      if (size === 4) view.setFloat32(0, number, true);
      else view.setFloat64(0, number, true);
    } else if (type.kind === 'enum' && type.enumerators.some(e => e.name === valueText.trim())) {
      bytes = bigintBytes(BigInt(type.enumerators.find(e => e.name === valueText.trim())!.value), size);
    } else {
      bytes = bigintBytes(evaluateExpression(valueText, this.context).value, size);
    }
    const dbg = this.debuggerOf();
    if (value.address !== undefined) {
      dbg.writeMemory(value.address, bytes);
    } else if (value.register !== undefined && container.frame.machine === 0 && value.register <= 30) {
      const current = dbg.registers.x(value.register);
      const mask = (1n << BigInt(size * 8)) - 1n;
      dbg.registers.write(`x${value.register}`, (current & ~mask) | integerOf(bytes, false));
    } else {
      throw new Error(`${name} lives where it cannot be written from here`);
    }
    const written: CValue = { ...value, bytes };
    return {
      value: formatCValue(written, this.source(container.frame), hex),
      changedPcOrSp: false,
      memory: value.address !== undefined ? { address: value.address, length: size } : undefined,
    };
  }
}
