// A misbehaving DAP client against dist/debugAdapter.js: requests before launch,
// after terminate and disconnect, with thread ids that do not exist, variable
// references from an earlier stop, expressions that make no sense and absurd sizes.
// Every request must be answered in bounded time, with an error response or a bounded
// correct answer, and the adapter must still answer the next request (it did not crash).

import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { fixture, launchAndStop, lineOf, nextStop, startClient } from '../../dap/dapSupport';

const STEPS_C = fixture('steps.c');
const PROGRAM = fixture('steps-gcc-O0.elf');
/** Far more than any answer may take; a hang shows as this timeout. */
const ANSWER_WITHIN_MS = 5_000;

type Outcome = { ok: true; body: unknown } | { ok: false; message: string };

/** Sends one request and says how it was answered; a missing answer fails the test. */
async function answer(client: DebugClient, command: string, args: unknown): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to "${command}" within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  });
  try {
    const response = await Promise.race([client.send(command, args), timeout]) as DebugProtocol.Response;
    return { ok: true, body: response.body };
  } catch (e) {
    const message = (e as Error).message;
    if (message.startsWith('no answer to')) throw e;
    return { ok: false, message };
  } finally {
    clearTimeout(timer);
  }
}

async function assertRefused(client: DebugClient, command: string, args: unknown, message: RegExp): Promise<void> {
  const outcome = await answer(client, command, args);
  assert.ok(!outcome.ok, `"${command}" ${JSON.stringify(args)} should have been refused, got ${JSON.stringify(outcome)}`);
  assert.match(outcome.message, message, `"${command}" refused with an unclear message`);
}

/** The adapter is alive and serving: a trivial request still gets its answer. */
async function assertAlive(client: DebugClient): Promise<void> {
  const threads = await answer(client, 'threads', {});
  assert.ok(threads.ok, 'the adapter no longer answers "threads"');
}

const MEMORY_REQUESTS: [string, unknown][] = [
  ['readMemory', { memoryReference: '0x40000000', count: 16 }],
  ['disassemble', { memoryReference: '0x40000000', instructionCount: 4 }],
];

const STATE_REQUESTS: [string, unknown][] = [
  ['stackTrace', { threadId: 1 }],
  ['scopes', { frameId: 1 }],
  ['variables', { variablesReference: 1 }],
  ['evaluate', { expression: 'x0', context: 'repl' }],
  ['evaluate', { expression: 'x0', context: 'hover', frameId: 1 }],
  ['setVariable', { variablesReference: 1, name: 'x0', value: '1' }],
  ['exceptionInfo', { threadId: 1 }],
  ['writeMemory', { memoryReference: '0x40000000', data: 'AAAAAA==' }],
  ...MEMORY_REQUESTS,
];

const CONTROL_REQUESTS: [string, unknown][] = [
  ['continue', { threadId: 1 }],
  ['next', { threadId: 1 }],
  ['stepIn', { threadId: 1 }],
  ['stepOut', { threadId: 1 }],
  ['pause', { threadId: 1 }],
  ['restart', {}],
];

const BREAKPOINT_REQUESTS: [string, unknown][] = [
  ['setBreakpoints', { source: { path: STEPS_C }, breakpoints: [{ line: 10 }] }],
  ['setFunctionBreakpoints', { breakpoints: [{ name: 'main' }] }],
  ['setInstructionBreakpoints', { breakpoints: [{ instructionReference: '0x40000000' }] }],
  ['dataBreakpointInfo', { name: 'x0' }],
];

