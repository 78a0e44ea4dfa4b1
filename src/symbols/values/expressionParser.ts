// C expressions as gdb's C parser reads them: the usual precedence and associativity,
// casts and sizeof with abstract declarators (`(struct node *)`, `(int (*)[3])`),
// assignments (simple and compound), and gdb's `@` (`*array@count`), which binds just
// below `+` and `-`.

import { Token, syntaxError, tokenize } from './expressionLexer';
import { EvaluationError } from './evaluationError';

export type TypeSpecifier =
  | { readonly kind: 'keywords'; readonly words: readonly string[] }
  | { readonly kind: 'tag'; readonly tag: 'struct' | 'union' | 'enum'; readonly name: string }
  | { readonly kind: 'typedef'; readonly name: string };

/** One step of an abstract declarator, applied inside-out to the specified type. */
export type DeclaratorStep =
  | { readonly kind: 'pointer'; readonly qualifiers: readonly ('const' | 'volatile')[] }
  | { readonly kind: 'array'; readonly count: number | undefined }
  | { readonly kind: 'function'; readonly parameters: readonly TypeName[]; readonly variadic: boolean };

export interface TypeName {
  readonly specifier: TypeSpecifier;
  readonly qualifiers: readonly ('const' | 'volatile')[];
  /** Steps from the specified type outwards: `int *[3]` is [pointer, array 3]. */
  readonly steps: readonly DeclaratorStep[];
}

export type Expression =
  | { readonly kind: 'integer'; readonly token: Extract<Token, { kind: 'integer' }> }
  | { readonly kind: 'float'; readonly token: Extract<Token, { kind: 'float' }> }
  | { readonly kind: 'char'; readonly value: number }
  | { readonly kind: 'string'; readonly codes: readonly number[] }
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'register'; readonly name: string }
  | { readonly kind: 'unary'; readonly operator: '-' | '+' | '!' | '~' | '*' | '&'; readonly operand: Expression }
  | { readonly kind: 'binary'; readonly operator: string; readonly left: Expression; readonly right: Expression }
  | { readonly kind: 'conditional'; readonly condition: Expression; readonly whenTrue: Expression; readonly whenFalse: Expression }
  | { readonly kind: 'assign'; readonly operator: string; readonly target: Expression; readonly value: Expression }
  | { readonly kind: 'cast'; readonly type: TypeName; readonly operand: Expression }
  | { readonly kind: 'sizeofType'; readonly type: TypeName }
  | { readonly kind: 'sizeofExpression'; readonly operand: Expression }
  | { readonly kind: 'index'; readonly array: Expression; readonly index: Expression }
  | { readonly kind: 'member'; readonly object: Expression; readonly member: string; readonly arrow: boolean }
  | { readonly kind: 'call'; readonly callee: Expression }
  | { readonly kind: 'increment'; readonly operator: '++' | '--' }
  | { readonly kind: 'comma'; readonly left: Expression; readonly right: Expression };

/** Tells the parser which identifiers name types (typedefs not hidden by a variable in scope). */
export type TypedefPredicate = (name: string) => boolean;

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['<<', '>>'],
  ['@'],
  ['+', '-'],
  ['*', '/', '%'],
];

const ASSIGNMENT_OPERATORS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);
const QUALIFIERS = new Set(['const', 'volatile', 'restrict', '__restrict']);
const BASE_KEYWORDS = new Set(['void', 'char', 'short', 'int', 'long', 'signed', 'unsigned', 'float', 'double', '_Bool', '__int128']);

export function parseExpression(text: string, isTypedef: TypedefPredicate): Expression {
  const parser = new Parser(text, tokenize(text), isTypedef);
  if (parser.atEnd()) throw new EvaluationError('Expected an expression.');
  const expression = parser.expression();
  parser.expectEnd();
  return expression;
}

/** Parses a type name alone ("struct node *", "unsigned long"), or undefined when `text` is not one. */
export function parseTypeName(text: string, isTypedef: TypedefPredicate): TypeName | undefined {
  const parser = new Parser(text, tokenize(text), isTypedef);
  if (!parser.startsTypeName(0)) return undefined;
  const type = parser.typeName();
  return parser.atEnd() ? type : undefined;
}

