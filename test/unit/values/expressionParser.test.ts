import * as assert from 'assert';
import { EvaluationError } from '../../../src/symbols/values/evaluationError';
import { tokenize } from '../../../src/symbols/values/expressionLexer';
import { Expression, TypeName, parseExpression, parseTypeName } from '../../../src/symbols/values/expressionParser';

const TYPEDEFS = new Set(['uint32_t', 'unary_fn']);
const parse = (text: string) => parseExpression(text, (name) => TYPEDEFS.has(name));

/** A compact Lisp-like rendering of the tree, to compare shapes. */
function shape(expression: Expression): string {
  switch (expression.kind) {
    case 'integer':
      return expression.token.value.toString();
    case 'float':
      return `${expression.token.value}${expression.token.suffix}`;
    case 'char':
      return `'${expression.value}'`;
    case 'string':
      return JSON.stringify(String.fromCharCode(...expression.codes));
    case 'identifier':
      return expression.name;
    case 'register':
      return `$${expression.name}`;
    case 'unary':
      return `(${expression.operator} ${shape(expression.operand)})`;
    case 'binary':
      return `(${expression.operator} ${shape(expression.left)} ${shape(expression.right)})`;
    case 'conditional':
      return `(? ${shape(expression.condition)} ${shape(expression.whenTrue)} ${shape(expression.whenFalse)})`;
    case 'assign':
      return `(${expression.operator} ${shape(expression.target)} ${shape(expression.value)})`;
    case 'cast':
      return `(cast ${typeShape(expression.type)} ${shape(expression.operand)})`;
    case 'sizeofType':
      return `(sizeof ${typeShape(expression.type)})`;
    case 'sizeofExpression':
      return `(sizeof ${shape(expression.operand)})`;
    case 'index':
      return `([] ${shape(expression.array)} ${shape(expression.index)})`;
    case 'member':
      return `(${expression.arrow ? '->' : '.'} ${shape(expression.object)} ${expression.member})`;
    case 'call':
      return `(call ${shape(expression.callee)})`;
    case 'increment':
      return expression.operator;
    case 'comma':
      return `(, ${shape(expression.left)} ${shape(expression.right)})`;
  }
}

function typeShape(type: TypeName): string {
  const specifier = type.specifier.kind === 'keywords' ? type.specifier.words.join(' ') : type.specifier.kind === 'tag' ? `${type.specifier.tag} ${type.specifier.name}` : type.specifier.name;
  const steps = type.steps.map((step) => (step.kind === 'pointer' ? '*' : step.kind === 'array' ? `[${step.count ?? ''}]` : `(${step.parameters.map(typeShape).join(',')})`));
  return [...type.qualifiers, specifier, ...steps].join(' ');
}

describe('values: C expression parser', () => {
  it('follows C precedence and associativity, with gdb\'s @ just below + and -', () => {
    assert.strictEqual(shape(parse('1 + 2 * 3')), '(+ 1 (* 2 3))');
    assert.strictEqual(shape(parse('a - b - c')), '(- (- a b) c)');
    assert.strictEqual(shape(parse('a = b = 3')), '(= a (= b 3))');
    assert.strictEqual(shape(parse('x << 1 < y == z & m ^ n | o && p || q ? r : s')), '(? (|| (&& (| (^ (& (== (< (<< x 1) y) z) m) n) o) p) q) r s)');
    assert.strictEqual(shape(parse('*p@3')), '(@ (* p) 3)');
    assert.strictEqual(shape(parse('a + 1@2')), '(@ (+ a 1) 2)');
    assert.strictEqual(shape(parse('-x[2].y->z')), '(- (-> (. ([] x 2) y) z))');
    assert.strictEqual(shape(parse('!*&p')), '(! (* (& p)))');
    assert.strictEqual(shape(parse('p->next->value += 5')), '(+= (-> (-> p next) value) 5)');
    assert.strictEqual(shape(parse('(1, 2)')), '(, 1 2)');
    assert.strictEqual(shape(parse('$x0 + $sp')), '(+ $x0 $sp)');
  });

  it('tells casts from parenthesised expressions by the names that are types', () => {
    assert.strictEqual(shape(parse('(uint32_t)x')), '(cast uint32_t x)');
    assert.strictEqual(shape(parse('(x)-1')), '(- x 1)');
    assert.strictEqual(shape(parse('(struct node *)p')), '(cast struct node * p)');
    assert.strictEqual(shape(parse('(unsigned long)&counter')), '(cast unsigned long (& counter))');
    assert.strictEqual(shape(parse('(const char *)0')), '(cast const char * 0)');
    assert.strictEqual(shape(parse('(int (*)[3])p')), '(cast int [3] * p)', 'a pointer to an array');
    assert.strictEqual(shape(parse('(char *[2])p')), '(cast char * [2] p)', 'an array of pointers');
    assert.strictEqual(shape(parse('(int (*)(int, char))f')), '(cast int (int,char) * f)');
    assert.strictEqual(shape(parse('sizeof(struct record)')), '(sizeof struct record)');
    assert.strictEqual(shape(parse('sizeof (x)')), '(sizeof x)');
    assert.strictEqual(shape(parse('sizeof x + 1')), '(+ (sizeof x) 1)');
    assert.strictEqual(shape(parse('(unary_fn)0')), '(cast unary_fn 0)');
    assert.strictEqual(parseTypeName('unsigned long long', () => false)?.specifier.kind, 'keywords');
    assert.strictEqual(parseTypeName('counter', () => false), undefined);
  });

  it('reads C literals: radixes, suffixes, floats, characters and strings with escapes', () => {
    const integer = (text: string) => {
      const token = tokenize(text)[0];
      assert.ok(token.kind === 'integer', text);
      return `${token.value}${token.unsigned ? 'u' : ''}${'l'.repeat(token.longs)}`;
    };
    assert.strictEqual(integer('0x7fffffff'), '2147483647');
    assert.strictEqual(integer('017'), '15');
    assert.strictEqual(integer('0b101'), '5');
    assert.strictEqual(integer('10uL'), '10ul');
    assert.strictEqual(integer('18446744073709551615ULL'), '18446744073709551615ull');
    assert.strictEqual(shape(parse('1.5e3f')), '1500f');
    assert.strictEqual(shape(parse('.5')), '0.5');
    assert.strictEqual(shape(parse("'\\n' + '\\101' + '\\x41' + '\\''")), "(+ (+ (+ '10' '65') '65') '39')");
    assert.strictEqual(shape(parse('"a\\tb" "c"')), JSON.stringify('a\tbc'));
  });

  it('reports syntax errors in gdb\'s words', () => {
    const error = (text: string) => {
      try {
        parse(text);
      } catch (caught) {
        assert.ok(caught instanceof EvaluationError);
        return caught.message;
      }
      assert.fail(`${text} parsed`);
    };
    assert.strictEqual(error('counter +'), "A syntax error in expression, near `'.");
    assert.strictEqual(error('1 + * / 2'), "A syntax error in expression, near `/ 2'.");
    assert.strictEqual(error('(1 + 2'), "A syntax error in expression, near `'.");
    assert.strictEqual(error('a b'), "A syntax error in expression, near `b'.");
    assert.strictEqual(error('0x'), 'Invalid number "0x".');
    assert.strictEqual(error('12abc'), 'Invalid number "12abc".');
    assert.strictEqual(error("'ab'"), 'Invalid character constant.');
    assert.strictEqual(error('"abc'), 'Unterminated string in expression.');
    assert.strictEqual(error('a # b'), "Invalid character '#' in expression.");
    assert.strictEqual(error(''), 'Expected an expression.');
  });
});
