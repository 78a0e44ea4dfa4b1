import * as assert from 'assert';
import { ConsoleCommands } from '../../../src/adapter/console/commands';
import { evaluateExpression } from '../../../src/adapter/console/evaluator';
import { formatValue } from '../../../src/adapter/console/valueFormat';
import { ExpressionError } from '../../../src/adapter/console/tokens';
import { FakeConsoleContext } from './fakeConsoleContext';

function setup() {
  const context = new FakeConsoleContext();
  context.registers.set('x0', 5n);
  context.registers.set('x1', 0xffff_ffff_ffff_fffen);
  context.registers.set('x3', 0x1234_5678_9abc_def0n);
  context.registers.set('x29', 0x4040_0f00n);
  context.registers.set('x30', 0x4000_0a28n);
  context.registers.set('sp', 0x4040_0ff0n);
  context.registers.set('pc', 0x4000_0a10n);
  context.registers.set('pstate', 0x6000_03c5n);
  context.registers.set('v0', 0x1111_2222_3333_4444_5555_6666_7777_8888n);
  // Stack: 16 bytes at sp.
  context.mapMemory(0x4040_0ff0n, [0x10, 0x00, 0x00, 0x00, 0xaa, 0xbb, 0xcc, 0xdd, 0x28, 0x0a, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00]);
  context.symbols.set('main', { address: 0x4000_0a00n, size: 0x40, isFunction: true });
  context.symbols.set('counter', { address: 0x4040_0000n, size: 4, isFunction: false });
  context.mapMemory(0x4040_0000n, [7, 0, 0, 0]);
  context.mapMemory(0x4040_0100n, [...Buffer.from('hi\n'), 0]);
  return { context, console: new ConsoleCommands(context) };
}

const value = (source: string, context = setup().context) => evaluateExpression(source, context);
const show = (source: string, context = setup().context) =>
  formatValue(evaluateExpression(source, context), undefined, a => context.symbolize(a));

describe('debug console expressions', () => {
  it('reads registers with and without $, through their views', () => {
    assert.strictEqual(value('x0').value, 5n);
    assert.strictEqual(value('$x0').value, 5n);
    assert.strictEqual(value('$w3').value, 0x9abc_def0n);
    assert.strictEqual(value('lr').value, 0x4000_0a28n);
    assert.strictEqual(value('fp').value, 0x4040_0f00n);
    assert.strictEqual(value('nzcv').value, 0x6000_0000n);
    assert.strictEqual(value('v0.d[1]').value, 0x1111_2222_3333_4444n);
    assert.strictEqual(value('v0.s[0]').value, 0x7777_8888n);
    assert.strictEqual(value('d0').value, 0x5555_6666_7777_8888n);
    assert.strictEqual(value('ESR_EL1').value, 0n);
    assert.strictEqual(value('xzr').value, 0n);
  });

  it('shows registers in hex and plain arithmetic in decimal', () => {
    assert.strictEqual(show('x0'), '0x5');
    assert.strictEqual(show('1 + 2 * 3'), '7');
    assert.strictEqual(show('x0 + 1'), '0x6');
  });

  it('follows C arithmetic: precedence, signedness, wrapping, shifts, comparisons', () => {
    assert.strictEqual(value('(1 + 2) * 3 - 10 / 3 % 2').value, 8n);
    assert.strictEqual(value('-1 < 0').value, 1n);
    assert.strictEqual(value('-1 < 0u').value, 0n, 'int converts to unsigned');
    assert.strictEqual(value('x1 == -2').value, 1n);
    assert.strictEqual(value('(int)x1').value, -2n);
    assert.strictEqual(value('1 << 40').value, 0n, 'int shifts stay 32-bit');
    assert.strictEqual(value('1L << 40').value, 1n << 40n);
    assert.strictEqual(value('~0u').value, 0xffff_ffffn);
    assert.strictEqual(value('!5 || 3 && 0 ? 10 : 20').value, 20n);
    assert.strictEqual(value("'a' + 1").value, 98n);
    assert.strictEqual(value('0x10 | 0b11 ^ 010').value, 0x10n | (3n ^ 8n));
    assert.strictEqual(value('sizeof(long) + sizeof(uint16_t)').value, 10n);
  });

  it('dereferences casts of register arithmetic and scales pointer arithmetic', () => {
    assert.strictEqual(value('*(uint32_t *)(sp + 4)').value, 0xddcc_bbaan);
    assert.strictEqual(value('*(uint64_t *)(sp + 8)').value, 0x4000_0a28n);
    assert.strictEqual(value('((uint32_t *)sp)[1]').value, 0xddcc_bbaan);
    assert.strictEqual(value('*((uint16_t *)sp + 2)').value, 0xbbaan);
    assert.strictEqual(value('*(int8_t *)(sp + 7)').value, -35n);
    assert.strictEqual(value('*sp').value, 0xddcc_bbaa_0000_0010n);
  });

  it('knows ELF symbols: addresses of functions, values of data', () => {
    assert.strictEqual(show('&main'), '0x40000a00 <main>');
    assert.strictEqual(show('main'), '0x40000a00 <main>');
    assert.strictEqual(show('counter'), '7');
    assert.strictEqual(value('&counter').value, 0x4040_0000n);
    assert.strictEqual(show('pc'), '0x40000a10');
    assert.strictEqual(show('(int *)0x40400000'), '0x40400000 <counter>');
  });

  it('names what it does not know and never throws anything but ExpressionError', () => {
    for (const [source, message] of [
      ['nosuch', /no variable, register or symbol named "nosuch"/],
      ['$x31', /no register named "\$x31"/],
      ['1 +', /incomplete expression/],
      ['(1', /missing "\)"/],
      ['1 / 0', /division by zero/],
      ['*(int *)0x10', /cannot read 4 bytes at 0x10/],
      ['v0.d[2]', /no lane/],
      ['3 = 4', /cannot be assigned/],
      ['x0 @ 1', /unexpected character "@"/],
      ['(struct foo *)x0', /unexpected|unknown/],
    ] as const) {
      assert.throws(() => value(source), (e: unknown) => e instanceof ExpressionError && message.test((e as Error).message), source);
    }
  });

  it('writes registers through views with assignments', () => {
    const { context } = setup();
    value('$x0 = 0x20', context);
    assert.strictEqual(context.registers.get('x0'), 0x20n);
    value('w3 = -1', context);
    assert.strictEqual(context.registers.get('x3'), 0xffff_ffffn, 'a W write zero-extends');
    value('v0.d[0] = 1', context);
    assert.strictEqual(context.registers.get('v0'), 0x1111_2222_3333_4444_0000_0000_0000_0001n);
    value('nzcv = 0x20000000', context);
    assert.strictEqual(context.registers.get('pstate'), 0x2000_03c5n);
  });

  it('writes memory through lvalues', () => {
    const { context } = setup();
    value('*(uint16_t *)(sp + 2) = 0xbeef', context);
    assert.deepStrictEqual([...context.readMemory(0x4040_0ff0n, 4)], [0x10, 0, 0xef, 0xbe]);
    value('counter = counter + 1', context);
    assert.strictEqual(value('counter', context).value, 8n);
  });
});

