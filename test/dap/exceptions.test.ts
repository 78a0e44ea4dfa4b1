import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { fixture, launchAndStop, lineOf, nextStop, startClient, topFrame } from './dapSupport';

const GUEST_C = fixture('guestbrk.c');
const PROGRAM = fixture('guestbrk.elf');
const GUEST_OUTPUT = ['esr=f2000123\n', 'esr=2000000\n', 'esr=56000005\n', 'add_three=42\n'];
const GUEST_BRK_TEXT = /^Guest BRK #0x123 at 0x[0-9a-f]+ \(ESR 0xf2000123: EC 0x3c BRK64, imm16 0x123\)$/;

describe('DAP: guest BRKs and exceptions', () => {
  let client: DebugClient;
  beforeEach(async () => { client = await startClient(); });
  afterEach(() => client.stop().catch(() => undefined));

  it('re-injects a guest BRK into the guest\'s own vector while the debugger has breakpoints planted', async () => {
    const stdout: string[] = [];
    client.on('output', (e: DebugProtocol.OutputEvent) => { if (e.body.category === 'stdout') stdout.push(e.body.output); });
    const stops: string[] = [];
    client.on('stopped', (e: DebugProtocol.StoppedEvent) => stops.push(e.body.reason));
    await launchAndStop(client, { program: PROGRAM }, { source: GUEST_C, lines: [lineOf(GUEST_C, 'after-brk')] });
    assert.deepStrictEqual(stops, ['breakpoint'], 'the guest BRK did not stop the session');
    const terminated = client.waitForEvent('terminated');
    await client.continueRequest({ threadId: 1 });
    await terminated;
    assert.deepStrictEqual(stdout, GUEST_OUTPUT, 'the guest handler saw ESR_EL1 of its own BRK');
  });

  it('stops on a guest BRK when breakOnGuestBrk is set, and delivers it to the guest on continue', async () => {
    const stdout: string[] = [];
    client.on('output', (e: DebugProtocol.OutputEvent) => { if (e.body.category === 'stdout') stdout.push(e.body.output); });
    const stop = await launchAndStop(client, { program: PROGRAM, breakOnGuestBrk: true });
    assert.strictEqual(stop.body.reason, 'exception');
    assert.strictEqual(stop.body.description, 'Guest BRK #0x123');
    assert.match(stop.body.text!, GUEST_BRK_TEXT);
    assert.strictEqual((await topFrame(client)).line, lineOf(GUEST_C, 'guest-brk'));
    const info = await client.exceptionInfoRequest({ threadId: 1 });
    assert.strictEqual(info.body.exceptionId, 'BRK64');
    assert.strictEqual(info.body.breakMode, 'always');
    assert.match(info.body.description!, GUEST_BRK_TEXT);
    assert.strictEqual(info.body.details?.typeName, 'EC 0x3c BRK64');
    const terminated = client.waitForEvent('terminated');
    await client.continueRequest({ threadId: 1 });
    await terminated;
    assert.deepStrictEqual(stdout, GUEST_OUTPUT);
  });

  it('stops on guest BRKs through the "Guest BRK instructions" exception filter', async () => {
    const initialize = await client.initializeRequest();
    assert.deepStrictEqual(initialize.body?.exceptionBreakpointFilters?.map(f => f.filter), ['guestBrk', 'guestExceptions', 'guestCalls', 'unhandledExceptions']);
    const stopped = client.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
    await Promise.all([
      client.waitForEvent('initialized').then(async () => {
        await client.setExceptionBreakpointsRequest({ filters: ['guestBrk'] });
        await client.configurationDoneRequest();
      }),
      client.launchRequest({ program: PROGRAM } as DebugProtocol.LaunchRequestArguments),
    ]);
    const stop = await stopped;
    assert.strictEqual(stop.body.reason, 'exception');
    assert.match(stop.body.text!, GUEST_BRK_TEXT);
    // Stepping from the exception stop enters the guest's vector, as the CPU would.
    const step = await nextStop(client, () => client.stepInRequest({ threadId: 1, granularity: 'instruction' }));
    assert.strictEqual(step.body.reason, 'step');
    assert.match(step.body.text!, /^Exception taken: Guest BRK #0x123 delivered to the guest's vector at 0x[0-9a-f]+200$/);
    assert.strictEqual((await topFrame(client)).name, 'sync_current_el_spx');
  });

  /** Launches with the given exception filters and returns the first stop. */
  async function launchWithFilters(program: string, filters: string[], lines: number[] = []): Promise<DebugProtocol.StoppedEvent> {
    const stopped = client.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
    await Promise.all([
      client.waitForEvent('initialized').then(async () => {
        await client.setExceptionBreakpointsRequest({ filters });
        if (lines.length > 0) await client.setBreakpointsRequest({ source: { path: GUEST_C }, breakpoints: lines.map(line => ({ line })) });
        await client.configurationDoneRequest();
      }),
      client.launch({ program }),
    ]);
    return stopped;
  }

  it('stops at the guest\'s vector for exceptions it takes, and for SVC calls when asked', async () => {
    // The vectors are caught once the debugger has seen VBAR_EL1 point at them: stop once after the program installs them.
    const first = await launchWithFilters(PROGRAM, ['guestExceptions', 'guestCalls'], [lineOf(GUEST_C, 'guest-brk')]);
    assert.strictEqual(first.body.reason, 'breakpoint');
    const udf = await nextStop(client, () => client.continueRequest({ threadId: 1 }));
    assert.strictEqual(udf.body.reason, 'exception');
    assert.strictEqual(udf.body.description, 'Guest exception (UNKNOWN)');
    assert.match(udf.body.text!, /^Guest exception from 0x[0-9a-f]+ taken to its vector at 0x[0-9a-f]+200 \(VBAR_EL1\+0x200\) \(ESR 0x02000000: EC 0x00 UNKNOWN, ISS 0x0\)$/);
    assert.strictEqual((await topFrame(client)).name, 'sync_current_el_spx');
    const info = await client.exceptionInfoRequest({ threadId: 1 });
    assert.strictEqual(info.body.exceptionId, 'UNKNOWN');
    const svc = await nextStop(client, () => client.continueRequest({ threadId: 1 }));
    assert.match(svc.body.text!, /\(ESR 0x56000005: EC 0x15 SVC64, imm16 0x5\)$/);
    const stdout: string[] = [];
    client.on('output', (e: DebugProtocol.OutputEvent) => { if (e.body.category === 'stdout') stdout.push(e.body.output); });
    const terminated = client.waitForEvent('terminated');
    await client.continueRequest({ threadId: 1 });
    await terminated;
    assert.deepStrictEqual(stdout, ['esr=56000005\n', 'add_three=42\n'], 'the guest handled the SVC itself after the stop');
  });

  it('stops an unhandled exception at the instruction that raised it (VBAR_EL1 = 0)', async () => {
    const faults = fixture('faults.c');
    const stop = await launchWithFilters(fixture('faults.elf'), ['unhandledExceptions']);
    assert.strictEqual(stop.body.reason, 'exception');
    assert.strictEqual(stop.body.description, 'Unhandled exception (DABT_CUR)');
    assert.match(stop.body.text!, /^Unhandled exception at 0x[0-9a-f]+: its vector at 0x200 has nothing behind it \(VBAR_EL1 = 0x0\) \(ESR 0x96000010: EC 0x25 DABT_CUR, ISV 0, WnR 0, DFSC 0x10 \(synchronous external abort\)\), FAR 0x10$/);
    const frame = await topFrame(client);
    assert.strictEqual(frame.name, 'main');
    assert.strictEqual(frame.line, lineOf(faults, 'bad-load'));
    assert.strictEqual((await client.exceptionInfoRequest({ threadId: 1 })).body.exceptionId, 'DABT_CUR');
  });

  it('stops when the guest runs into an exception without a handler, even without the filter', async () => {
    const stop = await launchWithFilters(fixture('faults.elf'), []);
    assert.strictEqual(stop.body.reason, 'exception');
    assert.match(stop.body.text!, /ESR 0x96000010/);
  });
});
