// The AArch64 processing element: architectural state, memory access, the interpreter
// loop, exception entry/return, and the hooks through which a model EL2 (src/kvm) sees
// the exceptions it routes to itself.

import { DecodeTable, Exec } from './decoder';
import { EC, FSC_ADDRESS_SIZE, FSC_ALIGNMENT, FSC_SYNC_EXTERNAL, currentElVariant, formatEsr, lowerElVariant, makeEsr, syndrome } from './esr';
import { CODE_PAGE_SHIFT, CODE_PAGE_SIZE, PhysicalMemory } from './memory';
import { SPSR_D, SPSR_DAIF, SPSR_IL, SPSR_M_NRW, SPSR_SS } from './pstate';
import { SCTLR_A, SCTLR_EL1_RESET } from './systemControl';
import { DebugRegisters, MDSCR_SS, NUM_BREAKPOINTS, NUM_WATCHPOINTS } from './debugRegisters';
import { breakpointMatches, debugExceptionsEnabled, watchedRange, watchpointMatches } from './debugEvents';
import { instructionSyndromeOf } from './instructionSyndrome';
import { vectorViewsOf } from './encodings/simdFp/vectorViews';
import { defaultDecodeTable } from './table';
import { BlockEngine, BlockEngineStats } from './blockCompiler/blockEngine';

import { REGISTER_SLOTS, SP } from './registerSlots';
import { STATE_CODE_PAGE_FLAGS, STATE_REGISTERS, STATE_VECTORS, codePageCount, cpuStateBytes, watchedPagesOffset } from './cpuStateArea';

export { DISCARD, SP, ZR } from './registerSlots';

/** ID_AA64MMFR0_EL1.PARange = 0b0100: 44-bit physical addresses, as on the Cortex-A57. */
const PHYSICAL_ADDRESS_LIMIT = 2 ** 44;

/** Why `run` returned. */
export const enum Stop {
  /** The instruction budget is spent. */
  Budget = 0,
  /** An exception was routed to EL2; see `trap`. */
  HypervisorTrap = 1,
  /** HLT #0xF000: an Arm semihosting call for the host. */
  Semihosting = 2,
  /** The guest needs something this model does not provide; see `internalError`. */
  Unsupported = 3,
}

/** What a trap to the model EL2 carries (ESR_EL2, FAR_EL2, HPFAR_EL2). */
export interface HypervisorTrap {
  esr: number;
  far: number;
  /** Whether FAR_EL2 is valid for this syndrome (aborts, watchpoints). */
  farValid: boolean;
}

/** Controls a hypervisor sets for its guest (HCR_EL2/MDCR_EL2 and debug state). */
export class HypervisorControls {
  /** MDCR_EL2.TDE: route every debug exception from EL0/EL1 to EL2. */
  tde = false;
  /** MDCR_EL2.TDA: trap guest accesses to the debug registers and MDSCR_EL1. */
  tda = false;
  /** MDCR_EL2.TDOSA: trap guest accesses to the OS lock registers. */
  tdosa = false;
  /** MDSCR_EL1 value the debug logic uses instead of the guest's (KVM's external_mdscr_el1). */
  externalMdscr: number | undefined = undefined;
  /** Breakpoint/watchpoint registers the hypervisor makes live instead of the guest's. */
  hostDebugRegisters: DebugRegisters | undefined = undefined;
}

/** Thrown inside an executor once an exception has been entered at EL1 (pc = vector). */
export const EXCEPTION_ENTERED = Object.freeze({ kind: 'exception-entered' });
/** Thrown inside an executor when execution must leave `run` (EL2 trap, semihosting, unsupported). */
export const LEAVE_RUN = Object.freeze({ kind: 'leave-run' });

/** Instruction slots in a code page, and the index mask of one. */
const SLOTS_PER_PAGE = 1 << (CODE_PAGE_SHIFT - 2);
const SLOT_MASK = SLOTS_PER_PAGE - 1;

/**
 * The first value of the pc fields. Starting them as an object makes V8 keep them as tagged
 * fields: a small-integer field turns into a boxed-double field, for every Cpu in the process,
 * the first time any code stores an address computed in floating point there (as unoptimized
 * code does for a register branch target), and the interpreter loop runs 20 % slower from then on.
 */
const TAGGED_FIELD: unknown = null;

/** The direct RAM path reads and writes 32-bit words in host order, so it needs a little-endian host. */
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Where a CPU's state area goes: after RAM in guest memory's WebAssembly memory when there
 * is room there, else in a buffer of its own.
 */
function placeCpuState(memory: PhysicalMemory, bytes: number): { buffer: ArrayBuffer; offset: number; wasmState: Cpu['wasmState'] } {
  const wasmMemory = memory.wasmMemory;
  const offset = wasmMemory === undefined ? undefined : memory.allocateCpuState?.(bytes);
  if (wasmMemory === undefined || offset === undefined) return { buffer: new ArrayBuffer(bytes), offset: 0, wasmState: undefined };
  return { buffer: wasmMemory.buffer, offset, wasmState: { memory: wasmMemory, offset } };
}

/** The empty page the interpreter loop starts from. */
const NO_CODE = new Array<Exec | undefined>(SLOTS_PER_PAGE).fill(undefined);

export class Cpu {
  // ---- General-purpose registers: views of the state area (cpuStateArea.ts) -------------
  /** 64-bit unsigned view: X[n]. */
  readonly X: BigUint64Array;
  /** 64-bit signed view. */
  readonly XS: BigInt64Array;
  /** 32-bit halves: W[2n] = bits [31:0], W[2n+1] = bits [63:32]. */
  readonly W: Uint32Array;
  /** 32-bit signed halves. */
  readonly WS: Int32Array;
  /** The register file's bytes. */
  readonly registerBytes: Uint8Array;
  /**
   * Where this CPU's state area lies in guest memory's WebAssembly memory, or undefined when
   * it has a buffer of its own (then no block runs as WebAssembly).
   */
  readonly wasmState: { readonly memory: WebAssembly.Memory; readonly offset: number } | undefined;
  /** The state area as 32-bit words (the exchange words of WebAssembly blocks). */
  readonly stateWords: Int32Array;

