// Breakpoint patches never leak into the guest. This test drives the engine layer
// (src/debugger's Debugger on a src/vmm GuestMachine) directly, on purpose: through
// DAP, readMemory shows the program's words where BRKs are planted (that is its job),
// and after terminate or disconnect DAP cannot reach guest RAM at all, so DAP could
// never see a leaked BRK. Here the test reads the guest's physical memory itself.
//
// The check: when the debugger lets go (terminate, disconnect, after a restart, after
// removing a breakpoint, after the guest overwrote a patched word, after an internal
// error), guest RAM equals byte for byte the RAM of the same program run without any
// debugger for the same number of instructions; and the guest then runs on, undebugged,
// to the same end (a leaked BRK would trap into the guest's vector instead).

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ProgramInfo } from '../../../src/adapter/programInfo';
import { Debugger, StopEvent } from '../../../src/debugger/debugger';
import type { DebugTarget, SliceResult } from '../../../src/debugger/debugTarget';
import { GuestMachine } from '../../../src/vmm/guestMachine';
import { ROOT, fixture } from '../../dap/dapSupport';

const RAM_BASE = 0x4000_0000n;
const MEMORY_MIB = 32; // the C fixtures put their stack near 0x41400000
const STEPS = fixture('steps-gcc-O0.elf');
const SELF_MODIFY = path.join(ROOT, 'test/reliability/guests/self-modify.elf');

function machineFor(elf: Uint8Array): GuestMachine {
  return new GuestMachine(elf, { memoryMiB: MEMORY_MIB, output: () => undefined });
}

function ram(machine: GuestMachine): Uint8Array {
  return machine.vm.readMemory(RAM_BASE, MEMORY_MIB << 20);
}

/** Instructions retired since the last (re)boot: what a fresh undebugged run must match. */
function retired(machine: GuestMachine): number {
  return machine.vcpu.cpu.instructions;
}

/** Runs a machine without any debugger until `instructions` have retired (or it ends). */
function runAlone(machine: GuestMachine, instructions = Number.MAX_SAFE_INTEGER): SliceResult {
  let result: SliceResult = { kind: 'budget' };
  while (retired(machine) < instructions) {
    result = machine.runSlice(Math.min(1_000_000, instructions - retired(machine)));
    if (result.kind !== 'budget') break;
  }
  return result;
}

/** The first differing byte, as a readable message, or undefined when equal. */
function firstDifference(actual: Uint8Array, expected: Uint8Array): string | undefined {
  if (Buffer.compare(actual, expected) === 0) return undefined;
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) {
      return `guest RAM differs at 0x${(RAM_BASE + BigInt(i)).toString(16)}: 0x${actual[i].toString(16)} instead of 0x${expected[i].toString(16)}`;
    }
  }
  return undefined;
}

/**
 * Checks the debugged machine against an undebugged run of the same program: the same
 * RAM at the same instruction count now, and (unless `stopped`) the same end and RAM
 * when both run on to completion.
 */
function assertSameAsUndebugged(elf: Uint8Array, debugged: GuestMachine, options: { runOn?: boolean } = {}): void {
  const alone = machineFor(elf);
  const count = retired(debugged);
  runAlone(alone, count);
  assert.strictEqual(retired(alone), count, 'the undebugged run reached the same instruction count');
  const now = firstDifference(ram(debugged), ram(alone));
  assert.strictEqual(now, undefined, `at instruction ${count}: ${now}`);
  if (options.runOn === false) return;
  const debuggedEnd = runAlone(debugged);
  const aloneEnd = runAlone(alone);
  assert.deepStrictEqual(debuggedEnd, aloneEnd, 'the guest ends the same way once the debugger has let go');
  const atEnd = firstDifference(ram(debugged), ram(alone));
  assert.strictEqual(atEnd, undefined, `at the end: ${atEnd}`);
}

/** The next stop or exit the debugger reports. */
function nextEvent(dbg: Debugger): Promise<{ stop?: StopEvent; exited?: number }> {
  return new Promise(resolve => {
    const onStop = (stop: StopEvent) => { dbg.off('exited', onExit); resolve({ stop }); };
    const onExit = (status: number) => { dbg.off('stopped', onStop); resolve({ exited: status }); };
    dbg.once('stopped', onStop);
    dbg.once('exited', onExit);
  });
}

interface Session {
  elf: Uint8Array;
  machine: GuestMachine;
  dbg: Debugger;
  program: ProgramInfo;
  address(name: string): number;
}

function session(file: string, target?: (machine: GuestMachine) => DebugTarget): Session {
  const elf = new Uint8Array(fs.readFileSync(file));
  const machine = machineFor(elf);
  const program = new ProgramInfo(elf, { programPath: file });
  const dbg = new Debugger(target ? target(machine) : machine, { symbols: program, unwinder: program.unwinder });
  const address = (name: string) => {
    const fn = program.functionByName(name);
    if (!fn) throw new Error(`no function ${name} in ${file}`);
    return fn.start;
  };
  return { elf, machine, dbg, program, address };
}

