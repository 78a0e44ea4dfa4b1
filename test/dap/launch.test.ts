import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { spawn } from 'child_process';
import { ADAPTER, evaluate, fixture, launchAndStop, lineOf, nextStop, startClient, topFrame } from './dapSupport';

const STEPS_C = fixture('steps.c');
const PROGRAM = fixture('steps-gcc-O0.elf');

describe('DAP: launch, output, exit and restart', () => {
  let client: DebugClient;
  beforeEach(async () => { client = await startClient(); });
  afterEach(() => client.stop().catch(() => undefined));

  it('refuses a configuration with unknown or ill-typed attributes, naming them', async () => {
    await client.initializeRequest();
    await assert.rejects(
      client.launchRequest({ program: PROGRAM, stopOnEnty: true, memory: 12 } as DebugProtocol.LaunchRequestArguments),
      (e: Error) => /unknown attribute "stopOnEnty"/.test(e.message),
    );
  });

  it('says clearly when the program cannot be read or is not an ELF file', async () => {
    await client.initializeRequest();
    await assert.rejects(client.launchRequest({ program: fixture('missing.elf') } as DebugProtocol.LaunchRequestArguments), /cannot read the program .*missing\.elf/);
  });

  it('runs the program: stdout output events, then exited with its status, then terminated', async () => {
    const events: string[] = [];
    client.on('output', (e: DebugProtocol.OutputEvent) => { if (e.body.category === 'stdout') events.push(`stdout:${e.body.output}`); });
    client.on('exited', (e: DebugProtocol.ExitedEvent) => events.push(`exited:${e.body.exitCode}`));
    const terminated = client.waitForEvent('terminated');
    await Promise.all([
      client.waitForEvent('initialized').then(() => client.configurationDoneRequest()),
      client.launch({ program: PROGRAM }),
    ]);
    await terminated;
    assert.deepStrictEqual(events, ['stdout:total=5 counter=120\n', 'exited:5']);
  });

  it('stops on entry at the ELF entry point', async () => {
    const stop = await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
    assert.strictEqual(stop.body.reason, 'entry');
    assert.match(stop.body.text!, /^Entry at 0x[0-9a-f]+ <_start>$/);
    assert.strictEqual((await topFrame(client)).name, '_start');
  });

  it('runs to the entry point symbol (runToEntryPoint) past its prologue', async () => {
    const stop = await launchAndStop(client, { program: PROGRAM, runToEntryPoint: 'main' });
    assert.strictEqual(stop.body.reason, 'entry');
    const frame = await topFrame(client);
    assert.strictEqual(frame.name, 'main');
    assert.strictEqual(frame.line, lineOf(STEPS_C, 'main-first'));
  });

  it('restarts: reloads the program and stops at the same breakpoint again', async () => {
    const line = lineOf(STEPS_C, 'main-printf');
    await launchAndStop(client, { program: PROGRAM }, { source: STEPS_C, lines: [line] });
    await evaluate(client, 'set var rounds = 1');
    assert.strictEqual(await evaluate(client, 'rounds'), '1');
    const again = await nextStop(client, () => client.restartRequest({}));
    assert.strictEqual(again.body.reason, 'breakpoint');
    assert.deepStrictEqual(again.body.hitBreakpointIds, [1]);
    assert.strictEqual((await topFrame(client)).line, line);
    assert.strictEqual(await evaluate(client, 'rounds'), '3', 'memory was reloaded from the ELF file');
    const output = client.assertOutput('stdout', 'total=5 counter=120');
    await client.continueRequest({ threadId: 1 });
    await output;
  });

  it('terminates on request', async () => {
    await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
    const terminated = client.waitForEvent('terminated');
    await client.terminateRequest({});
    await terminated;
  });

  it('serves DAP on a TCP port with --server', async () => {
    await client.stop();
    const server = spawn(process.execPath, [ADAPTER, '--server=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        server.stderr.on('data', (chunk: Buffer) => {
          const m = /listening on 127\.0\.0\.1:(\d+)/.exec(chunk.toString());
          if (m) resolve(Number(m[1]));
        });
        server.on('exit', () => reject(new Error('the server exited')));
      });
      client = new DebugClient('node', ADAPTER, 'arm64-guest');
      await client.start(port);
      const stop = await launchAndStop(client, { program: PROGRAM, stopOnEntry: true });
      assert.strictEqual(stop.body.reason, 'entry');
      await client.stop();
    } finally {
      server.kill();
      client = await startClient(); // for afterEach
    }
  });
});
