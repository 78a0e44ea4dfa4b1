// DAP launches of malformed ELF files, generated from a good fixture: the launch
// answers with an error that names the problem, the adapter process stays up and
// serves a good launch in the next session. Broken debug information is not a reason
// to refuse: the session starts with a warning and debugs at the address level.

import * as assert from 'assert';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, launchAndStop, nextStop } from '../../dap/dapSupport';
import { ElfMutator } from '../support/elfMutator';
import { SeededRandom } from '../support/seededRandom';
import { AdapterServer } from './support/adapterServer';

const GOOD = fixture('steps-gcc-O0.elf');

interface RefusedLaunch {
  name: string;
  mutate: (m: ElfMutator) => Uint8Array;
  message: RegExp;
}

const REFUSED: RefusedLaunch[] = [
  { name: 'bad magic', mutate: (m) => { m.bytes[1] = 0x45 ^ 0x20; return m.bytes; }, message: /not an ELF file \(bad magic\)/ },
  { name: 'wrong machine (x86-64)', mutate: (m) => m.set16(18, 62).bytes, message: /machine is x86-64 \(62\), expected AArch64/ },
  { name: 'wrong class (ELF32)', mutate: (m) => { m.bytes[4] = 1; return m.bytes; }, message: /ELF32, expected ELF64/ },
  { name: 'truncated program headers', mutate: (m) => m.truncate(64 + 56 + 20), message: /program header table extends past the end/ },
  {
    name: 'segment outside RAM',
    mutate: (m) => { const p = m.programHeader(m.loadSegments()[0]); return m.set64(p + 16, 0x1000).set64(p + 24, 0x1000).set64(24, 0x1000).bytes; },
    message: /segment \d+ \(0x1000-.*\) lies outside guest RAM/,
  },
  { name: 'entry outside every segment', mutate: (m) => m.set64(24, 0x4800_0000).bytes, message: /entry point 0x48000000 is not inside any loadable segment/ },
];

const CORRUPT_DWARF: { name: string; mutate: (m: ElfMutator) => Uint8Array }[] = [
  { name: '.debug_info full of random bytes', mutate: (m) => { const r = new SeededRandom(11); return m.fillSection('.debug_info', () => r.next32()).bytes; } },
  { name: '.debug_line full of 0xff', mutate: (m) => m.fillSection('.debug_line', () => 0xff).bytes },
  { name: '.debug_abbrev zeroed', mutate: (m) => m.fillSection('.debug_abbrev', () => 0).bytes },
  { name: '.debug_info running past the file', mutate: (m) => m.set64(m.section('.debug_info').header + 32, 1n << 40n).bytes },
];

describe('reliability (DAP): launching malformed ELF files', function () {
  this.timeout(60_000);
  let folder: string;
  let server: AdapterServer;
  let good: Uint8Array;
  const clients: DebugClient[] = [];

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'malformed-launch-'));
    good = new Uint8Array(fs.readFileSync(GOOD)); // a copy: ElfMutator slices, and a Buffer slice would share it
    server = await AdapterServer.start();
  });
  after(() => {
    server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.stop().catch(() => undefined);
  });

  async function connect(): Promise<DebugClient> {
    const client = await server.connect();
    clients.push(client);
    return client;
  }

  function write(name: string, bytes: Uint8Array): string {
    const file = path.join(folder, `${name.replace(/[^a-z0-9]+/gi, '-')}.elf`);
    fs.writeFileSync(file, bytes);
    return file;
  }

  for (const c of REFUSED) {
    it(`refuses ${c.name} with a message naming it, and serves the next session`, async () => {
      const program = write(c.name, c.mutate(new ElfMutator(good)));
      const bad = await connect();
      await bad.initializeRequest();
      await assert.rejects(
        bad.launchRequest({ type: 'arm64-guest', request: 'launch', program } as DebugProtocol.LaunchRequestArguments),
        (e: Error) => {
          assert.match(e.message, c.message);
          assert.ok(!e.message.includes('\n'), `one line, not a stack trace: ${e.message}`);
          return true;
        },
      );
      // The same session still answers, and refuses to work on nothing.
      await assert.rejects(bad.stackTraceRequest({ threadId: 1 }), /no program is loaded/);
      assert.ok(server.alive, 'the adapter process is still running');
      const next = await connect();
      const stop = await launchAndStop(next, { program: GOOD, stopOnEntry: true });
      assert.strictEqual(stop.body.reason, 'entry');
    });
  }

  for (const c of CORRUPT_DWARF) {
    it(`debugs at the address level, with a warning, when ${c.name}`, async () => {
      const program = write(c.name, c.mutate(new ElfMutator(good)));
      const client = await connect();
      const warnings: string[] = [];
      client.on('output', (e: DebugProtocol.OutputEvent) => { if (/warning/i.test(e.body.output)) warnings.push(e.body.output); });
      const stop = await launchAndStop(client, { program, stopOnEntry: true });
      assert.strictEqual(stop.body.reason, 'entry');
      assert.ok(warnings.length > 0, 'a warning says the debug information is unusable');
      assert.match(warnings.join(''), /debug|DWARF|line|abbrev/i);
      const trace = await client.stackTraceRequest({ threadId: 1 });
      const top = trace.body.stackFrames[0];
      assert.ok(top.instructionPointerReference, 'the frame has its address');
      const listing = await client.disassembleRequest({ memoryReference: top.instructionPointerReference!, instructionCount: 4 });
      assert.strictEqual(listing.body!.instructions.length, 4);
      assert.notStrictEqual(listing.body!.instructions[0].presentationHint, 'invalid');
      const step = await nextStop(client, () => client.stepInRequest({ threadId: 1, granularity: 'instruction' }));
      assert.strictEqual(step.body.reason, 'step');
      const after = await client.stackTraceRequest({ threadId: 1 });
      assert.strictEqual(BigInt(after.body.stackFrames[0].instructionPointerReference!), BigInt(top.instructionPointerReference!) + 4n);
      // It runs to its end like the original: same output, same status.
      const exited = client.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
      const output = client.assertOutput('stdout', 'total=5 counter=120');
      await client.continueRequest({ threadId: 1 });
      await output;
      assert.strictEqual((await exited).body.exitCode, 5);
    });
  }
});
