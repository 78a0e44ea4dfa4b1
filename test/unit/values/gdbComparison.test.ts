// The value layer against gdb: the same programs (values.c, shapes.c and the symbols
// tests' hello.c, each from gcc and clang) stopped at the same lines, once in the
// project's emulator and once in QEMU under gdb-multiarch; `info args`, `info locals`,
// `print EXPR`, `print/x EXPR`, `whatis EXPR` and `up` (callers) must read the same.
// Skips (saying why) when gdb-multiarch or qemu-system-aarch64 is missing.

import * as assert from 'assert';
import * as path from 'path';
import { EvaluationError } from '../../../src/symbols/values';
import { EmulatedRun, VALUE_FIXTURES, VALUE_FIXTURE_NAMES, callerOf, fixtureFile, stopLine } from './emulatedStop';
import { GdbReplies, gdbReplies, hasCommand } from './gdbReference';

/** Expressions printed at every stop: globals of every kind and C operators on them. */
const GLOBAL_EXPRESSIONS = [
  'counter', 'hidden', 'small', 'tiny', 'letter', 'newline', 'shorty', 'ushorty', 'big', 'huge', 'flag_true', 'ratio', 'third',
  'half', 'large', 'precise', 'primes', 'zeros', 'grid', 'greeting', 'full', 'message', 'null_string', 'paint', 'odd_paint', 'mode',
  'odd_mode', 'origin', 'tail', 'head', 'list', '*list', 'list->next->value', 'number', 'rec', 'opaque', 'counter_pointer', 'word',
  'square', 'operation', '&counter', '&primes[1]', '*counter_pointer', 'primes[1] + primes[2] * 2', 'sizeof(struct record)', 'sizeof rec',
  '(char)counter', '(struct point *)&rec.where', '&rec', 'rec.name', '-counter / 5', '7 % -3', '1.5 + 2', '10 / 4.0', 'ratio * 2', "'a'",
  "'a' + 1", '1 == 1', '!5', '~0', '1u - 2', '0x7fffffff + 1', '2147483648', '5 > 3 && 2 > 1', 'counter ? 1 : 2', '*primes@3',
  'primes + 1', '*(primes + 2)', '&grid[1]', 'grid[1]', 'nosuch', 'rec.nosuch', '1/0', '&5', 'sizeof(int)', '(unsigned char)300',
  '(enum colour)6', '(enum colour)1', 'RED', 'BLUE + 1', '(word_t)-1', '"abc"', 'sizeof("abc")', 'message[1]', '*message',
  '&message[3]', '&rec.where', 'rec.where', '&head.next', 'head.next->next', '*head.next->next', '(long)huge', '-huge', '3.0f', '1e10',
  '1.0/3', '1e-5', '(float)ratio', '(int)half', '(double)3', '10 >> 1', '-10 >> 1', '1L << 40', '5 & 3 | 8 ^ 1', '(short)-1',
  '(unsigned short)-1', 'flag_true + 1', 'tiny * 2', 'small + 1', 'rec.samples', 'rec.ready', 'rec.delta', 'rec.label', 'number.bytes',
  '&rec.samples[2]', 'list->next', '*operation', '&square', 'sizeof(unary_fn)', '(long)&counter - (long)&hidden', 'greeting[0]',
  '_DYNAMIC', '(int)_DYNAMIC', '$nonexistent', 'counter +', '(struct nosuch *)0', '(foo)1', 'rec.where.x.y', 'counter->x', '*opaque',
  'origin + 1', '&origin + 1', 'list - 1', '&primes[3] - &primes[0]', 'sizeof(primes)/sizeof(primes[0])', 'grid[1][2]', '*grid',
  '**grid', '&grid', '(char)65', "'\\n'", "'\\0'", '"a\\tb"', 'primes == &primes[0]', '!list', '-ratio', 'ratio > 0.05', '5/2.0f',
  '(float)1/3', '1e-5f', '3 ? 4 : 5', '(1, 2)', 'sizeof(long double)', '(unsigned char)-1', '10 % 0', '1.0/0', '&*list', 'primes[1.5]',
  '$pc', '$sp', 'counter = 43', 'counter', 'rec.where.y = -9', 'rec', 'primes[4] = primes[0] * 100', 'primes', 'rec.level = 2',
  'rec.delta = -8', 'rec',
];