  // ---- SIMD&FP registers V0..V31, 16 bytes each, in the state area too ---------------
  readonly V8: Uint8Array;
  readonly V16: Uint16Array;
  readonly V32: Uint32Array;
  readonly V64: BigUint64Array;
  readonly VF32: Float32Array;
  readonly VF64: Float64Array;
  fpcr = 0;
  fpsr = 0;

  // ---- PSTATE ------------------------------------------------------------------------
  /** Address of the instruction being executed (or next to execute between instructions). */
  pc = TAGGED_FIELD as number;
  /** Where execution continues after the current instruction; branches set it. */
  nextPc = TAGGED_FIELD as number;
  n = 0;
  z = 0;
  c = 0;
  v = 0;
  /** D, A, I, F in their SPSR bit positions (bits 9..6). */
  daif = SPSR_DAIF;
  el = 1;
  /** PSTATE.SP: 1 = SP_ELx, 0 = SP_EL0. */
  spsel = 1;
  /** PSTATE.SS (software step). */
  ss = 0;
  /** PSTATE.IL (illegal execution state). */
  il = 0;
  /** The stack pointer not currently in X[SP]. */
  private bankedSp = { el0: 0n, el1: 0n };

  // ---- System registers (EL1/EL0 view) ------------------------------------------------
  elrEl1 = 0n;
  spsrEl1 = 0;
  esrEl1 = 0;
  farEl1 = 0n;
  vbarEl1 = 0n;
  sctlrEl1 = SCTLR_EL1_RESET;
  cpacrEl1 = 0x300000;
  tpidrEl0 = 0n;
  tpidrroEl0 = 0n;
  tpidrEl1 = 0n;
  contextidrEl1 = 0;
  mdscrEl1 = 0;
  /** OSLSR_EL1.OSLK: the OS lock (set out of reset on Armv8.0). */
  osLock = true;
  osdlrEl1 = 0;
  /** Registers with no behaviour here, kept so the guest reads back what it wrote. */
  readonly plainSysRegs = new Map<number, bigint>();
  readonly guestDebugRegisters = new DebugRegisters();

  // ---- The model EL2 ---------------------------------------------------------------
  readonly hyp = new HypervisorControls();
  trap: HypervisorTrap = { esr: 0, far: 0, farValid: false };
  /** Set with Stop.Unsupported. */
  internalError = '';
  /** HLT #0xF000 leaves run() as Stop.Semihosting when true; otherwise HLT is UNDEFINED. */
  semihostingEnabled = true;

  // ---- Execution bookkeeping --------------------------------------------------------
  /** Instructions retired since reset. */
  instructions = 0;
  /** Exclusive monitor: address and size of the open exclusive access, or -1. */
  exclusiveAddress = -1;
  exclusiveSize = 0;
  /** Set by load-exclusive executors; feeds the EX bit of a step syndrome. */
  loadExclusiveExecuted = false;
  /** Whether the step/breakpoint checks must run before each instruction. */
  private debugChecks = false;
  /** Whether data accesses must be checked against watchpoints. */
  watchChecks = false;
  /**
   * 1 for each RAM page (CODE_PAGE_SHIFT granules) that an enabled watchpoint may cover:
   * compiled blocks leave for the interpreter before any access to such a page.
   */
  readonly watchedPages: Uint8Array;
  /** The [first, end) page spans marked in watchedPages. */
  private readonly watchedPageSpans: [number, number][] = [];
  /** Software step: the current instruction is being stepped (active-not-pending). */
  private stepping = false;
  /** The pending step state was entered without stepping an instruction (ESR.ISV = 0). */
  private stepDidNotStep = false;
  private stopCode: Stop = Stop.Budget;
  /** The most recent exception entry, to recognise a vector with nothing behind it. */
  lastException: { esr: number; elr: number; vector: number } | undefined;
  /** The latest exception taken from outside its own vector: what a fault loop started from. */
  private loopOrigin: { esr: number; elr: number } | undefined;

  // ---- Memory --------------------------------------------------------------------------
  readonly ramBase: number;
  readonly ramSize: number;
  readonly ram: DataView;
  readonly ramBytes: Uint8Array;
  /** RAM as 32-bit words, for the aligned accesses of the direct path (host order, which it only uses on a little-endian host). */
  private readonly ramWords: Uint32Array;
  /**
   * The RAM size the direct path uses (aligned accesses straight to RAM, without the DataView
   * and the per-access checks), or 0 while that path is off: watchpoints live, or see hasDirectRam.
   */
  private directRamSize = 0;
  /** Decoded executors per code page of RAM. */
  private readonly codePages: ((Exec | undefined)[] | undefined)[];
  /** 1 where a RAM page holds decoded code, so stores to it drop the decode cache (compiled blocks test it too). */
  readonly codePageFlags: Uint8Array;
  /** Counts code-page invalidations, so a compiled block can tell that a store dropped code. */
  codeInvalidations = 0;
  readonly table: DecodeTable;
  /** The block compiler (second tier), or undefined when only the interpreter runs. */
  private blockEngine: BlockEngine | undefined;

