// The debug console's gdb-style commands (`info registers`, `x/4xg $sp`, `p/x`,
// `set $x0 = 5`, `info breakpoints`, `help`) on top of the expression language.
// Anything that is not a command is evaluated as an expression, with an optional
// `,x` style format suffix: C in the selected frame first (the value layer, gdb's
// printing), then the console's own register and symbol language.

import type { ValueNode } from '../../symbols/values';
import { INT, UINT64 } from './cTypes';
import { EvaluationContext, Value, evaluateExpression } from './evaluator';
import { resolveRegisterName } from './registerNames';
import { ExpressionError } from './tokens';
import { FormatLetter, Symbolizer, charEscape, formatValue, hexString, isFormatLetter, splitFormatSuffix } from './valueFormat';

export interface RegisterGroup {
  /** Group name as `info registers GROUP` takes it (`general`, `pstate`, `fp`, `system`, `debug`). */
  name: string;
  title: string;
  /** Register names (console spelling) in display order. */
  registers: string[];
}

export interface ConsoleContext extends EvaluationContext {
  registerGroups(): RegisterGroup[];
  /** A decode shown after a register's value (`[ EL=1 SPSel=1 D A I F ]` for PSTATE). */
  describeRegister(name: string, value: bigint): string | undefined;
  symbolize(address: bigint): string | undefined;
  /** Lines describing every breakpoint, for `info breakpoints`. */
  breakpointSummary(): string[];
  /** Up to `count` instructions from `address`, in the user's view of memory. */
  disassemble(address: bigint, count: number): { address: bigint; text: string }[];
}

export interface ConsoleResult {
  output: string;
  /** The console-language value, when the input was a register or symbol expression (for the evaluate response). */
  value?: Value;
  /** The C value, when the input was a C expression of the selected frame. */
  node?: ValueNode;
  format?: FormatLetter;
  /** Guest memory the command wrote. */
  memoryWritten?: { address: bigint; length: number };
  /** Whether a register changed. */
  registersWritten?: boolean;
}

const HELP_TEXT = [
  'Debug console commands (gdb style):',
  '  EXPR[,F]              evaluate a C integer expression; F = x d u o b c (format)',
  '  p[/F] EXPR            print EXPR (print, p/x, p/d, p/u, p/o, p/t, p/c, p/a)',
  '  set $REG = EXPR       write a register (set $x0 = 5, set $w1 = -1, set $v0.d[1] = 1)',
  '  set *(TYPE *)ADDR = EXPR  write guest memory',
  '  x/NFU ADDR            examine memory: N count, F format (x d u o t a c s i), U unit (b h w g)',
  '                        e.g. x/4xg $sp, x/8xb &counter, x/5i $pc, x/s 0x40001000',
  '  info registers [GROUP|REG...]   groups: general, pstate, fp, system, debug, all',
  '  info breakpoints      list breakpoints',
  '  info symbol ADDR      name the symbol at an address',
  '  help                  this text',
  'Expressions: registers with or without $ (x0 $w3 sp pc lr fp nzcv v0.d[1] esr_el1),',
  'symbols (&main, counter), casts and dereferences (*(uint32_t *)(sp + 8)), and',
  'C operators + - * / % << >> & | ^ ~ ! == != < <= > >= && || ?: =.',
].join('\n');

export class ConsoleCommands {
  private lastExamine: { format: string; unit: string; next?: bigint } = { format: 'x', unit: 'w' };

  constructor(private readonly context: ConsoleContext) {}

  /** Runs one line of console input. Errors come back as `ExpressionError`s. */
  execute(line: string): ConsoleResult {
    const input = line.trim();
    if (input === '') throw new ExpressionError('empty input (type "help" for the commands)');
    const [word, ...restWords] = input.split(/\s+/);
    const rest = input.slice(word.length).trim();
    const command = word.split('/')[0];
    switch (command) {
      case 'help': case 'h': return { output: HELP_TEXT };
      case 'p': case 'print': case 'output': case 'call': return this.print(word, rest);
      case 'x': return this.examine(word, rest);
      case 'info': case 'i': return this.info(restWords);
      case 'set': return this.set(rest);
      default: return this.expression(input);
    }
  }

