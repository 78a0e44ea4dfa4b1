// Parser of the debug-console expression language (C expression grammar, integer
// subset) into a small syntax tree the evaluator walks.

import { CType, TYPE_WORDS, lookupNamedType, pointerTo } from './cTypes';
import { ExpressionError, Token, tokenize } from './tokens';

export type Expression =
  | { kind: 'number'; value: bigint; type: CType }
  | { kind: 'identifier'; name: string }
  | { kind: 'unary'; op: '-' | '+' | '!' | '~' | '*' | '&'; operand: Expression }
  | { kind: 'binary'; op: string; left: Expression; right: Expression }
  | { kind: 'conditional'; test: Expression; whenTrue: Expression; whenFalse: Expression }
  | { kind: 'cast'; type: CType; operand: Expression }
  | { kind: 'sizeofType'; type: CType }
  | { kind: 'sizeofExpression'; operand: Expression }
  | { kind: 'index'; base: Expression; index: Expression }
  | { kind: 'member'; base: Expression; member: string; arrow: boolean }
  | { kind: 'assign'; target: Expression; value: Expression };

/** Binary operator precedence (higher binds tighter), as in C. */
const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5,
  '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};

/** Parses an expression of the console language (built-in type names only: C's own types are the value layer's). */
export function parseExpression(source: string): Expression {
  const parser = new Parser(tokenize(source));
  const expression = parser.assignment();
  parser.expectEnd();
  return expression;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw new ExpressionError(`unexpected "${token.text}" at column ${token.at + 1}`);
  }

  assignment(): Expression {
    const target = this.conditional();
    if (this.acceptPunct('=')) return { kind: 'assign', target, value: this.assignment() };
    return target;
  }

  private conditional(): Expression {
    const test = this.binary(1);
    if (!this.acceptPunct('?')) return test;
    const whenTrue = this.assignment();
    this.expectPunct(':');
    return { kind: 'conditional', test, whenTrue, whenFalse: this.conditional() };
  }

  private binary(minPrecedence: number): Expression {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      const precedence = token.kind === 'punct' ? BINARY_PRECEDENCE[token.text] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.position++;
      const right = this.binary(precedence + 1);
      left = { kind: 'binary', op: token.text, left, right };
    }
  }

  private unary(): Expression {
    const token = this.peek();
    if (token.kind === 'punct' && ['-', '+', '!', '~', '*', '&'].includes(token.text)) {
      this.position++;
      return { kind: 'unary', op: token.text as '-', operand: this.unary() };
    }
    if (token.kind === 'identifier' && token.text === 'sizeof') {
      this.position++;
      if (this.isPunct(this.peek(), '(') && this.startsType(this.position + 1)) {
        this.position++;
        const type = this.typeName();
        this.expectPunct(')');
        return { kind: 'sizeofType', type };
      }
      return { kind: 'sizeofExpression', operand: this.unary() };
    }
    const next = this.tokens[this.position + 1];
    if (this.isPunct(token, '(') && next?.kind === 'identifier' && ['struct', 'union', 'enum'].includes(next.text)) {
      throw new ExpressionError(`unknown type "${next.text} ${this.tokens[this.position + 2]?.text ?? ''}"`);
    }
    if (this.isPunct(token, '(') && this.startsType(this.position + 1)) {
      this.position++;
      const type = this.typeName();
      this.expectPunct(')');
      return { kind: 'cast', type, operand: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Expression {
    let expression = this.primary();
    for (;;) {
      if (this.acceptPunct('[')) {
        const index = this.assignment();
        this.expectPunct(']');
        expression = { kind: 'index', base: expression, index };
      } else if (this.isPunct(this.peek(), '.') || this.isPunct(this.peek(), '->')) {
        const arrow = this.next().text === '->';
        const name = this.next();
        if (name.kind !== 'identifier') throw new ExpressionError(`expected a member name after "${arrow ? '->' : '.'}"`);
        expression = { kind: 'member', base: expression, member: name.text, arrow };
      } else {
        return expression;
      }
    }
  }

  private primary(): Expression {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value!, type: literalType(token) };
      case 'char':
        return { kind: 'number', value: token.value!, type: lookupNamedType(['int'])! };
      case 'identifier':
        return { kind: 'identifier', name: token.text };
      case 'punct':
        if (token.text === '(') {
          const inner = this.assignment();
          this.expectPunct(')');
          return inner;
        }
        throw new ExpressionError(`unexpected "${token.text}" at column ${token.at + 1}`);
      case 'end':
        throw new ExpressionError('incomplete expression');
    }
  }

  /** A type name: words such as `unsigned long` or `struct point`, then any number of `*`. */
  private typeName(): CType {
    const words: string[] = [];
    while (this.peek().kind === 'identifier' && this.isTypeWord(this.peek().text)) {
      const word = this.next().text;
      words.push(word);
      // A tag follows struct/union/enum whatever it is called.
      if ((word === 'struct' || word === 'union' || word === 'enum') && this.peek().kind === 'identifier') words.push(this.next().text);
    }
    let type = lookupNamedType(words);
    if (!type) throw new ExpressionError(`unknown type "${words.join(' ')}"`);
    while (this.acceptPunct('*')) {
      type = pointerTo(type);
      while (this.peek().kind === 'identifier' && (this.peek().text === 'const' || this.peek().text === 'volatile')) this.position++;
    }
    return type;
  }

  private startsType(index: number): boolean {
    const token = this.tokens[index];
    return token !== undefined && token.kind === 'identifier' && this.isTypeWord(token.text);
  }

  private isTypeWord(word: string): boolean {
    return TYPE_WORDS.has(word);
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private isPunct(token: Token, text: string): boolean {
    return token.kind === 'punct' && token.text === text;
  }

  private acceptPunct(text: string): boolean {
    if (!this.isPunct(this.peek(), text)) return false;
    this.position++;
    return true;
  }

  private expectPunct(text: string): void {
    const token = this.peek();
    if (!this.acceptPunct(text)) {
      throw new ExpressionError(token.kind === 'end' ? `missing "${text}"` : `expected "${text}" but found "${token.text}"`);
    }
  }
}

/** The C type of an integer literal (C11 6.4.4.1: the first type that can hold it). */
function literalType(token: Token): CType {
  const value = token.value!;
  const candidates: string[][] = [];
  if (!token.longSuffix) {
    if (!token.unsignedSuffix) candidates.push(['int']);
    if (token.unsignedSuffix || !token.decimal) candidates.push(['unsigned', 'int']);
  }
  if (!token.unsignedSuffix) candidates.push(['long']);
  candidates.push(['unsigned', 'long']);
  for (const words of candidates) {
    const type = lookupNamedType(words)!;
    if (type.kind !== 'integer') continue;
    const bits = BigInt(type.size * 8);
    const max = type.signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
    if (value <= max) return type;
  }
  throw new ExpressionError(`number "${token.text}" does not fit in 64 bits`);
}
