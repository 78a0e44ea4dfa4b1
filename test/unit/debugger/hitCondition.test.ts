import * as assert from 'assert';
import { parseHitCondition } from '../../../src/debugger/hitCondition';

describe('hit conditions', () => {
  const hits = (text: string) => [1, 2, 3, 4, 5, 6].filter(parseHitCondition(text));
  it('understands the forms VS Code users type', () => {
    assert.deepStrictEqual(hits('3'), [3, 4, 5, 6]);
    assert.deepStrictEqual(hits('== 3'), [3]);
    assert.deepStrictEqual(hits('>4'), [5, 6]);
    assert.deepStrictEqual(hits('<= 2'), [1, 2]);
    assert.deepStrictEqual(hits('% 2'), [2, 4, 6]);
  });
  it('rejects nonsense with a message that shows the forms', () => {
    assert.throws(() => parseHitCondition('sometimes'), /use N, == N/);
    assert.throws(() => parseHitCondition('% 0'), /divide by zero/);
  });
});
