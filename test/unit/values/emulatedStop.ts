// A real stop for the value tests: the fixture runs in the project's emulator up to a
// software breakpoint (BRK #0 patched over the first instruction of a line, guest
// debugging with KVM_GUESTDBG_USE_SW_BP, the original word restored at the stop), and
// the frame reads the vCPU's registers and the VM's memory, as the adapter will.

import * as fs from 'fs';
import * as path from 'path';
import { KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_USE_SW_BP, REG_PC, REG_PSTATE, REG_SP, REG_SP_EL1, REG_V, REG_X } from '../../../src/kvm';
import { ProgramSymbols, loadProgramSymbols } from '../../../src/symbols/programSymbols';
import { FrameState, GuestAccess, ProgramValues } from '../../../src/symbols/values';
import { GuestMachine } from '../../../src/vmm/guestMachine';

export const VALUE_FIXTURES = path.join(__dirname, 'fixtures');
export const VALUE_FIXTURE_NAMES = ['values-gcc-O0', 'values-gcc-O2', 'values-clang-O0', 'values-clang-O2'] as const;
export type ValueFixtureName = (typeof VALUE_FIXTURE_NAMES)[number];

const BRK_0 = new Uint8Array([0x00, 0x00, 0x20, 0xd4]);

/** The line of a fixture source (values.c by default) that carries the "STOP:<name>" marker. */
export function stopLine(name: string, source = 'values.c'): number {
  const lines = fs.readFileSync(path.join(VALUE_FIXTURES, source), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(`STOP:${name} `) || line.endsWith(`STOP:${name}`));
  if (index < 0) throw new Error(`no STOP:${name} marker in ${source}`);
  return index + 1;
}

const programs = new Map<string, { bytes: Uint8Array; program: ProgramSymbols; values: ProgramValues }>();

/** An ELF file with its symbols and value layer, loaded once per test run. */
export function loadProgram(file: string): { bytes: Uint8Array; program: ProgramSymbols; values: ProgramValues } {
  let loaded = programs.get(file);
  if (!loaded) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const program = loadProgramSymbols(bytes, { programPath: file, baseFolders: [path.dirname(file)] });
    loaded = { bytes, program, values: new ProgramValues(program) };
    programs.set(file, loaded);
  }
  return loaded;
}

export function fixtureFile(name: ValueFixtureName): string {
  return path.join(VALUE_FIXTURES, `${name}.elf`);
}

export function loadFixture(name: ValueFixtureName): { bytes: Uint8Array; program: ProgramSymbols; values: ProgramValues } {
  return loadProgram(fixtureFile(name));
}

export interface EmulatedStop {
  readonly machine: GuestMachine;
  readonly program: ProgramSymbols;
  readonly values: ProgramValues;
  readonly pc: number;
  readonly frame: FrameState;
  readonly guest: GuestAccess;
}

/** One run of a program in the emulator, stopped at source lines one after the other. */
export class EmulatedRun {
  readonly machine: GuestMachine;
  readonly program: ProgramSymbols;
  readonly values: ProgramValues;
  private readonly name: string;

  /** `program` is a fixture of this folder or the path of an ELF file; `source` the file stops name. */
  constructor(program: ValueFixtureName | string, private readonly source = 'values.c') {
    const file = program.endsWith('.elf') ? program : fixtureFile(program as ValueFixtureName);
    const loaded = loadProgram(file);
    this.name = path.basename(file);
    this.program = loaded.program;
    this.values = loaded.values;
    this.machine = new GuestMachine(loaded.bytes, { output: () => undefined });
    this.machine.vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP });
  }

  /** Runs until the first instruction of `line` of the source (a BRK there, removed at the stop). */
  runTo(line: number): EmulatedStop {
    const { machine, program, values, name } = this;
    const locations = program.addressesForLine(this.source, line);
    if (locations.length === 0) throw new Error(`${name}: no code for ${this.source}:${line}`);
    const address = BigInt(locations[0].address);
    const original = machine.vm.readMemory(address, 4);
    machine.vm.writeMemory(address, BRK_0);
    const result = machine.runSlice(10_000_000);
    machine.vm.writeMemory(address, original);
    if (result.kind !== 'debug') throw new Error(`${name}: expected a stop at ${this.source}:${line}, got ${result.kind}`);
    const pc = Number(machine.vcpu.getOneReg(REG_PC));
    if (pc !== Number(address)) throw new Error(`${name}: stopped at 0x${pc.toString(16)}, expected 0x${address.toString(16)}`);
    return { machine, program, values, pc, frame: topFrame(machine, pc), guest: guestAccess(machine) };
  }
}

