import * as assert from 'assert';
import { describeUnwindRow } from '../../../src/symbols/callFrameInformation';
import { loadProgramSymbols, ProgramSymbols } from '../../../src/symbols/programSymbols';
import { DWARF_REGISTER_PC, stripPointerAuthentication, unwind, UnwoundFrame } from '../../../src/symbols/unwinder';
import { fixtureBytes } from './fixtureFiles';

// Addresses in hello.c built with gcc -O0 (both the DWARF 4 build with .debug_frame and
// the DWARF 5 build without any CFI have the same code layout).
const DEPTH = 0x400004dc;
const DEPTH_BODY = 0x400004e8;
const DEPTH_RETURN_SITE = 0x40000508; // after "bl depth" inside depth
const DEPTH_EPILOGUE_RET = 0x40000510;
const MAIN_AFTER_DEPTH = 0x40000554; // after "bl depth" in main
const START_AFTER_MAIN = 0x4000040c; // after "bl main" in _cstart
const SQUARE_BODY = 0x40000478;
const MAIN_AFTER_SQUARE = 0x40000530;

/** A stack built exactly as the -O0 code builds it: main calls depth(3), which recurses to depth(0). */
class SimulatedStack {
  readonly memory = new Map<number, bigint>();
  sp = 0x40c00000;
  x29 = 0n;
  x30 = BigInt(START_AFTER_MAIN);
  x19 = 0x1919n;

  /** stp x29, x30, [sp, #-32]!; mov x29, sp */
  pushFrameRecord(): void {
    this.sp -= 32;
    this.memory.set(this.sp, this.x29);
    this.memory.set(this.sp + 8, this.x30);
    this.x29 = BigInt(this.sp);
  }

  registers(): (register: number) => bigint | undefined {
    const values = new Map<number, bigint>([[31, BigInt(this.sp)], [29, this.x29], [30, this.x30], [19, this.x19]]);
    return (register) => values.get(register);
  }

  readMemory64 = (address: number) => this.memory.get(address);
}

function deepRecursion(): SimulatedStack {
  const stack = new SimulatedStack();
  stack.pushFrameRecord(); // main
  stack.x30 = BigInt(MAIN_AFTER_DEPTH);
  stack.pushFrameRecord(); // depth(3)
  for (let i = 0; i < 3; i++) {
    stack.x30 = BigInt(DEPTH_RETURN_SITE);
    stack.pushFrameRecord(); // depth(2), depth(1), depth(0)
  }
  return stack;
}

function walk(program: ProgramSymbols, pc: number, stack: SimulatedStack, limit = 8): { pcs: number[]; frames: UnwoundFrame[] } {
  const pcs = [pc];
  const frames: UnwoundFrame[] = [];
  let readRegister = stack.registers();
  for (let i = 0; i < limit; i++) {
    const frame = program.unwind(pcs[pcs.length - 1], readRegister, stack.readMemory64);
    if (!frame) break;
    frames.push(frame);
    pcs.push(frame.pc);
    readRegister = frame.readRegister;
    if (frame.pc === START_AFTER_MAIN) break;
  }
  return { pcs, frames };
}

