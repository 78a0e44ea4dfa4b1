// Tokens of the C expression language of the watch view, hovers and the debug console:
// numbers with C suffixes, character and string literals with C escapes, identifiers,
// `$registers` and C punctuators.

import { EvaluationError } from './evaluationError';

export type Token =
  | { readonly kind: 'integer'; readonly text: string; readonly value: bigint; readonly radix: number; readonly unsigned: boolean; readonly longs: number; readonly start: number }
  | { readonly kind: 'float'; readonly text: string; readonly value: number; readonly suffix: '' | 'f' | 'l'; readonly start: number }
  | { readonly kind: 'char'; readonly text: string; readonly value: number; readonly start: number }
  | { readonly kind: 'string'; readonly text: string; readonly codes: readonly number[]; readonly start: number }
  | { readonly kind: 'identifier'; readonly text: string; readonly start: number }
  | { readonly kind: 'register'; readonly text: string; readonly name: string; readonly start: number }
  | { readonly kind: 'punctuator'; readonly text: string; readonly start: number }
  | { readonly kind: 'end'; readonly text: ''; readonly start: number };

// Longest first, so that "<<=" wins over "<<" and "<".
const PUNCTUATORS = [
  '<<=', '>>=', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', '<', '>', '=', '?', ':', '(', ')', '[', ']', '.', ',', '@',
];

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };

/** A parse error, with where it was found. */
export class ExpressionSyntaxError extends EvaluationError {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

/** gdb's wording for a parse error at `position` of `text`. */
export function syntaxError(text: string, position: number): ExpressionSyntaxError {
  return new ExpressionSyntaxError(`A syntax error in expression, near \`${text.slice(position)}'.`, position);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const char = text[position];
    if (/\s/.test(char)) {
      position++;
      continue;
    }
    const start = position;
    if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(text[position + 1] ?? ''))) {
      const token = readNumber(text, position);
      tokens.push(token);
      position += token.text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(position))!;
      tokens.push({ kind: 'identifier', text: match[0], start });
      position += match[0].length;
      continue;
    }
    if (char === '$') {
      const match = /^\$[A-Za-z0-9_]*/.exec(text.slice(position))!;
      tokens.push({ kind: 'register', text: match[0], name: match[0].slice(1), start });
      position += match[0].length;
      continue;
    }
    if (char === "'" || char === '"') {
      const { codes, end } = readQuoted(text, position, char);
      if (char === "'") {
        if (codes.length !== 1) throw new EvaluationError(codes.length === 0 ? 'Empty character constant.' : 'Invalid character constant.');
        tokens.push({ kind: 'char', text: text.slice(start, end), value: codes[0], start });
      } else {
        tokens.push({ kind: 'string', text: text.slice(start, end), codes, start });
      }
      position = end;
      continue;
    }
    const punctuator = PUNCTUATORS.find((candidate) => text.startsWith(candidate, position));
    if (!punctuator) throw new EvaluationError(`Invalid character '${char}' in expression.`);
    tokens.push({ kind: 'punctuator', text: punctuator, start });
    position += punctuator.length;
  }
  tokens.push({ kind: 'end', text: '', start: text.length });
  return tokens;
}

function readNumber(text: string, start: number): Token {
  const rest = text.slice(start);
  const float = /^(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)([fFlL]?)/.exec(rest);
  if (float && !/^0[xX]/.test(rest)) {
    const suffix = float[1].toLowerCase() as '' | 'f' | 'l';
    const number = float[0].slice(0, float[0].length - float[1].length);
    return { kind: 'float', text: float[0], value: Number(number), suffix, start };
  }
  const integer = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)/.exec(rest);
  if (!integer || /[A-Za-z0-9_.]/.test(rest[integer[0].length] ?? '')) {
    const bad = /^[A-Za-z0-9_.]+/.exec(rest)![0];
    throw new EvaluationError(`Invalid number "${bad}".`);
  }
  const digits = integer[1];
  const suffix = integer[2].toLowerCase();
  const radix = /^0[xX]/.test(digits) ? 16 : /^0[bB]/.test(digits) ? 2 : digits.length > 1 && digits[0] === '0' ? 8 : 10;
  const body = radix === 16 || radix === 2 ? digits.slice(2) : radix === 8 ? digits.slice(1) || '0' : digits;
  let value = 0n;
  for (const digit of body) value = value * BigInt(radix) + BigInt(parseInt(digit, radix));
  const longs = (suffix.match(/l/g) ?? []).length;
  if (longs > 2 || (suffix.match(/u/g) ?? []).length > 1) throw new EvaluationError(`Invalid number "${integer[0]}".`);
  return { kind: 'integer', text: integer[0], value, radix, unsigned: suffix.includes('u'), longs, start };
}

function readQuoted(text: string, start: number, quote: string): { codes: number[]; end: number } {
  const codes: number[] = [];
  let position = start + 1;
  while (position < text.length && text[position] !== quote) {
    if (text[position] !== '\\') {
      codes.push(text.charCodeAt(position) & 0xff);
      position++;
      continue;
    }
    const next = text[position + 1] ?? '';
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(text.slice(position + 1))![0];
      codes.push(parseInt(octal, 8) & 0xff);
      position += 1 + octal.length;
    } else if (next === 'x') {
      const hexDigits = /^[0-9a-fA-F]+/.exec(text.slice(position + 2))?.[0];
      if (!hexDigits) throw new EvaluationError('\\x escape without a following hex digit');
      codes.push(parseInt(hexDigits, 16) & 0xff);
      position += 2 + hexDigits.length;
    } else if (next in ESCAPES) {
      codes.push(ESCAPES[next]);
      position += 2;
    } else {
      codes.push(next.charCodeAt(0) & 0xff);
      position += 2;
    }
  }
  if (position >= text.length) throw new EvaluationError(quote === '"' ? 'Unterminated string in expression.' : 'Unmatched single quote.');
  return { codes, end: position + 1 };
}
