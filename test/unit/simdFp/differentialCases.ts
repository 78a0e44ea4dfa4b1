// Random single-instruction test cases for the differential test against QEMU: a word of
// the SIMD&FP table (one its decoder accepts) with random V0-V31, X0-X27, FPCR and NZCV
// biased toward FP special values; and the bare-metal guest that runs them all and writes
// every register afterwards to the semihosting console.

import { compilePattern } from '../../../src/arch/decoder';
import { disassemble } from '../../../src/arch/disassembler';
import { SIMD_FP_ENCODINGS } from '../../../src/arch/encodings/simdFp';
import { Random } from './randomFloats';

export interface DifferentialCase {
  word: number;
  /** V0..V31 as 64 doublewords (low half first). */
  v: bigint[];
  /** X0..X27 (X28 holds the guest's pointers). */
  x: bigint[];
  fpcr: number;
  nzcv: number;
}

/** Bytes the guest writes per case: V0-V31, X0-X27, FPSR, NZCV. */
export const RESULT_BYTES = 512 + 28 * 8 + 16;

const F32_SPECIALS = [0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fc12345, 0xffa00001,
  0x7f800123, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x3f000000, 0x4b800001, 0x4f000000, 0xcf000000,
  0x5f000000, 0x4effffff, 0x3fc00000, 0x40200000, 0xc0200000, 0x3effffff, 0x00400000, 0x80000001];
const F64_SPECIALS = [0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x7ff0000000000000n,
  0xfff0000000000000n, 0x7ff8000000000000n, 0x7ff8000012345678n, 0xfff4000000000001n, 0x7ff0000000000123n, 1n,
  0x800fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0x3fe0000000000000n, 0x43e0000000000000n,
  0xc3e0000000000000n, 0x41e0000000000000n, 0x41dfffffffc00000n, 0x3ff8000000000000n, 0x4004000000000000n,
  0xc004000000000000n, 0x3fdfffffffffffffn, 0x36a0000000000000n, 0x47efffffe0000000n, 0x3810000000000000n,
  0x380fffffffffffffn];
const HALF_SPECIALS = [0, 0x8000, 0x3c00, 0x7c00, 0xfc00, 0x7e00, 0x7d01, 0x0001, 0x7bff, 0x0400];
const INTEGER_SPECIALS = [0n, 1n, 0xffffffffffffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, 0x7fn, 0x80n, 0xffn,
  0x7fffn, 0x8000n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x8080808080808080n, 0x7f7f7f7f7f7f7f7fn,
  0x00ff00ff00ff00ffn];

class CaseRandom extends Random {
  pick<T>(list: readonly T[]): T { return list[this.below(list.length)]; }
  u64(): bigint { return (BigInt(this.u32()) << 32n) | BigInt(this.u32()); }

  singleBits(): number {
    switch (this.below(4)) {
      case 0: return this.pick(F32_SPECIALS);
      case 1: return ((this.below(2) << 31) | ((100 + this.below(60)) << 23) | (this.u32() & 0x7fffff)) >>> 0;
      case 2: return this.u32();
      default: return ((this.below(2) << 31) | ((120 + this.below(16)) << 23) | (this.u32() & 0x7f0000)) >>> 0;
    }
  }

  doubleBits(): bigint {
    switch (this.below(4)) {
      case 0: return this.pick(F64_SPECIALS);
      case 1: return (BigInt(this.below(2)) << 63n) | (BigInt(900 + this.below(250)) << 52n) | (this.u64() & 0xfffffffffffffn);
      case 2: return this.u64();
      default: return (BigInt(this.below(2)) << 63n) | (BigInt(1016 + this.below(16)) << 52n) | (this.u64() & 0xffff000000000n);
    }
  }

  /** A doubleword of some lane type: singles, a double, halves, bytes or integers. */
  lane(): bigint {
    let x = 0n;
    switch (this.below(6)) {
      case 0: return (BigInt(this.singleBits()) << 32n) | BigInt(this.singleBits());
      case 1: return this.doubleBits();
      case 2: return this.pick(INTEGER_SPECIALS);
      case 3:
        for (let i = 0; i < 4; i++) x |= BigInt(this.below(3) === 0 ? this.pick(HALF_SPECIALS) : this.u32() & 0xffff) << BigInt(16 * i);
        return x;
      case 4:
        for (let i = 0; i < 8; i++) x |= BigInt(this.pick([0, 0xff, 0x80, 0x7f, 1, this.u32() & 0xff])) << BigInt(8 * i);
        return x;
      default: return this.u64();
    }
  }
}