const LOCAL_EXPRESSIONS: Record<string, string[]> = {
  sum_list: ['node', 'total', 'total + 1', '$x0'],
  factorial: ['n', 'n * 2'],
  blocks: ['x', 'y', 'inner', 'result', 'depth', 'y - inner', 'result == x + y'],
  locals: [
    'copy', 'copy.where', 'copy.name', 'values', 'values[2]', '*cursor', 'cursor[1]', 'text', 'fn', 'shade', 'u', 'p', 'pp->x', '*pp',
    'sizeof(copy)', 'a + c', 'c', 'u.bytes', 'copy.label', 'fn == square',
  ],
};

const STOPS = ['sum_list', 'factorial', 'blocks', 'locals'];

/**
 * Where gdb shows values that do not exist, and we say <optimized out> instead. clang
 * -O2 describes `copy` and `text` (values.c) and `total` (shapes.c) with DW_OP_piece
 * lists that cover only their first bytes; gdb reads the bytes past the last piece as
 * zeros and calls them synthetic pointers, where DWARF says nothing is known about them.
 */
const KNOWN_DIFFERENCES: readonly { fixture: string; stop: string; gdbShows: string; weShow: string }[] = [
  { fixture: 'values-clang-O2', stop: 'locals', gdbShows: '<synthetic pointer>', weShow: '<optimized out>' },
  { fixture: 'shapes-clang-O2', stop: 'measure', gdbShows: '<synthetic pointer>', weShow: '<optimized out>' },
  {
    fixture: 'values-clang-O2',
    stop: 'locals',
    gdbShows: '"l\\000\\000\\000\\000"',
    weShow: "{108 'l', <optimized out>, <optimized out>, <optimized out>, <optimized out>, <optimized out>}",
  },
];

function withKnownDifferences(fixture: string, stop: string, lines: string[]): string[] {
  return lines.map((line) =>
    KNOWN_DIFFERENCES.filter((known) => known.fixture === fixture && known.stop === stop).reduce((text, known) => text.split(known.gdbShows).join(known.weShow), line),
  );
}

/** Types as the Variables view shows them (gdb's whatis: typedef names kept, one level). */
const WHATIS_EXPRESSIONS = [
  'counter', 'word', 'operation', 'list', 'list->next', 'rec', 'rec.samples', '&rec.samples', 'rec.label', '*message', 'grid', 'grid[1]', '&grid',
  'number', 'paint', 'favourite_missing', 'huge', 'big', 'ushorty', 'small', 'tiny', 'flag_true', 'ratio', 'third', 'precise', '1 == 1',
  'sizeof(int)', "'a'", '1.5f', '2147483648', '0xffffffff', '1u + 1L', 'list - list', '$pc', '$sp', '$x0', 'square', '&square', 'opaque',
  'zeros', '(char)1', 'tiny * 2', 'small + 1u', '"abc"',
];

/** gdb's print/x is the Variables view's hex mode for integers, characters, enums, booleans and their aggregates. */
const HEX_EXPRESSIONS = ['counter', 'primes', 'rec.where', '-1', 'tiny', 'shorty', 'paint', 'flag_true', 'huge', 'letter', 'number.bytes', 'grid'];

