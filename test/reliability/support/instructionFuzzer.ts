// Executes random instruction words from random architectural states and reports any
// JavaScript exception that escapes the emulator. A guest word may do anything the
// architecture allows (execute, fault, trap to the model EL2, call semihosting); what it
// may never do is throw a host exception out of `Cpu.run`, `Vcpu.run` or the board.
//
// Three layers are exercised, each with its own trial kind:
// - `cpu`:   the bare processing element, words behind a random vector table;
// - `vcpu`:  the KVM model with random KVM_SET_GUEST_DEBUG controls and MMIO completions;
// - `board`: the whole VMM (GuestMachine: UART, semihosting, PSCI) on a page of random words.

import { Cpu, SP, Stop } from '../../../src/arch/cpu';
import { defaultDecodeTable } from '../../../src/arch/table';
import { disassemble } from '../../../src/arch/disassembler';
import { NUM_BREAKPOINTS, NUM_WATCHPOINTS } from '../../../src/arch/debugRegisters';
import { GuestMemory, VIRT_RAM_BASE } from '../../../src/machine/guestMemory';
import { KVM_EXIT_MMIO, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_HW, KVM_GUESTDBG_USE_SW_BP, REG_PC, createVm } from '../../../src/kvm';
import { GuestMachine } from '../../../src/vmm/guestMachine';
import { SeededRandom } from './seededRandom';
import { buildElf } from './elfBuilder';

export type TrialKind = 'cpu' | 'vcpu' | 'board';

export interface FuzzFailure {
  kind: TrialKind;
  seed: number;
  /** The first random word of the trial (the one at the entry PC). */
  word: number;
  error: string;
}

export interface FuzzTally {
  trials: number;
  words: number;
  instructions: number;
  failures: FuzzFailure[];
}

/** Small RAM keeps trials cheap; pointers into it are common among the random register values. */
const RAM_SIZE = 2 * 1024 * 1024;
const RAM_END = VIRT_RAM_BASE + RAM_SIZE;
/** Where the random words go, and the random vector table the exceptions they raise land on. */
const CODE_AREA = VIRT_RAM_BASE;
const CODE_WORDS = 64;
const VECTOR_AREA = VIRT_RAM_BASE + 0x10000;
const VECTOR_WORDS = 0x800 / 4;
const UART = 0x0900_0000;

const table = defaultDecodeTable();

/** Interesting 64-bit values: edges of signed/unsigned ranges, RAM and device addresses. */
function randomRegisterValue(rng: SeededRandom): bigint {
  switch (rng.below(10)) {
    case 0: return rng.next64();
    case 1: return BigInt(rng.below(256));
    case 2: return BigInt.asUintN(64, -BigInt(rng.below(256)));
    case 3: return 1n << BigInt(rng.below(64));
    case 4: return rng.pick([0n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xffffffffn, 0x80000000n, 0x7fffffffn]);
    case 5: return BigInt(VIRT_RAM_BASE + rng.below(RAM_SIZE));
    case 6: return BigInt(VIRT_RAM_BASE + 0x20000 + rng.below(0x1000) * 16);
    case 7: return BigInt(RAM_END - rng.below(64));
    case 8: return BigInt(UART + rng.below(0x1000));
    default: return BigInt(rng.next32());
  }
}

/** A 128-bit vector register: random bytes, or FP special values in each lane. */
function randomVector(rng: SeededRandom, cpu: Cpu, n: number): void {
  if (rng.chance(0.5)) {
    cpu.V8.set(rng.bytes(16), 16 * n);
    return;
  }
  const specials = [0, -0, 1, -1, 0.5, Infinity, -Infinity, NaN, 5e-324, 1.1754943508222875e-38, 3.4028234663852886e38, 2 ** 63, -(2 ** 31)];
  if (rng.chance(0.5)) {
    for (let lane = 0; lane < 2; lane++) cpu.VF64[2 * n + lane] = rng.pick(specials);
  } else {
    for (let lane = 0; lane < 4; lane++) cpu.VF32[4 * n + lane] = rng.pick(specials);
  }
  if (rng.chance(0.2)) cpu.V32[4 * n + rng.below(4)] = rng.pick([0x7fc00001, 0x7f800001, 0xffc00000, 0x00000001, 0x80000000]);
}

