// The value layer at real stops: the fixtures run in the project's emulator up to a
// line, and the scopes, the Variables-view tree, expressions and assignments are
// checked against what the C program must hold there.

import * as assert from 'assert';
import * as path from 'path';
import { REG_X } from '../../../src/kvm';
import { EvaluationError, FrameValues, ValueNode } from '../../../src/symbols/values';
import { EmulatedRun, EmulatedStop, VALUE_FIXTURE_NAMES, callerOf, loadProgram, stopAtLine, stopLine } from './emulatedStop';

const SYMBOL_FIXTURES = path.join(__dirname, '..', 'symbols', 'fixtures');

function topFrame(stop: EmulatedStop): FrameValues {
  return stop.values.framesAt(stop.frame, stop.guest)[0];
}

const shown = (nodes: ValueNode[]) => nodes.map((node) => `${node.name} = ${node.value}`);

function evaluationError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof EvaluationError, String(error));
    return error.message;
  }
  assert.fail('no error');
}

describe('values: scopes, tree, expressions and assignment at emulated stops', function () {
  this.timeout(30_000);

  describe('scopes', () => {
    for (const fixture of VALUE_FIXTURE_NAMES) {
      it(`${fixture}: Arguments, block-scoped Locals innermost first, and the unit's Globals`, () => {
        const frame = topFrame(stopAtLine(fixture, stopLine('blocks')));
        assert.strictEqual(frame.name, 'blocks');
        assert.deepStrictEqual(shown(frame.arguments()), ['depth = 2']);
        // The inner x (20) hides the outer one (2); y's block is the innermost.
        assert.deepStrictEqual(shown(frame.locals()), ['y = 42', 'x = 20', 'inner = 21', 'result = 62']);
        const globals = new Map(frame.globals().map((node) => [node.name, node]));
        assert.strictEqual(globals.get('counter')?.value, '42');
        assert.strictEqual(globals.get('counter')?.type, 'int');
        assert.strictEqual(globals.get('list')?.type, 'struct node *');
        assert.strictEqual(globals.get('operation')?.value.replace(/0x[0-9a-f]+/, 'ADDRESS'), 'ADDRESS <square>');
        assert.ok(globals.has('hidden'), 'file-static variables are globals of their unit');
        assert.ok(!globals.has('total'), 'no locals among globals');
      });
    }

    it('a variable out of its block is gone; one not yet in scope is not shown', () => {
      const run = new EmulatedRun('values-gcc-O0');
      const locals = topFrame(run.runTo(stopLine('locals')));
      assert.deepStrictEqual(locals.locals().map((node) => node.name), ['copy', 'values', 'cursor', 'text', 'fn', 'shade', 'u']);
      assert.deepStrictEqual(shown(locals.arguments()), ['a = 3', "c = 122 'z'", 'p = {x = 5, y = 6}', 'pp = 0x404000b8 <origin>']);
    });

    it('caller frames: recursion, then main, unwound from the deepest call', () => {
      const stop = stopAtLine('values-gcc-O0', stopLine('factorial'));
      const seen: string[] = [];
      for (let frame = stop.frame, depth = 0; depth < 5; depth++) {
        const values = stop.values.framesAt(frame, stop.guest)[0];
        seen.push(`${values.name}(${shown(values.arguments()).join(', ')})`);
        const caller = callerOf(stop, frame);
        if (!caller) break;
        frame = caller;
      }
      assert.deepStrictEqual(seen, ['factorial(n = 1)', 'factorial(n = 2)', 'factorial(n = 3)', 'factorial(n = 4)', 'main()']);
      const mainFrame = callerOf(stop, callerOf(stop, callerOf(stop, callerOf(stop)!)!)!)!;
      const main = stop.values.framesAt(mainFrame, stop.guest)[0];
      assert.deepStrictEqual(shown(main.locals()), ['local_point = {x = 5, y = 6}', 'total = 60']);
      assert.strictEqual(main.evaluate('total + local_point.y').value, '66');
      // A caller's registers are the unwound ones, not the top frame's.
      const mainEntry = stop.program.addressOfFunction('main')!;
      assert.strictEqual(main.evaluate('$pc').value, `0x${mainFrame.pc.toString(16)} <main+${mainFrame.pc - mainEntry}>`);
      assert.strictEqual(main.evaluate('$sp').value, `0x${mainFrame.readRegister(31)!.toString(16)}`);
      assert.notStrictEqual(main.evaluate('$sp').value, topFrame(stop).evaluate('$sp').value);
    });

    it('optimised code: entry values from the caller\'s call site (gcc -O2 factorial(4) turned into a loop)', () => {
      const frame = topFrame(stopAtLine('values-gcc-O2', stopLine('factorial')));
      assert.deepStrictEqual(shown(frame.arguments()), ['n = 4']);
      assert.strictEqual(frame.evaluate('n * 2').value, '8');
    });

    it('inlined frames: each has its own arguments and locals, and its own name scope (gcc -O2)', () => {
      const run = new EmulatedRun(path.join(SYMBOL_FIXTURES, 'inline-gcc-O2.elf'), 'inline.c');
      const stop = run.runTo(13);
      const frames = stop.values.framesAt(stop.frame, stop.guest);
      assert.deepStrictEqual(frames.map((frame) => `${frame.isInlined ? 'inlined ' : ''}${frame.name}`), ['inlined twice', 'scale']);
      assert.deepStrictEqual(shown(frames[0].arguments()), ['value = <optimized out>']);
      assert.deepStrictEqual(frames[0].locals(), []);
      assert.strictEqual(evaluationError(() => frames[0].evaluate('count')), 'No symbol "count" in current context.');
      const main = stop.values.framesAt(callerOf(stop)!, stop.guest)[0];
      assert.strictEqual(main.name, 'main');
      assert.deepStrictEqual(shown(main.locals()), ['values = {1, 2, 3}']);
      const array = main.evaluate('&values[0]', { printStyle: true }).value;
      // `values` is DW_OP_entry_value(x0): the address main passed, found at main's call site.
      assert.deepStrictEqual(shown(frames[1].arguments()), [`values = ${array.replace('(int *) ', '')}`, 'count = 3']);
      assert.deepStrictEqual(shown(frames[1].locals()), ['doubled = 2', 'i = 0', 'total = 0']);
      assert.strictEqual(frames[1].evaluate('values[2] * count').value, '9');
    });

    it('code without debug information: no scopes, but globals and ELF symbols still evaluate', () => {
      const stop = stopAtLine('values-gcc-O0', stopLine('sum_list'));
      const frame = stop.values.framesAt({ pc: 0x100, readRegister: () => undefined }, stop.guest)[0];
      assert.strictEqual(frame.scope, undefined);
      assert.deepStrictEqual([frame.arguments(), frame.locals(), frame.globals()], [[], [], []]);
      assert.strictEqual(frame.evaluate('counter + 1').value, '43');
      const asm = loadProgram(path.join(SYMBOL_FIXTURES, 'start-asm.elf')).values;
      const asmFrame = asm.framesAt({ pc: 0x40000000, readRegister: () => undefined }, { readMemory: () => undefined })[0];
      assert.strictEqual(asmFrame.evaluate('framed').value, '{void (void)} 0x4000001c <framed>');
      assert.strictEqual(asmFrame.evaluate('halt').value, '{<text variable, no debug info>} 0x40000010 <_start+16>');
      assert.strictEqual(asmFrame.evaluate('halt').type, '<text variable, no debug info>');
      assert.strictEqual(asmFrame.evaluate('&halt', { printStyle: true }).value, '(<text variable, no debug info> *) 0x40000010 <_start+16>');
      assert.strictEqual(evaluationError(() => asmFrame.evaluate('stack_top')), "'stack_top' has unknown type; cast it to its declared type");
      assert.strictEqual(asmFrame.evaluate('framed + 1', { printStyle: true }).value, '(void (*)(void)) 0x4000001d <framed+1>');
    });
  });

  describe('the Variables view tree', () => {
    const stop = () => stopAtLine('values-gcc-O0', stopLine('locals'));

    it('expands structs member by member, with evaluateName, address and size for data breakpoints', () => {
      const frame = topFrame(stop());
      const copy = frame.locals().find((node) => node.name === 'copy')!;
      assert.strictEqual(copy.type, 'struct record');
      assert.ok(copy.hasChildren && copy.memoryReference !== undefined);
      const members = copy.children();
      assert.deepStrictEqual(members.map((node) => node.name), ['name', 'where', 'colour', 'ready', 'level', 'delta', 'samples', 'label', 'active']);
      const where = members[1];
      assert.deepStrictEqual([where.evaluateName, where.value, where.type], ['copy.where', '{x = 6, y = 4}', 'struct point']);
      const x = where.children()[0];
      assert.deepStrictEqual([x.name, x.value, x.evaluateName], ['x', '6', 'copy.where.x']);
      assert.deepStrictEqual(x.dataAddress, { address: copy.memoryReference! + 8n, size: 4 });
      assert.strictEqual(frame.evaluate(x.evaluateName).value, '6');
      const level = members[4];
      assert.deepStrictEqual([level.value, level.dataAddress], ['5', undefined], 'a bit-field has no address of its own');
      assert.strictEqual(members[7].value, '0x40000bf8 <__text_end+32> "label"');
      assert.ok(!members[7].hasChildren, 'a char pointer shows its string, nothing to expand');
    });

    it('expands arrays by index, in pages, and pointers one level (members of a struct, *p otherwise)', () => {
      const frame = topFrame(stop());
      const locals = new Map(frame.locals().map((node) => [node.name, node]));
      const values = locals.get('values')!;
      assert.strictEqual(values.indexedChildren, 4);
      assert.deepStrictEqual(values.children({ start: 1, count: 2 }).map((node) => `${node.evaluateName} = ${node.value}`), ['values[1] = 2', 'values[2] = 3']);
      const cursor = locals.get('cursor')!;
      assert.strictEqual(cursor.memoryReference, values.memoryReference! + 4n, 'a pointer refers to the memory it points to');
      assert.deepStrictEqual(cursor.children().map((node) => `${node.name} = ${node.value} (${node.evaluateName})`), ['*cursor = 2 (*cursor)']);
      const pp = frame.arguments().find((node) => node.name === 'pp')!;
      assert.deepStrictEqual(pp.children().map((node) => `${node.evaluateName} = ${node.value}`), ['pp->x = 1', 'pp->y = 2']);
      const list = frame.globals().find((node) => node.name === 'list')!;
      const next = list.children().find((node) => node.name === 'next')!;
      assert.deepStrictEqual([next.evaluateName, next.value], ['list->next', '0x404000e0 <middle>']);
      assert.deepStrictEqual(next.children().map((node) => `${node.evaluateName} = ${node.value}`), ['list->next->value = 20', 'list->next->next = 0x404000c0 <tail>']);
      assert.ok(!locals.get('fn')!.hasChildren);
      const text = locals.get('text')!;
      assert.deepStrictEqual([text.value, text.type, text.children()[0].value], ['"local"', 'char [6]', "108 'l'"]);
      const nullNode = frame.evaluate('null_string');
      assert.deepStrictEqual([nullNode.value, nullNode.hasChildren, nullNode.memoryReference], ['0x0', false, undefined]);
    });

    it('formats in hexadecimal on request, down the tree', () => {
      const frame = topFrame(stop());
      const values = frame.evaluate('values', { hex: true });
      assert.strictEqual(values.value, '{0x1, 0x2, 0x3, 0x4}');
      assert.strictEqual(values.children()[3].value, '0x4');
      assert.strictEqual(frame.evaluate('a - 4', { hex: true }).value, '0xffffffff');
    });
  });

  describe('expressions', () => {
    it('evaluates C names in scope with operators, casts, sizeof and registers', () => {
      const stop = stopAtLine('values-gcc-O0', stopLine('locals'));
      const frame = topFrame(stop);
      const value = (expression: string) => frame.evaluate(expression, { printStyle: true }).value;
      assert.strictEqual(value('list->next->next->value'), '30');
      assert.strictEqual(value('copy.samples[1] + values[3] * a'), '20');
      assert.strictEqual(value('*cursor'), '2');
      assert.strictEqual(value('&counter'), '(int *) 0x40400000 <counter>');
      assert.strictEqual(value('sizeof(struct record)'), '48');
      assert.strictEqual(value('(struct point *)&rec.where'), '(struct point *) 0x40400110 <rec+8>');
      assert.strictEqual(value('(word_t)-1'), '4294967295');
      assert.strictEqual(value('paint'), 'BLUE');
      assert.strictEqual(value('fn == square'), '1');
      assert.strictEqual(value('$pc'), `(void (*)()) 0x${stop.pc.toString(16)} <locals+${stop.pc - stop.program.addressOfFunction('locals')!}>`);
      assert.strictEqual(value('$x0 == (long)a || 1'), '1');
      assert.strictEqual(frame.evaluate('a', {}).type, 'int');
      for (const [expression, message] of [
        ['nosuch + 1', 'No symbol "nosuch" in current context.'],
        ['copy.nosuch', 'There is no member named nosuch.'],
        ['a->x', 'Attempt to extract a component of a value that is not a structure pointer.'],
        ['*opaque', 'Attempt to dereference a generic pointer.'],
        ['a / 0', 'Division by zero'],
        ['&5', 'Attempt to take address of value not located in memory.'],
        ['square(2)', 'Calling functions in the program is not supported.'],
        ['(struct nosuch *)0', 'No struct type named nosuch.'],
        ['*(int *)8', 'Cannot access memory at address 0x8'],
      ]) {
        assert.strictEqual(evaluationError(() => frame.evaluate(expression)), message, expression);
      }
    });
  });

  describe('assignment', () => {
    it('writes memory: locals, globals through pointers, array elements, bit-fields, whole structs', () => {
      const stop = stopAtLine('values-gcc-O0', stopLine('locals'));
      const frame = topFrame(stop);
      const where = frame.locals().find((node) => node.name === 'copy')!.children()[1];
      const y = where.children()[1];
      assert.ok(y.assignable);
      assert.strictEqual(y.setValue('11 * 2').value, '22');
      assert.strictEqual(frame.evaluate('copy.where.y').value, '22');
      assert.strictEqual(frame.assign('pp->x', 'a * 3').value, '9');
      assert.strictEqual(frame.evaluate('origin').value, '{x = 9, y = 2}');
      assert.strictEqual(frame.evaluate('values[2] = 7').value, '7');
      assert.strictEqual(frame.evaluate('values').value, '{1, 2, 7, 4}');
      assert.strictEqual(frame.evaluate('copy.level = 6').value, '6');
      assert.strictEqual(frame.evaluate('copy.delta = -2').value, '-2');
      assert.strictEqual(frame.evaluate('copy.ready').value, '1', 'the neighbouring bit-field is unchanged');
      assert.strictEqual(frame.evaluate('origin = p').value, '{x = 5, y = 6}');
      assert.strictEqual(frame.evaluate('counter += 8').value, '50');
      const counter = stop.machine.vm.readMemory(BigInt(stop.program.symbolByName('counter')!.value), 4);
      assert.strictEqual(new DataView(counter.buffer).getInt32(0, true), 50, 'the guest\'s memory changed');
      assert.strictEqual(frame.evaluate('c = 65').value, "65 'A'");
      assert.strictEqual(frame.evaluate('shade = BLUE').value, 'BLUE');
    });

    it('writes registers: a local the optimiser keeps in a register, and $x0', () => {
      const stop = stopAtLine('values-gcc-O2', stopLine('blocks'));
      const frame = topFrame(stop);
      const result = frame.locals().find((node) => node.name === 'result')!;
      assert.ok(result.assignable);
      const x1Before = stop.machine.vcpu.getOneReg(REG_X(1));
      assert.strictEqual(result.setValue('-1').value, '-1');
      assert.strictEqual(stop.machine.vcpu.getOneReg(REG_X(1)), (x1Before & ~0xffffffffn) | 0xffffffffn, 'only W1 changed');
      assert.strictEqual(frame.evaluate('result').value, '-1');
      assert.strictEqual(frame.evaluate('$x0 = 0x1234').value, '4660');
      assert.strictEqual(stop.machine.vcpu.getOneReg(REG_X(0)), 0x1234n);
      assert.strictEqual(frame.evaluate('depth').value, '4660', 'depth lives in x0');
    });

    it('refuses optimised-out values, computed values and non-lvalues, with gdb\'s messages', () => {
      const gcc = topFrame(stopAtLine('values-gcc-O2', stopLine('sum_list')));
      const total = gcc.locals().find((node) => node.name === 'total')!;
      assert.deepStrictEqual([total.value, total.assignable], ['<optimized out>', false]);
      assert.strictEqual(evaluationError(() => total.setValue('1')), 'value has been optimized out');
      assert.strictEqual(evaluationError(() => gcc.evaluate('total = 1')), 'value has been optimized out');
      assert.strictEqual(evaluationError(() => gcc.evaluate('1 = 2')), 'Left operand of assignment is not an lvalue.');
      assert.strictEqual(evaluationError(() => gcc.evaluate('counter + 1 = 2')), 'Left operand of assignment is not an lvalue.');
      const clang = topFrame(stopAtLine('values-clang-O2', stopLine('locals')));
      assert.strictEqual(evaluationError(() => clang.evaluate('values[1] = 20')), 'Left operand of assignment is not a modifiable lvalue.');
      assert.strictEqual(evaluationError(() => clang.evaluate('&c')), 'Address requested for identifier "c" which is in register $x19');
    });
  });
});
