import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { parseElf } from '../../src/symbols/elfFile';
import { evaluate, fixture, launchAndStop, lineOf, nextStop, startClient, topFrame } from './dapSupport';

const STEPS_C = fixture('steps.c');
const O0 = fixture('steps-gcc-O0.elf');

/** The bytes the ELF file has at a virtual address. */
function elfBytes(address: number, length: number): Buffer {
  const bytes = fs.readFileSync(O0);
  const segment = parseElf(bytes).segmentContaining(address)!;
  const start = segment.offset + (address - segment.virtualAddress);
  return bytes.subarray(start, start + length);
}

const readMemory = (client: DebugClient, args: DebugProtocol.ReadMemoryArguments) =>
  client.customRequest('readMemory', args) as Promise<DebugProtocol.ReadMemoryResponse>;
const writeMemory = (client: DebugClient, args: DebugProtocol.WriteMemoryArguments) =>
  client.customRequest('writeMemory', args) as Promise<DebugProtocol.WriteMemoryResponse>;

function registersScope(scopes: DebugProtocol.ScopesResponse): DebugProtocol.Scope {
  return scopes.body.scopes.find(s => s.name === 'Registers')!;
}

async function registerGroups(client: DebugClient): Promise<Map<string, DebugProtocol.Variable[]>> {
  const scopes = await client.scopesRequest({ frameId: 1 });
  const registers = scopes.body.scopes.find(s => s.name === 'Registers')!;
  assert.strictEqual(registers.presentationHint, 'registers');
  const groups = (await client.variablesRequest({ variablesReference: registers.variablesReference })).body.variables;
  const result = new Map<string, DebugProtocol.Variable[]>();
  for (const group of groups) result.set(group.name, (await client.variablesRequest({ variablesReference: group.variablesReference })).body.variables);
  return result;
}