/** Random PSTATE, system registers and debug registers, as a guest could have set them. */
function randomizeState(rng: SeededRandom, cpu: Cpu): void {
  for (let n = 0; n < 31; n++) cpu.X[n] = randomRegisterValue(rng);
  for (let n = 0; n < 32; n++) randomVector(rng, cpu, n);
  cpu.fpcr = rng.chance(0.3) ? rng.next32() & 0x07ff9f00 : rng.pick([0, 0x00400000, 0x00800000, 0x00c00000, 0x01000000, 0x02000000]);
  cpu.fpsr = rng.chance(0.2) ? rng.next32() & 0xf800009f : 0;
  const el = rng.chance(0.25) ? 0 : 1;
  const mode = el === 0 ? 0 : rng.chance(0.2) ? 0b0100 : 0b0101;
  const daif = rng.chance(0.5) ? 0x3c0 : rng.next32() & 0x3c0;
  const ss = rng.chance(0.1) ? 1 << 21 : 0;
  cpu.setPstate(((rng.next32() & 0xf0000000) | ss | daif | mode) >>> 0);
  cpu.setSpEl1(randomRegisterValue(rng));
  cpu.setSpEl0(randomRegisterValue(rng));
  if (rng.chance(0.3)) cpu.X[SP] = BigInt(VIRT_RAM_BASE + 0x30000 + rng.below(0x1000) * 16);
  cpu.vbarEl1 = rng.chance(0.8) ? BigInt(VECTOR_AREA) : BigInt.asUintN(64, randomRegisterValue(rng) & ~0x7ffn);
  if (rng.chance(0.3)) cpu.sctlrEl1 = (cpu.sctlrEl1 | (rng.next32() & 0x0000020a)) >>> 0;
  if (rng.chance(0.2)) cpu.cpacrEl1 = rng.pick([0, 0x100000, 0x200000, 0x300000]);
  cpu.elrEl1 = randomRegisterValue(rng);
  cpu.spsrEl1 = rng.next32();
  if (rng.chance(0.3)) {
    cpu.osLock = rng.chance(0.3);
    cpu.mdscrEl1 = rng.next32() & 0x0000e001 | (rng.chance(0.5) ? 1 : 0);
    const regs = cpu.guestDebugRegisters;
    for (let i = 0; i < NUM_BREAKPOINTS; i++) {
      regs.bcr[i] = rng.chance(0.5) ? rng.next32() : 0;
      regs.bvr[i] = rng.chance(0.5) ? BigInt(CODE_AREA + 4 * rng.below(CODE_WORDS)) : rng.next64();
    }
    for (let i = 0; i < NUM_WATCHPOINTS; i++) {
      regs.wcr[i] = rng.chance(0.5) ? rng.next32() : 0;
      regs.wvr[i] = rng.chance(0.5) ? randomRegisterValue(rng) : rng.next64();
    }
    cpu.refreshDebugState();
  }
}

/**
 * A random word: half uniformly random (mostly unallocated encodings), half drawn from a
 * random line of the decode table with random fields, so every executor runs with
 * arbitrary operands; now and then zero (UDF).
 */
export function randomWord(rng: SeededRandom): number {
  if (rng.chance(0.02)) return 0;
  if (rng.chance(0.5)) return rng.next32();
  const encoding = table.all[rng.below(table.all.length)];
  return ((rng.next32() & ~encoding.mask) | encoding.value) >>> 0;
}