describe('debug console commands', () => {
  it('applies format suffixes and p/F', () => {
    const { console } = setup();
    assert.strictEqual(console.execute('x0,d').output, '5');
    assert.strictEqual(console.execute('x1,d').output, '-2');
    assert.strictEqual(console.execute('x0,b').output, '0b101');
    assert.strictEqual(console.execute('x0 + 3,o').output, '010');
    assert.strictEqual(console.execute('0x61,c').output, "97 'a'");
    assert.strictEqual(console.execute('p/x 255').output, '0xff');
    assert.strictEqual(console.execute('p 2 * 21').output, '42');
    assert.strictEqual(console.execute('p/a lr').output, '0x40000a28 <main+0x28>');
    assert.strictEqual(console.execute('p/u (char)-1').output, '255');
  });

  it('examines memory with x/NFU', () => {
    const { console } = setup();
    assert.strictEqual(console.execute('x/2xg $sp').output, '0x40400ff0:\t0xddccbbaa00000010\t0x0000000040000a28');
    assert.strictEqual(console.execute('x/4xb sp').output, '0x40400ff0:\t0x10\t0x00\t0x00\t0x00');
    assert.strictEqual(console.execute('x/2dw sp + 8').output, '0x40400ff8:\t1073744424\t0');
    assert.strictEqual(console.execute('x/s 0x40400100').output, '0x40400100:\t"hi\\n"');
    assert.strictEqual(console.execute('x/2i pc').output, '   0x40000a10 <main+0x10>:\tnop\n   0x40000a14 <main+0x14>:\tnop');
    assert.strictEqual(console.execute('x/1ag sp + 8').output, '0x40400ff8:\t0x40000a28 <main+0x28>');
    // Continues where the last x stopped; stops at a hole and says where.
    assert.strictEqual(console.execute('x/3xw sp + 8').output, '0x40400ff8:\t0x40000a28\t0x00000000\nCannot access memory at address 0x40401000');
  });

  it('runs set, info registers, info breakpoints, info symbol and help', () => {
    const { console, context } = setup();
    const result = console.execute('set $x0 = 5 * 3');
    assert.strictEqual(context.registers.get('x0'), 15n);
    assert.strictEqual(result.registersWritten, true);
    const memory = console.execute('set var *(uint32_t *)sp = 1');
    assert.deepStrictEqual(memory.memoryWritten, { address: 0x4040_0ff0n, length: 4 });
    const registers = console.execute('info registers x0 pc pstate').output.split('\n');
    assert.deepStrictEqual(registers, [
      'x0             0xf                15',
      'pc             0x40000a10         0x40000a10 <main+0x10>',
      'pstate         0x600003c5         [ EL=1 ]',
    ]);
    assert.match(console.execute('i r').output, /^x0 .*\n(.*\n){32}pstate /);
    assert.match(console.execute('info registers system').output, /^esr_el1\s+0x0\s+0\nelr_el1/);
    assert.strictEqual(console.execute('info breakpoints').output, 'No breakpoints.');
    assert.strictEqual(console.execute('info symbol 0x40000a04').output, 'main + 4 in section .text');
    assert.match(console.execute('help').output, /x\/NFU ADDR/);
    assert.throws(() => console.execute('info registers q99'), /Invalid register "q99"/);
    assert.throws(() => console.execute('x/4zq sp'), /bad format/);
    assert.throws(() => console.execute('set x0'), /usage: set/);
  });
});