/** Runs `name` from the start until the first instruction of `line` of values.c. */
export function stopAtLine(name: ValueFixtureName, line: number): EmulatedStop {
  return new EmulatedRun(name).runTo(line);
}

/** The caller of a stopped frame, unwound as the adapter does (CFI, prologue analysis, frame records). */
export function callerOf(stop: EmulatedStop, frame: FrameState = stop.frame): FrameState | undefined {
  const readMemory64 = (address: number) => {
    const bytes = stop.guest.readMemory(BigInt(address), 8);
    return bytes ? new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true) : undefined;
  };
  const caller = stop.program.unwind(frame.isCaller ? frame.pc - 4 : frame.pc, frame.readRegister, readMemory64);
  return caller ? { pc: caller.pc, isCaller: true, readRegister: caller.readRegister } : undefined;
}

/** The register that is SP now: SP_EL1 when PSTATE.M says EL1h, else SP_EL0. */
function currentSp(machine: GuestMachine): bigint {
  const mode = machine.vcpu.getOneReg(REG_PSTATE) & 0xfn;
  return mode === 0b0101n ? REG_SP_EL1 : REG_SP;
}

/** DWARF register n of the vCPU: X0-X30, SP, V0-V31. */
export function readDwarfRegister(machine: GuestMachine, register: number): bigint | undefined {
  if (register >= 0 && register <= 30) return machine.vcpu.getOneReg(REG_X(register));
  if (register === 31) return machine.vcpu.getOneReg(currentSp(machine));
  if (register >= 64 && register <= 95) return machine.vcpu.getOneReg(REG_V(register - 64));
  return undefined;
}

function writeDwarfRegister(machine: GuestMachine, register: number, value: bigint): void {
  if (register >= 0 && register <= 30) machine.vcpu.setOneReg(REG_X(register), value);
  else if (register === 31) machine.vcpu.setOneReg(currentSp(machine), value);
  else if (register >= 64 && register <= 95) machine.vcpu.setOneReg(REG_V(register - 64), value);
  else throw new Error(`register ${register} cannot be written`);
}

function topFrame(machine: GuestMachine, pc: number): FrameState {
  return {
    pc,
    readRegister: (register) => readDwarfRegister(machine, register),
    writeRegister: (register, value) => writeDwarfRegister(machine, register, value),
  };
}

const NAMED: Record<string, (machine: GuestMachine) => bigint> = {
  pc: (machine) => machine.vcpu.getOneReg(REG_PC),
  sp: (machine) => machine.vcpu.getOneReg(currentSp(machine)),
  fp: (machine) => machine.vcpu.getOneReg(REG_X(29)),
  lr: (machine) => machine.vcpu.getOneReg(REG_X(30)),
};

function guestAccess(machine: GuestMachine): GuestAccess {
  const namedRegister = (name: string): { id: bigint; width: number } | undefined => {
    const match = /^([xw])(\d+)$/.exec(name);
    if (match && Number(match[2]) <= 30) return { id: REG_X(Number(match[2])), width: match[1] === 'x' ? 64 : 32 };
    if (name === 'sp') return { id: currentSp(machine), width: 64 };
    if (name === 'pc') return { id: REG_PC, width: 64 };
    if (name === 'fp') return { id: REG_X(29), width: 64 };
    if (name === 'lr') return { id: REG_X(30), width: 64 };
    return undefined;
  };
  return {
    readMemory: (address, length) => (machine.vm.isRam(address, length) ? machine.vm.readMemory(address, length) : undefined),
    writeMemory: (address, bytes) => machine.vm.writeMemory(address, bytes),
    readNamedRegister: (name) => {
      const register = namedRegister(name);
      if (!register) return NAMED[name]?.(machine);
      return BigInt.asUintN(register.width, machine.vcpu.getOneReg(register.id));
    },
    writeNamedRegister: (name, value) => {
      const register = namedRegister(name);
      if (!register) throw new Error(`no register ${name}`);
      const current = machine.vcpu.getOneReg(register.id);
      const mask = (1n << BigInt(register.width)) - 1n;
      machine.vcpu.setOneReg(register.id, register.width === 64 ? value & mask : (current & ~mask) | (value & mask));
    },
  };
}