  constructor(memory: PhysicalMemory, table: DecodeTable = defaultDecodeTable()) {
    this.pc = 0;
    this.nextPc = 0;
    this.ramBase = memory.ramBase;
    this.ramSize = memory.ramSize;
    this.ram = memory.ramView;
    this.ramBytes = memory.ramBytes;
    this.ramWords = new Uint32Array(this.ramBytes.buffer, this.ramBytes.byteOffset, this.ramBytes.byteLength >>> 2);
    const { buffer: stateBuffer, offset: at, wasmState } = placeCpuState(memory, cpuStateBytes(memory.ramSize));
    this.wasmState = wasmState;
    this.X = new BigUint64Array(stateBuffer, at + STATE_REGISTERS, REGISTER_SLOTS);
    this.XS = new BigInt64Array(stateBuffer, at + STATE_REGISTERS, REGISTER_SLOTS);
    this.W = new Uint32Array(stateBuffer, at + STATE_REGISTERS, 2 * REGISTER_SLOTS);
    this.WS = new Int32Array(stateBuffer, at + STATE_REGISTERS, 2 * REGISTER_SLOTS);
    this.registerBytes = new Uint8Array(stateBuffer, at + STATE_REGISTERS, 8 * REGISTER_SLOTS);
    this.stateWords = new Int32Array(stateBuffer, at, STATE_VECTORS / 4);
    const vectors = vectorViewsOf(stateBuffer, at + STATE_VECTORS, 32);
    this.V8 = vectors.V8;
    this.V16 = vectors.V16;
    this.V32 = vectors.V32;
    this.V64 = vectors.V64;
    this.VF32 = vectors.VF32;
    this.VF64 = vectors.VF64;
    const pages = codePageCount(memory.ramSize);
    this.codePageFlags = new Uint8Array(stateBuffer, at + STATE_CODE_PAGE_FLAGS, pages);
    this.watchedPages = new Uint8Array(stateBuffer, at + watchedPagesOffset(memory.ramSize), pages);
    // Filled up front so the array keeps fast elements wherever in RAM the code lies.
    this.codePages = new Array<(Exec | undefined)[] | undefined>(this.codePageFlags.length).fill(undefined);
    this.table = table;
    this.setBlockCompilation(true);
    this.refreshDebugState();
  }

  /**
   * Turns the block compiler on or off. It only runs while no per-instruction checks are
   * needed (see interpreterOnly). `hotThreshold`: block entries before a block is compiled
   * (tests use 1 or 2 to compile everything). `useWasm` false keeps every block in JavaScript
   * (tests of the JavaScript translations). `replaceLeavingBlocks` false keeps WebAssembly
   * blocks that leave for the interpreter often (tests of the WebAssembly translations,
   * which feed them NaNs and other operands that leave).
   */
  setBlockCompilation(enabled: boolean, hotThreshold?: number, useWasm = true, replaceLeavingBlocks = true): void {
    this.blockEngine?.dropAll();
    // The inline tests compute RAM offsets modulo 2^32: RAM must end below 2^31 and start
    // above the largest immediate offset, so that no wrapped address looks like RAM.
    const possible = this.hasCompactRam();
    this.blockEngine = enabled && possible ? new BlockEngine(this, hotThreshold, useWasm, replaceLeavingBlocks) : undefined;
  }

  /**
   * Whether RAM starts above the largest immediate offset and ends below 2^31, so that a RAM
   * offset computed modulo 2^32 from the low half of a base register is in RAM only when the
   * whole 64-bit address is.
   */
  private hasCompactRam(): boolean {
    return this.ramBase >= 0x1_0000 && this.ramBase + this.ramSize <= 0x8000_0000;
  }

  /**
   * Whether the direct RAM path can serve accesses: compact RAM, aligned so that an aligned
   * offset is an aligned address (it skips the SCTLR_EL1.A check), on a little-endian host.
   */
  private hasDirectRam(): boolean {
    return this.hasCompactRam() && (this.ramBase & 0xf) === 0 && LITTLE_ENDIAN_HOST;
  }

  get blockCompilation(): boolean {
    return this.blockEngine !== undefined;
  }

  /** Counters of the block compiler (undefined when it is off). */
  get blockCompilerStats(): BlockEngineStats | undefined {
    return this.blockEngine?.stats;
  }

  // ==================================================================================
  // Registers
  // ==================================================================================

  /** Xn as a number (exact below 2^53), for addresses. */
  addr(n: number): number {
    const high = this.W[2 * n + 1];
    // Without the high half the sum stays a small integer even before V8 optimizes this,
    // so a branch target never turns the pc fields into boxed doubles.
    return high === 0 ? this.W[2 * n] : this.W[2 * n] + high * 4294967296;
  }

  setSp(value: bigint): void {
    this.X[SP] = value;
  }

  getSpEl0(): bigint {
    return this.el === 0 || this.spsel === 0 ? this.X[SP] : this.bankedSp.el0;
  }

  getSpEl1(): bigint {
    return this.el === 1 && this.spsel === 1 ? this.X[SP] : this.bankedSp.el1;
  }

  setSpEl0(value: bigint): void {
    if (this.el === 0 || this.spsel === 0) this.X[SP] = value;
    else this.bankedSp.el0 = value;
  }

  setSpEl1(value: bigint): void {
    if (this.el === 1 && this.spsel === 1) this.X[SP] = value;
    else this.bankedSp.el1 = value;
  }

  /** Changes EL/SPSel, moving the stack pointers between X[SP] and the bank. */
  private switchStack(el: number, spsel: number): void {
    const usesEl1 = (e: number, s: number) => e === 1 && s === 1;
    const before = usesEl1(this.el, this.spsel);
    const after = usesEl1(el, spsel);
    if (before !== after) {
      if (before) { this.bankedSp.el1 = this.X[SP]; this.X[SP] = this.bankedSp.el0; }
      else { this.bankedSp.el0 = this.X[SP]; this.X[SP] = this.bankedSp.el1; }
    }
    this.el = el;
    this.spsel = spsel;
  }

  setSpSel(spsel: number): void {
    this.switchStack(this.el, spsel & 1);
  }

  get nzcv(): number {
    return (this.n << 31 | this.z << 30 | this.c << 29 | this.v << 28) >>> 0;
  }

  set nzcv(value: number) {
    this.n = (value >>> 31) & 1;
    this.z = (value >>> 30) & 1;
    this.c = (value >>> 29) & 1;
    this.v = (value >>> 28) & 1;
  }

  /** PSTATE packed in SPSR format. */
  getPstate(): number {
    return (this.nzcv | (this.ss ? SPSR_SS : 0) | (this.il ? SPSR_IL : 0) | this.daif |
      (this.el << 2) | this.spsel) >>> 0;
  }

  /** Restores PSTATE from an SPSR-format value (AArch64 EL0/EL1 modes only). */
  setPstate(spsr: number): void {
    this.nzcv = spsr;
    this.ss = (spsr & SPSR_SS) ? 1 : 0;
    this.il = (spsr & SPSR_IL) ? 1 : 0;
    this.daif = spsr & SPSR_DAIF;
    const el = (spsr >>> 2) & 3;
    this.switchStack(el > 1 ? 1 : el, el === 0 ? 0 : spsr & 1);
    this.refreshDebugState();
  }

