import * as assert from 'assert';
import { DwarfType, describeType, sizeOfType, stripTypedefs } from '../../../src/symbols/dwarfTypes';

const int: DwarfType = { kind: 'base', name: 'int', byteSize: 4, encoding: 'signed', dieOffset: 1 };
const char: DwarfType = { kind: 'base', name: 'char', byteSize: 1, encoding: 'unsignedChar', dieOffset: 2 };
const pointer = (target: DwarfType): DwarfType => ({ kind: 'pointer', byteSize: 8, target, dieOffset: 3 });
const qualified = (qualifier: 'const' | 'volatile', target: DwarfType): DwarfType => ({ kind: 'qualified', qualifier, target, dieOffset: 4 });
const array = (element: DwarfType, ...dimensions: (number | undefined)[]): DwarfType => ({ kind: 'array', element, dimensions, dieOffset: 5 });
const fn = (returnType: DwarfType, parameters: DwarfType[], variadic = false): DwarfType => ({ kind: 'function', returnType, parameters, variadic, prototyped: true, dieOffset: 6 });

describe('symbols/dwarfTypes', () => {
  it('spells types with C declarator syntax', () => {
    assert.strictEqual(describeType(pointer(qualified('const', char))), 'const char *');
    assert.strictEqual(describeType(qualified('const', pointer(char))), 'char * const');
    assert.strictEqual(describeType(pointer(pointer(int))), 'int **');
    assert.strictEqual(describeType(array(int, 4, 3)), 'int [4][3]');
    assert.strictEqual(describeType(array(int, undefined)), 'int []');
    assert.strictEqual(describeType(array(pointer(char), 2)), 'char *[2]');
    assert.strictEqual(describeType(pointer(array(int, 3))), 'int (*)[3]');
    assert.strictEqual(describeType(pointer(fn(int, [int, pointer(char)]))), 'int (*)(int, char *)');
    assert.strictEqual(describeType(pointer(fn({ kind: 'void' }, [pointer(char)], true))), 'void (*)(char *, ...)');
    assert.strictEqual(describeType(pointer(fn({ kind: 'void' }, []))), 'void (*)(void)');
    assert.strictEqual(describeType(array(pointer(fn(int, [])), 8)), 'int (*[8])(void)');
    assert.strictEqual(describeType(qualified('const', array(qualified('const', char), 4))), 'const char [4]', 'GCC\'s const arrays of const elements');
    assert.strictEqual(describeType(pointer({ kind: 'void' })), 'void *');
    assert.strictEqual(describeType({ kind: 'struct', name: undefined, byteSize: 8, members: [], declaration: false, dieOffset: 7 }), 'struct <anonymous>');
  });

  it('computes sizes through typedefs, qualifiers and arrays', () => {
    const counter: DwarfType = { kind: 'typedef', name: 'counter_t', target: int, dieOffset: 8 };
    assert.strictEqual(stripTypedefs(qualified('volatile', counter)), int);
    assert.strictEqual(sizeOfType(qualified('volatile', counter)), 4);
    assert.strictEqual(sizeOfType(array(counter, 4, 3)), 48);
    assert.strictEqual(sizeOfType(array(int, undefined)), undefined);
    assert.strictEqual(sizeOfType(pointer(int)), 8);
  });

  it('terminates on self-referencing types', () => {
    const node = { kind: 'struct', name: 'node', byteSize: 16, members: [] as unknown[], declaration: false, dieOffset: 9 } as unknown as DwarfType & { members: unknown[] };
    node.members.push({ name: 'next', type: pointer(node), offset: 8 });
    assert.strictEqual(describeType(pointer(node)), 'struct node *');
    const loop = { kind: 'typedef', name: 'loop_t', target: undefined as unknown as DwarfType, dieOffset: 10 } as { kind: 'typedef'; name: string; target: DwarfType; dieOffset: number };
    loop.target = loop;
    assert.strictEqual(stripTypedefs(loop).kind, 'typedef');
    assert.strictEqual(sizeOfType(loop), undefined);
  });
});
