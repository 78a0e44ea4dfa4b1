// The A64 decode table machinery. Every instruction is one line: a 32-character bit
// pattern ('0'/'1' fixed, any other character a field letter or don't-care, '_' ignored),
// a name, and a builder that turns the word into an executor and a disassembler text.
// The same table drives the interpreter and the disassembler (see table.ts).

import type { Cpu } from './cpu';

/** Executes one decoded instruction. `cpu.pc` is its address; set `cpu.nextPc` to branch. */
export type Exec = (cpu: Cpu) => void;

/** What the disassembler needs besides the word: its address and a symbolizer. */
export interface DisasmContext {
  /** Name for an address (`func` or `func+0x10`), or undefined. */
  symbolize?(address: number): string | undefined;
}

export interface Encoding {
  /** Instruction (or encoding-group) name, e.g. `ADD_32_addsub_imm`. */
  readonly name: string;
  /** 32 characters, bit 31 first; '_' separators are ignored. */
  readonly pattern: string;
  /**
   * Builds the executor for this word at this address. Returns undefined when a
   * field value is reserved/unallocated, which makes the word UNDEFINED.
   */
  readonly decode: (insn: number, pc: number) => Exec | undefined;
  /** Text as `llvm-objdump -d` prints it (mnemonic, tab, operands); undefined if unallocated. */
  readonly disasm: (insn: number, pc: number, ctx: DisasmContext) => string | undefined;
}

export interface CompiledEncoding extends Encoding {
  readonly mask: number;
  readonly value: number;
}

/** Parses a bit pattern into mask/value; throws on a malformed pattern. */
export function compilePattern(pattern: string): { mask: number; value: number } {
  const bits = pattern.replace(/_/g, '');
  if (bits.length !== 32) throw new Error(`decode pattern '${pattern}' has ${bits.length} bits, not 32`);
  let mask = 0;
  let value = 0;
  for (let i = 0; i < 32; i++) {
    const ch = bits[i];
    const bit = 31 - i;
    if (ch === '0' || ch === '1') {
      mask |= 1 << bit;
      if (ch === '1') value |= 1 << bit;
    }
  }
  return { mask: mask >>> 0, value: value >>> 0 };
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A table bucketed by bits [28:25] (the A64 top-level encoding groups) and [24:21], each
 * bucket sorted most specific first, so a decode is one lookup and a short scan.
 */
export class DecodeTable {
  /** Candidates by instruction bits [28:21], filled on first use (a program meets few of the 256). */
  private readonly buckets: (CompiledEncoding[] | undefined)[] = new Array(256).fill(undefined);
  readonly all: readonly CompiledEncoding[];

  constructor(encodings: readonly Encoding[]) {
    const compiled = encodings.map((e) => ({ ...e, ...compilePattern(e.pattern) }));
    // More fixed bits first; ties keep table order (earlier lines win).
    const ordered = compiled
      .map((e, i) => ({ e, i, n: popcount(e.mask) }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .map((x) => x.e);
    this.all = ordered;
  }

  private fillBucket(key: number): CompiledEncoding[] {
    const insnBits = key << 21;
    const bucket = this.all.filter((e) => ((insnBits ^ e.value) & e.mask & 0x1fe00000) === 0);
    this.buckets[key] = bucket;
    return bucket;
  }

  lookup(insn: number): CompiledEncoding | undefined {
    const key = (insn >>> 21) & 0xff;
    const bucket = this.buckets[key] ?? this.fillBucket(key);
    for (let i = 0; i < bucket.length; i++) {
      const e = bucket[i];
      if (((insn & e.mask) >>> 0) === e.value) return e;
    }
    return undefined;
  }
}

// ---- Field extraction helpers shared by the encoding groups -------------------------

/** Unsigned field insn[lsb + width - 1 : lsb]. */
export function bits(insn: number, lsb: number, width: number): number {
  return width === 32 ? insn >>> 0 : (insn >>> lsb) & ((1 << width) - 1);
}

export function bit(insn: number, n: number): number {
  return (insn >>> n) & 1;
}

/** Sign-extends the low `width` bits of x (width <= 32). */
export function signExtend(x: number, width: number): number {
  const shift = 32 - width;
  return (x << shift) >> shift;
}

/** Signed field insn[lsb + width - 1 : lsb]. */
export function sbits(insn: number, lsb: number, width: number): number {
  return signExtend(bits(insn, lsb, width), width);
}
