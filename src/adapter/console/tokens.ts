// Lexer of the debug-console expression language: C integer expressions with register
// names (`$x0`, `sp`), symbols, casts and gdb-style convenience.

export type TokenKind = 'number' | 'char' | 'identifier' | 'punct' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset in the source, for error messages. */
  at: number;
  /** Numbers and character literals. */
  value?: bigint;
  /** Number literal suffix and radix facts the parser uses to pick a C type. */
  unsignedSuffix?: boolean;
  longSuffix?: boolean;
  decimal?: boolean;
}

export class ExpressionError extends Error {}

/** Longest first, so `<<=` is not read as `<<` `=`. */
const PUNCTUATORS = [
  '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '->',
  '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '~', '!', '(', ')', '[', ']', '.', ',', '?', ':', '=',
];

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(ch)) {
      const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)/.exec(source.slice(i))!;
      const digits = m[1];
      const suffix = m[2].toLowerCase();
      if (/^[0-9a-zA-Z_]/.test(source.slice(i + m[0].length))) {
        throw new ExpressionError(`invalid number "${source.slice(i).split(/[^0-9a-zA-Z_]/)[0]}"`);
      }
      let value: bigint;
      if (/^0[bB]/.test(digits)) value = BigInt(digits);
      else if (/^0[xX]/.test(digits)) value = BigInt(digits);
      else if (digits.length > 1 && digits.startsWith('0')) {
        if (!/^[0-7]+$/.test(digits)) throw new ExpressionError(`invalid octal number "${digits}"`);
        value = BigInt('0o' + digits.slice(1));
      } else value = BigInt(digits);
      tokens.push({
        kind: 'number', text: m[0], at: start, value,
        unsignedSuffix: suffix.includes('u'), longSuffix: suffix.includes('l'),
        decimal: !/^0[xXbB]/.test(digits) && !(digits.length > 1 && digits.startsWith('0')),
      });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const m = /^\$?[A-Za-z_][A-Za-z0-9_]*|^\$/.exec(source.slice(i))!;
      tokens.push({ kind: 'identifier', text: m[0], at: start });
      i += m[0].length;
      continue;
    }
    if (ch === "'") {
      const { value, length } = readCharLiteral(source, i);
      tokens.push({ kind: 'char', text: source.slice(i, i + length), at: start, value });
      i += length;
      continue;
    }
    const punct = PUNCTUATORS.find(p => source.startsWith(p, i));
    if (!punct) throw new ExpressionError(`unexpected character "${ch}" at column ${i + 1}`);
    tokens.push({ kind: 'punct', text: punct, at: start });
    i += punct.length;
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

function readCharLiteral(source: string, start: number): { value: bigint; length: number } {
  let i = start + 1;
  let code: number;
  if (source[i] === '\\') {
    const esc = source[i + 1];
    if (esc === 'x') {
      const m = /^[0-9a-fA-F]+/.exec(source.slice(i + 2));
      if (!m) throw new ExpressionError('invalid \\x escape in character literal');
      code = parseInt(m[0], 16) & 0xff;
      i += 2 + m[0].length;
    } else if (esc !== undefined && esc in ESCAPES) {
      code = ESCAPES[esc];
      i += 2;
    } else {
      throw new ExpressionError(`unknown escape "\\${esc ?? ''}" in character literal`);
    }
  } else {
    if (i >= source.length || source[i] === "'") throw new ExpressionError('empty character literal');
    code = source.charCodeAt(i) & 0xff;
    i += 1;
  }
  if (source[i] !== "'") throw new ExpressionError('unterminated character literal');
  return { value: BigInt(code), length: i + 1 - start };
}
