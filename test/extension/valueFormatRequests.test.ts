import * as assert from 'assert';
import { variablesInvalidatedEvent, withValueFormat } from '../../src/extension/valueFormatRequests';

describe('extension: hexadecimal/decimal choice on Variables-view requests', () => {
  it('adds format.hex to variables and setVariable requests', () => {
    const variables = { seq: 7, type: 'request', command: 'variables', arguments: { variablesReference: 3 } };
    assert.deepStrictEqual(withValueFormat(variables, false), {
      seq: 7, type: 'request', command: 'variables', arguments: { variablesReference: 3, format: { hex: false } },
    });
    const setVariable = { seq: 8, type: 'request', command: 'setVariable', arguments: { variablesReference: 3, name: 'x0', value: '5' } };
    assert.deepStrictEqual((withValueFormat(setVariable, true) as typeof setVariable & { arguments: { format: unknown } }).arguments.format, { hex: true });
    assert.strictEqual(variables.arguments.hasOwnProperty('format'), false, 'the original message is not modified');
  });

  it('keeps a format the client chose, and leaves other messages untouched', () => {
    const chosen = { seq: 1, type: 'request', command: 'variables', arguments: { variablesReference: 1, format: { hex: true } } };
    assert.strictEqual(withValueFormat(chosen, false), chosen);
    const evaluate = { seq: 2, type: 'request', command: 'evaluate', arguments: { expression: 'x0' } };
    assert.strictEqual(withValueFormat(evaluate, false), evaluate);
    const response = { seq: 3, type: 'response', command: 'variables', request_seq: 1, success: true };
    assert.strictEqual(withValueFormat(response, false), response);
  });

  it('asks the client to re-read the Variables view', () => {
    assert.deepStrictEqual(variablesInvalidatedEvent(), { seq: 0, type: 'event', event: 'invalidated', body: { areas: ['variables'] } });
  });
});