describe('DAP: registers, console, memory and disassembly', () => {
  let client: DebugClient;
  let breakpointAddress: bigint;
  beforeEach(async () => {
    client = await startClient();
    await launchAndStop(client, { program: O0 }, { source: STEPS_C, lines: [lineOf(STEPS_C, 'factorial-test')] });
    breakpointAddress = BigInt((await topFrame(client)).instructionPointerReference!);
  });
  afterEach(() => client.stop().catch(() => undefined));

  it('shows the registers in groups, in hex, with PSTATE decoded', async () => {
    const groups = await registerGroups(client);
    assert.deepStrictEqual([...groups.keys()], ['General', 'PSTATE', 'FP/SIMD', 'System', 'Debug']);
    const general = groups.get('General')!;
    assert.deepStrictEqual(general.map(v => v.name), [...Array.from({ length: 31 }, (_, n) => `x${n}`), 'sp', 'pc']);
    assert.strictEqual(general.find(v => v.name === 'x0')!.value, '0x0000000000000005');
    assert.strictEqual(BigInt(general.find(v => v.name === 'pc')!.value), breakpointAddress);
    const pstate = groups.get('PSTATE')!;
    assert.match(pstate[0].value, /^0x[0-9a-f]{16} \[ EL1h( [NZCV])* D A I F \]$/);
    assert.deepStrictEqual(pstate.find(v => v.name === 'EL')!.value, '1');
    const v0 = groups.get('FP/SIMD')!.find(v => v.name === 'v0')!;
    assert.match(v0.value, /^0x[0-9a-f]{32}$/);
    const lanes = (await client.variablesRequest({ variablesReference: v0.variablesReference })).body.variables.map(v => v.name);
    assert.deepStrictEqual(lanes, ['d', 's', 'h', 'b', 'f64', 'f32']);
    assert.ok(groups.get('System')!.some(v => v.name === 'esr_el1'));
    const debug = groups.get('Debug')!.map(v => v.name);
    assert.ok(debug.includes('mdscr_el1') && debug.includes('dbgbcr0_el1') && debug.includes('host dbgbcr0') && debug.includes('host dbgwvr3'));
    const generalReference = (await client.variablesRequest({ variablesReference: registersScope(await client.scopesRequest({ frameId: 1 })).variablesReference })).body.variables[0].variablesReference;
    const decimal = await client.variablesRequest({ variablesReference: generalReference, format: { hex: false } });
    assert.strictEqual(decimal.body.variables[0].value, '5', 'decimal on request');
  });

  it('writes registers with setVariable and announces it', async () => {
    const scopes = await client.scopesRequest({ frameId: 1 });
    const groups = (await client.variablesRequest({ variablesReference: registersScope(scopes).variablesReference })).body.variables;
    const general = groups.find(g => g.name === 'General')!;
    const invalidated = client.waitForEvent('invalidated');
    const set = await client.setVariableRequest({ variablesReference: general.variablesReference, name: 'x3', value: '0x1234 + 1' });
    assert.strictEqual(set.body.value, '0x0000000000001235');
    await invalidated;
    assert.strictEqual(await evaluate(client, 'x3'), '0x1235');
    await assert.rejects(client.setVariableRequest({ variablesReference: general.variablesReference, name: 'x3', value: 'nonsense +' }), /incomplete expression/);
  });

  it('answers the console: registers, expressions, memory, formats and commands', async () => {
    assert.strictEqual(await evaluate(client, 'x0'), '0x5');
    assert.strictEqual(await evaluate(client, '$w0 * 2,d'), '10');
    assert.strictEqual(await evaluate(client, 'p/x 255'), '0xff');
    assert.strictEqual(await evaluate(client, 'pc == ' + breakpointAddress), '1');
    assert.match(await evaluate(client, 'info registers pc'), /^pc\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <factorial\+0x[0-9a-f]+>$/);
    assert.match(await evaluate(client, 'lr'), /^0x[0-9a-f]+$/);
    assert.strictEqual(await evaluate(client, 'rounds'), '3');
    assert.strictEqual(await evaluate(client, '*(uint32_t *)&rounds'), '3', 'C in the frame prints as gdb\'s print does');
    assert.match(await evaluate(client, '&main'), /^0x[0-9a-f]+ <main>$/);
    await evaluate(client, 'set $x1 = 7');
    assert.strictEqual(await evaluate(client, 'x1,d'), '7');
    assert.match(await evaluate(client, 'info breakpoints'), /^1\s+source\s+steps\.c:\d+\s+0x[0-9a-f]+ <factorial\+0x[0-9a-f]+>/);
    assert.match(await evaluate(client, 'help'), /info registers/);
    await assert.rejects(evaluate(client, 'no_such_thing'), /no variable, register or symbol named "no_such_thing"/);
    await assert.rejects(evaluate(client, 'x/4zz $sp'), /bad format/);
    const hover = await client.evaluateRequest({ expression: 'counter', context: 'hover', frameId: 1 });
    assert.strictEqual(hover.body.result, '0');
    const watch = await client.evaluateRequest({ expression: 'sp', context: 'watch', frameId: 1 });
    assert.strictEqual(watch.body.memoryReference, watch.body.result);
  });

  it('examines memory with x/ and shows original instructions, not planted BRKs', async () => {
    const words = await evaluate(client, `x/2xw ${breakpointAddress}`);
    const expected = elfBytes(Number(breakpointAddress), 8);
    assert.strictEqual(words, `0x${breakpointAddress.toString(16)} <factorial+0x${(breakpointAddress - BigInt(await evaluate(client, '&factorial').then(t => t.split(' ')[0]))).toString(16)}>:\t0x${expected.readUInt32LE(0).toString(16).padStart(8, '0')}\t0x${expected.readUInt32LE(4).toString(16).padStart(8, '0')}`);
    assert.doesNotMatch(await evaluate(client, 'x/1i $pc'), /brk/);
    const memory = await readMemory(client, { memoryReference: '0x' + breakpointAddress.toString(16), count: 8 });
    assert.deepStrictEqual(Buffer.from(memory.body!.data!, 'base64'), expected);
    assert.match(await evaluate(client, 'x/2xg $sp'), /^0x[0-9a-f]+:\t0x[0-9a-f]{16}\t0x[0-9a-f]{16}$/);
  });

  it('reads memory with unreadable holes, and writes memory with a memory event', async () => {
    const hole = await readMemory(client, { memoryReference: '0x3ffffff8', count: 16 });
    assert.strictEqual(hole.body!.unreadableBytes, 16);
    const edge = await readMemory(client, { memoryReference: '0x40000000', offset: -4, count: 8 });
    assert.strictEqual(edge.body!.unreadableBytes, 8, 'reading stops at the first hole');
    const rounds = BigInt((await evaluate(client, '&rounds')).split(' ')[0]);
    const memoryEvent = client.waitForEvent('memory');
    const written = await writeMemory(client, { memoryReference: '0x' + rounds.toString(16), data: Buffer.from([9, 0, 0, 0]).toString('base64') });
    assert.strictEqual(written.body!.bytesWritten, 4);
    await memoryEvent;
    assert.strictEqual(await evaluate(client, 'rounds'), '9');
    await assert.rejects(writeMemory(client, { memoryReference: '0x10', data: 'AAAA' }), /not all of it is guest RAM/);
    await assert.rejects(readMemory(client, { memoryReference: 'banana', count: 4 }), /not a memory reference/);
  });

  it('disassembles exactly the requested instructions, before and after, with holes as placeholders', async () => {
    const reference = '0x' + breakpointAddress.toString(16);
    const around = await client.disassembleRequest({ memoryReference: reference, instructionOffset: -3, instructionCount: 7 });
    const instructions = around.body!.instructions;
    assert.strictEqual(instructions.length, 7);
    assert.strictEqual(BigInt(instructions[3].address), breakpointAddress);
    assert.ok(instructions.every((insn, i) => BigInt(insn.address) === breakpointAddress + BigInt((i - 3) * 4)));
    assert.ok(instructions.every(insn => !insn.instruction.startsWith('brk')), 'no planted BRK shows');
    assert.match(instructions[3].symbol!, /^factorial\+0x[0-9a-f]+$/);
    assert.strictEqual(instructions[3].line, lineOf(STEPS_C, 'factorial-test'));
    assert.strictEqual(instructions[3].location?.path, STEPS_C);
    const edge = await client.disassembleRequest({ memoryReference: '0x40000000', instructionOffset: -2, instructionCount: 4 });
    assert.deepStrictEqual(edge.body!.instructions.map(i => i.presentationHint === 'invalid'), [true, true, false, false]);
  });
});