/** Fills RAM words [from, from + count) with random words. */
function fillRandomWords(rng: SeededRandom, view: DataView, from: number, count: number): number {
  let first = 0;
  for (let i = 0; i < count; i++) {
    const word = randomWord(rng);
    if (i === 0) first = word;
    view.setUint32(from - VIRT_RAM_BASE + 4 * i, word, true);
  }
  return first;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack ?? ''}`;
  return `non-Error thrown: ${String(e)}`;
}

export class InstructionFuzzer {
  readonly tally: FuzzTally = { trials: 0, words: 0, instructions: 0, failures: [] };
  private readonly memory = new GuestMemory(VIRT_RAM_BASE, RAM_SIZE);

  /** Runs one trial of the given kind from its own seed. */
  trial(kind: TrialKind, seed: number): void {
    const rng = new SeededRandom(seed);
    let word = 0;
    try {
      if (kind === 'cpu') word = this.cpuTrial(rng);
      else if (kind === 'vcpu') word = this.vcpuTrial(rng);
      else word = this.boardTrial(rng);
    } catch (e) {
      this.tally.failures.push({ kind, seed, word, error: describe(e) });
    }
    this.tally.trials++;
  }

  /** Random words at the entry and behind the vector table, run on a bare CPU. */
  private cpuTrial(rng: SeededRandom): number {
    const view = this.memory.ramView;
    const word = fillRandomWords(rng, view, CODE_AREA, CODE_WORDS);
    fillRandomWords(rng, view, VECTOR_AREA, VECTOR_WORDS);
    this.checkDisassembly(view, CODE_AREA, CODE_WORDS);
    const cpu = new Cpu(this.memory, table);
    randomizeState(rng, cpu);
    cpu.pc = CODE_AREA + 4 * rng.below(4);
    const budget = 1 + rng.below(48);
    // Leave run() the way the VMM would after each stop, until the budget is spent.
    for (let stops = 0; stops < 8 && cpu.instructions < budget; stops++) {
      const stop = cpu.run(budget - cpu.instructions);
      if (stop === Stop.Semihosting) cpu.skipInstruction();
      else if (stop === Stop.HypervisorTrap) cpu.injectDataAbort(cpu.trap.far, false);
      else if (stop !== Stop.Budget) break;
    }
    this.tally.words += CODE_WORDS + VECTOR_WORDS;
    this.tally.instructions += cpu.instructions;
    return word;
  }

  /** The KVM model: guest debug on or off, MMIO exits completed with random data. */
  private vcpuTrial(rng: SeededRandom): number {
    const vm = createVm({ memoryMiB: 2 });
    const vcpu = vm.createVcpu();
    const words = new Uint8Array(4 * CODE_WORDS);
    const view = new DataView(words.buffer);
    for (let i = 0; i < CODE_WORDS; i++) view.setUint32(4 * i, randomWord(rng), true);
    vm.writeMemory(BigInt(CODE_AREA), words);
    vm.writeMemory(BigInt(VECTOR_AREA), rng.bytes(0x800));
    randomizeState(rng, vcpu.cpu);
    vcpu.setOneReg(REG_PC, BigInt(CODE_AREA));
    const control = rng.chance(0.5) ? 0 : KVM_GUESTDBG_ENABLE | (rng.next32() & (KVM_GUESTDBG_SINGLESTEP | KVM_GUESTDBG_USE_SW_BP | KVM_GUESTDBG_USE_HW));
    vcpu.setGuestDebug({
      control,
      arch: {
        dbgBcr: Array.from({ length: 16 }, () => (rng.chance(0.5) ? BigInt(rng.next32()) : 0n)),
        dbgBvr: Array.from({ length: 16 }, () => BigInt(CODE_AREA + 4 * rng.below(CODE_WORDS))),
        dbgWcr: Array.from({ length: 16 }, () => (rng.chance(0.5) ? BigInt(rng.next32()) : 0n)),
        dbgWvr: Array.from({ length: 16 }, () => randomRegisterValue(rng)),
      },
    });
    for (let exits = 0; exits < 12; exits++) {
      const run = vcpu.run({ maxInstructions: 1 + rng.below(32) });
      if (run.exitReason === KVM_EXIT_MMIO && run.mmio && !run.mmio.isWrite) run.mmio.data.set(rng.bytes(run.mmio.len));
      if (run.exitReason === KVM_EXIT_MMIO && rng.chance(0.3)) vcpu.injectExternalDataAbort();
    }
    this.tally.words += CODE_WORDS;
    this.tally.instructions += vcpu.cpu.instructions;
    return view.getUint32(0, true);
  }

  /** The whole board: a loaded image of random words with the UART, semihosting and PSCI behind it. */
  private boardTrial(rng: SeededRandom): number {
    const code = new Uint8Array(4 * CODE_WORDS);
    for (let i = 0; i < CODE_WORDS; i++) new DataView(code.buffer).setUint32(4 * i, randomWord(rng), true);
    const elf = buildElf({ entry: CODE_AREA, segments: [{ address: CODE_AREA, data: code, flags: 5 }] });
    const output: number[] = [];
    const machine = new GuestMachine(elf, { memoryMiB: 2, output: (data) => { if (output.length < 1 << 16) output.push(data.length); } });
    try {
      machine.vm.writeMemory(BigInt(VECTOR_AREA), rng.bytes(0x800));
      randomizeState(rng, machine.vcpu.cpu);
      machine.vcpu.setOneReg(REG_PC, BigInt(CODE_AREA));
      // The semihosting operation number comes from W0: make the common ones likely.
      if (rng.chance(0.5)) machine.vcpu.cpu.X[0] = BigInt(rng.below(0x32));
      for (let slices = 0; slices < 4; slices++) {
        const result = machine.runSlice(1 + rng.below(64));
        if (result.kind === 'exited' || result.kind === 'error') break;
      }
      this.tally.instructions += machine.instructions;
    } finally {
      machine.dispose();
    }
    this.tally.words += CODE_WORDS;
    return new DataView(code.buffer).getUint32(0, true);
  }

  /** The disassembler sees the same words (the debugger shows them to the user). */
  private checkDisassembly(view: DataView, from: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const address = from + 4 * i;
      const text = disassemble(view.getUint32(address - VIRT_RAM_BASE, true), address);
      if (typeof text !== 'string' || text.length === 0) throw new Error(`disassembly of word ${i} is empty`);
    }
  }
}

/** Runs `trials` trials cycling through the kinds, seeds derived from `baseSeed`. */
export function runFuzz(baseSeed: number, trials: number, kinds: readonly TrialKind[] = ['cpu', 'vcpu', 'board']): FuzzTally {
  const fuzzer = new InstructionFuzzer();
  for (let i = 0; i < trials; i++) fuzzer.trial(kinds[i % kinds.length], (baseSeed + Math.imul(i, 0x9e3779b1)) >>> 0);
  return fuzzer.tally;
}

export function formatFailure(f: FuzzFailure): string {
  return `[${f.kind} seed ${f.seed}] first word 0x${f.word.toString(16).padStart(8, '0')}: ${f.error}`;
}