describe('symbols/unwinder', () => {
  for (const name of ['hello-gcc-dwarf4', 'hello-gcc-dwarf5'] as const) {
    const how = name === 'hello-gcc-dwarf4' ? 'with .debug_frame' : 'by prologue analysis (no CFI in the file)';
    describe(`unwinds recursive frames ${how}`, () => {
      const program = loadProgramSymbols(fixtureBytes(name));

      it('walks depth(0) -> depth(1..3) -> main -> _cstart', () => {
        const stack = deepRecursion();
        const { pcs, frames } = walk(program, DEPTH_BODY, stack);
        assert.deepStrictEqual(pcs, [DEPTH_BODY, DEPTH_RETURN_SITE, DEPTH_RETURN_SITE, DEPTH_RETURN_SITE, MAIN_AFTER_DEPTH, START_AFTER_MAIN]);
        assert.strictEqual(program.formatAddress(pcs[4]), 'main+0x40');
        // Each caller's SP is the callee's CFA, 32 bytes up per frame.
        assert.deepStrictEqual(
          frames.map((frame) => frame.readRegister(31)),
          [1, 2, 3, 4, 5].map((depth) => BigInt(stack.sp + 32 * depth)),
        );
        assert.strictEqual(frames[0].method, 'cfi');
        assert.strictEqual(frames[3].readRegister(29), BigInt(stack.sp + 32 * 4), 'main\'s frame pointer restored');
        assert.strictEqual(frames[0].readRegister(19), 0x1919n, 'callee-saved registers without a rule keep their value');
        assert.strictEqual(frames[0].readRegister(0), undefined, 'caller-saved registers are not known');
        assert.strictEqual(frames[0].readRegister(DWARF_REGISTER_PC), BigInt(DEPTH_RETURN_SITE));
      });

      it('at the first instruction of a function the caller is in X30', () => {
        const stack = deepRecursion();
        stack.x30 = BigInt(DEPTH_RETURN_SITE);
        const frame = program.unwind(DEPTH, stack.registers(), stack.readMemory64)!;
        assert.strictEqual(frame.pc, DEPTH_RETURN_SITE);
        assert.strictEqual(frame.readRegister(31), BigInt(stack.sp));
      });

      it('after the epilogue has popped the frame record', () => {
        const stack = deepRecursion();
        // ldp x29, x30, [sp], #32 has run: registers hold the caller's values again.
        stack.x29 = stack.memory.get(stack.sp)!;
        stack.x30 = stack.memory.get(stack.sp + 8)!;
        stack.sp += 32;
        const frame = program.unwind(DEPTH_EPILOGUE_RET, stack.registers(), stack.readMemory64)!;
        assert.strictEqual(frame.pc, DEPTH_RETURN_SITE);
        assert.strictEqual(frame.readRegister(31), BigInt(stack.sp));
      });

      it('in a leaf that moved SP but saved nothing', () => {
        const stack = new SimulatedStack();
        stack.pushFrameRecord(); // main
        stack.x30 = BigInt(MAIN_AFTER_SQUARE);
        stack.sp -= 32; // square: sub sp, sp, #32
        const frame = program.unwind(SQUARE_BODY, stack.registers(), stack.readMemory64)!;
        assert.strictEqual(frame.pc, MAIN_AFTER_SQUARE);
        assert.strictEqual(frame.readRegister(31), BigInt(stack.sp + 32));
        assert.strictEqual(frame.readRegister(29), stack.x29);
      });
    });
  }

  it('prologue analysis describes the same frames as GCC\'s CFI, instruction by instruction', () => {
    const withCfi = loadProgramSymbols(fixtureBytes('hello-gcc-dwarf4'));
    const withoutCfi = loadProgramSymbols(fixtureBytes('hello-gcc-dwarf5'));
    assert.strictEqual(withoutCfi.callFrames.entries.length, 0);
    let compared = 0;
    for (const name of ['square', 'sum_to', 'depth', 'main']) {
      const fn = withCfi.functions().find((candidate) => candidate.name === name)!;
      for (let pc = fn.ranges[0].low; pc < fn.ranges[0].high; pc += 4) {
        const fromCfi = withCfi.unwindRow(pc)!;
        const analysed = withoutCfi.unwindRow(pc)!;
        // GCC keeps the CFA on SP; the analysis moves it to X29 once "mov x29, sp" has run (same value at -O0).
        const normalise = (text: string) => text.replace('CFA=reg29', 'CFA=reg31');
        assert.strictEqual(normalise(describeUnwindRow(analysed)), describeUnwindRow(fromCfi), `${name} at 0x${pc.toString(16)}`);
        compared++;
      }
    }
    assert.ok(compared > 50);
  });

  it('falls back to the frame-pointer chain when nothing describes the code', () => {
    const stack = deepRecursion();
    const pcs = [DEPTH_BODY];
    let readRegister = stack.registers();
    for (let i = 0; i < 6; i++) {
      const frame = unwind(pcs[pcs.length - 1], readRegister, stack.readMemory64);
      if (!frame) break;
      assert.strictEqual(frame.method, 'frame-pointer');
      pcs.push(frame.pc);
      readRegister = frame.readRegister;
    }
    // The record at [x29] of each frame gives its caller; main's record returns to _cstart, whose x29 was 0.
    assert.deepStrictEqual(pcs, [DEPTH_BODY, DEPTH_RETURN_SITE, DEPTH_RETURN_SITE, DEPTH_RETURN_SITE, MAIN_AFTER_DEPTH, START_AFTER_MAIN]);
  });

  it('stops at the outermost frame and on nonsense', () => {
    const none = () => undefined;
    assert.strictEqual(unwind(0x1000, (register) => (register === 29 ? 0n : undefined), none), undefined, 'x29 = 0 ends the chain');
    assert.strictEqual(unwind(0x1000, (register) => (register === 29 ? 0x1003n : undefined), none), undefined, 'a misaligned frame pointer');
    assert.strictEqual(unwind(0x1000, (register) => (register === 29 ? 0x2000n : undefined), none), undefined, 'unreadable memory');
    const asm = loadProgramSymbols(fixtureBytes('start-asm'));
    // In "framed" after its prologue, with X30's slot holding 0: the end of the stack.
    const memory = new Map<number, bigint>([[0x1000, 0n], [0x1008, 0n]]);
    assert.strictEqual(asm.unwind(0x40000030, (register) => (register === 31 ? 0x1000n : 0n), (address) => memory.get(address)), undefined);
  });

  it('removes pointer authentication codes from return addresses', () => {
    assert.strictEqual(stripPointerAuthentication(0x002d000040000508n), 0x40000508n);
    assert.strictEqual(stripPointerAuthentication(0x40000508n), 0x40000508n);
    assert.strictEqual(stripPointerAuthentication(0xffff000000001000n), 0xffff000000001000n, 'kernel addresses are canonical');
  });
});