class Parser {
  private position = 0;

  constructor(private readonly text: string, private readonly tokens: Token[], private readonly isTypedef: TypedefPredicate) {}

  atEnd(): boolean {
    return this.peek().kind === 'end';
  }

  expectEnd(): void {
    if (!this.atEnd()) throw this.error();
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private isPunctuator(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'punctuator' && token.text === text;
  }

  private accept(text: string): boolean {
    if (!this.isPunctuator(text)) return false;
    this.position++;
    return true;
  }

  private expect(text: string): void {
    if (!this.accept(text)) throw this.error();
  }

  private error(): EvaluationError {
    return syntaxError(this.text, this.peek().start);
  }

  expression(): Expression {
    let left = this.assignment();
    while (this.accept(',')) left = { kind: 'comma', left, right: this.assignment() };
    return left;
  }

  private assignment(): Expression {
    const target = this.conditional();
    const token = this.peek();
    if (token.kind === 'punctuator' && ASSIGNMENT_OPERATORS.has(token.text)) {
      this.position++;
      return { kind: 'assign', operator: token.text, target, value: this.assignment() };
    }
    return target;
  }

  private conditional(): Expression {
    const condition = this.binary(0);
    if (!this.accept('?')) return condition;
    const whenTrue = this.expression();
    this.expect(':');
    return { kind: 'conditional', condition, whenTrue, whenFalse: this.conditional() };
  }

  private binary(level: number): Expression {
    if (level >= BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'punctuator' || !BINARY_LEVELS[level].includes(token.text)) return left;
      this.position++;
      left = { kind: 'binary', operator: token.text, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Expression {
    const token = this.peek();
    if (token.kind === 'punctuator') {
      if (['-', '+', '!', '~', '*', '&'].includes(token.text)) {
        this.position++;
        return { kind: 'unary', operator: token.text as '-' | '+' | '!' | '~' | '*' | '&', operand: this.unary() };
      }
      if (token.text === '++' || token.text === '--') {
        this.position++;
        this.unary();
        return { kind: 'increment', operator: token.text };
      }
      if (token.text === '(' && this.startsTypeName(1)) {
        this.position++;
        const type = this.typeName();
        this.expect(')');
        return { kind: 'cast', type, operand: this.unary() };
      }
    }
    if (token.kind === 'identifier' && token.text === 'sizeof') {
      this.position++;
      if (this.isPunctuator('(') && this.startsTypeName(1)) {
        this.position++;
        const type = this.typeName();
        this.expect(')');
        return { kind: 'sizeofType', type };
      }
      return { kind: 'sizeofExpression', operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expression): Expression {
    let expression = start;
    for (;;) {
      if (this.accept('[')) {
        const index = this.expression();
        this.expect(']');
        expression = { kind: 'index', array: expression, index };
      } else if (this.isPunctuator('.') || this.isPunctuator('->')) {
        const arrow = this.next().text === '->';
        const member = this.next();
        if (member.kind !== 'identifier') throw syntaxError(this.text, member.start);
        expression = { kind: 'member', object: expression, member: member.text, arrow };
      } else if (this.accept('(')) {
        let depth = 1;
        while (depth > 0 && !this.atEnd()) {
          const token = this.next();
          if (token.kind === 'punctuator' && token.text === '(') depth++;
          if (token.kind === 'punctuator' && token.text === ')') depth--;
        }
        if (depth > 0) throw this.error();
        expression = { kind: 'call', callee: expression };
      } else if (this.isPunctuator('++') || this.isPunctuator('--')) {
        expression = { kind: 'increment', operator: this.next().text as '++' | '--' };
      } else {
        return expression;
      }
    }
  }

  private primary(): Expression {
    const token = this.next();
    switch (token.kind) {
      case 'integer':
        return { kind: 'integer', token };
      case 'float':
        return { kind: 'float', token };
      case 'char':
        return { kind: 'char', value: token.value };
      case 'string': {
        // Adjacent string literals concatenate, as in C.
        const codes = [...token.codes];
        while (this.peek().kind === 'string') codes.push(...(this.next() as Extract<Token, { kind: 'string' }>).codes);
        return { kind: 'string', codes };
      }
      case 'identifier':
        return { kind: 'identifier', name: token.text };
      case 'register':
        return { kind: 'register', name: token.name };
      case 'punctuator':
        if (token.text === '(') {
          const inner = this.expression();
          this.expect(')');
          return inner;
        }
        throw syntaxError(this.text, token.start);
      case 'end':
        throw syntaxError(this.text, token.start);
    }
  }

  /** Whether the tokens from `ahead` on begin a type name. */
  startsTypeName(ahead: number): boolean {
    const token = this.peek(ahead);
    if (token.kind !== 'identifier') return false;
    if (BASE_KEYWORDS.has(token.text) || QUALIFIERS.has(token.text)) return true;
    if (token.text === 'struct' || token.text === 'union' || token.text === 'enum') return true;
    return this.isTypedef(token.text);
  }

  typeName(): TypeName {
    const qualifiers: ('const' | 'volatile')[] = [];
    const words: string[] = [];
    let specifier: TypeSpecifier | undefined;
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'identifier') break;
      if (QUALIFIERS.has(token.text)) {
        this.position++;
        if (token.text === 'const' || token.text === 'volatile') qualifiers.push(token.text);
      } else if (BASE_KEYWORDS.has(token.text) && !specifier) {
        this.position++;
        words.push(token.text);
      } else if ((token.text === 'struct' || token.text === 'union' || token.text === 'enum') && !specifier && words.length === 0) {
        this.position++;
        const name = this.next();
        if (name.kind !== 'identifier') throw syntaxError(this.text, name.start);
        specifier = { kind: 'tag', tag: token.text, name: name.text };
      } else if (!specifier && words.length === 0 && this.isTypedef(token.text)) {
        this.position++;
        specifier = { kind: 'typedef', name: token.text };
      } else {
        break;
      }
    }
    if (!specifier) {
      if (words.length === 0) throw this.error();
      specifier = { kind: 'keywords', words };
    }
    return { specifier, qualifiers, steps: this.abstractDeclarator() };
  }

  /** Pointers, then a parenthesised inner declarator, then array and function suffixes. */
  private abstractDeclarator(): DeclaratorStep[] {
    const pointers: DeclaratorStep[] = [];
    while (this.accept('*')) {
      const qualifiers: ('const' | 'volatile')[] = [];
      while (this.peek().kind === 'identifier' && QUALIFIERS.has(this.peek().text)) {
        const word = this.next().text;
        if (word === 'const' || word === 'volatile') qualifiers.push(word);
      }
      pointers.push({ kind: 'pointer', qualifiers });
    }
    let inner: DeclaratorStep[] = [];
    if (this.isPunctuator('(') && (this.isPunctuator('*', 1) || this.isPunctuator('(', 1) || this.isPunctuator('[', 1))) {
      this.position++;
      inner = this.abstractDeclarator();
      this.expect(')');
    }
    const suffixes: DeclaratorStep[] = [];
    for (;;) {
      if (this.accept('[')) {
        let count: number | undefined;
        const token = this.peek();
        if (token.kind === 'integer') {
          this.position++;
          count = Number(token.value);
        }
        this.expect(']');
        suffixes.push({ kind: 'array', count });
      } else if (this.accept('(')) {
        const parameters: TypeName[] = [];
        let variadic = false;
        while (!this.accept(')')) {
          if (this.accept('.')) {
            this.expect('.');
            this.expect('.');
            variadic = true;
          } else {
            parameters.push(this.typeName());
          }
          if (!this.isPunctuator(')')) this.expect(',');
        }
        const onlyVoid = parameters.length === 1 && parameters[0].specifier.kind === 'keywords' && parameters[0].specifier.words.join() === 'void' && parameters[0].steps.length === 0;
        suffixes.push({ kind: 'function', parameters: onlyVoid ? [] : parameters, variadic });
      } else {
        break;
      }
    }
    // `T *[3]`: the array suffix applies to the pointer; `T (*)[3]`: the pointer to the array.
    return [...pointers, ...suffixes.reverse(), ...inner];
  }
}