  setDaif(daif: number): void {
    this.daif = daif & SPSR_DAIF;
    this.refreshDebugState();
  }

  // ==================================================================================
  // Memory
  // ==================================================================================

  private ramOffset(address: number, size: number, isWrite: boolean): number {
    // The address test first: once inlined, it folds away for bytes and is false for aligned accesses.
    if ((address & (size - 1)) !== 0 && size <= 16 && this.alignmentChecks) throw this.alignmentFault(address, isWrite);
    const offset = address - this.ramBase;
    if (offset >= 0 && offset + size <= this.ramSize) {
      if (this.watchChecks) this.checkWatchpoints(address, size, isWrite);
      return offset;
    }
    if (this.watchChecks) this.checkWatchpoints(address, size, isWrite);
    throw this.stage2DataAbort(address, isWrite);
  }

  /**
   * The RAM offset of the naturally aligned access of `size` bytes at `address` when the direct
   * path can serve it (see directRamSize), else -1: the caller then goes through ramOffset.
   */
  private directAddressOffset(address: number, size: number): number {
    const offset = address - this.ramBase;
    return offset >= 0 && offset <= this.directRamSize - size && (offset & (size - 1)) === 0 ? offset : -1;
  }

  private noteWrite(offset: number): void {
    if (this.codePageFlags[offset >>> CODE_PAGE_SHIFT] !== 0) this.invalidateCodePage(offset >>> CODE_PAGE_SHIFT);
  }

  read8(address: number): number {
    const direct = this.directAddressOffset(address, 1);
    if (direct >= 0) return this.ramBytes[direct];
    return this.ram.getUint8(this.ramOffset(address, 1, false));
  }

  read16(address: number): number {
    return this.ram.getUint16(this.ramOffset(address, 2, false), true);
  }

  read32(address: number): number {
    const direct = this.directAddressOffset(address, 4);
    if (direct >= 0) return this.ramWords[direct >>> 2];
    return this.ram.getUint32(this.ramOffset(address, 4, false), true);
  }

  read64(address: number): bigint {
    return this.ram.getBigUint64(this.ramOffset(address, 8, false), true);
  }

  /** Loads 8 bytes into register slot t (faster than going through a bigint). */
  load64Into(address: number, t: number): void {
    const direct = this.directAddressOffset(address, 8);
    if (direct >= 0) {
      const words = this.ramWords;
      this.W[2 * t] = words[direct >>> 2];
      this.W[2 * t + 1] = words[(direct >>> 2) + 1];
      return;
    }
    const offset = this.ramOffset(address, 8, false);
    const lo = this.ram.getUint32(offset, true);
    const hi = this.ram.getUint32(offset + 4, true);
    this.W[2 * t] = lo;
    this.W[2 * t + 1] = hi;
  }

  write8(address: number, value: number): void {
    const direct = this.directAddressOffset(address, 1);
    const offset = direct >= 0 ? direct : this.ramOffset(address, 1, true);
    this.ramBytes[offset] = value;
    this.noteWrite(offset);
  }

  write16(address: number, value: number): void {
    const offset = this.ramOffset(address, 2, true);
    this.ram.setUint16(offset, value, true);
    this.noteWrite(offset);
    this.noteWrite(offset + 1);
  }

  write32(address: number, value: number): void {
    const direct = this.directAddressOffset(address, 4);
    if (direct >= 0) {
      this.ramWords[direct >>> 2] = value;
      this.noteWrite(direct);
      return;
    }
    const offset = this.ramOffset(address, 4, true);
    this.ram.setUint32(offset, value, true);
    this.noteWrite(offset);
    this.noteWrite(offset + 3);
  }

  write64(address: number, value: bigint): void {
    const offset = this.ramOffset(address, 8, true);
    this.ram.setBigUint64(offset, value, true);
    this.noteWrite(offset);
    this.noteWrite(offset + 7);
  }

  /** Stores register slot t's 8 bytes. */
  store64From(address: number, t: number): void {
    const direct = this.directAddressOffset(address, 8);
    if (direct >= 0) {
      const words = this.ramWords;
      words[direct >>> 2] = this.W[2 * t];
      words[(direct >>> 2) + 1] = this.W[2 * t + 1];
      this.noteWrite(direct);
      return;
    }
    const offset = this.ramOffset(address, 8, true);
    this.ram.setUint32(offset, this.W[2 * t], true);
    this.ram.setUint32(offset + 4, this.W[2 * t + 1], true);
    this.noteWrite(offset);
    this.noteWrite(offset + 7);
  }

  // ---- Accesses at X[n] + imm, |imm| < 2^16 (the immediate addressing modes) ---------------
  // The direct path computes the RAM offset in 32-bit arithmetic from the low half of Xn
  // (exact for RAM that hasCompactRam accepts) and serves naturally aligned accesses straight
  // from RAM; anything else (Xn at or above 4 GiB, outside RAM, unaligned, watchpoints live)
  // takes the checked path with the full address, which raises whatever the access must.

  /**
   * The RAM offset of the access of `size` bytes at X[n] + imm, or -1 for the checked path;
   * `alignment` (a power of two) is the element size, which the offset must be a multiple of.
   */
  private directOffset(n: number, imm: number, size: number, alignment = size): number {
    const W = this.W;
    const offset = (W[2 * n] + imm - this.ramBase) | 0;
    return W[2 * n + 1] === 0 && offset >= 0 && offset <= this.directRamSize - size && (offset & (alignment - 1)) === 0 ? offset : -1;
  }

  private addressAt(n: number, imm: number): number {
    return this.W[2 * n] + this.W[2 * n + 1] * 4294967296 + imm;
  }

  load64At(n: number, imm: number, t: number): void {
    const offset = this.directOffset(n, imm, 8);
    if (offset < 0) return this.load64Into(this.addressAt(n, imm), t);
    const words = this.ramWords;
    const W = this.W;
    W[2 * t] = words[offset >>> 2];
    W[2 * t + 1] = words[(offset >>> 2) + 1];
  }