  private expression(input: string): ConsoleResult {
    const { expression, format } = splitFormatSuffix(input);
    return this.evaluate(expression, format);
  }

  private print(word: string, rest: string): ConsoleResult {
    const letter = word.includes('/') ? word.slice(word.indexOf('/') + 1) : undefined;
    if (letter !== undefined && !isFormatLetter(letter)) throw new ExpressionError(`unknown print format "/${letter}" (use one of x d u o t c a)`);
    if (rest === '') throw new ExpressionError(`usage: ${word} EXPRESSION`);
    return this.evaluate(rest, letter);
  }

  private set(rest: string): ConsoleResult {
    const expression = rest.replace(/^var(iable)?\s+/, '');
    if (!/[^=!<>]=[^=]/.test(expression)) throw new ExpressionError('usage: set $REG = EXPR, or set *(TYPE *)ADDR = EXPR');
    return this.evaluate(expression);
  }

  /** An expression printed in `format` (see evaluateAndPrint). */
  evaluate(expression: string, format?: FormatLetter): ConsoleResult {
    return evaluateAndPrint(this.context, expression, format, a => this.context.symbolize(a));
  }

  private info(words: string[]): ConsoleResult {
    const [what, ...args] = words;
    if (what === undefined) throw new ExpressionError('usage: info registers|breakpoints|symbol');
    if ('registers'.startsWith(what) && what.length >= 1 && what !== 's') return { output: this.infoRegisters(args) };
    if (what === 'all-registers') return { output: this.infoRegisters(['all']) };
    if ('breakpoints'.startsWith(what) && what.length >= 1) {
      const lines = this.context.breakpointSummary();
      return { output: lines.length === 0 ? 'No breakpoints.' : lines.join('\n') };
    }
    if (what === 'symbol' || what === 'sym') {
      const address = BigInt.asUintN(64, evaluateExpression(args.join(' '), this.context).value);
      const name = this.context.symbolize(address);
      return { output: name ? `${name.replace('+0x', ' + ')} in section .text` : `No symbol matches ${hexString(address)}.` };
    }
    throw new ExpressionError(`unknown info command "${what}" (try info registers, info breakpoints, info symbol)`);
  }

  private infoRegisters(args: string[]): string {
    const groups = this.context.registerGroups();
    let names: string[];
    if (args.length === 0) {
      names = groups.find(g => g.name === 'general')?.registers ?? [];
      names = names.concat(groups.find(g => g.name === 'pstate')?.registers.slice(0, 1) ?? []);
    } else if (args.length === 1 && args[0] === 'all') {
      names = groups.flatMap(g => g.registers);
    } else {
      // A register name wins over a group of the same name (`pstate`).
      names = args.flatMap(arg => {
        const group = groups.find(g => g.name === arg.toLowerCase());
        const isRegister = resolveRegisterName(arg, r => this.context.registerExists(r)) !== undefined;
        return group && !isRegister ? group.registers : [arg.replace(/^\$/, '')];
      });
    }
    return names.map(name => this.registerLine(name)).join('\n');
  }

  private registerLine(name: string): string {
    let value: Value;
    try {
      value = evaluateExpression(name.startsWith('$') ? name : `$${name}`, this.context);
    } catch (e) {
      if (e instanceof ExpressionError) throw new ExpressionError(`Invalid register "${name}" (try "info registers all")`);
      throw e;
    }
    const hex = hexString(BigInt.asUintN(value.type.kind === 'integer' ? value.type.size * 8 : 64, value.value));
    const natural = this.context.describeRegister(name, value.value) ?? this.naturalForm(name, value);
    return `${name.padEnd(15)}${hex.padEnd(19)}${natural}`;
  }

