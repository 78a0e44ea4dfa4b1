// The debugger engine on the real hypervisor model and a fixture guest (no DAP).

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ProgramInfo } from '../../../src/adapter/programInfo';
import { Debugger, StopEvent } from '../../../src/debugger/debugger';
import { BRK_0 } from '../../../src/debugger/softwareBreakpoints';
import { PF_X, parseElf } from '../../../src/symbols/elfFile';
import { GuestMachine } from '../../../src/vmm/guestMachine';
import { FIXTURES, lineOf as lineIn } from '../../dap/dapSupport';

const lineOf = (marker: string) => lineIn(path.join(FIXTURES, 'steps.c'), marker);

function setup(elf = 'steps-gcc-O0.elf', args: string[] = []) {
  const bytes = fs.readFileSync(path.join(FIXTURES, elf));
  let output = '';
  const machine = new GuestMachine(bytes, { args, output: data => { output += Buffer.from(data).toString(); } });
  const program = new ProgramInfo(bytes, { baseFolders: [FIXTURES] });
  const dbg = new Debugger(machine, { symbols: program, unwinder: program.unwinder });
  const next = () => new Promise<StopEvent | { exited: number | undefined }>(resolve => {
    const onStop = (stop: StopEvent) => { dbg.off('exited', onExit); resolve(stop); };
    const onExit = (status: number | undefined) => { dbg.off('stopped', onStop); resolve({ exited: status }); };
    dbg.once('stopped', onStop);
    dbg.once('exited', onExit);
  });
  const address = (marker: string) => program.breakpointLocations('steps.c', lineOf(marker))[0].address;
  return { bytes, machine, program, dbg, next, address, output: () => output };
}

/** The executable segments of the ELF as loaded: what guest memory must hold after the session. */
function codeSegments(bytes: Uint8Array) {
  return parseElf(bytes).loadSegments.filter(s => (s.flags & PF_X) !== 0 && s.fileSize > 0)
    .map(s => ({ address: BigInt(s.virtualAddress), bytes: bytes.subarray(s.offset, s.offset + s.fileSize) }));
}

describe('debugger engine on the hypervisor model', () => {
  it('leaves guest code exactly as the ELF loaded it after breakpoints, steps and the end of the session', async () => {
    const { bytes, machine, dbg, next, address } = setup();
    const targets = [address('square-body'), address('factorial-test'), address('main-printf')];
    dbg.setBreakpoints('source', targets.map((a, i) => ({ id: i + 1, kind: 'source', address: a })));
    assert.strictEqual(machine.vm.readMemory(BigInt(targets[0]), 4).reduce((w, b, i) => w | (b << (8 * i)), 0) >>> 0, BRK_0);
    let stop = next();
    void dbg.start();
    assert.strictEqual(((await stop) as StopEvent).reason, 'breakpoint');
    stop = next();
    void dbg.stepLineOver();
    await stop;
    for (const segment of codeSegments(bytes)) {
      assert.deepStrictEqual(dbg.readMemory(segment.address, segment.bytes.length), Uint8Array.from(segment.bytes), 'the user view shows no BRK');
    }
    dbg.setBreakpoints('source', [{ id: 2, kind: 'source', address: targets[1] }]);
    assert.deepStrictEqual(machine.vm.readMemory(BigInt(targets[0]), 4), Uint8Array.from(bytes.subarray(...fileRange(bytes, targets[0]))), 'removal restores the word');
    dbg.end();
    for (const segment of codeSegments(bytes)) {
      const now = machine.vm.readMemory(segment.address, segment.bytes.length);
      assert.ok(Buffer.compare(Buffer.from(now), Buffer.from(segment.bytes)) === 0, `segment at 0x${segment.address.toString(16)} differs after the session`);
    }
  });

  it('runs a call over with a temporary breakpoint and still stops inside the callee on a user breakpoint', async () => {
    const { dbg, next, address, program } = setup();
    dbg.setBreakpoints('source', [{ id: 1, kind: 'source', address: address('main-call-factorial') }]);
    let stop = next();
    void dbg.start();
    await stop;
    dbg.setBreakpoints('function', [{ id: 2, kind: 'function', address: program.afterPrologue(program.functionByName('factorial')!.start) }]);
    stop = next();
    void dbg.stepLineOver();
    const inside = (await stop) as StopEvent;
    assert.strictEqual(inside.reason, 'function breakpoint');
    assert.deepStrictEqual(inside.hitBreakpointIds, [2]);
    assert.strictEqual(program.functionAt(Number(dbg.registers.pc))?.name, 'factorial');
  });

  it('evaluates conditions and hit counts, and prints logpoints without stopping', async () => {
    const { dbg, next, address } = setup();
    const logs: string[] = [];
    dbg.on('log', (text: string) => logs.push(text));
    const square = address('square-body');
    dbg.setBreakpoints('source', [
      { id: 1, kind: 'source', address: square, condition: () => dbg.registers.x(0) === 2n },
      { id: 2, kind: 'source', address: address('factorial-test'), hitCondition: n => n === 3, logMessage: () => `n=${dbg.registers.x(0)}` },
    ]);
    const stop = next();
    void dbg.start();
    assert.strictEqual(((await stop) as StopEvent).reason, 'breakpoint');
    assert.strictEqual(dbg.registers.x(0), 2n, 'only the call with value 2 stops');
    const end = next();
    void dbg.continue();
    assert.deepStrictEqual(await end, { exited: 5 });
    assert.deepStrictEqual(logs, ['n=3']);
    assert.strictEqual(dbg.breakpoints.hitCount(1), 1);
  });

  it('pauses a spinning guest within 100 ms', async () => {
    const { dbg, next, program } = setup('steps-gcc-O0.elf', ['spin']);
    const started = Date.now();
    void dbg.start();
    await new Promise(resolve => setTimeout(resolve, 150));
    const stop = next();
    const asked = Date.now();
    dbg.pause();
    const paused = (await stop) as StopEvent;
    assert.ok(Date.now() - asked < 100, `pause took ${Date.now() - asked} ms`);
    assert.strictEqual(paused.reason, 'pause');
    assert.strictEqual(program.functionAt(Number(paused.pc))?.name, 'spin', `paused at ${paused.text} after ${asked - started} ms`);
  });

  it('restarts from a freshly loaded program with the same breakpoints', async () => {
    const { dbg, next, address } = setup();
    dbg.setBreakpoints('source', [{ id: 1, kind: 'source', address: address('main-printf') }]);
    let stop = next();
    void dbg.start();
    await stop;
    stop = next();
    void dbg.restart({ stopOnEntry: true });
    assert.strictEqual(((await stop) as StopEvent).reason, 'entry');
    stop = next();
    void dbg.continue();
    const hit = (await stop) as StopEvent;
    assert.strictEqual(hit.reason, 'breakpoint');
    assert.strictEqual(Number(hit.pc), address('main-printf'));
  });
});

/** The file range [start, end) of the 4 bytes at a virtual address. */
function fileRange(bytes: Uint8Array, address: number): [number, number] {
  const segment = parseElf(bytes).segmentContaining(address)!;
  const start = segment.offset + (address - segment.virtualAddress);
  return [start, start + 4];
}
