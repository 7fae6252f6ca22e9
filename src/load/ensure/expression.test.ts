import { describe, expect, it } from 'vitest';
import { compileExpression } from './expression.js';

const evaluate = (text: string, vars: Record<string, unknown> = {}) => {
  const compiled = compileExpression(text);
  if (compiled.state !== 'ok') throw new Error(compiled.message);
  return compiled.evaluate((name) => vars[name]);
};

describe('compileExpression', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 % 4 - 1', 1],
    ['2 < 3 and 3 <= 3 and 4 > 3 and 4 >= 5', false],
    ['1 == 2 or 2 != 3', true],
    ['not 1 == 2', true],
    ['"ok" == status', true],
    ["status == 'ok'", true],
    ['size in (1, 20, 3)', true],
    ['1e3 == 1000', true],
  ])('%s → %s', (text, expected) => {
    expect(evaluate(text, { status: 'ok', size: '20' })).toBe(expected);
  });

  it('treats comparisons with a missing value as false', () => {
    expect(evaluate('missing < 5')).toBe(false);
    expect(evaluate('missing > 5')).toBe(false);
  });

  it.each([
    ['a <', 'unexpected end of expression at column 4'],
    ['(a', 'expected ")" but found end of expression at column 3'],
    ['a # b', 'unexpected "#" at column 3'],
    ['"open', 'unterminated quote at column 1'],
    ['a b', 'unexpected "b" at column 3'],
  ])('rejects %s with a message', (text, message) => {
    expect(compileExpression(text)).toEqual({ state: 'invalid', message });
  });

  it('lists the symbols it reads, so verdicts can show their values', () => {
    const compiled = compileExpression("http.codes.200 > 0 and 'a-b.c' < x");
    expect(compiled.state === 'ok' && compiled.symbols).toEqual(['http.codes.200', 'a-b.c', 'x']);
  });
});