  store64At(n: number, imm: number, t: number): void {
    const offset = this.directOffset(n, imm, 8);
    if (offset < 0) return this.store64From(this.addressAt(n, imm), t);
    const words = this.ramWords;
    const W = this.W;
    words[offset >>> 2] = W[2 * t];
    words[(offset >>> 2) + 1] = W[2 * t + 1];
    this.noteWrite(offset);
  }

  /** Bits 31:0 of the word at X[n] + imm (zero-extended into slot t). */
  load32At(n: number, imm: number, t: number): void {
    const offset = this.directOffset(n, imm, 4);
    const data = offset < 0 ? this.read32(this.addressAt(n, imm)) : this.ramWords[offset >>> 2];
    const W = this.W;
    W[2 * t] = data;
    W[2 * t + 1] = 0;
  }

  store32At(n: number, imm: number, t: number): void {
    const offset = this.directOffset(n, imm, 4);
    if (offset < 0) return this.write32(this.addressAt(n, imm), this.W[2 * t]);
    this.ramWords[offset >>> 2] = this.W[2 * t];
    this.noteWrite(offset);
  }

  /** Zero-extends the byte at X[n] + imm into slot t. */
  load8At(n: number, imm: number, t: number): void {
    const offset = this.directOffset(n, imm, 1);
    const data = offset < 0 ? this.read8(this.addressAt(n, imm)) : this.ramBytes[offset];
    const W = this.W;
    W[2 * t] = data;
    W[2 * t + 1] = 0;
  }

  store8At(n: number, imm: number, t: number): void {
    const offset = this.directOffset(n, imm, 1);
    if (offset < 0) return this.write8(this.addressAt(n, imm), this.W[2 * t]);
    this.ramBytes[offset] = this.W[2 * t];
    this.noteWrite(offset);
  }

  /**
   * LDP of X registers on the direct path: both doublewords are read before either register
   * is written, Rt before Rt2. Returns false, having done nothing, when the access needs the
   * checked path.
   */
  loadPair64Direct(n: number, imm: number, t: number, t2: number): boolean {
    const offset = this.directOffset(n, imm, 16, 8);
    if (offset < 0) return false;
    const words = this.ramWords;
    const i = offset >>> 2;
    const lo1 = words[i], hi1 = words[i + 1], lo2 = words[i + 2], hi2 = words[i + 3];
    const W = this.W;
    W[2 * t] = lo1; W[2 * t + 1] = hi1; W[2 * t2] = lo2; W[2 * t2 + 1] = hi2;
    return true;
  }

  /** STP of X registers on the direct path; false, having done nothing, when it needs the checked path. */
  storePair64Direct(n: number, imm: number, t: number, t2: number): boolean {
    const offset = this.directOffset(n, imm, 16, 8);
    if (offset < 0) return false;
    const words = this.ramWords;
    const W = this.W;
    const i = offset >>> 2;
    words[i] = W[2 * t]; words[i + 1] = W[2 * t + 1]; words[i + 2] = W[2 * t2]; words[i + 3] = W[2 * t2 + 1];
    this.noteWrite(offset);
    this.noteWrite(offset + 15);
    return true;
  }

  /** Copies `length` bytes of guest memory into `dest` (one access for watchpoint purposes). */
  readBytes(address: number, length: number, dest: Uint8Array, destOffset = 0): void {
    const offset = this.ramOffset(address, length, false);
    dest.set(this.ramBytes.subarray(offset, offset + length), destOffset);
  }

  writeBytes(address: number, src: Uint8Array): void {
    const offset = this.ramOffset(address, src.length, true);
    this.ramBytes.set(src, offset);
    for (let o = offset; o < offset + src.length; o += 1 << CODE_PAGE_SHIFT) this.noteWrite(o);
    this.noteWrite(offset + src.length - 1);
  }

  /** SCTLR_EL1.A: every unaligned data access faults. */
  get alignmentChecks(): boolean {
    return (this.sctlrEl1 & SCTLR_A) !== 0;
  }

  /** An alignment fault: a data abort at the current EL with DFSC 0b100001 and FAR = the address. */
  alignmentFault(address: number, isWrite: boolean): object {
    const ec = this.el === 0 ? EC.DABT_LOW : EC.DABT_CUR;
    return this.exception(makeEsr(ec, (isWrite ? 1 << 6 : 0) | FSC_ALIGNMENT), { far: address });
  }

  /** Opens the exclusive monitor for [address, address + size). */
  markExclusive(address: number, size: number): void {
    this.exclusiveAddress = address;
    this.exclusiveSize = size;
    this.loadExclusiveExecuted = true;
  }

  /** Whether a store-exclusive to address passes; always closes the monitor. */
  checkExclusive(address: number, size: number): boolean {
    const ok = this.exclusiveAddress === address && this.exclusiveSize === size;
    this.exclusiveAddress = -1;
    return ok;
  }

  clearExclusive(): void {
    this.exclusiveAddress = -1;
  }

  /** Called by the board when memory changes behind the CPU's back (loader, debugger). */
  invalidateCode(gpa: number, length: number): void {
    const first = Math.max(0, gpa - this.ramBase);
    const last = Math.min(this.ramSize, gpa - this.ramBase + length) - 1;
    if (last < first) return;
    for (let page = first >>> CODE_PAGE_SHIFT; page <= last >>> CODE_PAGE_SHIFT; page++) {
      if (this.codePageFlags[page] !== 0) this.invalidateCodePage(page);
    }
  }

  /** Whether the instruction at `address` has been decoded (executed) since its page was last written. */
  isDecoded(address: number): boolean {
    const offset = address - this.ramBase;
    if (offset < 0 || offset >= this.ramSize) return false;
    const page = this.codePages[offset >>> CODE_PAGE_SHIFT];
    return page !== undefined && page[(offset >>> 2) & ((1 << (CODE_PAGE_SHIFT - 2)) - 1)] !== undefined;
  }

  private invalidateCodePage(page: number): void {
    // Emptied in place, not dropped: the interpreter loop keeps its current page's array.
    this.codePages[page]?.fill(undefined);
    this.codePageFlags[page] = 0;
    this.codeInvalidations++;
    this.blockEngine?.dropPage(page);
  }