function valuesCommands(stop: string): string[] {
  const expressions = stop === 'sum_list' ? [...LOCAL_EXPRESSIONS[stop], ...GLOBAL_EXPRESSIONS] : LOCAL_EXPRESSIONS[stop];
  const hex = stop === 'sum_list' ? HEX_EXPRESSIONS.map((expression) => `print/x ${expression}`) : [];
  const types = stop === 'sum_list' ? WHATIS_EXPRESSIONS : stop === 'locals' ? ['copy', 'values', 'cursor', 'text', 'fn', 'shade', 'u', 'p', 'pp', 'c'] : [];
  return ['info args', 'info locals', ...expressions.map((expression) => `print ${expression}`), ...hex, ...types.map((expression) => `whatis ${expression}`)];
}

/** gdb's `info locals` lists hidden outer variables too; the Variables view shows only the visible one. */
function visibleOnly(lines: string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((line) => {
    const name = line.split(' = ')[0];
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

/** A program, the source file its stops are in, and what is asked at each stop. */
interface ComparedProgram {
  readonly title: string;
  readonly elf: string;
  readonly source: string;
  readonly stops: readonly { readonly name: string; readonly line: number; readonly commands: readonly string[] }[];
}

const HELLO = path.join(__dirname, '..', 'symbols', 'fixtures');
const HELLO_GLOBALS = ['origin', 'table', 'favourite', 'tick_count', 'origin.label', '&table[1][2]', 'sizeof(origin)', '(enum colour)5', 'square'];
/** hello.c's stops; `up` moves to the caller (gdb's command, our unwinder). */
const HELLO_STOPS = [
  { name: 'square', line: 27, commands: ['info args', 'info locals', 'print value * 2', 'up', 'info locals', 'print where', 'print *where', 'print where->label'] },
  { name: 'sum_to', line: 39, commands: ['info args', 'info locals', 'print total + limit', 'print i', 'up', 'info locals', 'print tick_count'] },
  { name: 'depth', line: 45, commands: ['info args', 'up', 'info args', 'up', 'info args', 'print n - 1', ...HELLO_GLOBALS.map((g) => `print ${g}`)] },
];

const SHAPES_STOPS = [
  {
    name: 'walk',
    commands: ['info args', 'info locals', 'print visits', 'up', 'info args', 'info locals', 'print *node', 'up', 'print node->left->key', 'print depth'],
  },
  {
    name: 'measure',
    commands: [
      'info args', 'info locals', 'print *shape', 'print shape->path', 'print shape->tag', 'print shape->parent->name', 'print *shape->parent',
      'print shape->area', 'print root', 'print child', 'print shapes', 'print *cursor', 'print **cursor', 'print cursor[0]->name', 'print names',
      'print names[1]', 'print wide', 'print halves', 'print leaves', 'print top->left->key', 'print sizeof(step_t)', 'print (step_t *)&root.path[1]',
      'print root.path[1].dx * 2', 'print/x child.tag', 'print child.tag.octets', 'print &names[2]', 'print *names@2', 'print -wide[1][0]',
      'print wide[1][1] + 1', 'print (enum sign)-1', 'print (enum sign)5', 'print root.orientation', 'print visits', 'print label[1]',
      'print total', 'print total.dx', 'print first', 'print &root.tag.octets[2]', 'print *root.area', 'print top->right->key - top->left->key',
      'print sizeof(struct shape)', 'print sizeof(root.tag)', 'print (long)&leaves[1] - (long)&leaves[0]', 'print &leaves[1] - &leaves[0]',
      'whatis shape', 'whatis total', 'whatis total.dx', 'whatis first', 'whatis label', 'whatis root.tag', 'whatis root.tag.octets', 'whatis root.area',
      'whatis cursor', 'whatis *cursor', 'whatis names', 'whatis wide', 'whatis wide[1][0]', 'whatis halves', 'whatis leaves[0].left',
      'whatis (enum sign)1', 'whatis root.path[0]', 'whatis &root.path',
    ],
  },
];

const PROGRAMS: ComparedProgram[] = [
  ...VALUE_FIXTURE_NAMES.map((name) => ({
    title: name,
    elf: fixtureFile(name),
    source: 'values.c',
    stops: STOPS.map((stop) => ({ name: stop, line: stopLine(stop), commands: valuesCommands(stop) })),
  })),
  ...['gcc-O0', 'gcc-O2', 'clang-O0', 'clang-O2'].map((build) => ({
    title: `shapes-${build}`,
    elf: path.join(VALUE_FIXTURES, `shapes-${build}.elf`),
    source: 'shapes.c',
    stops: SHAPES_STOPS.map((stop) => ({ ...stop, line: stopLine(stop.name, 'shapes.c') })),
  })),
  ...['hello-gcc-dwarf4', 'hello-gcc-dwarf5', 'hello-clang'].map((name) => ({ title: name, elf: path.join(HELLO, `${name}.elf`), source: 'hello.c', stops: HELLO_STOPS })),
];

/** Our replies, in gdb's words. */
function ourReplies(run: EmulatedRun, line: number, commands: readonly string[]): string[][] {
  const stop = run.runTo(line);
  let frame = stop.values.framesAt(stop.frame, stop.guest)[0];
  let machineFrame = stop.frame;
  return commands.map((command) => {
    if (command === 'up') {
      const caller = callerOf(stop, machineFrame);
      if (!caller) return ['Initial frame selected; you cannot go up.'];
      machineFrame = caller;
      frame = stop.values.framesAt(caller, stop.guest)[0];
      return [];
    }
    if (command === 'info args') {
      const nodes = frame.arguments();
      return nodes.length === 0 ? ['No arguments.'] : nodes.map((node) => `${node.name} = ${node.value}`);
    }
    if (command === 'info locals') {
      const nodes = frame.locals();
      return nodes.length === 0 ? ['No locals.'] : nodes.map((node) => `${node.name} = ${node.value}`);
    }
    const hex = command.startsWith('print/x ');
    const whatis = command.startsWith('whatis ');
    const expression = command.slice(command.indexOf(' ') + 1);
    try {
      const node = frame.evaluate(expression, { printStyle: true, hex });
      return [whatis ? `type = ${node.type}` : node.value];
    } catch (error) {
      if (error instanceof EvaluationError) return [error.message];
      throw error;
    }
  });
}

describe('values: the same stops under gdb-multiarch and QEMU', function () {
  this.timeout(120_000);

  before(function () {
    for (const tool of ['gdb-multiarch', 'qemu-system-aarch64']) {
      if (!hasCommand(tool)) {
        console.log(`      (skipped: ${tool} is not installed)`);
        this.skip();
      }
    }
  });

  for (const compared of PROGRAMS) {
    it(`${compared.title}: info args, info locals and print agree with gdb at every stop`, async () => {
      const reference: GdbReplies = await gdbReplies(compared.elf, compared.source, compared.stops);
      const last = compared.stops.length - 1;
      assert.ok(reference[0][0].length > 0 && reference[last][0].length > 0, 'gdb answered at the first and the last stop');
      const mismatches: string[] = [];
      const run = new EmulatedRun(compared.elf, compared.source);
      compared.stops.forEach((stop, stopIndex) => {
        const ours = ourReplies(run, stop.line, stop.commands);
        stop.commands.forEach((command, commandIndex) => {
          if (command === 'up') return; // gdb prints the frame it moved to; the commands after it compare that frame
          let expected = reference[stopIndex][commandIndex];
          if (command === 'info locals') expected = visibleOnly(expected);
          if (command.startsWith('print')) expected = expected.map((line) => line.replace(/^\$\d+ = /, ''));
          expected = withKnownDifferences(compared.title, stop.name, expected);
          const actual = ours[commandIndex];
          if (expected.join('\n') !== actual.join('\n')) {
            mismatches.push(`${stop.name}: ${command}\n    gdb:  ${expected.join('\n          ')}\n    ours: ${actual.join('\n          ')}`);
          }
        });
      });
      assert.deepStrictEqual(mismatches, [], `differences from gdb:\n${mismatches.join('\n')}`);
    });
  }
});
