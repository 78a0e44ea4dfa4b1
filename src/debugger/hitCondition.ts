// Hit-count conditions of breakpoints, in the forms VS Code users type (CodeLLDB's
// set): `5` (from the 5th hit on), `== 5`, `> 5`, `>= 5`, `< 5`, `<= 5`, `% 5` (every 5th).

export type HitCondition = (hitCount: number) => boolean;

export class HitConditionError extends Error {}

export function parseHitCondition(text: string): HitCondition {
  const m = /^\s*(==|=|>=|<=|>|<|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) throw new HitConditionError(`hit count "${text}" is not understood: use N, == N, > N, >= N, < N, <= N or % N`);
  const n = Number(m[2]);
  switch (m[1]) {
    case '==': case '=': return count => count === n;
    case '>': return count => count > n;
    case '<': return count => count < n;
    case '<=': return count => count <= n;
    case '%':
      if (n === 0) throw new HitConditionError('hit count "% 0" would divide by zero');
      return count => count % n === 0;
    default: return count => count >= n;
  }
}
