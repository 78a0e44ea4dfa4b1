// Lazy PSTATE.NZCV for compiled blocks. A flag-setting instruction (SUBS/CMP, ADDS/CMN,
// ANDS/TST) only copies its operands into the locals fa/fb (bits 31:0) and fah/fbh
// (bits 63:32); a following B.cond/CSEL/CSET tests the condition straight from those
// operands (EQ is fa === fb, LT a signed compare, ...), and the four flags are computed
// into cpu.n/z/c/v only where they may be observed: at block exits, before a call into
// the interpreter, and before an instruction that reads them in a way not fused here.
//
// Where the flags are when the block is left is recorded at run time in the local `fp`
// (0: in cpu; otherwise the code of the pending kind), so every exit is one assignment and
// the block's single epilogue materialises them. A loop body starts in that run-time state.

/** What produced the pending flags: AddWithCarry of fa + fb, of fa - fb, or a logical result fa. */
export const enum FlagOp { Add, Sub, Logic }

export interface PendingFlags {
  readonly op: FlagOp;
  /** 64-bit operation: the high halves are in fah/fbh. */
  readonly wide: boolean;
}

/** Where NZCV is at a point of the generated code. */
export type FlagState =
  | { readonly kind: 'cpu' }
  | { readonly kind: 'pending'; readonly pending: PendingFlags }
  /** Known only at run time, from `fp` (the top of a loop body). */
  | { readonly kind: 'runTime' };

export const FLAGS_IN_CPU: FlagState = { kind: 'cpu' };
export const FLAGS_AT_RUN_TIME: FlagState = { kind: 'runTime' };

/** The 32-bit result of the pending operation, as an int32 expression. */
function result32(p: PendingFlags): string {
  switch (p.op) {
    case FlagOp.Add: return '((fa + fb) | 0)';
    case FlagOp.Sub: return '((fa - fb) | 0)';
    default: return 'fa';
  }
}

/** The high half of the 64-bit result. */
function resultHigh(p: PendingFlags): string {
  switch (p.op) {
    case FlagOp.Add: return '((fah + fbh + (((fa + fb) | 0) >>> 0 < (fa >>> 0) ? 1 : 0)) | 0)';
    case FlagOp.Sub: return '((fah - fbh - ((fa >>> 0) < (fb >>> 0) ? 1 : 0)) | 0)';
    default: return 'fah';
  }
}

/** Statements that store the pending flags into cpu.n, cpu.z, cpu.c, cpu.v. */
export function materialize(p: PendingFlags): string {
  if (p.op === FlagOp.Logic) {
    return p.wide
      ? 'cpu.n = fah >>> 31; cpu.z = (fa | fah) === 0 ? 1 : 0; cpu.c = 0; cpu.v = 0;'
      : 'cpu.n = fa >>> 31; cpu.z = fa === 0 ? 1 : 0; cpu.c = 0; cpu.v = 0;';
  }
  if (!p.wide) {
    // C: no borrow (fa >= fb unsigned) for a subtraction, a wrapped sum for an addition.
    const carry = p.op === FlagOp.Sub ? '(fa >>> 0) >= (fb >>> 0)' : '(fr >>> 0) < (fa >>> 0)';
    // V: the operands (fb inverted for a subtraction) agree in sign and the result differs.
    const sameSign = p.op === FlagOp.Sub ? '(fa ^ fb)' : '~(fa ^ fb)';
    return `fr = ${result32(p)}; cpu.n = fr >>> 31; cpu.z = fr === 0 ? 1 : 0; cpu.c = ${carry} ? 1 : 0; ` +
      `cpu.v = (${sameSign} & (fa ^ fr)) >>> 31;`;
  }
  const carry = p.op === FlagOp.Sub
    ? '((fah >>> 0) > (fbh >>> 0) || (fah === fbh && (fa >>> 0) >= (fb >>> 0)))'
    : '((fah >>> 0) + (fbh >>> 0) + ((((fa + fb) | 0) >>> 0) < (fa >>> 0) ? 1 : 0) > 4294967295)';
  const sameSign = p.op === FlagOp.Sub ? '(fah ^ fbh)' : '~(fah ^ fbh)';
  return `fr = ${resultHigh(p)}; cpu.n = fr >>> 31; cpu.z = (fr | ${result32(p)}) === 0 ? 1 : 0; cpu.c = ${carry} ? 1 : 0; ` +
    `cpu.v = (${sameSign} & (fah ^ fr)) >>> 31;`;
}

