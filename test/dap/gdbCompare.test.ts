// Differential test: for the same stop, the Variables view must show what gdb-multiarch
// attached to qemu-system-aarch64 prints (`info args`, `info locals`, `print GLOBAL`), and
// breakpoints must land where gdb puts them. Skips, saying why, when either tool is missing.

import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { waitForPort } from '../support/listeningPort';
import { FIXTURES, fixture, launchAndStop, lineOf, startClient } from './dapSupport';

const SOURCE = fixture('variables.c');
const GLOBALS = ['counter', 'origin', 'table', 'greeting', 'ratio', 'favourite', 'status'];

function haveTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

interface GdbStop {
  breakpointAddress: string;
  variables: Map<string, string>;
  globals: Map<string, string>;
}

/** Runs the guest under QEMU's gdbstub and asks gdb what it sees at the first hit of `line`. */
async function gdbAt(program: string, line: number): Promise<GdbStop> {
  const port = 20000 + Math.floor(Math.random() * 30000);
  const qemu: ChildProcess = spawn('qemu-system-aarch64', [
    '-M', 'virt', '-cpu', 'cortex-a57', '-nographic', '-monitor', 'none', '-serial', 'none',
    '-semihosting-config', 'enable=on,target=native', '-kernel', program, '-S', '-gdb', `tcp:127.0.0.1:${port}`,
  ], { stdio: 'ignore' });
  try {
    await waitForPort(port);
    const commands = ['set confirm off', 'set width 0', `target remote 127.0.0.1:${port}`, `break variables.c:${line}`, 'continue',
      'echo @@vars\\n', 'info args', 'info locals', 'echo @@globals\\n', ...GLOBALS.map(g => `print ${g}`), 'kill'];
    const gdb = spawnSync('gdb-multiarch', ['-q', '-batch', '-nx', ...commands.flatMap(c => ['-ex', c]), program], { encoding: 'utf8', cwd: FIXTURES, timeout: 20_000 });
    const out = gdb.stdout;
    const address = /Breakpoint 1 at (0x[0-9a-f]+)/.exec(out)?.[1] ?? '?';
    const section = (from: string, to?: string) => out.slice(out.indexOf(from) + from.length, to ? out.indexOf(to) : undefined).split('\n');
    const variables = new Map<string, string>();
    for (const text of section('@@vars', '@@globals')) {
      const m = /^(\w+) = (.*)$/.exec(text);
      if (m) variables.set(m[1], m[2]);
    }
    const globals = new Map<string, string>();
    section('@@globals').filter(l => /^\$\d+ = /.test(l)).forEach((l, i) => globals.set(GLOBALS[i], l.replace(/^\$\d+ = /, '')));
    return { breakpointAddress: address, variables, globals };
  } finally {
    qemu.kill();
  }
}

/** gdb's and our spelling of the same value, made comparable. */
function normalize(value: string): string {
  return value
    .replace(/<optimized out[^>]*>/g, '<optimized out>')
    .replace(/ <[\w.$]+(\+\d+)?>/g, '') // gdb names addresses: 0x40002618 <__text_end+20>
    .replace(/(\\000)+"/g, '"') // gdb prints a char array's trailing NULs
    .replace(/"([^"]*)", '\\000' <repeats \d+ times>/g, '"$1"');
}

const available = haveTool('qemu-system-aarch64') && haveTool('gdb-multiarch');

describe('DAP vs gdb-multiarch on qemu-system-aarch64: the same variables at the same stop', function () {
  before(function () {
    if (!available) {
      console.log('    skipped: qemu-system-aarch64 or gdb-multiarch is not installed');
      this.skip();
    }
  });
  let client: DebugClient;
  beforeEach(async () => { client = await startClient(); });
  afterEach(() => client.stop().catch(() => undefined));

  for (const program of ['variables-gcc-O0.elf', 'variables-gcc-O2.elf', 'variables-clang-O0.elf']) {
    for (const marker of ['sum-inner', 'sum-return', 'depth-base', 'inline-body']) {
      it(`${program} at @${marker}`, async () => {
        const line = lineOf(SOURCE, marker);
        const gdb = await gdbAt(fixture(program), line);
        const breakpoints = new Promise<DebugProtocol.SetBreakpointsResponse>(resolve => {
          client.once('initialized', () => void client.setBreakpointsRequest({ source: { path: SOURCE }, breakpoints: [{ line }] }).then(resolve));
        });
        await launchAndStop(client, { program: fixture(program) });
        assert.strictEqual((await breakpoints).body.breakpoints[0].instructionReference, gdb.breakpointAddress, 'breakpoint address');
        const ours = new Map<string, string>();
        for (const scope of (await client.scopesRequest({ frameId: 1 })).body.scopes.filter(s => s.name === 'Locals' || s.name === 'Arguments')) {
          for (const v of (await client.variablesRequest({ variablesReference: scope.variablesReference })).body.variables) ours.set(v.name, v.value);
        }
        assert.ok(gdb.variables.size > 0, 'gdb saw variables');
        for (const [name, value] of gdb.variables) {
          assert.ok(ours.has(name), `${name} is missing (gdb: ${value})`);
          assert.strictEqual(normalize(ours.get(name)!), normalize(value), `${name}`);
        }
        assert.strictEqual(ours.size, gdb.variables.size, `the same variables: ours ${[...ours.keys()]}, gdb ${[...gdb.variables.keys()]}`);
        for (const [name, value] of gdb.globals) {
          const result = (await client.evaluateRequest({ expression: name, context: 'watch', frameId: 1 })).body.result;
          assert.strictEqual(normalize(result), normalize(value), name);
        }
      });
    }
  }
});