describe('reliability (DAP): a misbehaving client gets error responses, never a crash or a hang', function () {
  this.timeout(60_000);
  let client: DebugClient;
  beforeEach(async () => { client = await startClient(); });
  afterEach(() => client.stop().catch(() => undefined));

  it('refuses every state, control and breakpoint request before launch, saying to launch first', async () => {
    await client.initializeRequest();
    for (const [command, args] of [...STATE_REQUESTS, ...CONTROL_REQUESTS, ...BREAKPOINT_REQUESTS]) {
      await assertRefused(client, command, args, /no program is loaded yet: send "launch" first/);
    }
    await assertAlive(client);
    // The session is still usable: a launch after all that works.
    const stop = await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
    assert.strictEqual(stop.body.reason, 'entry');
  });

  it('refuses state and control requests after terminate, and still answers', async () => {
    await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
    const terminated = client.waitForEvent('terminated');
    await client.terminateRequest({});
    await terminated;
    for (const [command, args] of [...STATE_REQUESTS, ...CONTROL_REQUESTS.filter(([c]) => c !== 'restart' && c !== 'pause')]) {
      await assertRefused(client, command, args, /the guest has ended/);
    }
    for (const [command, args] of BREAKPOINT_REQUESTS) await answer(client, command, args); // either answer is fine, but an answer
    assert.ok((await answer(client, 'terminate', {})).ok, 'a second terminate is harmless');
    await assertRefused(client, 'launch', { program: PROGRAM }, /already loaded/);
    await assertAlive(client);
  });

  it('answers every request after disconnect without touching the released guest', async () => {
    await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
    await client.disconnectRequest({});
    // Not even restart or a breakpoint may touch the guest again once it is released.
    for (const [command, args] of [...STATE_REQUESTS, ...CONTROL_REQUESTS, ...BREAKPOINT_REQUESTS]) {
      await assertRefused(client, command, args, /the session is disconnected/);
    }
    await assertAlive(client);
  });

  it('refuses thread ids that do not exist', async () => {
    await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
    for (const threadId of [0, 2, -1, 99999]) {
      for (const command of ['stackTrace', 'continue', 'next', 'stepIn', 'stepOut', 'pause', 'exceptionInfo']) {
        await assertRefused(client, command, { threadId }, new RegExp(`no thread ${threadId}\\b`));
      }
    }
    // Nothing ran: the guest is still at its entry point and steps normally.
    const stop = await nextStop(client, () => client.stepInRequest({ threadId: 1, granularity: 'instruction' }));
    assert.strictEqual(stop.body.reason, 'step');
  });

  it('refuses variable references from an earlier stop and references never handed out', async () => {
    const first = lineOf(STEPS_C, 'main-first');
    await launchAndStop(client, { program: PROGRAM, runToEntryPoint: 'main' });
    const frames = await client.stackTraceRequest({ threadId: 1 });
    const scopes = await client.scopesRequest({ frameId: frames.body.stackFrames[0].id });
    const stale = scopes.body.scopes.map(s => s.variablesReference).filter(r => r > 0);
    assert.ok(stale.length > 0, 'the first stop has expandable scopes');
    assert.strictEqual(frames.body.stackFrames[0].line, first);
    await nextStop(client, () => client.nextRequest({ threadId: 1 }));
    for (const reference of stale) {
      await assertRefused(client, 'variables', { variablesReference: reference }, /variables reference|no longer valid|unknown/i);
      await assertRefused(client, 'setVariable', { variablesReference: reference, name: 'x0', value: '1' }, /variables reference|no longer valid|unknown|only the current frame/i);
    }
    for (const reference of [0, -5, 2 ** 31, 1e9]) {
      await assertRefused(client, 'variables', { variablesReference: reference }, /variables reference|no longer valid|unknown/i);
    }
    await assertRefused(client, 'scopes', { frameId: 99 }, /no frame 99/);
    await assertRefused(client, 'scopes', { frameId: 0 }, /no frame 0/);
    await assertAlive(client);
  });

  it('refuses bad expressions with a message, however hostile', async () => {
    await launchAndStop(client, { program: PROGRAM, runToEntryPoint: 'main' });
    const expressions = [
      '', ')', '1 +', 'x99', 'no_such_variable', '*(int *)0', '1 / 0', '"unterminated', '$', '@@@',
      'sizeof(struct nothing)', '(((((((', '('.repeat(100_000) + '1' + ')'.repeat(100_000), '-'.repeat(200_000) + '1',
      'x0 = ', 'set var', 'x/999999999xw $sp', '\u0000', 'a'.repeat(1_000_000),
    ];
    for (const expression of expressions) {
      for (const context of ['repl', 'watch', 'hover']) {
        const outcome = await answer(client, 'evaluate', { expression, context, frameId: 1 });
        if (outcome.ok) continue; // a few are fine (empty repl line, a clamped x/ command): what matters is an answer
        assert.ok(outcome.message.length > 0 && outcome.message.length < 2_000, `a short message for ${JSON.stringify(expression.slice(0, 20))}`);
        assert.doesNotMatch(outcome.message, /^\s*at |\n\s+at /, 'no stack trace in the message');
      }
    }
    await assertRefused(client, 'evaluate', { expression: 'x0', context: 'watch', frameId: 42 }, /no frame 42/);
    await assertAlive(client);
  });

  it('bounds readMemory and disassemble whatever count is asked', async () => {
    await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
    for (const count of [2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER]) {
      const started = Date.now();
      const read = await answer(client, 'readMemory', { memoryReference: '0x40000000', count });
      assert.ok(Date.now() - started < ANSWER_WITHIN_MS);
      if (read.ok) {
        const body = read.body as DebugProtocol.ReadMemoryResponse['body'];
        const bytes = Buffer.from(body!.data ?? '', 'base64').length;
        assert.ok(bytes > 0 && bytes <= 1 << 20, `a bounded read, got ${bytes} bytes`);
        assert.ok((body!.unreadableBytes ?? 0) <= (1 << 20) - bytes, 'unreadable bytes counted only inside the bounded read');
      }
    }
    for (const args of [
      { memoryReference: '0x40000000', count: -1 }, { memoryReference: '0x40000000', count: 1.5 },
      { memoryReference: 'nonsense', count: 4 }, { memoryReference: '0xffffffffffffffff', count: 16 },
      { memoryReference: '0x40000000', offset: 1e300, count: 4 }, { memoryReference: '0x40000000', offset: 0.5, count: 4 },
      { memoryReference: '0x40000000' }, {},
    ]) {
      await answer(client, 'readMemory', args);
    }
    for (const instructionCount of [10 ** 9, 2 ** 31, 2 ** 53]) {
      const started = Date.now();
      const listing = await answer(client, 'disassemble', { memoryReference: '0x40000000', instructionCount });
      assert.ok(Date.now() - started < ANSWER_WITHIN_MS);
      if (listing.ok) {
        const instructions = (listing.body as DebugProtocol.DisassembleResponse['body'])!.instructions;
        assert.ok(instructions.length > 0 && instructions.length <= 100_000, `a bounded listing, got ${instructions.length}`);
      }
    }
    for (const args of [
      { memoryReference: '0x40000000', instructionCount: -5 }, { memoryReference: '0x40000000', instructionCount: 2.5 },
      { memoryReference: '0x40000000', instructionOffset: 1e300, instructionCount: 4 },
      { memoryReference: '0x40000000', instructionOffset: 0.25, instructionCount: 4 },
      { memoryReference: '0xfffffffffffffff8', instructionCount: 8 }, { memoryReference: 'x', instructionCount: 1 }, {},
    ]) {
      await answer(client, 'disassemble', args);
    }
    await assertRefused(client, 'writeMemory', { memoryReference: '0x0', data: 'AAAA' }, /not.*guest RAM/);
    await assertAlive(client);
    const stop = await nextStop(client, () => client.stepInRequest({ threadId: 1, granularity: 'instruction' }));
    assert.strictEqual(stop.body.reason, 'step', 'the session is still usable');
  });

  it('survives requests it does not know and arguments of the wrong shape', async () => {
    await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
    await answer(client, 'noSuchRequest', {});
    await answer(client, 'stackTrace', { threadId: 1, startFrame: -3, levels: -1 });
    await answer(client, 'stackTrace', { threadId: 1, startFrame: 1e9, levels: 1e9 });
    await answer(client, 'setBreakpoints', { source: {}, breakpoints: [{ line: -1 }, { line: 1e12 }] });
    await answer(client, 'setBreakpoints', { source: { path: STEPS_C }, breakpoints: [{ line: 12, condition: '(((' }, { line: 13, hitCondition: 'x' }] });
    await answer(client, 'setInstructionBreakpoints', { breakpoints: [{ instructionReference: 'bogus' }, { instructionReference: '0x1' }] });
    await answer(client, 'setDataBreakpoints', { breakpoints: [{ dataId: 'nonsense' }, { dataId: '0x0:99999999999' }] });
    await answer(client, 'dataBreakpointInfo', { name: '(((' });
    await answer(client, 'setExceptionBreakpoints', { filters: ['noSuchFilter'] });
    await answer(client, 'evaluate', {});
    await answer(client, 'variables', {});
    await answer(client, 'scopes', {});
    await assertAlive(client);
    const stop = await nextStop(client, () => client.stepInRequest({ threadId: 1, granularity: 'instruction' }));
    assert.strictEqual(stop.body.reason, 'step', 'the session is still usable');
  });
});