  private naturalForm(name: string, value: Value): string {
    if (['pc', 'lr', 'x30', 'sp', 'fp', 'x29'].includes(name)) return formatValue(value, 'a', a => this.context.symbolize(a));
    if (value.type.kind === 'integer' && value.type.size > 8) return '';
    return formatValue(value, 'd');
  }

  /** `x/NFU ADDR`: gdb's examine command. */
  private examine(word: string, rest: string): ConsoleResult {
    const spec = word.includes('/') ? word.slice(word.indexOf('/') + 1) : '';
    const m = /^(\d*)([xduotacsi]?)([bhwg]?)$/.exec(spec);
    if (!m) throw new ExpressionError(`bad format "/${spec}": use /NFU with F one of x d u o t a c s i and U one of b h w g`);
    const count = m[1] === '' ? 1 : Number(m[1]);
    if (count < 1 || count > 4096) throw new ExpressionError('count must be between 1 and 4096');
    let format = m[2] || this.lastExamine.format;
    let unit = m[3] || (m[2] === 'a' ? 'g' : m[2] === 'c' ? 'b' : this.lastExamine.unit);
    if (format === 'a') unit = 'g';
    let address: bigint;
    if (rest === '') {
      if (this.lastExamine.next === undefined) throw new ExpressionError('usage: x/NFU ADDRESS (e.g. x/4xg $sp)');
      address = this.lastExamine.next;
    } else {
      address = BigInt.asUintN(64, evaluateExpression(rest, this.context).value);
    }
    let output: string;
    let next: bigint;
    if (format === 'i') ({ output, next } = this.examineInstructions(address, count));
    else if (format === 's') ({ output, next } = this.examineStrings(address, count));
    else ({ output, next } = this.examineUnits(address, count, format, unit));
    this.lastExamine = { format, unit, next };
    return { output };
  }

  private examineUnits(address: bigint, count: number, format: string, unit: string): { output: string; next: bigint } {
    const size = { b: 1, h: 2, w: 4, g: 8 }[unit as 'b']!;
    const perLine = format === 'c' ? 8 : { b: 8, h: 8, w: 4, g: 2 }[unit as 'b']!;
    const lines: string[] = [];
    let bytes: Uint8Array;
    try {
      bytes = this.context.readMemory(address, count * size);
    } catch {
      bytes = this.readUpToHole(address, count * size);
    }
    const readable = Math.floor(bytes.length / size);
    for (let i = 0; i < readable; i += perLine) {
      const lineAddress = address + BigInt(i * size);
      const items: string[] = [];
      for (let j = i; j < Math.min(i + perLine, readable); j++) {
        let raw = 0n;
        for (let k = size - 1; k >= 0; k--) raw = (raw << 8n) | BigInt(bytes[j * size + k]);
        items.push(formatUnit(raw, size, format, a => this.context.symbolize(a)));
      }
      lines.push(`${this.addressLabel(lineAddress)}:\t${items.join('\t')}`);
    }
    if (readable < count) lines.push(`Cannot access memory at address ${hexString(address + BigInt(readable * size))}`);
    return { output: lines.join('\n'), next: address + BigInt(count * size) };
  }

  /** Reads byte by byte until the first unreadable byte. */
  private readUpToHole(address: bigint, length: number): Uint8Array {
    const out: number[] = [];
    for (let i = 0; i < length; i++) {
      try {
        out.push(this.context.readMemory(address + BigInt(i), 1)[0]);
      } catch {
        break;
      }
    }
    return Uint8Array.from(out);
  }

  private examineInstructions(address: bigint, count: number): { output: string; next: bigint } {
    const instructions = this.context.disassemble(address, count);
    const lines = instructions.map(i => `   ${this.addressLabel(i.address)}:\t${i.text}`);
    if (instructions.length < count) lines.push(`Cannot access memory at address ${hexString(address + BigInt(instructions.length * 4))}`);
    return { output: lines.join('\n'), next: address + BigInt(instructions.length * 4) };
  }

