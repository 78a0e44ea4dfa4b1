import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { evaluate, fixture, launchAndStop, lineOf, nextStop, startClient, topFrame } from './dapSupport';

const STEPS_C = fixture('steps.c');
const O0 = fixture('steps-gcc-O0.elf');
const STEP_TEXT = /^Step to 0x[0-9a-f]+ \(ESR 0xcb000022: EC 0x32 SOFTSTP_LOW, ISV 1, EX 0\)$/;

async function frames(client: DebugClient): Promise<DebugProtocol.StackFrame[]> {
  return (await client.stackTraceRequest({ threadId: 1 })).body.stackFrames;
}

const count = (list: DebugProtocol.StackFrame[], name: string) => list.filter(f => f.name === name).length;

describe('DAP: stepping and pause', () => {
  let client: DebugClient;
  beforeEach(async () => { client = await startClient(); });
  afterEach(() => client.stop().catch(() => undefined));

  const next = () => nextStop(client, () => client.nextRequest({ threadId: 1 }));
  const stepIn = () => nextStop(client, () => client.stepInRequest({ threadId: 1 }));
  const stepOut = () => nextStop(client, () => client.stepOutRequest({ threadId: 1 }));

  it('steps over a line with a single-step syndrome', async () => {
    await launchAndStop(client, { program: O0 }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'square-body')] });
    const stop = await next();
    assert.strictEqual(stop.body.reason, 'step');
    assert.match(stop.body.text!, STEP_TEXT);
    assert.strictEqual((await topFrame(client)).line, lineOf(STEPS_C, 'square-return'));
  });

  it('steps over a call to the next line of the same function', async () => {
    await launchAndStop(client, { program: O0 }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'main-call-factorial')] });
    const depth = (await frames(client)).length;
    const stop = await next();
    assert.strictEqual(stop.body.reason, 'step');
    const after = await frames(client);
    assert.strictEqual(after[0].name, 'main');
    assert.strictEqual(after[0].line, lineOf(STEPS_C, 'main-printf'));
    assert.strictEqual(after.length, depth);
    assert.strictEqual(await evaluate(client, 'counter'), '120');
  });

  it('stops at a breakpoint inside the function it steps over', async () => {
    await launchAndStop(client, { program: O0 }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'main-call-factorial')] });
    await client.setBreakpointsRequest({ source: { path: STEPS_C }, breakpoints: [{ line: lineOf(STEPS_C, 'main-call-factorial') }, { line: lineOf(STEPS_C, 'factorial-base') }] });
    const stop = await next();
    assert.strictEqual(stop.body.reason, 'breakpoint');
    const list = await frames(client);
    assert.strictEqual(list[0].line, lineOf(STEPS_C, 'factorial-base'));
    assert.strictEqual(count(list, 'factorial'), 5);
  });

  it('steps into a call (past the callee\'s prologue) and out again to the call site', async () => {
    await launchAndStop(client, { program: O0 }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'main-call-factorial')] });
    const inside = await stepIn();
    assert.strictEqual(inside.body.reason, 'step');
    let list = await frames(client);
    assert.strictEqual(list[0].name, 'factorial');
    assert.strictEqual(list[0].line, lineOf(STEPS_C, 'factorial-test'));
    assert.strictEqual(list[1].name, 'main');
    assert.strictEqual(await evaluate(client, 'x0,d'), '5');
    const out = await stepOut();
    assert.strictEqual(out.body.reason, 'step');
    list = await frames(client);
    assert.strictEqual(list[0].name, 'main');
    assert.strictEqual(list[0].line, lineOf(STEPS_C, 'main-call-factorial'));
    assert.strictEqual(await evaluate(client, 'x0,d'), '120', 'factorial(5) has returned');
  });

  it('steps through recursion frame by frame and over a recursive call in one go', async () => {
    const configured = new Promise<void>(resolve => {
      client.once('initialized', async () => {
        await client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'factorial', hitCondition: '== 1' }] });
        resolve();
      });
    });
    await launchAndStop(client, { program: O0 });
    await configured;
    assert.strictEqual(count(await frames(client), 'factorial'), 1);
    let stop = await next();
    assert.strictEqual((await topFrame(client)).line, lineOf(STEPS_C, 'factorial-recurse'));
    stop = await next();
    assert.strictEqual(stop.body.reason, 'step', 'the four deeper returns to the same address are not this frame\'s');
    const list = await frames(client);
    assert.strictEqual(count(list, 'factorial'), 1);
    assert.strictEqual(list[0].line, lineOf(STEPS_C, 'factorial-recurse') + 1);
    assert.strictEqual(await evaluate(client, 'x0,d'), '120');
  });

  it('steps out of the deepest recursion level into its caller, the same function', async () => {
    await launchAndStop(client, { program: O0 }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'factorial-base')] });
    assert.strictEqual(count(await frames(client), 'factorial'), 5);
    await stepOut();
    const list = await frames(client);
    assert.strictEqual(count(list, 'factorial'), 4);
    assert.strictEqual(list[0].line, lineOf(STEPS_C, 'factorial-recurse'));
    await next();
    assert.strictEqual((await topFrame(client)).line, lineOf(STEPS_C, 'factorial-recurse') + 1);
    await next();
    const back = await frames(client);
    assert.strictEqual(count(back, 'factorial'), 3, 'returning from } lands in the caller frame');
    assert.strictEqual(back[0].line, lineOf(STEPS_C, 'factorial-recurse'));
  });

  it('steps by instruction, over a BL with granularity instruction', async () => {
    await launchAndStop(client, { program: O0 }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'main-call-square')] });
    let pc = BigInt((await topFrame(client)).instructionPointerReference!);
    for (let i = 0; i < 8 && !/\tbl /.test(await evaluate(client, 'x/1i $pc')); i++) {
      const stop = await nextStop(client, () => client.stepInRequest({ threadId: 1, granularity: 'instruction' }));
      assert.strictEqual(stop.body.reason, 'step');
      const now = BigInt((await topFrame(client)).instructionPointerReference!);
      assert.strictEqual(now, pc + 4n, 'straight-line code advances one instruction');
      pc = now;
    }
    assert.match(await evaluate(client, 'x/1i $pc'), /\tbl 0x[0-9a-f]+ <square>/);
    await nextStop(client, () => client.nextRequest({ threadId: 1, granularity: 'instruction' }));
    const frame = await topFrame(client);
    assert.strictEqual(frame.name, 'main');
    assert.strictEqual(BigInt(frame.instructionPointerReference!), pc + 4n);
  });

  it('steps into a BL by instruction', async () => {
    await launchAndStop(client, { program: O0 }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'main-call-square')] });
    for (let i = 0; i < 8 && !/\tbl /.test(await evaluate(client, 'x/1i $pc')); i++) await nextStop(client, () => client.stepInRequest({ threadId: 1, granularity: 'instruction' }));
    await nextStop(client, () => client.stepInRequest({ threadId: 1, granularity: 'instruction' }));
    const frame = await topFrame(client);
    assert.strictEqual(frame.name, 'square');
    assert.strictEqual(await evaluate(client, 'pc == &square'), '1');
  });

  it('steps out of and over optimised code (gcc -O2)', async () => {
    await launchAndStop(client, { program: fixture('steps-gcc-O2.elf') }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'square-body')] });
    assert.strictEqual((await topFrame(client)).name, 'square');
    const out = await stepOut();
    assert.strictEqual(out.body.reason, 'step');
    assert.strictEqual((await topFrame(client)).name, 'main');
    await client.setBreakpointsRequest({ source: { path: STEPS_C }, breakpoints: [] });
    await client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'factorial' }] });
    await nextStop(client, () => client.continueRequest({ threadId: 1 }));
    assert.strictEqual((await topFrame(client)).name, 'factorial');
    const stepped = await next();
    assert.strictEqual(stepped.body.reason, 'step');
    const frame = await topFrame(client);
    assert.ok(frame.name === 'factorial' || frame.name === 'main', `stepped to ${frame.name}`);
  });

  it('pauses a spinning guest within 100 ms, and continues it', async () => {
    const configured = client.waitForEvent('initialized').then(() => client.configurationDoneRequest());
    await client.launch({ program: O0, args: ['spin'] });
    await configured;
    await new Promise(resolve => setTimeout(resolve, 300));
    for (let round = 0; round < 2; round++) {
      const stopped = client.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
      const asked = Date.now();
      await client.pauseRequest({ threadId: 1 });
      const stop = await stopped;
      assert.ok(Date.now() - asked < 100, `pause answered after ${Date.now() - asked} ms`);
      assert.strictEqual(stop.body.reason, 'pause');
      assert.match(stop.body.text!, /^Paused at 0x[0-9a-f]+$/);
      const frame = await topFrame(client);
      assert.strictEqual(frame.name, 'spin');
      assert.strictEqual(frame.line, lineOf(STEPS_C, 'spin-loop') + (frame.line === lineOf(STEPS_C, 'spin-loop') ? 0 : 1));
      await client.continueRequest({ threadId: 1 });
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  });

  it('plants a breakpoint set while the guest runs', async () => {
    const configured = client.waitForEvent('initialized').then(() => client.configurationDoneRequest());
    await client.launch({ program: O0, args: ['spin'] });
    await configured;
    await new Promise(resolve => setTimeout(resolve, 200));
    const stopped = client.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
    const set = await client.setBreakpointsRequest({ source: { path: STEPS_C }, breakpoints: [{ line: lineOf(STEPS_C, 'spin-loop') + 1 }] });
    assert.strictEqual(set.body.breakpoints[0].verified, true);
    const stop = await stopped;
    assert.strictEqual(stop.body.reason, 'breakpoint');
    assert.strictEqual((await topFrame(client)).line, lineOf(STEPS_C, 'spin-loop') + 1);
  });
});