  // ==================================================================================
  // Fetch and decode
  // ==================================================================================

  /** The executor of the instruction at pc (decoded once per code page); throws the fetch fault. */
  fetch(pc: number): Exec {
    const offset = pc - this.ramBase;
    if (offset >= 0 && offset < this.ramSize && (pc & 3) === 0) {
      const page = offset >>> CODE_PAGE_SHIFT;
      const decoded = this.decodedPage(page);
      const slot = (offset >>> 2) & SLOT_MASK;
      let exec = decoded[slot];
      if (exec === undefined) {
        exec = this.decodeWord(this.ram.getUint32(offset, true), pc);
        decoded[slot] = exec;
        this.codePageFlags[page] = 1;
      }
      return exec;
    }
    if ((pc & 3) !== 0) {
      throw this.exception(syndrome.pcAlignment(), { far: pc });
    }
    const last = this.lastException;
    if (last && last.vector === pc) {
      // The vector itself is not in memory: the guest would fault forever.
      const ec = (last.esr >>> 26) & 0x3f;
      const addressFault = ec === EC.IABT_LOW || ec === EC.IABT_CUR || ec === EC.DABT_LOW || ec === EC.DABT_CUR || ec === EC.PC_ALIGN;
      const far = addressFault ? ` accessing 0x${this.farEl1.toString(16)}` : '';
      throw this.unsupported(`the guest took an exception ${formatEsr(last.esr)} at 0x${last.elr.toString(16)}${far} ` +
        `but its vector 0x${pc.toString(16)} has no code behind it (VBAR_EL1 = 0x${this.vbarEl1.toString(16)})`);
    }
    // Nothing executable there: the hypervisor injects a synchronous external abort (above
    // the PA size the PE itself raises an address size fault first).
    const ifsc = pc < 0 || pc >= PHYSICAL_ADDRESS_LIMIT ? FSC_ADDRESS_SIZE : FSC_SYNC_EXTERNAL;
    throw this.exception(syndrome.instructionAbort(this.el === 0 ? EC.IABT_LOW : EC.IABT_CUR, ifsc), { far: pc });
  }

  /** The executor slots of a RAM code page (created empty on first use). */
  private decodedPage(page: number): (Exec | undefined)[] {
    let decoded = this.codePages[page];
    if (decoded === undefined) {
      decoded = new Array<Exec | undefined>(SLOTS_PER_PAGE).fill(undefined);
      this.codePages[page] = decoded;
    }
    return decoded;
  }

  /** Decodes one word into its executor; unallocated words raise UNDEFINED. */
  decodeWord(insn: number, pc: number): Exec {
    const encoding = this.table.lookup(insn);
    const exec = encoding?.decode(insn, pc);
    return exec ?? undefinedInstruction;
  }

  // ==================================================================================
  // The interpreter loop
  // ==================================================================================

  /**
   * Runs until `budget` instructions have retired or something needs the host. Returns
   * why it stopped; `pc` is then the next instruction (or, for a trap, the preferred
   * return address).
   */
  run(budget: number): Stop {
    const limit = this.instructions + budget;
    this.stopCode = Stop.Budget;
    this.refreshDebugState();
    for (;;) {
      try {
        this.loop(limit);
        return Stop.Budget;
      } catch (e) {
        if (e === EXCEPTION_ENTERED) {
          this.pc = this.nextPc;
          // Exception entries count against the budget, so a fault loop still ends a run.
          this.instructions++;
          if (this.instructions >= limit) return Stop.Budget;
          continue;
        }
        if (e === LEAVE_RUN) return this.stopCode;
        throw e;
      }
    }
  }

  private loop(limit: number): void {
    if (this.blockEngine !== undefined && !this.interpreterOnly) {
      this.blockEngine.run(limit);
    }
    if (!this.debugChecks) this.interpretFast(limit);
    // Debug checks were on from the start or a guest register write turned them on.
    let pc = this.pc;
    while (this.instructions < limit) {
      this.pc = pc;
      if (this.debugChecks) this.beforeInstruction(pc);
      const exec = this.fetch(pc);
      this.nextPc = pc + 4;
      exec(this);
      this.instructions++;
      if (this.stepping) this.afterSteppedInstruction();
      pc = this.nextPc;
    }
    this.pc = pc;
  }

  /**
   * The interpreter without per-instruction debug checks, with the decode-cache lookup
   * inlined. Returns at the limit, or as soon as debug checks are needed.
   */
  private interpretFast(limit: number): void {
    let pc = this.pc;
    // The current code page's executors: most instructions find theirs here without a page
    // lookup. Invalidation empties a page's array in place, so holding on to it stays correct.
    let pageStart = 0;
    let decoded: (Exec | undefined)[] = NO_CODE;
    // The count lives in a local; cpu.instructions is stored before each fetch and executor,
    // so whatever reads it (CNTVCT_EL0, a fetch fault, an exception, a trap) sees the exact figure.
    let retired = this.instructions;
    while (retired < limit && !this.debugChecks) {
      this.pc = pc;
      this.instructions = retired;
      const within = pc - pageStart;
      let exec = within >= 0 && within < CODE_PAGE_SIZE && (within & 3) === 0 ? decoded[within >>> 2] : undefined;
      if (exec === undefined) {
        exec = this.fetch(pc);
        const offset = pc - this.ramBase;
        pageStart = pc - (offset & (CODE_PAGE_SIZE - 1));
        decoded = this.codePages[offset >>> CODE_PAGE_SHIFT]!;
      }
      this.nextPc = pc + 4;
      exec(this);
      retired++;
      pc = this.nextPc;
    }
    this.instructions = retired;
    this.pc = pc;
  }

  /** Executes exactly one instruction (or takes one exception); for tests and tools. */
  step(): Stop {
    return this.run(1);
  }

  // ==================================================================================
  // Debug events (software step, breakpoints, watchpoints)
  // ==================================================================================

  /** The MDSCR_EL1 value the debug logic obeys. */
  effectiveMdscr(): number {
    return this.hyp.externalMdscr ?? this.mdscrEl1;
  }