/** ConditionHolds(cond) on the flags in cpu.n/z/c/v, as a boolean expression. */
export function conditionFromCpu(cond: number): string {
  const tests = [
    'cpu.z === 1', 'cpu.c === 1', 'cpu.n === 1', 'cpu.v === 1',
    '(cpu.c === 1 && cpu.z === 0)', 'cpu.n === cpu.v', '(cpu.z === 0 && cpu.n === cpu.v)',
  ];
  if ((cond >>> 1) === 7) return 'true';
  const test = tests[cond >>> 1];
  return (cond & 1) === 1 ? `!(${test})` : test;
}

/** ConditionHolds(cond) straight from the pending operands, as a boolean expression. */
export function conditionFromPending(p: PendingFlags, cond: number): string {
  if ((cond >>> 1) === 7) return 'true';
  const direct = fusedCondition(p, cond & ~1);
  if (direct !== undefined) return (cond & 1) === 1 ? `!${direct}` : direct;
  return conditionFromFlags(flagExpressions(p), cond);
}

/** The even (non-inverted) conditions that have a short form for the pending operation. */
function fusedCondition(p: PendingFlags, cond: number): string | undefined {
  if (p.op === FlagOp.Sub && !p.wide) {
    switch (cond) {
      case 0: return '(fa === fb)';                       // EQ
      case 2: return '((fa >>> 0) >= (fb >>> 0))';        // HS
      case 4: return '(((fa - fb) | 0) < 0)';             // MI
      case 8: return '((fa >>> 0) > (fb >>> 0))';         // HI
      case 10: return '(fa >= fb)';                       // GE
      case 12: return '(fa > fb)';                        // GT
      default: return undefined;
    }
  }
  if (p.op === FlagOp.Sub) {
    switch (cond) {
      case 0: return '(fa === fb && fah === fbh)';
      case 2: return '((fah >>> 0) > (fbh >>> 0) || (fah === fbh && (fa >>> 0) >= (fb >>> 0)))';
      case 8: return '((fah >>> 0) > (fbh >>> 0) || (fah === fbh && (fa >>> 0) > (fb >>> 0)))';
      case 10: return '(fah > fbh || (fah === fbh && (fa >>> 0) >= (fb >>> 0)))';
      case 12: return '(fah > fbh || (fah === fbh && (fa >>> 0) > (fb >>> 0)))';
      default: return undefined;
    }
  }
  if (p.op === FlagOp.Logic) {
    const zero = p.wide ? '((fa | fah) === 0)' : '(fa === 0)';
    const negative = p.wide ? '(fah < 0)' : '(fa < 0)';
    switch (cond) {
      case 0: return zero;
      case 2: return 'false';                             // C = 0
      case 4: return negative;
      case 6: return 'false';                             // V = 0
      case 8: return 'false';                             // HI needs C
      case 10: return `!${negative}`;                     // N == V with V = 0
      case 12: return `(!${zero} && !${negative})`;
      default: return undefined;
    }
  }
  if (cond === 0) return p.wide ? `((${result32(p)} | ${resultHigh(p)}) === 0)` : `(${result32(p)} === 0)`;
  return undefined;
}

interface FlagExpressions { n: string; z: string; c: string; v: string }

/** Boolean expressions for each flag of the pending operation. */
function flagExpressions(p: PendingFlags): FlagExpressions {
  const add = p.op === FlagOp.Add;
  if (!p.wide) {
    const r = result32(p);
    return {
      n: `(${r} < 0)`,
      z: `(${r} === 0)`,
      c: add ? `((${r} >>> 0) < (fa >>> 0))` : '((fa >>> 0) >= (fb >>> 0))',
      v: `((${add ? '~(fa ^ fb)' : '(fa ^ fb)'} & (fa ^ ${r})) < 0)`,
    };
  }
  const hi = resultHigh(p);
  return {
    n: `(${hi} < 0)`,
    z: `((${hi} | ${result32(p)}) === 0)`,
    c: add
      ? '((fah >>> 0) + (fbh >>> 0) + ((((fa + fb) | 0) >>> 0) < (fa >>> 0) ? 1 : 0) > 4294967295)'
      : '((fah >>> 0) > (fbh >>> 0) || (fah === fbh && (fa >>> 0) >= (fb >>> 0)))',
    v: `((${add ? '~(fah ^ fbh)' : '(fah ^ fbh)'} & (fah ^ ${hi})) < 0)`,
  };
}

function conditionFromFlags(f: FlagExpressions, cond: number): string {
  let test: string;
  switch (cond >>> 1) {
    case 0: test = f.z; break;
    case 1: test = f.c; break;
    case 2: test = f.n; break;
    case 3: test = f.v; break;
    case 4: test = `(${f.c} && !${f.z})`; break;
    case 5: test = `(${f.n} === ${f.v})`; break;
    default: test = `(!${f.z} && ${f.n} === ${f.v})`; break;
  }
  return (cond & 1) === 1 ? `!${test}` : test;
}