/** Plants software breakpoints on these functions' first instructions. */
function breakAt(s: Session, names: string[]): void {
  const problems = s.dbg.setBreakpoints('function', names.map((name, i) => ({ id: i + 1, kind: 'function', address: s.address(name) })));
  assert.deepStrictEqual(problems, names.map(() => undefined));
}

async function startAndStop(s: Session): Promise<StopEvent> {
  const event = nextEvent(s.dbg);
  await s.dbg.start({});
  const { stop } = await event;
  assert.ok(stop, 'the guest stopped at a breakpoint');
  return stop;
}

async function continueToStop(s: Session): Promise<StopEvent> {
  const event = nextEvent(s.dbg);
  await s.dbg.continue();
  const { stop } = await event;
  assert.ok(stop, 'the guest stopped again');
  return stop;
}

describe('reliability (engine): breakpoint patches never leak into guest memory', function () {
  this.timeout(60_000);

  it('after terminate at a breakpoint', async () => {
    const s = session(STEPS);
    breakAt(s, ['factorial', 'square']);
    await startAndStop(s);
    await continueToStop(s);
    await continueToStop(s);
    s.dbg.end();
    assertSameAsUndebugged(s.elf, s.machine);
  });

  it('after disconnect (end, then the machine released)', async () => {
    const s = session(STEPS);
    breakAt(s, ['factorial', 'square', 'main']);
    await startAndStop(s);
    s.dbg.end();
    s.machine.dispose();
    assertSameAsUndebugged(s.elf, s.machine, { runOn: false });
  });

  it('after a restart, in the reloaded guest', async () => {
    const s = session(STEPS);
    breakAt(s, ['factorial']);
    await startAndStop(s);
    await continueToStop(s);
    const again = nextEvent(s.dbg);
    await s.dbg.restart({});
    assert.ok((await again).stop, 'the restarted guest stops at the breakpoint again');
    await continueToStop(s);
    s.dbg.end();
    assertSameAsUndebugged(s.elf, s.machine);
  });

  it('after a breakpoint is removed', async () => {
    const s = session(STEPS);
    breakAt(s, ['factorial', 'square']);
    await startAndStop(s);
    s.dbg.setBreakpoints('function', []);
    // Removed at once, not at the next resume: memory is the program's while still stopped.
    assertSameAsUndebugged(s.elf, s.machine, { runOn: false });
    const exited = nextEvent(s.dbg);
    await s.dbg.continue();
    assert.strictEqual((await exited).exited, 5, 'no breakpoint left to stop at');
    assertSameAsUndebugged(s.elf, s.machine, { runOn: false });
  });

  it('when the guest writes over a patched word (the new word is kept as the original)', async () => {
    // self-modify.elf calls value() 1000 times, then stores "mov w0, #42" over its first
    // instruction, exactly where the breakpoint is, and calls it again.
    const s = session(SELF_MODIFY);
    breakAt(s, ['value', 'exit']);
    const value = s.address('value');
    let stop = await startAndStop(s);
    let valueStops = 0;
    while (stop.pc === BigInt(value) && valueStops <= 1000) {
      valueStops++;
      stop = await continueToStop(s);
    }
    assert.strictEqual(valueStops, 1000, 'stopped at each of the 1000 calls before the store');
    assert.strictEqual(stop.pc, BigInt(s.address('exit')), 'then at exit, after the guest ran its new word');
    // At this stop the patches were checked: the guest's word (mov w0, #42 = 0x52800540)
    // is the program's now, and the BRK is back on top of it.
    assert.strictEqual(s.dbg.instructionAt(value), 0x5280_0540, 'the user sees the guest\'s new word');
    const raw = s.machine.vm.readMemory(BigInt(value), 4);
    assert.strictEqual(Buffer.from(raw).readUInt32LE(0), 0xd420_0000, 'the breakpoint is planted again');
    s.dbg.end();
    assertSameAsUndebugged(s.elf, s.machine);
  });

  it('after an internal error in the emulator', async () => {
    let failNext = false;
    const s = session(STEPS, machine => ({
      get vm() { return machine.vm; },
      get vcpu() { return machine.vcpu; },
      get entry() { return machine.entry; },
      reset: () => machine.reset(),
      runSlice: (n: number) => {
        if (failNext) {
          failNext = false;
          throw new Error('simulated internal error');
        }
        return machine.runSlice(n);
      },
    }));
    breakAt(s, ['factorial', 'square']);
    await startAndStop(s);
    failNext = true;
    const stop = await continueToStop(s);
    assert.match(stop.text ?? '', /simulated internal error/);
    s.dbg.end();
    assertSameAsUndebugged(s.elf, s.machine);
  });
});
