import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { evaluate, fixture, launchAndStop, lineOf, nextStop, startClient } from './dapSupport';

const SOURCE = fixture('variables.c');

/** name -> value of a scope, and the variables themselves. */
async function scope(client: DebugClient, frameId: number, name: string): Promise<Map<string, DebugProtocol.Variable>> {
  const scopes = (await client.scopesRequest({ frameId })).body.scopes;
  const found = scopes.find(s => s.name === name);
  if (!found) return new Map();
  const variables = (await client.variablesRequest({ variablesReference: found.variablesReference })).body.variables;
  return new Map(variables.map(v => [v.name, v]));
}

async function children(client: DebugClient, variable: DebugProtocol.Variable): Promise<Map<string, DebugProtocol.Variable>> {
  assert.ok(variable.variablesReference > 0, `${variable.name} has children`);
  const variables = (await client.variablesRequest({ variablesReference: variable.variablesReference })).body.variables;
  return new Map(variables.map(v => [v.name, v]));
}

describe('DAP: C variables from DWARF', () => {
  let client: DebugClient;
  beforeEach(async () => { client = await startClient(); });
  afterEach(() => client.stop().catch(() => undefined));

  it('shows locals of the blocks around the PC, arguments and globals, with types (gcc -O0)', async () => {
    await launchAndStop(client, { program: fixture('variables-gcc-O0.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'sum-inner')] });
    const scopes = (await client.scopesRequest({ frameId: 1 })).body.scopes.map(s => s.name);
    assert.deepStrictEqual(scopes, ['Locals', 'Arguments', 'Globals', 'Registers']);
    const locals = await scope(client, 1, 'Locals');
    assert.deepStrictEqual([...locals.keys()].sort(), ['p', 'sum', 'value']);
    assert.strictEqual(locals.get('sum')!.value, '0');
    assert.strictEqual(locals.get('sum')!.type, 'int');
    assert.strictEqual(locals.get('p')!.type, 'const struct node *');
    const args = await scope(client, 1, 'Arguments');
    assert.strictEqual(args.get('head')!.value, locals.get('p')!.value, 'p starts at head');
    // A pointer to a struct expands into the struct's members, as gdb's varobjs (-var-list-children) do.
    const pointee = await children(client, locals.get('p')!);
    assert.deepStrictEqual([...pointee.keys()], ['value', 'next']);
    assert.strictEqual(pointee.get('value')!.value, '1');
    assert.strictEqual(pointee.get('next')!.evaluateName, 'p->next');
    assert.strictEqual(await evaluate(client, '*p', 'watch'), `{value = 1, next = ${pointee.get('next')!.value}}`);
    const globals = await scope(client, 1, 'Globals');
    assert.match(globals.get('origin')!.value, /^\{x = 1, y = 2, label = 0x[0-9a-f]+ <__text_end\+\d+> "origin"\}$/);
    assert.strictEqual(globals.get('table')!.value, '{10, 20, 30, 40}');
    assert.strictEqual(globals.get('table')!.indexedVariables, 4);
    assert.strictEqual(globals.get('greeting')!.value, '"hi\\000\\000\\000\\000\\000"', 'gdb prints a char array\'s trailing NULs');
    assert.strictEqual(globals.get('ratio')!.value, '0.5');
    assert.strictEqual(globals.get('favourite')!.value, 'GREEN');
    assert.strictEqual(globals.get('status')!.value, '{ready = 1, mode = 5, level = -3}');
    assert.strictEqual((await children(client, globals.get('table')!)).get('[2]')!.value, '30');
    assert.match(globals.get('counter')!.memoryReference!, /^0x[0-9a-f]+$/);
  });

  it('drops the locals of a block the PC has left', async () => {
    await launchAndStop(client, { program: fixture('variables-gcc-O0.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'sum-return')] });
    const locals = await scope(client, 1, 'Locals');
    assert.deepStrictEqual([...locals.keys()], ['sum']);
    assert.strictEqual(locals.get('sum')!.value, '6');
  });

  it('shows each recursion level\'s own arguments', async () => {
    await launchAndStop(client, { program: fixture('variables-gcc-O0.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'depth-base')] });
    const frames = (await client.stackTraceRequest({ threadId: 1 })).body.stackFrames;
    const depths = frames.filter(f => f.name === 'depth');
    assert.strictEqual(depths.length, 4);
    const values: string[] = [];
    for (const frame of depths) values.push((await scope(client, frame.id, 'Arguments')).get('n')!.value);
    assert.deepStrictEqual(values, ['0', '1', '2', '3']);
    assert.strictEqual((await client.evaluateRequest({ expression: 'n', context: 'watch', frameId: depths[2].id })).body.result, '2', 'watch evaluates in the selected frame');
  });

  it('evaluates C expressions with the program\'s names and types', async () => {
    await launchAndStop(client, { program: fixture('variables-gcc-O0.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'sum-inner')] });
    const expect: [string, string | RegExp][] = [
      ['p->value', '1'], ['p->next->value', '2'], ['head->next->next->value', '3'], ['p[0].next[0].value', '2'],
      ['*p', /^\{value = 1, next = 0x[0-9a-f]+\}$/], ['table[2]', '30'], ['table[1] + table[3]', '60'],
      ['&counter', /^0x[0-9a-f]+ <counter>$/], ['sizeof(struct point)', '16'], ['sizeof(table)', '16'],
      ['favourite', 'GREEN'], ['favourite == 5', '1'], ['greeting', '"hi\\000\\000\\000\\000\\000"'], ['greeting[1]', "105 'i'"],
      ['ratio', '0.5'], ['(int)ratio', '0'], ['status.mode', '5'], ['status.level', '-3'],
      ['origin.label', /^0x[0-9a-f]+ <__text_end\+\d+> "origin"$/], ['*(struct point *)&origin', /^\{x = 1, y = 2, label = 0x[0-9a-f]+ <__text_end\+\d+> "origin"\}$/],
      ['counter + 1', '8'], ['x0', /^0x[0-9a-f]+$/],
    ];
    for (const [expression, expected] of expect) {
      const result = await evaluate(client, expression, 'watch');
      if (typeof expected === 'string') assert.strictEqual(result, expected, expression);
      else assert.match(result, expected, expression);
    }
    await assert.rejects(evaluate(client, 'scale'), /no variable, register or symbol named "scale"/);
    await assert.rejects(evaluate(client, 'origin.z'), /There is no member named z\./);
    const watch = await client.evaluateRequest({ expression: 'origin', context: 'watch', frameId: 1 });
    assert.ok(watch.body.variablesReference > 0, 'a struct in the Watch view expands');
    const members = (await client.variablesRequest({ variablesReference: watch.body.variablesReference })).body.variables;
    assert.deepStrictEqual(members.map(m => `${m.name}=${m.value.split(' ')[0]}`).slice(0, 2), ['x=1', 'y=2']);
  });

  it('writes C variables with setVariable and the console', async () => {
    await launchAndStop(client, { program: fixture('variables-gcc-O0.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'sum-inner')] });
    const locals = (await client.scopesRequest({ frameId: 1 })).body.scopes.find(s => s.name === 'Locals')!;
    const memory = client.waitForEvent('memory');
    const set = await client.setVariableRequest({ variablesReference: locals.variablesReference, name: 'sum', value: '40' });
    assert.strictEqual(set.body.value, '40');
    await memory;
    await evaluate(client, 'set var counter = counter * 6');
    assert.strictEqual(await evaluate(client, 'counter'), '42');
    const output = client.assertOutput('stdout', '46 -2 origin');
    await client.setBreakpointsRequest({ source: { path: SOURCE }, breakpoints: [] });
    await client.continueRequest({ threadId: 1 });
    await output;
  });

  it('says "optimized out" and never shows a wrong value (gcc -O2)', async () => {
    await launchAndStop(client, { program: fixture('variables-gcc-O2.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'sum-inner')] });
    const args = await scope(client, 1, 'Arguments');
    // head's register was reused: its entry value comes from main's call site (DW_OP_entry_value), as in gdb.
    const locals = await scope(client, 1, 'Locals');
    assert.strictEqual(args.get('head')!.value, locals.get('p')!.value);
    assert.strictEqual(locals.get('sum')!.value, '0');
    const main = (await client.stackTraceRequest({ threadId: 1 })).body.stackFrames[1];
    const mainLocals = await scope(client, main.id, 'Locals');
    assert.match(mainLocals.get('total')!.value, /^<optimized out/);
    // gdb's `print total` answers `<optimized out>`, not an error.
    assert.strictEqual((await client.evaluateRequest({ expression: 'total', context: 'watch', frameId: main.id })).body.result, '<optimized out>');
    const second = await nextStop(client, () => client.continueRequest({ threadId: 1 }));
    assert.strictEqual(second.body.reason, 'breakpoint');
    assert.strictEqual((await scope(client, 1, 'Locals')).get('sum')!.value, '1');
  });

  it('reads clang\'s DWARF 5 the same way (clang -O0)', async () => {
    await launchAndStop(client, { program: fixture('variables-clang-O0.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'sum-inner')] });
    const locals = await scope(client, 1, 'Locals');
    assert.strictEqual(locals.get('sum')!.value, '0');
    assert.strictEqual(await evaluate(client, 'p->next->value', 'watch'), '2');
    assert.strictEqual(await evaluate(client, 'favourite', 'watch'), 'GREEN');
  });

  it('shows a call inlined at -O2 as a frame of its own, as gdb does', async () => {
    await launchAndStop(client, { program: fixture('variables-gcc-O2.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'inline-body')] });
    const [inlined, caller] = (await client.stackTraceRequest({ threadId: 1 })).body.stackFrames;
    assert.strictEqual(inlined.name, 'scaled [inlined]');
    assert.strictEqual(caller.name, 'main');
    assert.strictEqual(inlined.instructionPointerReference, caller.instructionPointerReference);
    assert.match((await client.stackTraceRequest({ threadId: 1 })).body.stackFrames.map(f => f.line).join(','), new RegExp(`^${lineOf(SOURCE, 'inline-body') + 1},\\d+`));
    const args = await scope(client, inlined.id, 'Arguments');
    assert.deepStrictEqual([...args.keys()].sort(), ['factor', 'value']);
    assert.ok([...args.values()].every(v => v.value.startsWith('<optimized out')), 'optimized out, never a made-up value');
  });

  it('breaks when a variable shown in the Variables view changes (Break on Value Change)', async () => {
    await launchAndStop(client, { program: fixture('variables-gcc-O0.elf') }, { source: SOURCE, lines: [lineOf(SOURCE, 'sum-inner')] });
    const locals = (await client.scopesRequest({ frameId: 1 })).body.scopes.find(s => s.name === 'Locals')!;
    const info = await client.dataBreakpointInfoRequest({ variablesReference: locals.variablesReference, name: 'sum' });
    assert.match(info.body.description, /^sum \(int, 4 bytes at 0x[0-9a-f]+\)$/);
    await client.setBreakpointsRequest({ source: { path: SOURCE }, breakpoints: [] });
    await client.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    const stop = await nextStop(client, () => client.continueRequest({ threadId: 1 }));
    assert.strictEqual(stop.body.reason, 'data breakpoint');
    assert.strictEqual(await evaluate(client, 'sum', 'watch'), '0', 'stopped before the store that changes it');
    assert.strictEqual(await evaluate(client, 'value', 'watch'), '1');
  });
});