/** `perLine` cases for every table line; words naming X28/W28 are left out. */
export function generateCases(seed: number, perLine: number): DifferentialCase[] {
  const random = new CaseRandom(seed);
  const cases: DifferentialCase[] = [];
  for (const encoding of SIMD_FP_ENCODINGS) {
    const { mask, value } = compilePattern(encoding.pattern);
    let made = 0;
    for (let tries = 0; made < perLine && tries < perLine * 50; tries++) {
      const word = ((random.u32() & ~mask) | value) >>> 0;
      if (encoding.decode(word, 0) === undefined || /[xw]28\b/.test(disassemble(word, 0))) continue;
      const rounding = random.below(3) === 0 ? random.below(4) : 0;
      cases.push({
        word,
        v: Array.from({ length: 64 }, () => random.lane()),
        x: Array.from({ length: 28 }, () => (random.below(2) ? random.pick(INTEGER_SPECIALS) : random.lane())),
        fpcr: (rounding << 22) | (random.below(8) === 0 ? 1 << 25 : 0) | (random.below(8) === 0 ? 1 << 24 : 0),
        nzcv: (random.below(16) << 28) >>> 0,
      });
      made++;
    }
  }
  return cases;
}

const hex = (x: bigint | number) => `0x${x.toString(16)}`;

/** The guest: enable FP, then for each case load, execute, store; then write `out` and exit. */
export function guestAssembly(cases: DifferentialCase[]): string {
  const text: string[] = ['.text', '.global _start', '_start:', '  mov x0, #0x300000', '  msr cpacr_el1, x0', '  isb'];
  const data: string[] = [];
  cases.forEach((c, i) => {
    data.push('.balign 16', `in_${i}:`, ...[...c.v, ...c.x, BigInt(c.fpcr), BigInt(c.nzcv)].map((q) => `  .quad ${hex(q)}`));
    text.push(`  adrp x28, in_${i}`, `  add x28, x28, :lo12:in_${i}`);
    for (let r = 0; r < 32; r += 2) text.push(`  ldp q${r}, q${r + 1}, [x28, #${r * 16}]`);
    text.push('  add x28, x28, #512', '  ldr x27, [x28, #224]', '  msr fpcr, x27', '  ldr x27, [x28, #232]', '  msr nzcv, x27', '  msr fpsr, xzr');
    for (let r = 0; r < 28; r += 2) text.push(`  ldp x${r}, x${r + 1}, [x28, #${r * 8}]`);
    text.push(`  .inst ${hex(c.word)}`);
    text.push(`  adrp x28, out + ${i * RESULT_BYTES}`, `  add x28, x28, :lo12:out + ${i * RESULT_BYTES}`);
    for (let r = 0; r < 32; r += 2) text.push(`  stp q${r}, q${r + 1}, [x28, #${r * 16}]`);
    text.push('  add x28, x28, #512');
    for (let r = 0; r < 28; r += 2) text.push(`  stp x${r}, x${r + 1}, [x28, #${r * 8}]`);
    text.push('  mrs x0, fpsr', '  mrs x1, nzcv', '  stp x0, x1, [x28, #224]');
  });
  // Semihosting: SYS_OPEN(":tt", "w"); SYS_WRITE(handle, out, length) until all is written (it
  // returns the number of bytes left); SYS_EXIT(ADP_Stopped_ApplicationExit).
  text.push('  adr x1, open_block', '  mov w0, #0x01', '  hlt #0xf000', '  adr x1, write_block', '  str x0, [x1]',
    'write_more:', '  mov w0, #0x05', '  adr x1, write_block', '  hlt #0xf000', '  cbz x0, written',
    '  adr x1, write_block', '  ldp x2, x3, [x1, #8]', '  sub x4, x3, x0', '  add x2, x2, x4', '  stp x2, x0, [x1, #8]', '  b write_more',
    'written:', '  adr x1, exit_block', '  mov w0, #0x18', '  hlt #0xf000', '1: b 1b',
    '.balign 8', 'open_block: .quad tt_name, 4, 3', 'tt_name: .asciz ":tt"', '.balign 8',
    `write_block: .quad 0, out, ${cases.length * RESULT_BYTES}`, 'exit_block: .quad 0x20026, 0');
  return [...text, '.data', ...data, '.bss', '.balign 16', `out: .space ${cases.length * RESULT_BYTES}`, ''].join('\n');
}

export const GUEST_LINKER_SCRIPT = 'ENTRY(_start)\nSECTIONS\n{\n  . = 0x40000000;\n  .text : { *(.text*) }\n  .data : { *(.data*) }\n  .bss : { *(.bss*) }\n}\n';