  /** The breakpoint/watchpoint registers that are live. */
  liveDebugRegisters(): DebugRegisters {
    return this.hyp.hostDebugRegisters ?? this.guestDebugRegisters;
  }

  /**
   * Whether every instruction must go through the interpreter's checks (breakpoints, step,
   * alignment). Watchpoints are not among them: compiled blocks leave for the interpreter
   * before an access to a watched page (watchedPages).
   */
  get interpreterOnly(): boolean {
    // Compiled blocks access RAM without the SCTLR_EL1.A alignment check.
    return this.debugChecks || (this.sctlrEl1 & SCTLR_A) !== 0;
  }

  /** Re-derives which per-instruction checks are needed; call after any debug-state change. */
  refreshDebugState(): void {
    const regs = this.liveDebugRegisters();
    const stepOn = (this.effectiveMdscr() & MDSCR_SS) !== 0;
    this.debugChecks = stepOn || regs.anyBreakpointEnabled(NUM_BREAKPOINTS);
    const watching = regs.anyWatchpointEnabled(NUM_WATCHPOINTS);
    // Blocks compiled with and without watched-page tests differ: recompile on a change.
    if (watching !== this.watchChecks) this.blockEngine?.dropAll();
    this.watchChecks = watching;
    this.markWatchedPages(regs);
    this.directRamSize = this.watchChecks || !this.hasDirectRam() ? 0 : this.ramSize;
    if (!this.debugChecks) this.stepping = false;
  }

  /**
   * Sets watchedPages for the bytes each enabled watchpoint covers (whatever its other
   * conditions). Runs at every `run` (each single step): it clears only the pages it marked
   * before, and nothing at all while no watchpoint is or was enabled.
   */
  private markWatchedPages(regs: DebugRegisters): void {
    for (const [first, end] of this.watchedPageSpans) this.watchedPages.fill(0, first, end);
    this.watchedPageSpans.length = 0;
    if (!this.watchChecks) return;
    for (let n = 0; n < NUM_WATCHPOINTS; n++) {
      if ((regs.wcr[n] & 1) === 0) continue;
      const range = watchedRange(regs.wcr[n], regs.wvr[n]);
      if (range === undefined) continue;
      const first = Math.max(0, range.first - this.ramBase);
      const last = Math.min(this.ramSize - 1, range.last - this.ramBase);
      if (last < first) continue;
      const span: [number, number] = [first >>> CODE_PAGE_SHIFT, (last >>> CODE_PAGE_SHIFT) + 1];
      this.watchedPages.fill(1, span[0], span[1]);
      this.watchedPageSpans.push(span);
    }
  }

  /** Software step is enabled (MDSCR_EL1.SS and debug exceptions enabled from here). */
  private softwareStepEnabled(): boolean {
    return (this.effectiveMdscr() & MDSCR_SS) !== 0 && debugExceptionsEnabled(this);
  }

  private beforeInstruction(pc: number): void {
    this.stepping = false;
    if (this.softwareStepEnabled()) {
      if (this.ss === 0) {
        // Active-pending: the step exception comes before anything else.
        const ec = this.debugTargetEc(EC.SOFTSTP_LOW);
        const esr = syndrome.softwareStep(ec, !this.stepDidNotStep, this.loadExclusiveExecuted);
        this.stepDidNotStep = false;
        throw this.debugException(esr);
      }
      this.stepping = true;
      this.loadExclusiveExecuted = false;
    }
    if (breakpointMatches(this, pc) && debugExceptionsEnabled(this)) {
      throw this.debugException(syndrome.breakpoint(this.debugTargetEc(EC.BREAKPT_LOW)));
    }
  }

  private afterSteppedInstruction(): void {
    this.stepping = false;
    this.ss = 0;
  }

  private checkWatchpoints(address: number, size: number, isWrite: boolean): void {
    if (watchpointMatches(this, address, size, isWrite) && debugExceptionsEnabled(this)) {
      throw this.debugException(syndrome.watchpoint(this.debugTargetEc(EC.WATCHPT_LOW), isWrite), address);
    }
  }

  /** The LOW or CUR form of a debug exception class for where it will be taken. */
  private debugTargetEc(lowEc: number): number {
    if (this.hyp.tde || this.el === 0) return lowEc;
    return currentElVariant(lowEc);
  }

  /** Routes a debug exception: to EL2 when the hypervisor debugs (MDCR_EL2.TDE), else EL1. */
  debugException(esr: number, far?: number): object {
    if (this.hyp.tde) return this.trapToHypervisor(esr, far);
    return this.exception(esr, { far });
  }

  /** The software-step state to record when an exception interrupts a stepped instruction. */
  private stepStateAtException(completed: boolean): number {
    if (!this.stepping) return this.ss;
    this.stepping = false;
    // An instruction that completed (SVC/HVC/SMC) was stepped: pending on return.
    return completed ? 0 : 1;
  }

  // ==================================================================================
  // Exceptions
  // ==================================================================================

  /**
   * Takes a synchronous exception to EL1 and returns the sentinel to throw.
   * `completed`: the instruction finished (SVC), so ELR is the next instruction.
   */
  exception(esr: number, opts: { far?: number; completed?: boolean } = {}): object {
    const completed = opts.completed ?? false;
    this.ss = this.stepStateAtException(completed);
    const returnAddress = completed ? this.pc + 4 : this.pc;
    const fromEl = this.el;
    this.esrEl1 = esr;
    if (opts.far !== undefined) this.farEl1 = BigInt.asUintN(64, BigInt(opts.far));
    this.enterEl1(returnAddress, fromEl === 0 ? 0x400 : this.spsel ? 0x200 : 0);
    const vector = this.nextPc;
    const previous = this.lastException;
    this.lastException = { esr, elr: returnAddress, vector };
    if (returnAddress !== vector) this.loopOrigin = { esr, elr: returnAddress };
    // The vector's first instruction faulted twice in a row with the same syndrome: entry
    // leaves nothing it reads changed, so the guest would take this exception forever.
    if (returnAddress === vector && previous?.elr === vector && previous.vector === vector && previous.esr === esr) {
      const origin = this.loopOrigin ? `; it was entered for ${formatEsr(this.loopOrigin.esr)} at 0x${this.loopOrigin.elr.toString(16)}` : '';
      return this.unsupported(`the guest's exception vector at 0x${vector.toString(16)} faults itself ${formatEsr(esr)} ` +
        `and would loop forever${origin}`);
    }
    return EXCEPTION_ENTERED;
  }