  private examineStrings(address: bigint, count: number): { output: string; next: bigint } {
    const lines: string[] = [];
    let at = address;
    for (let n = 0; n < count; n++) {
      const start = at;
      let text = '';
      let terminated = false;
      for (let i = 0; i < 200; i++) {
        let byte: number;
        try {
          byte = this.context.readMemory(at, 1)[0];
        } catch {
          lines.push(`${this.addressLabel(start)}:\t"${text}"<error: Cannot access memory at address ${hexString(at)}>`);
          return { output: lines.join('\n'), next: at };
        }
        at += 1n;
        if (byte === 0) {
          terminated = true;
          break;
        }
        text += byte === 34 ? '\\"' : charEscape(byte);
      }
      lines.push(`${this.addressLabel(start)}:\t"${text}"${terminated ? '' : '...'}`);
    }
    return { output: lines.join('\n'), next: at };
  }

  private addressLabel(address: bigint): string {
    const name = this.context.symbolize(address);
    return name ? `${hexString(address)} <${name}>` : hexString(address);
  }
}

function formatUnit(raw: bigint, size: number, format: string, symbolize: (a: bigint) => string | undefined): string {
  const bits = BigInt(size * 8);
  switch (format) {
    case 'x': return '0x' + raw.toString(16).padStart(size * 2, '0');
    case 'd': return BigInt.asIntN(Number(bits), raw).toString(10);
    case 'u': return raw.toString(10);
    case 'o': return raw === 0n ? '0' : '0' + raw.toString(8);
    case 't': return raw.toString(2).padStart(size * 8, '0');
    case 'c': return `${BigInt.asIntN(8, raw)} '${charEscape(Number(raw & 0xffn))}'`;
    case 'a': {
      const name = symbolize(raw);
      return name ? `${hexString(raw)} <${name}>` : hexString(raw);
    }
    default: return '0x' + raw.toString(16).padStart(size * 2, '0');
  }
}

function isAssignment(expression: string): boolean {
  return /(^|[^=!<>])=($|[^=])/.test(expression);
}

/** A scalar C value as a console integer, for the format letters gdb's print/FMT takes beyond x. */
function integerValueOf(node: ValueNode): Value {
  const value = node.cValue.integer();
  return { type: node.cValue.byteSize === 8 ? UINT64 : { ...INT, size: node.cValue.byteSize, signed: value < 0n }, value, hexByDefault: false };
}

/**
 * An expression, printed in `format`: C in the selected frame when it names C things
 * there (gdb's printing; `x` as print/x), else the console's register and symbol language.
 */
export function evaluateAndPrint(context: EvaluationContext, expression: string, format: FormatLetter | undefined, symbolize: Symbolizer): ConsoleResult {
  const node = context.evaluateC?.(expression, { hex: format === 'x' });
  if (node) {
    const output = format === undefined || format === 'x' ? node.value : formatValue(integerValueOf(node), format, symbolize);
    return { output, node, format, ...cSideEffects(expression, node) };
  }
  const value = evaluateExpression(expression, context);
  return { output: formatValue(value, format, symbolize), value, format, ...sideEffects(expression, value) };
}

/** Which state an assignment touched, so the session can announce it. */
function sideEffects(expression: string, value: Value): Partial<ConsoleResult> {
  if (!isAssignment(expression) || !value.location) return {};
  if (value.location.kind === 'register') return { registersWritten: true };
  const length = value.type.kind === 'integer' ? value.type.size : 8;
  return { memoryWritten: { address: value.location.address, length } };
}

function cSideEffects(expression: string, node: ValueNode): Partial<ConsoleResult> {
  if (!isAssignment(expression)) return {};
  if (!node.dataAddress) return { registersWritten: true };
  return { memoryWritten: { address: node.dataAddress.address, length: node.dataAddress.size } };
}