describe('DAP: data breakpoints (hardware watchpoints)', () => {
  let client: DebugClient;
  beforeEach(async () => {
    client = await startClient();
    await launchAndStop(client, { program: O0, runToEntryPoint: 'main' });
  });
  afterEach(() => client.stop().catch(() => undefined));

  it('stops on a write to a watched global with the access decoded, and is armed again after the access', async () => {
    const info = await client.dataBreakpointInfoRequest({ name: 'counter' });
    assert.match(info.body.dataId!, /^0x[0-9a-f]+:4$/);
    assert.deepStrictEqual(info.body.accessTypes, ['read', 'write', 'readWrite']);
    const set = await client.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'readWrite' }] });
    assert.strictEqual(set.body.breakpoints[0].verified, true);
    const stop = await nextStop(client, () => client.continueRequest({ threadId: 1 }));
    assert.strictEqual(stop.body.reason, 'data breakpoint');
    assert.strictEqual(stop.body.description, 'Watchpoint (write)');
    const address = info.body.dataId!.split(':')[0];
    assert.match(stop.body.text!, new RegExp(`^Watchpoint write at ${address} by instruction at 0x[0-9a-f]+ \\(ESR 0xd2000062: EC 0x34 WATCHPT_LOW, WnR 1, CM 0, DFSC 0x22\\)$`));
    assert.deepStrictEqual(stop.body.hitBreakpointIds, [set.body.breakpoints[0].id]);
    const frame = await topFrame(client);
    assert.strictEqual(frame.name, 'main');
    assert.strictEqual(frame.line, lineOf(STEPS_C, 'main-call-factorial'));
    assert.strictEqual(await evaluate(client, 'counter'), '0', 'the store has not happened yet');
    const read = await nextStop(client, () => client.continueRequest({ threadId: 1 }));
    assert.strictEqual(read.body.description, 'Watchpoint (read)', 'the store ran and the watchpoint was armed again');
    assert.strictEqual((await topFrame(client)).line, lineOf(STEPS_C, 'main-printf'));
    assert.strictEqual(await evaluate(client, 'counter'), '120');
  });

  it('watches where a register points, and reads', async () => {
    const scopes = await client.scopesRequest({ frameId: 1 });
    const groups = (await client.variablesRequest({ variablesReference: registersScope(scopes).variablesReference })).body.variables;
    const general = groups.find(g => g.name === 'General')!;
    await evaluate(client, 'set $x5 = &rounds');
    const info = await client.dataBreakpointInfoRequest({ variablesReference: general.variablesReference, name: 'x5', bytes: 4 });
    assert.match(info.body.description, /4 bytes at 0x[0-9a-f]+ \(where x5 points\)/);
    await client.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'read' }] });
    const stop = await nextStop(client, () => client.continueRequest({ threadId: 1 }));
    assert.strictEqual(stop.body.reason, 'data breakpoint');
    assert.match(stop.body.text!, /^Watchpoint read at/);
    assert.strictEqual((await topFrame(client)).line, lineOf(STEPS_C, 'main-call-square') - 1, 'the loop test reads rounds');
  });

  it('says when the watchpoint slots run out', async () => {
    const ids = ['0x40400000:4', '0x40400010:4', '0x40400020:4', '0x40400030:4', '0x40400046:4'];
    const set = await client.setDataBreakpointsRequest({ breakpoints: ids.map(dataId => ({ dataId, accessType: 'write' })) });
    assert.deepStrictEqual(set.body.breakpoints.map(b => b.verified), [true, true, true, true, false]);
    assert.match(set.body.breakpoints[4].message!, /no watchpoint slot left: .* needs 2 slots, 0 of 4 free/);
  });
});