  /** Common part of exception entry to EL1 at vector offset `offset`. */
  private enterEl1(returnAddress: number, offset: number): void {
    this.spsrEl1 = this.getPstate();
    this.elrEl1 = BigInt.asUintN(64, BigInt(returnAddress));
    this.switchStack(1, 1);
    this.daif = SPSR_DAIF;
    this.ss = 0;
    this.il = 0;
    this.clearExclusive();
    this.nextPc = Number(BigInt.asUintN(64, this.vbarEl1 + BigInt(offset)));
    this.refreshDebugState();
  }

  /** Takes an asynchronous exception (IRQ = 0x80, FIQ = 0x100, SError = 0x180) at EL1. */
  takeInterrupt(kind: 0x80 | 0x100 | 0x180): void {
    const base = this.el === 0 ? 0x400 : this.spsel ? 0x200 : 0;
    this.enterEl1(this.pc, base + kind);
    this.pc = this.nextPc;
  }

  /** UNDEFINED instruction (EC 0x00). */
  undefinedInstruction(): object {
    return this.exception(syndrome.undefined());
  }

  /** ERET from EL1. */
  exceptionReturn(): void {
    if (this.el === 0) throw this.undefinedInstruction();
    const spsr = this.spsrEl1;
    const target = Number(this.elrEl1 & 0xffffffffffffn);
    const mode = spsr & 0x1f;
    this.clearExclusive();
    if ((spsr & SPSR_M_NRW) || ((mode >>> 2) & 3) > 1 || mode === 0b0001) {
      // Illegal exception return: PSTATE.IL set, EL unchanged.
      this.il = 1;
      this.nextPc = target;
      return;
    }
    const eretWasStepped = this.stepping;
    this.setPstate(spsr);
    // DebugExceptionReturnSS: SS survives the return only if stepping is enabled there.
    const stepEnabled = this.softwareStepEnabled();
    this.ss = stepEnabled && (spsr & SPSR_SS) ? 1 : 0;
    // Landing in the pending state without having stepped the ERET gives ESR.ISV = 0.
    this.stepDidNotStep = stepEnabled && this.ss === 0 && !eretWasStepped;
    // The step state for the next instruction now comes from SPSR.SS, not from the ERET.
    this.stepping = false;
    this.nextPc = target;
  }

  // ==================================================================================
  // The model EL2
  // ==================================================================================

  /** Records an exception taken to EL2 and returns the sentinel that leaves run(). */
  trapToHypervisor(esr: number, far?: number, completed = false): object {
    this.ss = this.stepStateAtException(completed);
    this.trap = { esr, far: far ?? 0, farValid: far !== undefined };
    this.pc = completed ? this.pc + 4 : this.pc;
    this.stopCode = Stop.HypervisorTrap;
    return LEAVE_RUN;
  }

  /** A data access outside RAM: a stage-2 fault, as KVM sees an MMIO access. */
  private stage2DataAbort(address: number, isWrite: boolean): object {
    if (address < 0 || address >= PHYSICAL_ADDRESS_LIMIT) {
      // With the MMU off, stage 1 faults an address above the PA size before any hypervisor
      // sees it (a negative sum is an address that wrapped below 2^64).
      const ec = this.el === 0 ? EC.DABT_LOW : EC.DABT_CUR;
      return this.exception(makeEsr(ec, (isWrite ? 1 << 6 : 0) | FSC_ADDRESS_SIZE), { far: address });
    }
    const insn = this.ram.getUint32(this.pc - this.ramBase, true);
    const iss = instructionSyndromeOf(insn);
    const esr = syndrome.dataAbort(EC.DABT_LOW, FSC_SYNC_EXTERNAL, isWrite, iss);
    return this.trapToHypervisor(esr, address);
  }

  /** Injects a synchronous external data abort into EL1 for a faulting access (KVM_SET_VCPU_EVENTS). */
  injectDataAbort(address: number, isWrite: boolean): boolean {
    const ec = this.el === 0 ? EC.DABT_LOW : EC.DABT_CUR;
    const esr = makeEsr(ec, (isWrite ? 1 << 6 : 0) | FSC_SYNC_EXTERNAL);
    const entered = this.exception(esr, { far: address }) === EXCEPTION_ENTERED;
    this.pc = this.nextPc;
    // Counted like any exception entry, so a guest whose handler faults again still ends a budget.
    this.instructions++;
    return entered;
  }

  /** Injects a synchronous exception with a given syndrome into EL1 (as QEMU does for foreign debug events). */
  injectException(esr: number, far?: number): boolean {
    const ec = (esr >>> 26) & 0x3f;
    // An exception taken from EL1 to EL1 uses the "current EL" class.
    const fixedEc = this.el === 0 ? lowerElVariant(ec) : currentElVariant(ec);
    const fixed = ((esr & ~(0x3f << 26)) | (fixedEc << 26)) >>> 0;
    const entered = this.exception(fixed, { far }) === EXCEPTION_ENTERED;
    this.pc = this.nextPc;
    this.instructions++;
    return entered;
  }

  /** HLT #0xF000: the host serves an Arm semihosting call, then skips the HLT. */
  semihostingCall(): object {
    this.stopCode = Stop.Semihosting;
    return LEAVE_RUN;
  }

  /** Leaves run() because the guest needs an unsupported feature. */
  unsupported(message: string): object {
    this.internalError = message;
    this.stopCode = Stop.Unsupported;
    return LEAVE_RUN;
  }

  /** kvm_skip_instr: advance past the instruction the host emulated (clears PSTATE.SS). */
  skipInstruction(): void {
    this.pc += 4;
    this.ss = 0;
  }

  /** True while the guest has debug exceptions masked (PSTATE.D). */
  get debugMasked(): boolean {
    return (this.daif & SPSR_D) !== 0;
  }
}

function undefinedInstruction(cpu: Cpu): void {
  throw cpu.undefinedInstruction();
}