describe('DAP: disassembly matches llvm-objdump', () => {
  let client: DebugClient;
  beforeEach(async () => { client = await startClient(); });
  afterEach(() => client.stop().catch(() => undefined));

  it('prints every instruction of the program\'s functions as llvm-objdump -d does', async function () {
    const objdump = spawnSync('llvm-objdump', ['-d', '--no-show-raw-insn', O0], { encoding: 'utf8' });
    if (objdump.status !== 0) {
      console.log('    skipped: llvm-objdump is not available');
      this.skip();
    }
    await launchAndStop(client, { program: O0, stopOnEntry: true });
    const expected = new Map<string, string>();
    let inWanted = false;
    for (const line of objdump.stdout.split('\n')) {
      const header = /^[0-9a-f]+ <(\w+)>:$/.exec(line);
      if (header) inWanted = ['main', 'square', 'factorial', 'spin'].includes(header[1]);
      const m = /^\s*([0-9a-f]+):\s+(.*)$/.exec(line);
      if (inWanted && m) expected.set(m[1].padStart(16, '0'), m[2].trim());
    }
    const addresses = [...expected.keys()].map(a => BigInt('0x' + a)).sort((a, b) => (a < b ? -1 : 1));
    const first = addresses[0];
    const count = Number((addresses[addresses.length - 1] - first) / 4n) + 1;
    const response = await client.disassembleRequest({ memoryReference: '0x' + first.toString(16), instructionCount: count });
    let compared = 0;
    for (const insn of response.body!.instructions) {
      const want = expected.get(insn.address.slice(2));
      if (want === undefined) continue;
      // LLVM 14 names ADRP page targets after an unrelated text symbol (0x40400000 <vfprintf+0xa8c>); we name the page's own symbol.
      const comparable = (text: string) => text.replace(/\s+/g, ' ').replace(/^(adrp .*) <[^>]+>$/, '$1');
      assert.strictEqual(comparable(insn.instruction), comparable(want), `at ${insn.address}`);
      compared++;
    }
    assert.strictEqual(compared, expected.size);
  });
});
